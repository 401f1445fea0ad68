"""The numbers (and names) a 自评报告 takes from its form, each under a stable key.

The report writer prints each of them inside a Word content control tagged ``perfgui:KEY``;
the report checker reads the controls back and compares their text with ``bound_values`` of the
form as it is now. Keys name the form field the value came from (``node.<id>.score``,
``budget.<key>.actual`` …), so a moved paragraph or an edited sentence around a number does not
matter: only the number.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ..model import Form, FormKind, compute, fmt2, fmt_money, fmt_weight
from ..model.serialize import fingerprint
from ..model.totals import budget_score, node_max, node_score
from .errors import ImportFailed

TAG_PREFIX = "perfgui:"
MAX_REPORT_BYTES = 50 * 1024 * 1024
MAX_XML_BYTES = 60 * 1024 * 1024  # a report's XML, unpacked: far above any real one


@dataclass(frozen=True)
class Bound:
    """One value of the form as the report prints it."""

    key: str
    label: str  # what a person calls it, for messages: "总分", "产出指标 › 数量指标 › X 得分"
    text: str


def lost_points(form: Form) -> list:
    """The scored indicators whose 得分 is below their 分值, in table order."""
    out = []
    for leaf in form.root.scored_leaves():
        if leaf.max_points is not None and leaf.score is not None and leaf.score < leaf.max_points:
            out.append(leaf)
    return out


def bound_values(form: Form) -> dict[str, Bound]:
    """Every value a report of ``form`` binds, by key, formatted as the report prints it."""
    t = compute(form)
    h = form.header
    values: list[Bound] = [
        Bound("year", "年度", str(h.year) if h.year else ""),
        Bound("unit", "单位名称" if form.kind is FormKind.DEPARTMENT else "实施单位",
              h.unit if form.kind is FormKind.DEPARTMENT else (h.implementer or h.unit)),
        Bound("total_score", "自评总分", fmt2(t.total_score)),
        Bound("total_max", "满分", fmt2(t.total_max)),
        Bound("grade", "自评等级", t.grade),
        Bound("indicators", "三级指标个数", str(t.indicators)),
        Bound("lost_count", "失分指标个数", str(len(lost_points(form)))),
        Bound("fingerprint", "指纹", fingerprint(form)),
    ]
    if form.kind is FormKind.PROJECT:
        values += [Bound("project_name", "项目名称", h.project_name),
                   Bound("department", "主管部门", h.department)]
    b = form.budget
    values.append(Bound("budget.unit", "金额单位", b.unit))
    rate = b.execution_rate
    values.append(Bound("budget.rate", "预算执行率", fmt2(rate)))
    if b.points is not None:
        values += [Bound("budget.points", "预算执行分值", fmt_weight(b.points)),
                   Bound("budget.score", "预算执行得分", fmt2(budget_score(b, form.settings)))]
    if form.kind is FormKind.DEPARTMENT:
        values += [Bound("budget.sources.planned", "资金来源合计全年预算数",
                         fmt_money(b.group_sum("资金来源", "planned"))),
                   Bound("budget.sources.actual", "资金来源合计全年执行数",
                         fmt_money(b.group_sum("资金来源", "actual")))]
    for row in b.rows:
        name = f"{row.group}{row.label}" if row.group and row.group != "其中" else row.label
        if row.initial is not None or form.kind is FormKind.PROJECT:
            values.append(Bound(f"budget.{row.key}.initial", f"{name}年初预算数",
                                fmt_money(row.initial)))
        values += [Bound(f"budget.{row.key}.planned", f"{name}全年预算数", fmt_money(row.planned)),
                   Bound(f"budget.{row.key}.actual", f"{name}全年执行数", fmt_money(row.actual)),
                   Bound(f"budget.{row.key}.rate", f"{name}执行率", fmt2(row.rate))]
    for section in form.sections:
        values += [Bound(f"section.{section.id}.max", f"{section.name}分值", fmt2(node_max(section))),
                   Bound(f"section.{section.id}.score", f"{section.name}得分",
                         fmt2(node_score(section)))]
    for leaf in form.root.scored_leaves():
        path = leaf.path()
        values += [Bound(f"node.{leaf.id}.max", f"{path} 分值", fmt2(leaf.max_points)),
                   Bound(f"node.{leaf.id}.score", f"{path} 得分", fmt2(leaf.score)),
                   Bound(f"node.{leaf.id}.target", f"{path} 年度指标值", leaf.target),
                   Bound(f"node.{leaf.id}.actual", f"{path} 全年完成值", leaf.actual)]
    return {v.key: v for v in values}


def open_report(data: bytes):
    """The .docx as a python-docx Document, or ``ImportFailed`` with a Chinese message."""
    if len(data) > MAX_REPORT_BYTES:
        raise ImportFailed("报告文件超过 50 MB：请确认选对了文件。")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFailed("这是旧版 Word（.doc）文件：请在 Word 或 WPS 中另存为 .docx 后再检查。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            total = sum(i.file_size for i in z.infolist())
            if total > MAX_XML_BYTES or "word/document.xml" not in z.namelist():
                raise ImportFailed("文件不是可以检查的 Word（.docx）报告。")
    except zipfile.BadZipFile:
        raise ImportFailed("文件不是 Word（.docx）文件，或已损坏：请重新保存后再检查。") from None
    from docx import Document

    try:
        return Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise ImportFailed(f"无法读取 Word 报告（{type(exc).__name__}）：请在 Word 中打开并重新保存。") from None


def controls(doc):
    """(sdt element, key) of every perfgui control in the body, headers and footers."""
    from docx.oxml.ns import qn

    parts = [doc.element.body]
    for section in doc.sections:
        for hf in (section.header, section.footer):
            parts.append(hf._element)
    for part in parts:
        for sdt in part.iter(qn("w:sdt")):
            tag = sdt.find(f"./{qn('w:sdtPr')}/{qn('w:tag')}")
            val = tag.get(qn("w:val")) if tag is not None else ""
            if val and val.startswith(TAG_PREFIX):
                yield sdt, val[len(TAG_PREFIX):]
