"""The one-page 报送清单 of a submission package: each file with its size and SHA-256.

Drawn straight on the ReportLab canvas (one small table needs no page-break engine) with the
bundled, embedded CJK font (its Latin digits are even-width, so digests line up for reading out).
"""

from __future__ import annotations

import datetime
import io

from . import _RENDER_LOCK

MM = 72 / 25.4


def manifest_pdf(title: str, lines: list[tuple[str, str]], files: list[tuple[str, int, str]],
                 issued: datetime.datetime | None = None) -> bytes:
    """A4 PDF: ``title``, (label, value) lines, then a table of (file name, bytes, SHA-256)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    from .fonts import bundled_primary, load

    with _RENDER_LOCK:
        cjk = load(bundled_primary()).name
        out = io.BytesIO()
        page_w, page_h = A4
        c = Canvas(out, pagesize=A4, invariant=1, pageCompression=1)
        c.setTitle(title)
        c.setCreator("perfgui")
        left, right = 20 * MM, page_w - 20 * MM
        y = page_h - 25 * MM
        c.setFont(cjk, 18)
        c.drawCentredString(page_w / 2, y, title)
        y -= 14 * MM
        c.setFont(cjk, 10.5)
        for label, value in lines:
            c.drawString(left, y, f"{label}：{value}")
            y -= 6.5 * MM
        y -= 3 * MM
        name_w = 80 * MM
        size_w = 26 * MM
        row_h = 11 * MM
        c.setLineWidth(0.6)
        header = ("文件", "大小（字节）", "SHA-256")
        xs = (left, left + name_w, left + name_w + size_w, right)

        def row(cells, top, bold=False):
            c.rect(left, top - row_h, right - left, row_h)
            for x in xs[1:-1]:
                c.line(x, top, x, top - row_h)
            name, size, digest = cells
            c.setFont(cjk, 8)
            lines = _wrap(name, name_w - 4 * MM, cjk, 8, stringWidth)[:2]
            for i, line in enumerate(lines):
                offset = (len(lines) - 1) * 4.5 - i * 9
                c.drawString(xs[0] + 2 * MM, top - row_h / 2 - 3 + offset, line)
            c.setFont(cjk, 9)
            c.drawRightString(xs[2] - 2 * MM, top - row_h / 2 - 3, size)
            if bold:
                c.drawString(xs[2] + 2 * MM, top - row_h / 2 - 3, digest)
            else:
                c.setFont(cjk, 7.6)
                c.drawString(xs[2] + 2 * MM, top - row_h / 2 + 1, digest[:32])
                c.drawString(xs[2] + 2 * MM, top - row_h / 2 - 7, digest[32:])

        row(header, y, bold=True)
        y -= row_h
        for name, size, digest in files:
            row((name, f"{size:,}", digest), y)
            y -= row_h
        y -= 8 * MM
        c.setFont(cjk, 9)
        c.drawString(left, y, "核对方法：对每个文件计算 SHA-256（Windows：certutil -hashfile 文件名 SHA256），"
                              "应与上表一致。")
        stamp = (issued or datetime.datetime.now()).strftime("%Y-%m-%d %H:%M")
        c.drawRightString(right, 15 * MM, f"生成时间：{stamp}")
        c.showPage()
        c.save()
        return out.getvalue()


def _wrap(text, width, font, size, measure) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (file names have no spaces)."""
    lines, line = [], ""
    for ch in text:
        if line and measure(line + ch, font, size) > width:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line] if line else lines
