"""Every file the program hands out, built in memory as bytes: PDF, Excel, form file, email.

Callers write the bytes with ``perfgui.fileio.atomic_write_bytes``, so a failure never leaves a
half-written file. Names for the files come from ``names.base_name``.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..model import Form
from ..model.serialize import to_dict
from ..model.stamp import Saved


def saved_of(library, form_id: str) -> Saved:
    """The current revision of a stored form and its saved time (for the stamp on every copy)."""
    current = library.revisions(form_id)[0]
    return Saved(current.number, current.saved_at)


def pdf_bytes(form: Form, landscape: bool = False, saved: Saved | None = None) -> bytes:
    """The printable PDF (ReportLab, see ``perfgui.report``)."""
    from ..report import render_pdf

    return render_pdf(form, landscape=landscape, saved=saved)


def xlsx_bytes(form: Form, saved: Saved | None = None) -> bytes:
    """The Excel file in the official layout, with live formulas and our data hidden inside."""
    from .xlsx_write import xlsx_bytes as build

    return build(form, saved)


def json_bytes(form: Form) -> bytes:
    """Our lossless form file: UTF-8 JSON with format name and version (docs/form-file.md)."""
    text = json.dumps(to_dict(form), ensure_ascii=False, indent=2)
    return text.encode("utf-8") + b"\n"


def eml_bytes(form: Form, pdf: bytes, xlsx: bytes, library_folder: Path | None = None) -> bytes:
    """A draft email (marked unsent) with the PDF and the Excel file attached; its text names the
    form's rule pack (looked up among the shipped ones and the library's, ``library_folder``)."""
    from .mail import draft_eml

    return draft_eml(form, pdf, xlsx, library_folder=library_folder)
