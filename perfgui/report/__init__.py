"""The printed form: PDF bytes built from the model alone (no Qt, no library).

``render_pdf`` lays out the official 绩效自评表 on A4 with ReportLab; ``missing_glyphs`` lists
the characters that no bundled or print font has, which print as ``REPLACEMENT`` (□). ReportLab
and the fonts are loaded on first use, so importing this package is cheap.
"""

from __future__ import annotations

import datetime
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Form

REPLACEMENT = "□"  # the visible stand-in for a character no font has (same as fonts.REPLACEMENT)

__all__ = ["REPLACEMENT", "FontError", "render_pdf", "missing_glyphs", "form_texts", "has_errors"]

# ReportLab's font registry and TrueType subset state are process-wide; one render at a time.
_RENDER_LOCK = threading.RLock()


def __getattr__(name: str):
    if name == "FontError":
        from .fonts import FontError

        return FontError
    raise AttributeError(name)


def has_errors(form: "Form") -> int:
    """The number of errors ``perfgui.model.check`` finds: a form with any prints as a draft."""
    from ..model import ERROR, check

    return sum(1 for f in check(form) if f.level == ERROR)


def render_pdf(form: "Form", *, landscape: bool = False, draft: bool | None = None,
               issued: datetime.date | None = None, print_font: str | None = None) -> bytes:
    """The form as PDF bytes: A4, the official layout, every glyph from an embedded font.

    ``draft=None`` prints the 草稿 mark iff the form has errors; ``draft=False`` is the person's
    confirmation to print a final copy anyway. A final copy carries the form's fingerprint in
    the footer. ``issued`` is the print date shown (default today): the same form and date give
    byte-identical output. ``print_font``: None picks 宋体 (SimSun) on Windows when installed,
    else the bundled font; ``"bundled"`` forces the bundled fonts; a path names a TrueType file.
    Raises ``FontError`` (Chinese message) when a named print font cannot be used.
    """
    from ..model.serialize import fingerprint
    from .fonts import chain
    from .pdf import Renderer

    if draft is None:
        draft = has_errors(form) > 0
    if issued is None:
        issued = datetime.date.today()
    with _RENDER_LOCK:
        renderer = Renderer(form, chain(print_font), landscape=landscape, draft=draft,
                            fingerprint=None if draft else fingerprint(form), issued=issued)
        return renderer.render()


def form_texts(form: "Form") -> list[str]:
    """Every piece of the form's own text that can appear on paper."""
    h = form.header
    texts = [h.unit, h.project_name, h.department, h.implementer, form.budget.unit,
             form.goals.planned, form.goals.achieved, form.signoff.seal_label]
    texts += [r.label for r in form.budget.rows] + [r.group for r in form.budget.rows]
    for f in form.signoff.fields:
        texts += [f.label, f.value]
    texts += [b.label for b in form.settings.grade_bands] + [form.settings.lowest_grade]
    for node in form.root.walk():
        texts += [node.name, node.target, node.actual, node.reason, node.note]
    return [t for t in texts if t]


def missing_glyphs(form: "Form", *, print_font: str | None = None) -> list[str]:
    """Characters of the form's text that no font has, in order of first appearance.

    They print as ``REPLACEMENT`` (□); the window lists them before printing.
    """
    from .fonts import chain, is_invisible

    with _RENDER_LOCK:
        fonts = chain(print_font)
        seen: dict[str, None] = {}
        for text in form_texts(form):
            for ch in text:
                if ch in seen or ch in "\n\r\t" or is_invisible(ch):
                    continue
                seen[ch] = None
                fonts.resolve(ch)
        return list(fonts.missing)
