"""Reading forms from the files people have: every source becomes a ``Grid``, one recogniser
turns any grid into a form and the list of what it guessed (see docs/architecture.md).

Sources (``perfgui.readers.sources``) depend on their libraries (openpyxl, xlrd, python-docx,
pdfplumber, html.parser); the grid and the recogniser are plain Python over the model.
"""
