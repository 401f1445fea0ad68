"""Checking a 自评报告 (.docx) against its form: what a reviewer finds wrong in published reports.

- a bound number (``report_fields``) whose text no longer equals the form's value, or whose form
  field is gone;
- placeholders left in the text (``XX``, ``××``, ``【请填写】``, ``＿＿＿``, ``{{…}}``);
- chapters with nothing under their heading;
- broken fields: Word's "错误!未定义书签。" / "Error! Reference source not found." left as text,
  and REF fields that point to a bookmark the document does not have.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ..model import Form
from .report_fields import bound_values, controls, open_report


PLACEHOLDER = re.compile(
    r"X{2,}|x{3,}|×{2,}|Ｘ{2,}|＊{2,}|\*{3,}|_{3,}|＿{2,}|…{3,}|"
    r"【[^】]{0,20}(?:填|写|输入|待定|补充)[^】]{0,20}】|\{\{[^}]*\}\}|"
    r"（(?:请|待)(?:填写|补充|输入)[^）]{0,20}）|\[(?:请|待)(?:填写|补充|输入)[^\]]{0,20}\]")
BROKEN_FIELD = re.compile(
    r"错误[!！]\s*(?:未定义书签|引用源未找到|书签未定义|文档中没有指定样式的文字)|"
    r"Error!\s*(?:Bookmark not defined|Reference source not found|No text of specified style)",
    re.IGNORECASE)
REF_FIELD = re.compile(r"^\s*(?:REF|PAGEREF)\s+(\S+)", re.IGNORECASE)


@dataclass
class Mismatch:
    key: str
    label: str
    report: str  # the text in the report
    form: str | None  # the form's value now; None when the field is gone from the form


@dataclass
class ReportCheck:
    numbers_checked: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)  # "chapter: …text…"
    empty_chapters: list[str] = field(default_factory=list)
    broken_fields: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.mismatches or self.placeholders or self.empty_chapters
                    or self.broken_fields)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["ok"] = self.ok
        return d

    def lines(self) -> list[str]:
        """The findings as Chinese sentences, one a line."""
        out = []
        counts: dict[tuple[str, str], int] = {}
        for m in self.mismatches:
            counts[(m.key, m.report)] = counts.get((m.key, m.report), 0) + 1
        said: set[tuple[str, str]] = set()
        for m in self.mismatches:
            if (m.key, m.report) in said:
                continue
            said.add((m.key, m.report))
            times = counts[(m.key, m.report)]
            where = f"（{times} 处）" if times > 1 else ""
            if m.form is None:
                out.append(f"报告中的“{m.label}”为 {m.report}{where}，表中已没有这一项。")
            else:
                out.append(f"报告中的“{m.label}”为 {m.report or '（空）'}{where}，"
                           f"表中为 {m.form or '（空）'}。")
        out += [f"留有占位文字：{p}" for p in self.placeholders]
        out += [f"章节“{c}”下没有内容。" for c in self.empty_chapters]
        out += [f"域代码损坏：{b}" for b in self.broken_fields]
        return out


def _text(el) -> str:
    from docx.oxml.ns import qn

    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def check_report(data: bytes, form: Form) -> ReportCheck:
    """Every way the report ``data`` disagrees with ``form`` or is unfinished."""
    from docx.oxml.ns import qn

    doc = open_report(data)
    result = ReportCheck()
    values = bound_values(form)
    for sdt, key in controls(doc):
        result.numbers_checked += 1
        text = _text(sdt.find(qn("w:sdtContent")))
        bound = values.get(key)
        if bound is None:
            result.mismatches.append(Mismatch(key, _alias(sdt) or key, text, None))
        elif text.strip() != bound.text.strip():
            result.mismatches.append(Mismatch(key, bound.label, text, bound.text))

    styles = _style_names(doc)
    chapter, content = "", 0
    bookmarks = {b.get(qn("w:name")) for b in doc.element.body.iter(qn("w:bookmarkStart"))}
    for p in doc.element.body.iter(qn("w:p")):
        style = _style_of(p, styles)
        text = _text(p).strip()
        if style.startswith("Heading 1") or style.startswith("标题 1"):
            if chapter and not content:
                result.empty_chapters.append(chapter)
            chapter, content = text, 0
            continue
        if text and not style.startswith("Heading"):
            content += 1
        where = chapter or "标题"
        for m in PLACEHOLDER.finditer(text):
            result.placeholders.append(f"{where}：…{_around(text, m)}…")
        for m in BROKEN_FIELD.finditer(text):
            result.broken_fields.append(f"{where}：“{m.group(0)}”")
        for instr in p.iter(qn("w:instrText")):
            ref = REF_FIELD.match(instr.text or "")
            if ref and ref.group(1) not in bookmarks:
                result.broken_fields.append(f"{where}：引用了不存在的书签“{ref.group(1)}”")
        for simple in p.iter(qn("w:fldSimple")):
            ref = REF_FIELD.match(simple.get(qn("w:instr")) or "")
            if ref and ref.group(1) not in bookmarks:
                result.broken_fields.append(f"{where}：引用了不存在的书签“{ref.group(1)}”")
    if chapter and not content:
        result.empty_chapters.append(chapter)
    return result


def _alias(sdt) -> str:
    from docx.oxml.ns import qn

    alias = sdt.find(f"./{qn('w:sdtPr')}/{qn('w:alias')}")
    return alias.get(qn("w:val")) if alias is not None else ""


def _style_names(doc) -> dict[str, str]:
    return {st.style_id: st.name or st.style_id for st in doc.styles}


def _style_of(p, styles: dict[str, str]) -> str:
    from docx.oxml.ns import qn

    ps = p.find(f"./{qn('w:pPr')}/{qn('w:pStyle')}")
    if ps is None:
        return ""
    style_id = ps.get(qn("w:val")) or ""
    return styles.get(style_id, style_id)


def _around(text: str, m: re.Match, width: int = 12) -> str:
    return text[max(0, m.start() - width): m.end() + width]
