"""The 绩效自评报告 draft: a Word file written from the form, every number bound to its field.

The chapters follow the usual structure of published reports (基本情况, 绩效目标及完成情况,
预算执行情况, 自评结论, 偏差原因及改进措施, 结果应用, 附表) in the style of Chinese official
documents (GB/T 9704): 宋体 bold 二号 title, 黑体 三号 chapter headings, 楷体 三号 section
headings, 仿宋 三号 body at a fixed 28-point line, A4 with 37/35/28/26 mm margins, page numbers
"— N —" in the footer. Fonts are named, not embedded: every Chinese Windows PC has them.

Every value taken from the form sits in a content control tagged ``perfgui:KEY``
(``report_fields``), so ``report_check`` can tell which numbers no longer match the form, and
``refresh`` can update the numbers of a report a person has edited while keeping their text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from ..model import Form, FormKind, fmt2
from ..model.totals import node_max, node_score
from .report_fields import TAG_PREFIX, Bound, bound_values, controls, lost_points, open_report

TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体"
BODY_FONT = "仿宋"
TABLE_FONT = "宋体"
SIZE_TITLE = 22  # 二号
SIZE_BODY = 16  # 三号
SIZE_PAGE_NUMBER = 14  # 四号
SIZE_TABLE = 9  # 小五 + a little: nine columns on a portrait page
LINE_PITCH = 28  # points, fixed

CHAPTERS_DEPARTMENT = ("一、基本情况", "二、绩效目标及完成情况", "三、预算执行情况", "四、自评结论",
                       "五、偏差原因及改进措施", "六、结果应用", "七、附表")
CHAPTERS_PROJECT = ("一、项目基本情况", "二、绩效目标及完成情况", "三、预算执行情况", "四、自评结论",
                    "五、偏差原因及改进措施", "六、结果应用", "七、附表")

TABLE_HEADER = ("一级指标", "权重", "二级指标", "三级指标", "年度指标值", "全年完成值", "分值", "得分",
                "偏差及原因分析")


def chapters(form: Form) -> tuple[str, ...]:
    return CHAPTERS_PROJECT if form.kind is FormKind.PROJECT else CHAPTERS_DEPARTMENT


def report_title(form: Form) -> str:
    year = f"{form.header.year}年度" if form.header.year else ""
    if form.kind is FormKind.PROJECT:
        name = form.header.project_name or "项目"
        return f"{year}{name}项目支出绩效自评报告"
    unit = form.header.unit or "单位"
    return f"{unit}{year}部门整体支出绩效自评报告"


# -- low-level Word XML ------------------------------------------------------------------------
def _fonts(run_or_style, name: str, size: float | None = None, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = name
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def _bound_run(paragraph, bound: Bound, font: str, size: float, bold: bool = False):
    """A run inside an inline content control tagged with the value's key."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run(bound.text)
    _fonts(run, font, size, bold)
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    alias = OxmlElement("w:alias")
    alias.set(qn("w:val"), bound.label[:255])
    tag = OxmlElement("w:tag")
    tag.set(qn("w:val"), TAG_PREFIX + bound.key)
    pr.append(alias)
    pr.append(tag)
    content = OxmlElement("w:sdtContent")
    run._r.addprevious(sdt)
    sdt.append(pr)
    sdt.append(content)
    content.append(run._r)
    return run


@dataclass
class _Writer:
    form: Form
    values: dict[str, Bound]
    doc: object = None
    missing: list[str] = field(default_factory=list)

    # paragraphs --------------------------------------------------------------------------------
    def para(self, *parts, indent: bool = True, align=None, font: str = BODY_FONT,
             size: float = SIZE_BODY, bold: bool = False, style: str | None = None):
        """A paragraph of text pieces; a piece ``("=", key)`` is the bound value ``key``."""
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Pt

        p = self.doc.add_paragraph(style=style)
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PITCH if size >= SIZE_BODY else size * 1.5)
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(size * 2)
        if align is not None:
            p.alignment = align
        for part in parts:
            self.piece(p, part, font, size, bold)
        return p

    def piece(self, p, part, font: str, size: float, bold: bool) -> None:
        """Text, or ``("=", key)``: the bound value ``key`` in its content control."""
        if isinstance(part, tuple):
            bound = self.values.get(part[1])
            if bound is None:
                self.missing.append(part[1])
            else:
                _bound_run(p, bound, font, size, bold)
        elif part:
            _fonts(p.add_run(part), font, size, bold)

    def heading(self, text: str, level: int = 1):
        font = HEADING_FONT if level == 1 else SUBHEADING_FONT
        p = self.para(text, font=font, bold=level == 2, style=f"Heading {level}")
        p.paragraph_format.keep_with_next = True
        return p

    def prose(self, text: str, empty: str) -> None:
        """The person's own text from the form, one paragraph per line; ``empty`` if none."""
        lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
        for line in lines or [empty]:
            self.para(line)

    # document ----------------------------------------------------------------------------------
    def setup(self) -> None:
        from docx import Document
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm, RGBColor

        self.doc = Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        styles = self.doc.styles
        _fonts(styles["Normal"], BODY_FONT, SIZE_BODY)
        for level, font in ((1, HEADING_FONT), (2, SUBHEADING_FONT)):
            st = styles[f"Heading {level}"]
            _fonts(st, font, SIZE_BODY, level == 2)
            st.font.color.rgb = RGBColor(0, 0, 0)
            st.font.italic = False
        props = self.doc.core_properties
        props.title = report_title(self.form)
        props.author = self.values["unit"].text or "perfgui"
        props.comments = f"由 perfgui 按表单 {self.form.id} 生成；指纹 {self.values['fingerprint'].text}"
        self._page_numbers(section)

    def landscape_section(self) -> None:
        """The 附表 is printed across the page, as the official table is."""
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.shared import Mm

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(25), Mm(22)
        section.left_margin, section.right_margin = Mm(25), Mm(25)

    def _page_numbers(self, section) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _fonts(p.add_run("— "), TITLE_FONT, SIZE_PAGE_NUMBER)
        run = p.add_run()
        _fonts(run, TITLE_FONT, SIZE_PAGE_NUMBER)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                           ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            elif text.strip() == "PAGE":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            else:
                el = OxmlElement("w:t")
                el.text = text
            run._r.append(el)
        _fonts(p.add_run(" —"), TITLE_FONT, SIZE_PAGE_NUMBER)

    def write(self) -> bytes:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        self.setup()
        form = self.form
        self.para(report_title(form), indent=False, align=WD_ALIGN_PARAGRAPH.CENTER,
                  font=TITLE_FONT, size=SIZE_TITLE, bold=True)
        self.para("", indent=False)
        names = chapters(form)
        self.basics(names[0])
        self.goals(names[1])
        self.budget(names[2])
        self.heading(names[3])
        self.para("经自评，", ("=", "year"), "年度", self._who_key_text(), "绩效自评总分",
                  ("=", "total_score"), "分（满分", ("=", "total_max"), "分），自评等级为“",
                  ("=", "grade"), "”。共设三级指标", ("=", "indicators"), "个，其中",
                  ("=", "lost_count"), "个未得满分。")
        self.deviations(names[4])
        self.heading(names[5])
        self.para("本单位将自评结果作为改进预算管理、完善绩效目标和安排以后年度预算的重要依据；对未得满分的"
                  "指标逐项分析原因、落实整改，并按规定将自评结果随决算公开。")
        self.landscape_section()
        self.heading(names[6])
        self.para("附表：《", form.title, "》（表单指纹 ", ("=", "fingerprint"), "）", indent=False)
        self.table()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _who_key_text(self):
        return ("=", "project_name") if self.form.kind is FormKind.PROJECT else ("=", "unit")

    def basics(self, title: str) -> None:
        form = self.form
        self.heading(title)
        if form.kind is FormKind.PROJECT:
            self.para("项目名称：", ("=", "project_name"), "；主管部门：", ("=", "department"),
                      "；实施单位：", ("=", "unit"), "。")
            self.para(("=", "year"), "年度项目资金全年预算数", ("=", "budget.total.planned"),
                      ("=", "budget.unit"), "，全年执行数", ("=", "budget.total.actual"),
                      ("=", "budget.unit"), "，执行率", ("=", "budget.rate"), "%。")
        else:
            self.para(("=", "unit"), "（以下简称“本单位”）", ("=", "year"), "年度部门整体支出全年预算数",
                      self._sum_text("planned"), ("=", "budget.unit"), "，全年执行数",
                      self._sum_text("actual"), ("=", "budget.unit"), "，执行率", ("=", "budget.rate"),
                      "%。")

    @staticmethod
    def _sum_text(attr: str):
        # The department's whole budget is the sum over its 资金来源 rows.
        return ("=", f"budget.sources.{attr}")

    def goals(self, title: str) -> None:
        form = self.form
        self.heading(title)
        planned = "（一）预期目标" if form.kind is FormKind.PROJECT else "（一）年初设定目标"
        achieved = "（二）实际完成情况" if form.kind is FormKind.PROJECT else "（二）全年完成情况"
        self.heading(planned, 2)
        self.prose(form.goals.planned, "表中未填写年度绩效目标。")
        self.heading(achieved, 2)
        self.prose(form.goals.achieved, "表中未填写全年完成情况。")
        self.heading("（三）各项指标得分情况", 2)
        for section in form.sections:
            self.para(section.name or "（未命名）", "：分值", ("=", f"section.{section.id}.max"),
                      "分，得分", ("=", f"section.{section.id}.score"), "分。")

    def budget(self, title: str) -> None:
        form = self.form
        self.heading(title)
        b = form.budget
        for row in b.rows:
            if row.planned is None and row.actual is None and row.initial is None:
                continue
            group = f"{row.group}：" if row.group and row.group != "其中" else ""
            parts = [group, row.label, "："]
            if row.initial is not None:
                parts += ["年初预算数", ("=", f"budget.{row.key}.initial"), ("=", "budget.unit"), "，"]
            parts += ["全年预算数", ("=", f"budget.{row.key}.planned"), ("=", "budget.unit"),
                      "，全年执行数", ("=", f"budget.{row.key}.actual"), ("=", "budget.unit")]
            if row.rate is not None:
                parts += ["，执行率", ("=", f"budget.{row.key}.rate"), "%"]
            self.para(*parts, "。")
        if b.points is not None:
            self.para("预算执行率指标分值", ("=", "budget.points"), "分，按执行率计得",
                      ("=", "budget.score"), "分。")

    def deviations(self, title: str) -> None:
        self.heading(title)
        lost = lost_points(self.form)
        if not lost:
            self.para("各项三级指标均得满分，无偏差。")
            return
        for i, leaf in enumerate(lost, 1):
            self.heading(f"（{_cn_number(i)}）{leaf.name or '（未命名指标）'}", 2)
            self.para("该指标年度指标值为", ("=", f"node.{leaf.id}.target"), "，全年完成值为",
                      ("=", f"node.{leaf.id}.actual"), "；分值", ("=", f"node.{leaf.id}.max"), "分，得分",
                      ("=", f"node.{leaf.id}.score"), "分。")
            reason = leaf.reason.strip()
            self.para("偏差原因：", reason or "表中未填写偏差原因，请与表格一并补充。")
            self.para("改进措施：针对上述原因，在以后年度绩效目标设定和预算执行中加强过程监控，"
                      "确保指标按期保质完成。")

    # the table itself ---------------------------------------------------------------------------
    def table(self) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.shared import Mm

        form = self.form
        rows = _table_rows(form)
        table = self.doc.add_table(rows=1 + len(rows) + 1, cols=len(TABLE_HEADER))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = (20, 11, 22, 45, 27, 27, 14, 14, 67)  # mm: the landscape body, 247
        ncols = len(TABLE_HEADER)
        # table.cell() walks the whole table each call; before any merge, cells are row-major.
        cells = table._cells
        table.autofit = False
        for col, grid_col in enumerate(table._tbl.tblGrid.gridCol_lst):
            grid_col.w = Mm(widths[col])  # what LibreOffice and WPS lay out by
        for i, cell in enumerate(cells):
            cell.width = Mm(widths[i % ncols])  # what Word lays out by
        for col, label in enumerate(TABLE_HEADER):
            self._cell(cells[col], label, bold=True)
        _repeat_as_header(table.rows[0])
        for r, row in enumerate(rows, 1):
            for col, piece in enumerate(row.cells):
                if piece is not None:
                    self._cell(cells[r * ncols + col], piece)
        for (r0, c), r1 in _vertical_merges(rows).items():
            table.cell(r0 + 1, c).merge(table.cell(r1 + 1, c))
        last = len(rows) + 1
        merged = table.cell(last, 0).merge(table.cell(last, 5))
        self._cell(merged, "总分", bold=True)
        self._cell(table.cell(last, 6), ("=", "total_max"), bold=True)
        self._cell(table.cell(last, 7), ("=", "total_score"), bold=True)
        self._cell(table.cell(last, 8), ("=", "grade"), bold=True)
        self.para("", indent=False)
        self.para("自评得分：", ("=", "total_score"), "    自评等级：", ("=", "grade"), indent=False)

    def _cell(self, cell, piece, bold: bool = False) -> None:
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Pt

        p = cell.paragraphs[0]
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.space_before = fmt.space_after = Pt(0)
        self.piece(p, piece, TABLE_FONT, SIZE_TABLE, bold)


@dataclass
class _Row:
    cells: list  # per column: text, ("=", key), or None (empty)
    owners: list  # per column: the node whose label spans here (for vertical merges), or None


def _table_rows(form: Form) -> list[_Row]:
    from ..model import fmt_weight

    rows: list[_Row] = []
    for section in form.sections:
        groups = section.children or [section]
        for group in groups:
            leaves = group.children or [group]
            for leaf in leaves:
                scored = leaf.is_scored
                cells = [
                    section.name, fmt_weight(section.weight) if section.weight is not None
                    else fmt2(node_max(section)),
                    group.name if group is not section else "",
                    leaf.name if leaf is not group else (group.note or ""),
                    leaf.target if scored else "", leaf.actual if scored else "",
                    ("=", f"node.{leaf.id}.max") if scored else fmt2(node_max(leaf)),
                    ("=", f"node.{leaf.id}.score") if scored else fmt2(node_score(leaf)),
                    leaf.reason if scored else "",
                ]
                owners = [section, section, group, None, None, None, None, None, None]
                rows.append(_Row(cells, owners))
    # A merged label keeps its text in the first row of its run only.
    for r in range(1, len(rows)):
        for c in (0, 1, 2):
            if rows[r].owners[c] is rows[r - 1].owners[c]:
                rows[r].cells[c] = None
    return rows


def _vertical_merges(rows: list[_Row]) -> dict[tuple[int, int], int]:
    """(first row, column) → last row of each run of one label in columns 一级, 权重, 二级."""
    merges: dict[tuple[int, int], int] = {}
    for c in (0, 1, 2):
        start = 0
        for r in range(1, len(rows) + 1):
            if r == len(rows) or rows[r].owners[c] is not rows[start].owners[c]:
                if r - 1 > start:
                    merges[(start, c)] = r - 1
                start = r
    return merges


def _repeat_as_header(row) -> None:
    """The column labels repeat at the top of every page the table continues on."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _cn_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def report_docx(form: Form) -> bytes:
    """The report draft of ``form`` as .docx bytes."""
    writer = _Writer(form, bound_values(form))
    data = writer.write()
    if writer.missing:  # a key the writer asked for that the form has no value for: a bug
        raise ValueError(f"report keys without a value: {writer.missing}")
    return data


# -- refreshing an edited report ---------------------------------------------------------------
@dataclass
class Refresh:
    """What ``refresh`` changed in a report: (label, old text, new text) per number."""

    data: bytes
    updated: list[tuple[str, str, str]] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)  # bound values the form no longer has
    unbound: list[str] = field(default_factory=list)  # new lost-point indicators without a section


def refresh(report: bytes, form: Form) -> Refresh:
    """The person's edited report with every bound number brought up to date; their text stays."""
    from docx.oxml.ns import qn

    doc = open_report(report)
    values = bound_values(form)
    result = Refresh(b"")
    seen: set[str] = set()
    for sdt, key in controls(doc):
        seen.add(key)
        runs = sdt.findall(f"./{qn('w:sdtContent')}//{qn('w:r')}")
        old = "".join(t.text or "" for t in sdt.iter(qn("w:t")))
        bound = values.get(key)
        if bound is None:
            result.gone.append(old)
            continue
        if old != bound.text:
            result.updated.append((bound.label, old, bound.text))
            _set_text(runs, bound.text)
    for leaf in lost_points(form):
        # Only the 偏差原因 chapter binds an indicator's 全年完成值 (the table prints it as text).
        if f"node.{leaf.id}.actual" not in seen:
            result.unbound.append(leaf.path())
    out = io.BytesIO()
    doc.save(out)
    result.data = out.getvalue()
    return result


def _set_text(runs, text: str) -> None:
    from docx.oxml.ns import qn

    if not runs:
        return
    first = runs[0]
    for t in first.findall(qn("w:t")):
        first.remove(t)
    t = first.makeelement(qn("w:t"), {})
    t.text = text
    first.append(t)
    for r in runs[1:]:
        r.getparent().remove(r)
