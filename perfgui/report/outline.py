"""Text drawn as shapes: the 草稿 watermark as filled glyph outlines, not as text.

So copying, searching or extracting a page (pdftotext) never scatters 草/稿 through the goals
and the table. The outlines are data (``resources/print/watermark.json``, made from the bundled
font by ``tools/make_watermark.py``), so the program needs no font parser of its own.
"""

from __future__ import annotations

import functools
import json

from ..resources import resource_path

WATERMARK_FILE = ("print", "watermark.json")


@functools.lru_cache(maxsize=1)
def _glyphs() -> dict:
    path = resource_path(*WATERMARK_FILE)
    return json.loads(path.read_text(encoding="utf-8"))["glyphs"]


def text_path(canvas, text: str, size: float):
    """A ReportLab path of ``text`` set at ``size`` from (0, 0), and its width in points.

    Only the characters in the outline file can be drawn; others are left as a gap.
    """
    glyphs = _glyphs()
    path = canvas.beginPath()
    x = 0.0
    for ch in text:
        glyph = glyphs.get(ch)
        if glyph is None:
            x += size
            continue
        for op in glyph["ops"]:
            pts = [(x + op[k] * size, op[k + 1] * size) for k in range(1, len(op), 2)]
            if op[0] == "M":
                path.moveTo(*pts[0])
            elif op[0] == "L":
                path.lineTo(*pts[0])
            elif op[0] == "C":
                path.curveTo(*pts[0], *pts[1], *pts[2])
            else:
                path.close()
        x += glyph["advance"] * size
    return path, x
