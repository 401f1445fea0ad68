"""A draft email (.eml) that Outlook, Foxmail or Thunderbird open ready to send.

``X-Unsent: 1`` makes Outlook open the file as a new message instead of a received one; there is
no Date or From, so the mail program fills in the sender. Chinese in the subject is encoded as
RFC 2047 words, attachment names as RFC 2231 parameters (``filename*=utf-8''…``) with an RFC 2047
``name`` on the content type as well, which older Outlook versions read instead.
"""

from __future__ import annotations

import email.policy
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

from .. import packs
from ..model import Form
from ..model.serialize import fingerprint
from . import names

XLSX_SUBTYPE = "vnd.openxmlformats-officedocument.spreadsheetml.sheet"


SUBTYPES = {
    ".pdf": "pdf",
    ".xlsx": XLSX_SUBTYPE,
    ".docx": "vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".json": "json",
    ".zip": "zip",
    ".txt": "octet-stream",
}


def pack_line(form: Form, library_folder: Path | None = None) -> str:
    """Which rule pack scored the form, so the recipient knows the rules behind the score."""
    if packs.pack_of(form, library_folder) is None:
        # A finance office's own pack, not installed here: the form carries its rules.
        return f"评分规则：规则包“{form.pack}”（表名《{packs.layout_of(form).title}》）"
    return f"评分规则：{packs.pack_label(form, library_folder)}"


def body_text(form: Form, what: str = "PDF 和 Excel 文件", library_folder: Path | None = None) -> str:
    """The short message under the greeting: what is attached, the score and the rule pack."""
    who = names.subject(form)
    lines = [
        "您好：",
        "",
        f"附件是《{who}》的{what}，请查收。",
        names.summary_line(form),
        pack_line(form, library_folder),
        f"表单指纹：{fingerprint(form)}（与纸质版页脚的指纹一致即为同一版本）",
    ]
    sign = [f"{f.label}：{f.value}" for f in form.signoff.fields
            if f.value.strip() and f.label in ("填表人", "联系电话")]
    if sign:
        lines += [""] + sign
    unit = form.header.unit or form.header.implementer
    if unit:
        lines += ["", unit]
    return "\n".join(lines) + "\n"


def _attachment(data: bytes, subtype: str, filename: str) -> MIMEApplication:
    part = MIMEApplication(data, subtype)  # base64
    # RFC 2231 (``filename*=utf-8''…``) for every modern mail program …
    part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", filename))
    # … and RFC 2047 words in ``name``, which Outlook before 2016 and some webmail read instead.
    part.set_param("name", Header(filename, "utf-8").encode(linesep=" "))
    return part


def draft_eml(form: Form, pdf: bytes, xlsx: bytes, *, base: str | None = None,
              library_folder: Path | None = None) -> bytes:
    """The .eml bytes: subject, short body with the score, PDF and Excel attached."""
    base = base or names.base_name(form)
    return draft_eml_with(form, [(f"{base}.pdf", pdf), (f"{base}.xlsx", xlsx)], library_folder=library_folder)


def draft_eml_with(form: Form, attachments: list[tuple[str, bytes]], *,
                   intro: str = "PDF 和 Excel 文件", library_folder: Path | None = None) -> bytes:
    """The .eml bytes with any files attached (the submission package attaches its own)."""
    msg = MIMEMultipart()
    msg["Subject"] = Header(names.subject(form), "utf-8")
    msg["To"] = ""
    msg["X-Unsent"] = "1"
    msg.attach(MIMEText(body_text(form, intro, library_folder), "plain", "utf-8"))
    for filename, data in attachments:
        subtype = SUBTYPES.get(Path(filename).suffix.lower(), "octet-stream")
        msg.attach(_attachment(data, subtype, filename))
    # compat32 writes the headers exactly as built (the modern policy would re-encode ``name``).
    return msg.as_bytes(policy=email.policy.compat32.clone(linesep="\r\n"))
