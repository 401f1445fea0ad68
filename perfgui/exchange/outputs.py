"""Every file the program hands out, built in memory as bytes: PDF, Excel, form file, email.

Callers write the bytes with ``perfgui.fileio.atomic_write_bytes``, so a failure never leaves a
half-written file. Names for the files come from ``names.base_name``.
"""

from __future__ import annotations

import json

from ..model import Form
from ..model.serialize import to_dict

def pdf_bytes(form: Form, landscape: bool = False) -> bytes:
    """The printable PDF (ReportLab, see ``perfgui.report``)."""
    from ..report import render_pdf

    return render_pdf(form, landscape=landscape)


def xlsx_bytes(form: Form) -> bytes:
    """The Excel file in the official layout, with live formulas and our data hidden inside."""
    from .xlsx_write import xlsx_bytes as build

    return build(form)


def json_bytes(form: Form) -> bytes:
    """Our lossless form file: UTF-8 JSON with format name and version (docs/form-file.md)."""
    text = json.dumps(to_dict(form), ensure_ascii=False, indent=2)
    return text.encode("utf-8") + b"\n"


def eml_bytes(form: Form, pdf: bytes, xlsx: bytes) -> bytes:
    """A draft email (marked unsent) with the PDF and the Excel file attached."""
    from .mail import draft_eml

    return draft_eml(form, pdf, xlsx)
