"""Maintainer tool: rebuild ``resources/fonts/uming-gb2312-l1.ttf``, the bundled 宋体-style font.

Official forms are printed in 宋体 (SimSun); a PC without it gets this serif (明体) font for the
printed form instead of the sans-serif WenQuanYi Micro Hei. It is AR PL UMing CN (Arphic, Debian
``fonts-arphic-uming``; TrueType outlines, which ReportLab embeds, unlike CFF .otf fonts) cut
down to what forms use most and the bundle can carry: ASCII, the GB2312 symbol rows (CJK and
fullwidth punctuation, ≥ ≤ ℃ …) and the 3,755 level-1 hanzi of GB2312, about 2.4 MB instead of
21 MB. Any other character is set from the fonts after it in the chain (WenQuanYi, HanaMinA).
The Arphic Public License allows modified copies under the same licence
(``resources/fonts/LICENSE-arphic.txt``).

Needs fontTools (``pip install fonttools``), which the program itself never imports::

    apt-get install fonts-arphic-uming
    python tools/make_serif_font.py /usr/share/fonts/truetype/arphic/uming.ttc
"""

from __future__ import annotations

import sys
from pathlib import Path

TARGET = ("fonts", "uming-gb2312-l1.ttf")
# Beyond GB2312: signs that forms and their targets use.
EXTRA = "≥≤≠±×÷℃㎡‰°′″“”‘’…—·～％＋－＝／"


def wanted_characters() -> list[int]:
    """ASCII, GB2312 rows 1–9 (symbols) and 16–55 (level-1 hanzi), and ``EXTRA``."""
    chars = set(range(0x20, 0x7F)) | {ord(c) for c in EXTRA}
    for first in list(range(0xA1, 0xAA)) + list(range(0xB0, 0xD8)):
        for second in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((first, second)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return sorted(chars)


def build(source: Path, target: Path) -> int:
    """Write the subset of face 0 of ``source`` to ``target``; returns its size in bytes."""
    from fontTools.ttLib import TTCollection, TTFont

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_fallback_font import save_subset

    font = TTCollection(str(source)).fonts[0] if source.suffix.lower() == ".ttc" else TTFont(str(source))
    return save_subset(font, wanted_characters(), target)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from perfgui.resources import resource_path

    target = resource_path(*TARGET)
    size = build(Path(argv[0]), target)
    print(f"{target}: {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
