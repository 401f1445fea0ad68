"""ReportLab's TrueType font, with a correct ToUnicode map beyond the BMP and a faster load.

ReportLab writes each subset's ToUnicode entry as ``<%04X>`` of the code point, which for
𠮷 (U+20BB7) gives the invalid five-digit ``<20BB7>``: the glyph prints, but copying or
searching the PDF (and pdftotext, and our tests) loses the character. PDF wants UTF-16BE there,
a surrogate pair for such characters. ``EmbeddedTTFont`` is ReportLab's ``TTFont`` with only
``addObjects`` changed to write that map; the subsetting and embedding are ReportLab's own.

Loading is sped up too: ReportLab reads the cmap, hmtx and loca tables one number at a time
(150,000 calls for WenQuanYi, a sixth of the export command's run time). ``FastFace`` reads
them as whole arrays and builds the same structures; anything unusual (a cmap format other
than 4 or 12) goes through ReportLab's own parser.
"""

from __future__ import annotations

import struct
from fnmatch import fnmatch
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import SUBSETN, TTEncoding, TTFont, TTFontFace

# Fonts ReportLab never shapes (4.1+); we never ask for shaping either.
unShapedFontGlob = getattr(ttfonts, "unShapedFontGlob", ())


def _utf16_hex(cp: int) -> str:
    return "".join(f"{unit:04X}" for unit in _utf16_units(cp))


def _utf16_units(cp: int) -> tuple[int, ...]:
    if cp < 0x10000:
        return (cp,)
    cp -= 0x10000
    return (0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF))


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """A ToUnicode CMap for one ≤256-glyph subset, with UTF-16BE destinations."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    entries = [f"<{i:02X}> <{_utf16_hex(cp)}>" for i, cp in enumerate(subset)]
    # A bfchar block holds at most 100 entries.
    for start in range(0, len(entries), 100):
        block = entries[start:start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines.extend(block)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class FastFace(TTFontFace):
    """``TTFontFace`` that reads the per-glyph tables as arrays; same attributes as ReportLab's."""

    def extractInfo(self, charInfo=1):  # noqa: N802,N803 - ReportLab's names
        TTFontFace.extractInfo(self, 0)  # names, metrics, embedding rights: ReportLab's code
        if not charInfo:
            return
        if not self._read_char_info():
            TTFontFace.extractInfo(self, charInfo)

    def _cmap_offset(self) -> int | None:
        """The subtable ReportLab would choose (the last Unicode one it accepts)."""
        data = self._ttf_data
        base = self.get_table_pos("cmap")[0]
        version, count = struct.unpack_from(">HH", data, base)
        if count == 0 and version != 0:
            count = version
        enc, chosen = 0, None
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHL", data, base + 4 + 8 * i)
            if platform == 3:
                enc, chosen = 1, offset
            elif platform == 1 and encoding == 0 and enc != 1:
                enc, chosen = 2, offset
            elif platform == 1 and encoding == 1:
                enc, chosen = 1, offset
            elif platform == 0 and encoding != 5:
                enc, chosen = 1, offset
        return None if chosen is None else base + chosen

    def _read_char_info(self) -> bool:
        data = self._ttf_data
        where = self._cmap_offset()
        if where is None:
            return False
        fmt = struct.unpack_from(">H", data, where)[0]
        char_to_glyph: dict[int, int] = {}
        if fmt == 12:
            groups = struct.unpack_from(">L", data, where + 12)[0]
            values = struct.unpack_from(f">{3 * groups}L", data, where + 16)
            for k in range(0, 3 * groups, 3):
                start, end, gid = values[k], values[k + 1], values[k + 2]
                char_to_glyph.update(zip(range(start, end + 1), range(gid, gid + end - start + 1)))
        elif fmt == 4:
            length = struct.unpack_from(">H", data, where + 2)[0]
            limit = where + length
            seg = struct.unpack_from(">H", data, where + 6)[0] // 2
            p = where + 14
            ends = struct.unpack_from(f">{seg}H", data, p)
            starts = struct.unpack_from(f">{seg}H", data, p + 2 * seg + 2)
            deltas = struct.unpack_from(f">{seg}h", data, p + 4 * seg + 2)
            ro_start = p + 6 * seg + 2
            offsets = struct.unpack_from(f">{seg}H", data, ro_start)
            for n in range(seg):
                start, end, delta, ro = starts[n], ends[n], deltas[n], offsets[n]
                if end < start:
                    continue
                if ro == 0:
                    char_to_glyph.update((c, (c + delta) & 0xFFFF) for c in range(start, end + 1))
                    continue
                for c in range(start, end + 1):
                    at = ro_start + 2 * n + ro + 2 * (c - start)
                    glyph = 0 if at >= limit else struct.unpack_from(">H", data, at)[0]
                    char_to_glyph[c] = (glyph + delta) & 0xFFFF if glyph else 0
        else:
            return False

        num_glyphs = self.numGlyphs
        hhea = self.get_table_pos("hhea")[0]
        n_metrics = struct.unpack_from(">H", data, hhea + 34)[0]
        hmtx = self.get_table_pos("hmtx")[0]
        pairs = struct.unpack_from(f">{2 * n_metrics}H", data, hmtx)
        hmetrics = list(zip(pairs[0::2], pairs[1::2]))
        if num_glyphs > n_metrics:
            lsbs = struct.unpack_from(f">{num_glyphs - n_metrics}H", data, hmtx + 4 * n_metrics)
            last = hmetrics[-1][0]
            hmetrics.extend((last, lsb) for lsb in lsbs)
        scale = self._pdfScale
        char_widths = {}
        for c, g in char_to_glyph.items():
            if g < num_glyphs:
                char_widths[c] = scale(hmetrics[g][0])

        head = self.get_table_pos("head")[0]
        loc_format = struct.unpack_from(">h", data, head + 50)[0]
        loca = self.get_table_pos("loca")[0]
        if loc_format == 0:
            glyph_pos = [x << 1 for x in struct.unpack_from(f">{num_glyphs + 1}H", data, loca)]
        elif loc_format == 1:
            glyph_pos = list(struct.unpack_from(f">{num_glyphs + 1}L", data, loca))
        else:
            return False

        glyph_to_char: dict[int, list[int]] = {}
        for c, g in char_to_glyph.items():
            glyph_to_char.setdefault(g, []).append(c)
        if 0x20 in char_to_glyph:
            char_to_glyph[0xA0] = char_to_glyph[0x20]
            if 0x20 in char_widths:
                char_widths[0xA0] = char_widths[0x20]
        elif 0xA0 in char_to_glyph:
            char_to_glyph[0x20] = char_to_glyph[0xA0]
            if 0xA0 in char_widths:
                char_widths[0x20] = char_widths[0xA0]
        self.charToGlyph = char_to_glyph
        self.glyphToChar = glyph_to_char
        self.charWidths = char_widths
        self.defaultWidth = scale(hmetrics[0][0])
        self.hmetrics = hmetrics
        self.glyphPos = glyph_pos
        return True


class EmbeddedTTFont(TTFont):
    """``TTFont`` whose subsets carry a correct ToUnicode map for every code point."""

    def __init__(self, name, filename, validate=0, subfontIndex=0, asciiReadable=None, shapable=True):  # noqa: N803
        # ReportLab's TTFont.__init__ with the face parsed by FastFace.
        self.fontName = name
        self.face = FastFace(filename, validate=validate, subfontIndex=subfontIndex)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        if asciiReadable is None:
            asciiReadable = rl_config.ttfAsciiReadable
        self._asciiReadable = asciiReadable
        self.shapable = shapable and not any(fnmatch(name, g) for g in unShapedFontGlob)

    def addObjects(self, doc):  # noqa: N802 - ReportLab's name
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_font_name = (b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))).decode("pdfdoc")

            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = "Font %s subset %d" % (self.fontName, n)
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_font_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))

            cmap_stream = pdfdoc.PDFStream()
            cmap_stream.content = to_unicode_cmap(base_font_name, subset)
            if doc.compression:
                cmap_stream.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap_stream, "toUnicodeCMap:" + base_font_name)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base_font_name, subset)

            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]
