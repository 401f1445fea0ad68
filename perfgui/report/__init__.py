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
    from ..model.stamp import Saved

REPLACEMENT = "□"  # the visible stand-in for a character no font has (same as fonts.REPLACEMENT)

__all__ = ["REPLACEMENT", "FontError", "render_pdf", "missing_glyphs", "form_texts", "has_errors",
           "output_warnings", "describe_chars"]

# ReportLab's font registry and TrueType subset state are process-wide; one render at a time.
_RENDER_LOCK = threading.RLock()


def __getattr__(name: str):
    if name == "FontError":
        from .fonts import FontError

        return FontError
    raise AttributeError(name)


def has_errors(form: "Form") -> int:
    """The number of errors ``perfgui.model.check`` finds (finalising such a form needs a reason)."""
    from ..model import ERROR, check

    return sum(1 for f in check(form) if f.level == ERROR)


def render_pdf(form: "Form", *, landscape: bool = False, issued: datetime.date | None = None,
               print_font: str | None = None, saved: "Saved | None" = None) -> bytes:
    """The form as PDF bytes: A4, the official layout, every glyph from an embedded font.

    The form's status decides the 草稿 mark: a draft prints it (drawn as shapes, so it is no
    text of the PDF), a final copy never does. Every page carries the fingerprint and a QR code
    with form id, revision, fingerprint, total and grade (``perfgui.model.stamp``). ``saved``
    says which library revision this is and when it was saved: that time is the PDF's date and
    is printed in the footer; without it the footer shows ``issued`` (default today) as the print
    date. The same form, ``saved`` and ``issued`` give byte-identical output. ``print_font``:
    None picks 宋体 (SimSun) on Windows when installed, else the bundled font; ``"bundled"``
    forces the bundled fonts; a path names a TrueType file. Raises ``FontError`` (Chinese
    message) when a named print font cannot be used.
    """
    from ..model.stamp import stamp
    from .fonts import chain
    from .pdf import Renderer

    if issued is None:
        issued = datetime.date.today()
    with _RENDER_LOCK:
        renderer = Renderer(form, chain(print_font), landscape=landscape, stamp=stamp(form, saved),
                            issued=issued)
        return renderer.render()


def form_texts(form: "Form") -> list[str]:
    """Every piece of the form's own text, and of its layout's, that can appear on paper."""
    h = form.header
    texts = [h.unit, h.project_name, h.department, h.implementer, form.budget.unit,
             form.goals.planned, form.goals.achieved, form.signoff.seal_label]
    texts += [r.label for r in form.budget.rows] + [r.group for r in form.budget.rows]
    for f in form.signoff.fields:
        texts += [f.label, f.value]
    texts += [b.label for b in form.settings.grade_bands] + [form.settings.lowest_grade]
    for node in form.root.walk():
        texts += [node.name, node.target, node.actual, node.reason, node.note]
    texts.append(form.budget.reason)
    # The layout's titles and labels: a finance office's own pack may use rarer characters.
    from .. import packs

    layout = packs.layout_of(form)
    texts += [layout.title, layout.unit_label, layout.budget_title, layout.goals_title, *layout.goals_labels,
              layout.indicator_title, layout.note]
    texts += [c.label for c in layout.columns + layout.budget_columns]
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


def describe_chars(chars: list[str]) -> str:
    """Characters for a message, invisible ones as U+XXXX."""
    # The code point too: the screen font may lack the character as well.
    return "、".join(f"{ch}（U+{ord(ch):04X}）" if ch.isprintable() else f"U+{ord(ch):04X}" for ch in chars)


DRAFT_WARNING = "这是草稿：PDF 每页印有“草稿”水印，不能作为正式报送件；定稿后再打印或导出即为正式版本。"


def output_warnings(form: "Form", *, print_font: str | None = None) -> list[str]:
    """What printing and every export say before a PDF goes out: draft status, missing glyphs.

    The window shows these before printing or exporting, the command line and batch export
    print them on stderr: one list, so every path warns alike.
    """
    from ..model import Status

    out = []
    if form.status is not Status.FINAL:
        out.append(DRAFT_WARNING)
    missing = missing_glyphs(form, print_font=print_font)
    if missing:
        out.append(f"以下字符没有可用字体，将打印为“{REPLACEMENT}”：{describe_chars(missing)}。"
                   "可在表单中改用常用字或文字说明。")
    return out
