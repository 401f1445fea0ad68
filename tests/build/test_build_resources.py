"""Resources are found from source and from a frozen bundle; the frozen program's data lives in
the user's data folder, never beside the executable; the icon holds every size Windows asks for."""

from __future__ import annotations

import sys

import pytest

from buildspec_loader import ROOT


@pytest.fixture
def fresh_resources(monkeypatch):
    """``perfgui.resources`` with its cached folder forgotten before and after the test."""
    from perfgui import resources

    resources.resources_dir.cache_clear()
    yield resources
    resources.resources_dir.cache_clear()


def test_source_run_finds_the_repository_resources(fresh_resources):
    assert fresh_resources.resources_dir() == ROOT / "resources"
    assert fresh_resources.resource_path(*fresh_resources.CJK_FONT).is_file()
    assert fresh_resources.sample_text().startswith(
        (ROOT / "resources" / "samples" / "seed_2024.txt").read_text(encoding="utf-8")[:50])


def test_frozen_run_finds_the_bundled_resources(fresh_resources, monkeypatch, tmp_path):
    """PyInstaller sets ``sys._MEIPASS`` to the bundle's ``_internal`` folder."""
    internal = tmp_path / "dist" / "perfgui" / "_internal"
    sample = internal / "resources" / "samples" / "seed_2024.txt"
    sample.parent.mkdir(parents=True)
    # A different unit name proves the form came from the bundle, not from the repository.
    original = (ROOT / "resources" / "samples" / "seed_2024.txt").read_text(encoding="utf-8")
    sample.write_text(original.replace("虹桥镇", "打包镇"), encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)

    assert fresh_resources.resources_dir() == internal / "resources"
    assert fresh_resources.resource_path("samples", "seed_2024.txt") == sample
    assert fresh_resources.resource_path(*fresh_resources.CJK_FONT) == internal / "resources" / "fonts" / "wqy-microhei.ttc"
    form = fresh_resources.sample_form()
    assert form.header.unit == "上海市闵行区打包镇城市建设管理事务中心"
    sample.unlink()
    with pytest.raises(FileNotFoundError):
        fresh_resources.sample_text()


@pytest.mark.parametrize("platform", ["win32", "linux"])
def test_frozen_library_is_in_the_user_data_folder(monkeypatch, tmp_path, platform):
    """With no override, the library goes to the per-user folder, not next to perfgui.exe."""
    paths = pytest.importorskip("perfgui.store.paths")
    bundle = tmp_path / "Program" / "perfgui"
    home = tmp_path / "home"
    monkeypatch.delenv("PERFGUI_DATA_DIR", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("APPDATA", str(home / "AppData" / "Roaming"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle / "perfgui.exe"))
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle / "_internal"), raising=False)
    monkeypatch.setattr(sys, "platform", platform)

    where = paths.default_data_dir()
    assert where.is_absolute()
    assert bundle not in where.parents and where != bundle
    assert home in where.parents
    assert where.name == "perfgui"


def test_icon_has_every_size_windows_uses():
    from PIL import Image, ImageChops

    ico = Image.open(ROOT / "resources" / "icons" / "app.ico")
    sizes = ico.info["sizes"]
    assert {(16, 16), (24, 24), (32, 32), (48, 48), (256, 256)} <= set(sizes)
    png = Image.open(ROOT / "resources" / "icons" / "app.png")
    assert png.size == (256, 256) and png.mode == "RGBA"
    # Transparent corners, an opaque middle: an icon, not a square picture.
    assert png.getpixel((0, 0))[3] == 0
    assert png.getpixel((100, 128))[3] == 255
    ico.size = (256, 256)
    ico.load()
    # The 256 px frame of the .ico is the .png (same drawing).
    assert ImageChops.difference(ico.convert("RGBA"), png.convert("RGBA")).getbbox() is None
