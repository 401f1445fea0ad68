"""A 汇总 as one object, and as the Excel and PDF files a department sends up.

Excel (XlsxWriter): 汇总 (the roll-up), 明细 (one row per form, filters on, sorted by risk),
问题 (every flag and finding), 无法读取 (every file that could not be read, with the reason),
and 抽查 when a sample was drawn. Every number is a value, not a formula: any viewer shows it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import fmt2, fmt_money
from .collect import Collected
from .records import Record, Unreadable
from .review import Flag, review, risk_of
from .rollup import Rollup, flag_title, rollup

KIND_LABEL = {"department": "部门整体", "project": "项目支出"}


@dataclass
class Summary:
    records: list[Record]
    unreadable: list[Unreadable]
    flags: list[Flag]
    risk: dict[str, tuple[int, list[str]]]
    rollup: Rollup
    sample: list[Record] = field(default_factory=list)
    sample_seed: int | None = None
    cancelled: bool = False

    def rows(self) -> list[dict]:
        """One JSON-ready row per form, riskiest first."""
        out = []
        for r in self.records:
            risk, reasons = self.risk.get(r.path, (0, []))
            out.append({
                "unit": r.unit, "kind": r.kind, "project": r.project, "year": r.year,
                "total": fmt2(r.total_score), "max": fmt2(r.total_max), "grade": r.grade,
                "rate": fmt2(r.rate) if r.rate is not None else None,
                "errors": r.errors, "warnings": r.warnings, "risk": risk, "reasons": reasons,
                "fingerprint": r.fingerprint, "path": r.path, "guesses": r.guesses,
            })
        out.sort(key=lambda row: (-row["risk"], row["path"]))
        return out

    def to_dict(self) -> dict:
        u = self.rollup
        return {
            "forms": u.forms, "unreadable": [{"path": x.path, "reason": x.reason} for x in self.unreadable],
            "grades": u.grades, "mean": fmt2(u.mean) if u.mean is not None else None,
            "spread": fmt2(u.spread) if u.spread is not None else None,
            "planned_yuan": fmt2(u.planned_yuan), "actual_yuan": fmt2(u.actual_yuan),
            "rate": fmt2(u.rate) if u.rate is not None else None,
            "lost_share": [{"section": n, "max": fmt2(m), "lost": fmt2(lo),
                            "lost_pct": fmt2(p) if p is not None else None} for n, m, lo, p in u.lost_share],
            "top_findings": [{"finding": t, "count": c} for t, c in u.top_findings],
            "duplicates": u.duplicates,
            "flags": [{"path": f.path, "code": f.code, "message": f.message} for f in self.flags],
            "rows": self.rows(),
            "sample": {"seed": self.sample_seed, "paths": [r.path for r in self.sample]}
            if self.sample_seed is not None else None,
            "cancelled": self.cancelled,
        }


def summarise(collected: Collected) -> Summary:
    flags = review(collected.records)
    return Summary(collected.records, collected.unreadable, flags, risk_of(flags),
                   rollup(collected.records, flags, len(collected.unreadable)),
                   cancelled=collected.cancelled)


def summary_xlsx(s: Summary) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    title = wb.add_format({"bold": True, "font_size": 14, "font_name": "宋体"})
    head = wb.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True,
                          "font_name": "宋体", "valign": "vcenter"})
    cell = wb.add_format({"border": 1, "text_wrap": True, "font_name": "宋体", "valign": "top"})
    num = wb.add_format({"border": 1, "num_format": "0.00", "font_name": "宋体", "valign": "top"})
    money = wb.add_format({"border": 1, "num_format": "#,##0.00", "font_name": "宋体", "valign": "top"})
    u = s.rollup

    ws = wb.add_worksheet("汇总")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 3, 16)
    ws.write(0, 0, "绩效自评表汇总", title)
    lines = [("表单数", u.forms), ("无法读取的文件", u.unreadable), ("重复报送", u.duplicates),
             ("平均分", u.mean), ("标准差", u.spread), ("最低分", u.lowest), ("最高分", u.highest),
             ("预算合计（元）", u.planned_yuan), ("执行合计（元）", u.actual_yuan), ("总体执行率(%)", u.rate)]
    row = 2
    for label, value in lines:
        ws.write(row, 0, label, cell)
        fmt = money if "元" in label else num if isinstance(value, Decimal) else cell
        ws.write(row, 1, float(value) if isinstance(value, Decimal) else ("" if value is None else value), fmt)
        row += 1
    row += 1
    ws.write_row(row, 0, ["等级", "表单数"], head)
    for grade, n in u.grades.items():
        row += 1
        ws.write_row(row, 0, [grade, n], cell)
    row += 2
    ws.write_row(row, 0, ["一级指标", "分值合计", "失分合计", "失分比例(%)"], head)
    for name, mx, lo, pct in u.lost_share:
        row += 1
        ws.write(row, 0, name, cell)
        ws.write_number(row, 1, float(mx), num)
        ws.write_number(row, 2, float(lo), num)
        ws.write(row, 3, float(pct) if pct is not None else "", num)
    row += 2
    ws.write_row(row, 0, ["最常见的问题", "次数"], head)
    for text, n in u.top_findings:
        row += 1
        ws.write_row(row, 0, [text, n], cell)

    ws = wb.add_worksheet("明细")
    cols = ["单位", "类别", "项目", "年度", "总分", "满分", "等级", "执行率(%)", "错误", "警告", "风险分",
            "风险原因", "指纹", "文件", "读取时的推断"]
    widths = [28, 9, 24, 7, 8, 8, 6, 9, 6, 6, 7, 50, 12, 40, 40]
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    ws.write_row(0, 0, cols, head)
    rows = s.rows()
    for i, r in enumerate(rows, 1):
        values = [r["unit"], KIND_LABEL.get(r["kind"], r["kind"]), r["project"], r["year"] or ""]
        ws.write_row(i, 0, values, cell)
        for c, key in ((4, "total"), (5, "max"), (7, "rate")):
            ws.write(i, c, float(r[key]) if r[key] is not None else "", num)
        ws.write(i, 6, r["grade"], cell)
        ws.write_row(i, 8, [r["errors"], r["warnings"], r["risk"], "\n".join(r["reasons"]),
                            r["fingerprint"], r["path"], "\n".join(r["guesses"][:10])], cell)
    ws.autofilter(0, 0, max(len(rows), 1), len(cols) - 1)
    ws.freeze_panes(1, 1)

    ws = wb.add_worksheet("问题")
    ws.set_column(0, 0, 40)
    ws.set_column(1, 1, 26)
    ws.set_column(2, 2, 80)
    ws.write_row(0, 0, ["文件", "问题", "说明"], head)
    i = 0
    for f in s.flags:
        i += 1
        ws.write_row(i, 0, [f.path, flag_title(f.code), f.message], cell)
    for r in s.records:
        for level, code, message in r.findings:
            i += 1
            ws.write_row(i, 0, [r.path, ("错误" if level == "error" else "警告") + f"（{code}）", message], cell)
    ws.autofilter(0, 0, max(i, 1), 2)

    ws = wb.add_worksheet("无法读取")
    ws.set_column(0, 0, 50)
    ws.set_column(1, 1, 80)
    ws.write_row(0, 0, ["文件", "原因"], head)
    for i, x in enumerate(s.unreadable, 1):
        ws.write_row(i, 0, [x.path, x.reason], cell)

    if s.sample_seed is not None:
        ws = wb.add_worksheet("抽查")
        ws.set_column(0, 0, 28)
        ws.set_column(1, 3, 20)
        ws.write(0, 0, f"随机数种子 {s.sample_seed}：用同一种子可重现同一抽样", title)
        ws.write_row(2, 0, ["单位", "项目", "年度", "文件"], head)
        for i, r in enumerate(s.sample, 3):
            ws.write_row(i, 0, [r.unit, r.project, r.year or "", r.path], cell)
    wb.close()
    return out.getvalue()


def summary_pdf(s: Summary) -> bytes:
    """The roll-up and the riskiest forms on A4 landscape pages (ReportLab platypus tables)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from xml.sax.saxutils import escape

    from ..report import _RENDER_LOCK
    from ..report.fonts import bundled_primary, load

    with _RENDER_LOCK:
        font = load(bundled_primary()).name
        body = ParagraphStyle("body", fontName=font, fontSize=8.5, leading=11)
        h1 = ParagraphStyle("h1", fontName=font, fontSize=16, leading=22, alignment=1)
        h2 = ParagraphStyle("h2", fontName=font, fontSize=11, leading=16, spaceBefore=6)

        def p(text) -> Paragraph:
            return Paragraph(escape("" if text is None else str(text)).replace("\n", "<br/>"), body)

        def table(rows, widths, header=True):
            t = Table([[p(c) for c in r] for r in rows], colWidths=[w * mm for w in widths],
                      repeatRows=1 if header else 0)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF7"))
                                   if header else ("BOX", (0, 0), (-1, -1), 0.4, colors.black)]))
            return t

        u = s.rollup
        story = [Paragraph("绩效自评表汇总", h1), Spacer(1, 4 * mm)]
        story.append(table([["表单数", "无法读取", "重复报送", "平均分", "标准差", "预算合计（元）",
                             "执行合计（元）", "总体执行率(%)"],
                            [u.forms, u.unreadable, u.duplicates, fmt2(u.mean), fmt2(u.spread),
                             fmt_money(u.planned_yuan), fmt_money(u.actual_yuan), fmt2(u.rate)]],
                           [22, 22, 22, 22, 22, 45, 45, 30]))
        story.append(Paragraph("等级分布", h2))
        story.append(table([["等级"] + list(u.grades), ["表单数"] + list(u.grades.values())],
                           [25] + [20] * len(u.grades)))
        story.append(Paragraph("各一级指标失分", h2))
        story.append(table([["一级指标", "分值合计", "失分合计", "失分比例(%)"]] +
                           [[n, fmt2(m), fmt2(lo), fmt2(pc)] for n, m, lo, pc in u.lost_share],
                           [60, 30, 30, 30]))
        story.append(Paragraph("最常见的问题", h2))
        story.append(table([["问题", "次数"]] + [[t, n] for t, n in u.top_findings], [150, 20]))
        story.append(Paragraph("风险较高的表单（按风险分排序）", h2))
        rows = [r for r in s.rows() if r["risk"] > 0][:200]
        story.append(table([["单位/项目", "年度", "总分", "等级", "风险分", "原因"]] +
                           [[r["project"] or r["unit"], r["year"], r["total"], r["grade"], r["risk"],
                             "\n".join(r["reasons"][:4])] for r in rows],
                           [60, 14, 16, 12, 14, 150]))
        if s.unreadable:
            story.append(Paragraph("无法读取的文件", h2))
            story.append(table([["文件", "原因"]] + [[x.path, x.reason] for x in s.unreadable], [110, 156]))
        out = io.BytesIO()
        doc = SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
                                topMargin=14 * mm, bottomMargin=14 * mm, title="绩效自评表汇总",
                                creator="perfgui", invariant=1)

        def number(canvas, doc_):
            canvas.setFont(font, 8)
            canvas.drawRightString(landscape(A4)[0] - 15 * mm, 8 * mm, f"第 {doc_.page} 页")

        doc.build(story, onFirstPage=number, onLaterPages=number)
        return out.getvalue()
