"""Text drawn as shapes: the outlines of a font's glyphs as ReportLab path operations.

The 草稿 watermark is drawn this way, so it is no text in the PDF: copying, searching or
extracting the page (pdftotext) does not scatter 草/稿 through the goals and the table.
Outlines are read with fontTools from the same font file the text is set in, once per glyph.
"""

from __future__ import annotations

import threading

from fontTools.pens.basePen import BasePen

from .fonts import FontChain, FontSpec

_LOCK = threading.Lock()
_FACES: dict[FontSpec, object] = {}
_GLYPHS: dict[tuple[FontSpec, str], tuple[float, list[tuple]]] = {}


class _RecordingPen(BasePen):
    """Records moveTo/lineTo/curveTo/close in font units (quadratic curves made cubic)."""

    def __init__(self, glyph_set) -> None:
        super().__init__(glyph_set)
        self.ops: list[tuple] = []

    def _moveTo(self, pt):  # noqa: N802 - fontTools' names
        self.ops.append(("moveTo", pt))

    def _lineTo(self, pt):  # noqa: N802
        self.ops.append(("lineTo", pt))

    def _curveToOne(self, p1, p2, p3):  # noqa: N802
        self.ops.append(("curveTo", p1, p2, p3))

    def _closePath(self):  # noqa: N802
        self.ops.append(("close",))


def _face(spec: FontSpec):
    from fontTools.ttLib import TTFont

    face = _FACES.get(spec)
    if face is None:
        face = _FACES[spec] = TTFont(str(spec.path), fontNumber=spec.index, lazy=True)
    return face


def glyph(spec: FontSpec, ch: str) -> tuple[float, list[tuple]]:
    """(advance in em, outline operations in em) of one character of a font; empty if absent."""
    key = (spec, ch)
    with _LOCK:
        hit = _GLYPHS.get(key)
        if hit is not None:
            return hit
        face = _face(spec)
        upem = face["head"].unitsPerEm
        name = face.getBestCmap().get(ord(ch))
        if name is None:
            hit = (0.5, [])
        else:
            glyphs = face.getGlyphSet()
            pen = _RecordingPen(glyphs)
            glyphs[name].draw(pen)
            scale = 1.0 / upem
            ops = [(op[0], *[(x * scale, y * scale) for x, y in op[1:]]) for op in pen.ops]
            hit = (face["hmtx"][name][0] * scale, ops)
        _GLYPHS[key] = hit
        return hit


def text_path(canvas, chain: FontChain, text: str, size: float):
    """A ReportLab path of ``text`` set at ``size`` from (0, 0), and its width in points."""
    path = canvas.beginPath()
    x = 0.0
    for ch in text:
        index = chain.find(ord(ch))
        spec = chain.specs[index if index is not None else 0]
        advance, ops = glyph(spec, ch)
        for op in ops:
            pts = [(x + px * size, py * size) for px, py in op[1:]]
            if op[0] == "moveTo":
                path.moveTo(*pts[0])
            elif op[0] == "lineTo":
                path.lineTo(*pts[0])
            elif op[0] == "curveTo":
                path.curveTo(*pts[0], *pts[1], *pts[2])
            else:
                path.close()
        x += advance * size
    return path, x
