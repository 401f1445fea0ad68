"""The renderer: a form to PDF bytes with ReportLab, in small overridable steps.

``Renderer.render()`` lays out the title, the grids of ``official`` and the sign-off block on
pages (``layout.Flow``), then draws every page on a ReportLab canvas: the 草稿 watermark behind
(a draft only, drawn as glyph outlines so it is not text), the grid lines, the text (each glyph
from an embedded font), the running head and the footer with the saved time, 第 X 页 共 Y 页,
the fingerprint and a QR code of the form's stamp. ReportLab's ``invariant`` mode and the
form's saved time as the document date make the same form give the same bytes.
"""

from __future__ import annotations

import datetime
import io

from ..model import Form
from ..model.stamp import Stamp
from ..model.totals import Totals, compute
from . import official as O
from .fonts import FontChain
from .layout import PAD_X, PAD_Y, Block, Flow, PrintGridSlice, Page, PlacedBlock
from .textflow import Line, Typesetter

BORDER_WIDTH = 0.5  # points
BOLD_STROKE = 0.028  # fake bold: outline stroke as a fraction of the type size
WATERMARK_GRAY = 0.8
SIGN_ROW_MM = 11.0
SIGN_LINE_MM = 48.0
SEAL_SPACE_MM = 30.0
DRAFT_NOTE = "非正式版本"  # in a draft's footer (no 草/稿: extracted text never holds the watermark's words)
QR_MM = 13.0  # the QR code's side, in the bottom margin at the right end of the footer
QR_BOTTOM_MM = 3.0  # its distance from the paper's bottom edge


class Renderer:
    """One form, one set of options, one PDF."""

    def __init__(self, form: Form, chain: FontChain, *, landscape: bool, stamp: Stamp,
                 issued: datetime.date) -> None:
        self.form = form
        self.chain = chain
        self.geo = O.Geometry(landscape)
        self.stamp = stamp
        self.draft = stamp.draft
        self.fingerprint = stamp.fingerprint
        self.issued = issued
        self.setter = Typesetter(chain)
        self._qr_forms: set[str] = set()
        self.totals: Totals = compute(form)
        self.font_names = chain.names

    # -- layout ----------------------------------------------------------------------------
    def layout(self) -> list[Page]:
        flow = Flow(self.geo.body_height, self.setter)
        flow.add_block(self.title_block())
        flow.add_grid(O.header_grid(self.form, self.geo))
        flow.add_grid(O.budget_grid(self.form, self.geo))
        flow.add_grid(O.goals_grid(self.form, self.geo))
        signoff = self.signoff_block()
        score = O.score_grid(self.form, self.totals, self.geo)
        score.measure(self.setter)
        flow.add_grid(O.indicator_grid(self.form, self.totals, self.geo),
                      tail=score.natural_height() + signoff.height)
        flow.add_grid(score, keep_with_next=signoff.height)
        flow.add_block(signoff)
        return flow.pages

    def title_block(self) -> Block:
        title_h = O.TITLE_SIZE * 1.6
        year_h = O.YEAR_SIZE * 1.8

        def draw(painter: "_PagePainter", y: float) -> None:
            w = self.geo.body_width
            painter.text_line(O.title_text(self.form), 0, y, w, title_h, O.TITLE_SIZE, "center", bold=True)
            painter.text_line(O.year_text(self.form), 0, y + title_h, w, year_h, O.YEAR_SIZE, "center")

        return Block(title_h + year_h, draw, keep_with_next=40.0)

    def signoff_block(self) -> Block:
        fields = self.form.signoff.fields
        pairs = [fields[i:i + 2] for i in range(0, len(fields), 2)]
        row_h = SIGN_ROW_MM * O.MM
        top_gap = 6.0 * O.MM
        seal_h = SEAL_SPACE_MM * O.MM
        height = top_gap + len(pairs) * row_h + seal_h

        def draw(painter: "_PagePainter", y: float) -> None:
            w = self.geo.body_width
            col_w = w / 2
            line_w = min(SIGN_LINE_MM * O.MM, col_w - 30 * O.MM)
            yy = y + top_gap
            for pair in pairs:
                for k, f in enumerate(pair):
                    x = k * col_w + 4 * O.MM
                    label = f"{f.label}："
                    lw = self.setter.width(label, O.BODY_SIZE + 1)
                    painter.text_line(label, x, yy, lw + 2, row_h, O.BODY_SIZE + 1, "left", pad=0)
                    painter.hline(x + lw + 2, yy + row_h * 0.72, line_w)
                    if f.value:
                        painter.text_line(f.value, x + lw + 4, yy, line_w - 4, row_h * 0.68, O.BODY_SIZE + 1,
                                          "left", pad=0, valign="bottom")
                yy += row_h
            seal = self.form.signoff.seal_label
            painter.text_line(seal, col_w, yy + seal_h * 0.55, col_w - 8 * O.MM, row_h, O.BODY_SIZE + 1, "right", pad=0)

        return Block(height, draw)

    # -- drawing ---------------------------------------------------------------------------
    def render(self) -> bytes:
        from reportlab.pdfgen.canvas import Canvas

        pages = self.layout()
        buf = io.BytesIO()
        # The initial font is ours too, or ReportLab would reference a non-embedded Helvetica.
        canvas = Canvas(buf, pagesize=(self.geo.page_width, self.geo.page_height), invariant=1,
                        pageCompression=1, initialFontName=self.chain.primary.name,
                        initialFontSize=O.BODY_SIZE)
        canvas.setTitle(f"{self.form.title}{O.year_text(self.form)}")
        canvas.setAuthor(self.form.header.unit or self.form.header.project_name)
        canvas.setSubject(("草稿 " if self.draft else "") + f"表单指纹 {self.fingerprint}")
        canvas.setKeywords(self.stamp.qr_text().replace("\n", "; "))
        canvas.setCreator("perfgui")
        moment = self.stamp.saved_at
        if moment is None:
            moment = datetime.datetime.combine(self.issued, datetime.time(), datetime.timezone.utc)
        canvas.setDateFormatter(lambda *_: pdf_date(moment))
        total = len(pages)
        for number, page in enumerate(pages, 1):
            painter = _PagePainter(canvas, self, self.geo)
            if self.draft:
                self.draw_watermark(painter)
            for item in page.items:
                if isinstance(item, PlacedBlock):
                    item.block.draw(painter, item.y)
                elif isinstance(item, PrintGridSlice):
                    painter.grid(item)
            if number > 1:
                self.draw_running_head(painter)
            self.draw_footer(painter, number, total)
            painter.finish()
            canvas.showPage()
        canvas.save()
        return buf.getvalue()

    def qr_form(self, canvas, text: str) -> str:
        """The name of a form XObject drawing the QR code of ``text`` in a unit square."""
        name = "perfguiQR"  # one QR code per document: every page carries the same stamp
        if name in self._qr_forms:
            return name
        from reportlab.graphics.barcode.qr import QrCodeWidget

        code = QrCodeWidget(text, barLevel="M").qr
        code.make()
        n = code.getModuleCount()
        unit = 1.0 / n
        canvas.beginForm(name, lowerx=0, lowery=0, upperx=1, uppery=1)
        path = canvas.beginPath()
        for r in range(n):
            for col in range(n):
                if code.isDark(r, col):
                    path.rect(col * unit, 1.0 - (r + 1) * unit, unit, unit)
        canvas.setFillGray(0)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.endForm()
        self._qr_forms.add(name)
        return name

    def draw_watermark(self, painter: "_PagePainter") -> None:
        painter.watermark("草稿", O.WATERMARK_SIZE, WATERMARK_GRAY)

    def date_text(self) -> str:
        """The footer's date: the saved time (and revision) when known, else the print date."""
        st = self.stamp
        if st.saved_at is None:
            return f"打印日期：{self.issued.isoformat()}"
        when = st.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        rev = f"（{st.revision_text()}）" if st.revision is not None else ""
        return f"保存时间：{when}{rev}"

    def draw_running_head(self, painter: "_PagePainter") -> None:
        g = self.geo
        y = O.RUNNING_HEAD_BASELINE * O.MM - g.top  # above the body: negative body coordinates
        who = self.form.header.project_name if self.form.kind.value == "project" else self.form.header.unit
        size = O.RUNNING_HEAD_SIZE
        left = f"{O.title_text(self.form)}{O.year_text(self.form)}（续）"
        left_w = self.setter.width(left, size)
        # One line only: a unit name too long for the rest of the line is shortened here
        # (page 1 carries it in full).
        room = g.body_width - left_w - 6 * O.MM
        painter.text_line(left, 0, y - size, g.body_width, size * 1.3, size, "left", pad=0)
        painter.text_line(self.fit(who, room, size), 0, y - size, g.body_width, size * 1.3, size, "right", pad=0)

    def fit(self, text: str, width: float, size: float) -> str:
        """``text`` cut with an ellipsis to fit on one line of ``width`` points."""
        if self.setter.width(text, size) <= width:
            return text
        out = text
        while out and self.setter.width(out + "…", size) > width:
            out = out[:-1]
        return out + "…" if out else ""

    def draw_footer(self, painter: "_PagePainter", number: int, total: int) -> None:
        g = self.geo
        size = O.FOOTER_SIZE
        # Footer baseline measured from the paper's bottom edge, in body coordinates.
        y = g.page_height - O.FOOTER_BASELINE * O.MM - g.top - size
        painter.text_line(f"第 {number} 页 共 {total} 页", 0, y, g.body_width, size * 1.3, size, "center", pad=0)
        painter.text_line(self.date_text(), 0, y, g.body_width, size * 1.3, size, "left", pad=0)
        qr = QR_MM * O.MM
        room = g.body_width - qr - 2 * O.MM
        # One footer line: a second one would read as a row of the table to programs that
        # extract the table from the PDF.
        right = f"{DRAFT_NOTE}　表单指纹：{self.fingerprint}" if self.draft else f"表单指纹：{self.fingerprint}"
        painter.text_line(right, 0, y, room, size * 1.3, size, "right", pad=0)
        painter.qr(self.stamp.qr_text(), g.body_width - qr, g.page_height - g.top - QR_BOTTOM_MM * O.MM - qr, qr)


class _PagePainter:
    """Collects one page's lines and text and writes them to the canvas in two batches."""

    def __init__(self, canvas, renderer: Renderer, geo: O.Geometry) -> None:
        self.canvas = canvas
        self.r = renderer
        self.geo = geo
        self.x0 = geo.left
        self.y0 = geo.page_height - geo.top  # PDF y of the body's top edge
        self.text = canvas.beginText()
        self.path = canvas.beginPath()
        self.font = None
        self.bold = False
        self.names = renderer.font_names

    # Body coordinates (x right, y down from the body's top) to PDF coordinates.
    def X(self, x: float) -> float:
        return self.x0 + x

    def Y(self, y: float) -> float:
        return self.y0 - y

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.path.rect(self.X(x), self.Y(y + h), w, h)

    def hline(self, x: float, y: float, w: float) -> None:
        self.path.moveTo(self.X(x), self.Y(y))
        self.path.lineTo(self.X(x + w), self.Y(y))

    def lines(self, lines: tuple[Line, ...] | list[Line], x: float, y: float, w: float, h: float, size: float,
              align: str, bold: bool = False, pad: float = PAD_X, valign: str = "middle") -> None:
        """Set lines in the box (x, y, w, h), aligned, vertically centred (or bottom)."""
        if not lines:
            return
        leading = size * 1.32
        block = len(lines) * leading
        if valign == "middle":
            top = y + max(0.0, (h - block) / 2)
        elif valign == "bottom":
            top = y + h - block
        else:
            top = y + PAD_Y
        t = self.text
        if bold != self.bold:
            t.setTextRenderMode(2 if bold else 0)
            self.bold = bold
        # Baseline: the em box centred in the line, CJK glyphs sit 0.12 em above its bottom.
        base = (leading - size) / 2 + size * 0.88
        for i, line in enumerate(lines):
            if align == "left":
                lx = x + pad
            elif align == "right":
                lx = x + w - pad - line.width
            else:
                lx = x + (w - line.width) / 2
            t.setTextOrigin(self.X(lx), self.Y(top + i * leading + base))
            for index, run in line.runs:
                key = (index, size)
                if key != self.font:
                    t.setFont(self.names[index], size)
                    self.font = key
                t.textOut(run)

    def text_line(self, text: str, x: float, y: float, w: float, h: float, size: float, align: str,
                  bold: bool = False, pad: float = PAD_X, valign: str = "middle") -> None:
        lines = self.r.setter.lines(text, max(1.0, w - 2 * pad), size)
        self.lines(lines, x, y, w, h, size, align, bold, pad, valign)

    def grid(self, sl: PrintGridSlice) -> None:
        grid = sl.grid
        if not sl.rows:
            return
        placed = {}
        for pr in sl.rows:
            placed.setdefault(pr.row, pr)  # header copies come first on their page
            cells = grid.rows[pr.row]
            for i, cell in enumerate(cells):
                if cell.rowspan > 1:
                    continue
                self.rect(cell.x, pr.y, cell.width, pr.height)
                lines = cell.lines
                if pr.pieces is not None and i in pr.pieces:
                    a, b = pr.pieces[i]
                    lines = lines[a:b]
                    if cell.continued and any(start > 0 for start, _ in pr.pieces.values()):
                        # A later piece of a cut row says whose text continues here.
                        lines = self.r.setter.lines(cell.continued, max(1.0, cell.width - 2 * PAD_X), cell.size)
                    self.lines(lines, cell.x, pr.y, cell.width, pr.height, cell.size, cell.align, cell.bold,
                               valign="top")
                else:
                    self.lines(lines, cell.x, pr.y, cell.width, pr.height, cell.size, cell.align, cell.bold,
                               valign=cell.valign)
        rows_by_index: dict[int, list] = {}
        for pr in sl.rows:
            rows_by_index.setdefault(pr.row, []).append(pr)
        lo, hi = sl.rows[0].row, sl.rows[-1].row
        for span in grid.spans:
            if span.last < lo or span.first > hi:
                continue
            parts = [pr for r in range(span.first, span.last + 1) for pr in rows_by_index.get(r, ())]
            if not parts:
                continue
            top = min(pr.y for pr in parts)
            bottom = max(pr.y + pr.height for pr in parts)
            cell = span.cell
            self.rect(cell.x, top, cell.width, bottom - top)
            lines = cell.lines
            room = int((bottom - top - 2 * PAD_Y) // cell.leading)
            if len(lines) > room:
                # Only a label taller than a whole page gets here: it is cut at the box.
                lines = lines[:max(room, 0)]
            self.lines(lines, cell.x, top, cell.width, bottom - top, cell.size, cell.align, cell.bold)

    def watermark(self, text: str, size: float, gray: float) -> None:
        """``text`` large, grey and slanted across the page, as filled glyph outlines."""
        from .outline import text_path

        c = self.canvas
        c.saveState()
        c.setFillGray(gray)
        c.translate(self.geo.page_width / 2, self.geo.page_height / 2)
        c.rotate(35)
        path, width = text_path(c, text, size)
        c.translate(-width / 2, -size * 0.35)
        c.drawPath(path, stroke=0, fill=1, fillMode=0)
        c.restoreState()

    def qr(self, text: str, x: float, y: float, side: float) -> None:
        """A QR code of ``text``, ``side`` points square, its top-left corner at (x, y).

        Encoded once per document (ReportLab's encoder is pure Python) and drawn as a form
        XObject that every page reuses. The modules are filled squares of one path: ReportLab's
        QR drawing would go through renderPDF, which selects a non-embedded Helvetica text state.
        """
        c = self.canvas
        name = self.r.qr_form(c, text)
        c.saveState()
        c.translate(self.X(x), self.Y(y + side))
        c.scale(side, side)
        c.doForm(name)
        c.restoreState()

    def finish(self) -> None:
        c = self.canvas
        c.setLineWidth(BORDER_WIDTH)
        c.drawPath(self.path, stroke=1, fill=0)
        # Fake bold is text render mode 2 (fill and stroke); its outline width is set here.
        c.setLineWidth(BOLD_STROKE * O.BODY_SIZE)
        c.drawText(self.text)


def pdf_date(moment: datetime.datetime) -> str:
    """A moment as a PDF date string, in UTC: ``D:20250301083000+00'00'``."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    utc = moment.astimezone(datetime.timezone.utc)
    return utc.strftime("D:%Y%m%d%H%M%S+00'00'")
