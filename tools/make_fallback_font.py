"""Maintainer tool: rebuild ``resources/fonts/HanaMinA-fallback.ttf`` from HanaMinA.ttf.

The bundled WenQuanYi Micro Hei lacks CJK Extension A and B (㙟 U+365F, 𠮷 U+20BB7 …), which
turn up in unit and place names. HanaMinA (Hanazono Mincho A, GlyphWiki project, Debian
``fonts-hanazono``) has all of Extension A and the most used part of Extension B, with TrueType
outlines that ReportLab embeds. Only the characters WenQuanYi lacks are kept, which shrinks the
file from 22.7 MB to about 7.4 MB. The Hanazono Font License allows modified copies under any
name (see ``resources/fonts/LICENSE-hanazono.txt``).

Needs fontTools (``pip install fonttools``), which the program itself never imports::

    apt-get download fonts-hanazono && dpkg-deb -x fonts-hanazono_*.deb x
    python tools/make_fallback_font.py x/usr/share/fonts/truetype/hanazono/HanaMinA.ttf
"""

from __future__ import annotations

import sys
from pathlib import Path


def build(source: Path, primary: Path, target: Path) -> int:
    """Write the subset of ``source`` that ``primary`` lacks to ``target``; returns its size."""
    from fontTools.ttLib import TTCollection, TTFont

    if primary.suffix.lower() == ".ttc":
        have = set(TTCollection(str(primary)).fonts[0].getBestCmap())
    else:
        have = set(TTFont(str(primary)).getBestCmap())
    font = TTFont(str(source))
    wanted = sorted(cp for cp in font.getBestCmap() if cp not in have)
    return save_subset(font, wanted, target)


def save_subset(font, unicodes: list[int], target: Path) -> int:
    """Keep only ``unicodes`` of a fontTools font (outlines, names; no hinting, no layout), save it."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.glyph_names = False
    options.drop_tables += ["BDF", "FFTM", "EBDT", "EBLC"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font.save(str(target))
    return target.stat().st_size


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from perfgui.resources import CJK_FONT, resource_path

    target = resource_path("fonts", "HanaMinA-fallback.ttf")
    size = build(Path(argv[0]), resource_path(*CJK_FONT), target)
    print(f"{target}: {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
