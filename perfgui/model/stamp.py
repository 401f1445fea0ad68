"""What every copy of a form carries so a signed paper can be matched to a saved revision.

A ``Stamp`` is the form's id, the revision it was saved as (when it comes from the library),
the saved time, the content fingerprint, the total and the grade. The PDF prints it on every
page and in a QR code (``qr_text``), the Excel file keeps it in its footer and data sheet, the
email body names it, and ``verify`` reads it back (``parse_qr``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .form import Form, Status
from .numbers import fmt2
from .serialize import fingerprint
from .totals import compute

QR_HEAD = "perfgui 绩效自评表"
_QR_KEYS = (("form_id", "编号"), ("revision", "版本"), ("fingerprint", "指纹"), ("total", "总分"),
            ("grade", "等级"))


@dataclass(frozen=True)
class Saved:
    """Where a form stands in the library: its revision number and when it was saved."""

    revision: int | None = None
    saved_at: datetime.datetime | None = None


@dataclass(frozen=True)
class Stamp:
    form_id: str
    revision: int | None
    saved_at: datetime.datetime | None
    fingerprint: str
    total: str
    grade: str
    draft: bool

    def qr_text(self) -> str:
        """The QR code's content: one ``名称：值`` line per field, readable by any phone."""
        values = {"form_id": self.form_id, "revision": "" if self.revision is None else str(self.revision),
                  "fingerprint": self.fingerprint, "total": self.total, "grade": self.grade}
        return "\n".join([QR_HEAD] + [f"{label}：{values[key]}" for key, label in _QR_KEYS])

    def revision_text(self) -> str:
        """``第 3 版`` when the form comes from the library, else empty."""
        return f"第 {self.revision} 版" if self.revision is not None else ""


def stamp(form: Form, saved: Saved | None = None) -> Stamp:
    """The stamp of a form as it is now (``saved`` says which library revision that is)."""
    saved = saved or Saved()
    totals = compute(form)
    return Stamp(form.id, saved.revision, saved.saved_at, fingerprint(form), fmt2(totals.total_score),
                 totals.grade, form.status is not Status.FINAL)


def parse_qr(text: str) -> dict[str, str] | None:
    """The fields of a ``qr_text`` (keys as ``Stamp``'s), or None when it is not ours."""
    lines = (text or "").replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != QR_HEAD:
        return None
    by_label = {label: key for key, label in _QR_KEYS}
    out: dict[str, str] = {}
    for line in lines[1:]:
        label, sep, value = line.partition("：")
        if sep and label in by_label:
            out[by_label[label]] = value.strip()
    return out
