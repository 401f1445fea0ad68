"""Every glyph from an embedded font: rare characters, fullwidth punctuation, the visible replacement."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from perfgui.report import REPLACEMENT, missing_glyphs, render_pdf
from perfgui.report.fonts import BUNDLED, FontError, chain, chain_specs
from perfgui.resources import resource_path

from report_pdfcheck import flat, needs_poppler, pages_text, pdffonts, pdftotext

ISSUED = datetime.date(2025, 3, 1)
RARE_UNIT = "上海市𠮷㙟镇城市建设管理事务中心"
FULLWIDTH = "，。、；：？！（）《》“”‘’【】％＋－＝／０１２ＡＢＣ～…—"


@pytest.fixture
def rare_form():
    from bench.common import seed_form

    form = seed_form()
    form.header.unit = RARE_UNIT
    leaf = form.sections[1].children[0].children[0]
    leaf.reason = f"庆祝🎉完成{FULLWIDTH}结束"
    leaf.score = leaf.max_points / 2
    return form


def test_bundled_fonts_cover_rare_han_and_fullwidth_punctuation():
    fonts = chain(BUNDLED)
    for ch in "𠮷㙟" + FULLWIDTH + "≥≤℃㎡":
        assert fonts.covers(ch), f"U+{ord(ch):04X}"
    # The primary font lacks the rare ones: they come from the fallback.
    assert ord("𠮷") not in fonts.primary.cmap and ord("㙟") not in fonts.primary.cmap
    assert fonts.resolve("𠮷")[0] > 0


def test_missing_glyphs_lists_only_what_no_font_has(rare_form):
    assert missing_glyphs(rare_form) == ["🎉"]
    rare_form.goals.planned += "表情🧑‍🤝‍🧑与控制符\x07"
    # Joiners are invisible format characters, not missing glyphs; a control character is.
    # In order of first appearance: the goals come before the indicators.
    assert missing_glyphs(rare_form) == ["🧑", "🤝", "\x07", "🎉"]


def test_seed_has_no_missing_glyphs(seed_form):
    assert missing_glyphs(seed_form) == []


@needs_poppler
def test_rare_characters_are_embedded_and_read_back(rare_form, tmp_path):
    data = render_pdf(rare_form, issued=ISSUED)
    path = tmp_path / "rare.pdf"
    path.write_bytes(data)
    fonts = pdffonts(path)
    assert all(f["emb"] == "yes" and f["type"] == "TrueType" for f in fonts), fonts
    assert any("HanaMinA" in f["name"] for f in fonts)  # the fallback is embedded as a subset
    # Both readers get the characters back (ToUnicode written as UTF-16, surrogates for 𠮷).
    for text in (pdftotext(path), "".join(pages_text(data))):
        assert RARE_UNIT in text
        assert flat(f"庆祝{REPLACEMENT}完成{FULLWIDTH}结束") in flat(text)
        assert "🎉" not in text


def test_replacement_is_visible_in_the_pdf(rare_form):
    text = flat("".join(pages_text(render_pdf(rare_form, issued=ISSUED))))
    assert f"庆祝{REPLACEMENT}完成" in text


def test_print_font_path_puts_that_font_first(tmp_path, seed_form):
    # Any TrueType file can be the print font; here the fallback font stands in for SimSun.
    fallback = resource_path("fonts", "HanaMinA-fallback.ttf")
    specs = chain_specs(str(fallback))
    assert specs[0].path == fallback and specs[1].path.name == "wqy-microhei.ttc"
    seed_form.header.unit = "㙟镇"
    data = render_pdf(seed_form, issued=ISSUED, print_font=str(fallback))
    assert "㙟镇" in "".join(pages_text(data))


def test_unusable_print_font_is_a_clear_error(tmp_path, seed_form):
    with pytest.raises(FontError, match="找不到打印字体文件"):
        render_pdf(seed_form, print_font=str(tmp_path / "nope.ttf"))
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font")
    with pytest.raises(FontError, match="无法使用字体"):
        render_pdf(seed_form, print_font=str(bad))


def test_no_simsun_outside_windows():
    import os

    from perfgui.report.fonts import windows_simsun

    if os.name != "nt":
        assert windows_simsun() is None
        assert [s.path.name for s in chain_specs(None)] == ["wqy-microhei.ttc", "HanaMinA-fallback.ttf"]


def test_licences_beside_the_fonts():
    folder = Path(resource_path("fonts"))
    assert (folder / "LICENSE-wqy-microhei.txt").is_file()
    text = (folder / "LICENSE-hanazono.txt").read_text(encoding="utf-8")
    assert "Hanazono Font License" in text and "HanaMinA-fallback.ttf" in text


def test_the_reportlab_function_we_replace_is_the_one_the_override_was_written_for():
    # _ttf.py replaces ttfonts.makeToUnicodeCMap, which TTFont.addObjects calls by name. A
    # ReportLab release that changes either must be read again before the hashes are updated.
    import hashlib
    import inspect

    from reportlab.pdfbase import ttfonts

    from perfgui.report import _ttf

    def sha(obj) -> str:
        return hashlib.sha256(inspect.getsource(obj).encode("utf-8")).hexdigest()

    assert sha(_ttf.original()) == _ttf.REPLACED_SOURCE_SHA256
    assert sha(ttfonts.TTFont.addObjects) == _ttf.CALLER_SOURCE_SHA256
    assert "makeToUnicodeCMap(baseFontName, subset)" in inspect.getsource(ttfonts.TTFont.addObjects)
    _ttf.install()
    assert ttfonts.makeToUnicodeCMap is _ttf.to_unicode_cmap
    # Inside the BMP both write the same entries; beyond it ours writes the surrogate pair.
    assert _ttf.original()("X", [0x41, 0x4E2D]).split("beginbfchar")[1] == \
        _ttf.to_unicode_cmap("X", [0x41, 0x4E2D]).split("beginbfchar")[1]
    assert "<01> <D842DFB7>" in _ttf.to_unicode_cmap("X", [0x41, 0x20BB7])


def test_an_unusable_system_font_falls_back_to_the_bundled_ones(tmp_path, monkeypatch, seed_form):
    from perfgui.report import fonts

    bad = tmp_path / "simsun.ttc"
    bad.write_bytes(b"\0" * 64)  # found, but not a font ReportLab can embed
    monkeypatch.setattr(fonts, "windows_simsun", lambda: (bad, None))
    assert chain_specs(None)[0].path == bad
    assert [s.path.name for s in chain(None).specs] == ["wqy-microhei.ttc", "HanaMinA-fallback.ttf"]
    assert render_pdf(seed_form, issued=ISSUED).startswith(b"%PDF")


def test_importing_the_report_package_is_cheap_and_qt_free():
    import subprocess
    import sys

    code = ("import sys; import perfgui.report as r; assert 'reportlab' not in sys.modules;"
            "from bench.common import seed_form; r.render_pdf(seed_form());"
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt loaded'")
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)


@needs_poppler
def test_the_bundled_serif_font_prints_the_form_embedded(seed_form, tmp_path):
    from perfgui.report.fonts import SERIF

    specs = chain_specs(SERIF)
    assert [s.path.name for s in specs] == ["uming-gb2312-l1.ttf", "wqy-microhei.ttc", "HanaMinA-fallback.ttf"]
    fonts = chain(SERIF)
    assert fonts.resolve("中")[0] == 0 and fonts.resolve("《")[0] == 0 and fonts.resolve("≥")[0] == 0
    # A hanzi beyond GB2312 level 1 (闵 is level 2) comes from the next font in the chain.
    assert fonts.resolve("闵")[0] == 1 and fonts.covers("闵")
    assert Path(specs[0].path).stat().st_size < 3_000_000  # the bundle's size budget
    data = render_pdf(seed_form, issued=ISSUED, print_font=SERIF)
    path = tmp_path / "serif.pdf"
    path.write_bytes(data)
    used = pdffonts(path)
    assert any("UMing" in f["name"] for f in used)
    assert all(f["emb"] == "yes" and f["type"] == "TrueType" for f in used), used
    assert flat("上海市闵行区虹桥镇城市建设管理事务中心") in flat(pdftotext(path))
    text = (Path(specs[0].path).parent / "LICENSE-arphic.txt").read_text(encoding="utf-8")
    assert "ARPHIC PUBLIC LICENSE" in text and "uming-gb2312-l1.ttf" in text
