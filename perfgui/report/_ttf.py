"""One override of ReportLab: a ToUnicode map that is correct beyond the BMP.

ReportLab's ``ttfonts.makeToUnicodeCMap`` writes each subset's ToUnicode entry as ``<%04X>`` of
the code point, which for 𠮷 (U+20BB7) gives the invalid five-digit ``<20BB7>``: the glyph
prints, but copying or searching the PDF (and pdftotext, and our tests) loses the character.
PDF wants UTF-16BE there, a surrogate pair for such characters. ``install`` puts
``to_unicode_cmap`` in its place; ``TTFont.addObjects`` looks the function up by its module name
on every call, so nothing else of ReportLab is copied or subclassed.

``REPLACED_SOURCE_SHA256`` is the hash of the ReportLab function this was written against (and
``CALLER_SOURCE_SHA256`` of the method that calls it); tests/report/test_report_fonts.py fails
when a ReportLab update changes either, so the override is looked at again.
"""

from __future__ import annotations

from reportlab.pdfbase import ttfonts

REPLACED = "makeToUnicodeCMap"
# sha256 of inspect.getsource(ttfonts.makeToUnicodeCMap) and of TTFont.addObjects, ReportLab 5.1.0.
REPLACED_SOURCE_SHA256 = "71783731cbe452d862ba7db5a5087a4c0847f9127def9b9d7022ea25a3ee908a"
CALLER_SOURCE_SHA256 = "33ac8d69ad7fe232ed36285a5e73913e3652b3c8adda826ac5d316a5c801036f"

_original = getattr(ttfonts, REPLACED)


def _utf16_hex(cp: int) -> str:
    if cp < 0x10000:
        return f"{cp:04X}"
    cp -= 0x10000
    return f"{0xD800 + (cp >> 10):04X}{0xDC00 + (cp & 0x3FF):04X}"


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


def original():
    """ReportLab's own function, as it was before ``install``."""
    return _original


def install() -> None:
    """Make every TrueType subset ReportLab writes in this process carry the correct map."""
    setattr(ttfonts, REPLACED, to_unicode_cmap)
