"""Write resources/print/watermark.json: the outlines of the 草稿 watermark's glyphs.

The watermark is drawn as shapes, not text (so copying or extracting a PDF's text never picks
up 草/稿). Its outlines come from the bundled WenQuanYi Micro Hei, read here with fontTools, so
the program itself needs no font parser beyond ReportLab's. Run after changing the text or the
font: ``python tools/make_watermark.py``; tests/report/test_report_pdf.py checks the file
against the font.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TEXT = "草稿"
OUT = ROOT / "resources" / "print" / "watermark.json"


def outlines(font_path: Path, text: str, index: int = 0) -> dict:
    """{char: {"advance": em, "ops": [[op, x, y, …], …]}} with coordinates in em, 4 decimals."""
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont

    class Pen(BasePen):
        def __init__(self, glyphs):
            super().__init__(glyphs)
            self.ops = []

        def _moveTo(self, pt):  # noqa: N802 - fontTools' names
            self.ops.append(["M", *pt])

        def _lineTo(self, pt):  # noqa: N802
            self.ops.append(["L", *pt])

        def _curveToOne(self, p1, p2, p3):  # noqa: N802
            self.ops.append(["C", *p1, *p2, *p3])

        def _closePath(self):  # noqa: N802
            self.ops.append(["Z"])

    face = TTFont(str(font_path), fontNumber=index, lazy=True)
    upem = face["head"].unitsPerEm
    cmap = face.getBestCmap()
    glyphs = face.getGlyphSet()
    out = {}
    for ch in text:
        name = cmap[ord(ch)]
        pen = Pen(glyphs)
        glyphs[name].draw(pen)
        ops = [[op[0], *[round(v / upem, 4) for v in op[1:]]] for op in pen.ops]
        out[ch] = {"advance": round(face["hmtx"][name][0] / upem, 4), "ops": ops}
    return out


def main() -> int:
    from perfgui.resources import CJK_FONT, resource_path

    data = {"font": CJK_FONT[-1], "glyphs": outlines(resource_path(*CJK_FONT), TEXT)}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
