"""The Windows version resource is built from the package's one version number."""

from __future__ import annotations

import sys
import types

import pytest

from buildspec_loader import load_spec


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    return load_spec(tmp_path_factory.mktemp("pyi-work"))


@pytest.fixture
def versioninfo(monkeypatch):
    """PyInstaller's version-resource classes (their module imports pefile, a Windows-only dep).

    Building and serialising the structures needs neither pefile nor win32api (both are only
    used to read and write .exe files); off Windows empty stand-ins let the real classes load.
    """
    import PyInstaller.compat

    try:
        import pefile  # noqa: F401
    except ImportError:
        monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
        monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
        monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)
    from PyInstaller.utils.win32 import versioninfo

    return versioninfo


def test_spec_reads_the_package_version(spec):
    import perfgui

    assert spec["VERSION"] == perfgui.__version__


@pytest.mark.parametrize("text, numbers", [
    ("0.1.0", (0, 1, 0, 0)),
    ("1.2", (1, 2, 0, 0)),
    ("2.10.3.7", (2, 10, 3, 7)),
    ("1.4.0rc2", (1, 4, 0, 0)),
    ("3.0.1.post1", (3, 0, 1, 0)),
])
def test_version_tuple(spec, text, numbers):
    assert spec["version_tuple"](text) == numbers


def _strings(info):
    [sfi] = [k for k in info.kids if k.__class__.__name__ == "StringFileInfo"]
    [table] = sfi.kids
    return table.name, {s.name: s.val for s in table.kids}


EXES = [("perfgui", "绩效自评"), ("perfgui-cli", "绩效自评（命令行）")]


@pytest.mark.parametrize("exe, description", EXES)
def test_version_resource_content(spec, versioninfo, exe, description):
    """The real PyInstaller structures, as the spec builds them for each executable."""
    import perfgui

    version = perfgui.__version__
    info = spec["windows_version_info"](version, exe, description)
    assert isinstance(info, versioninfo.VSVersionInfo)
    major, minor, patch, build = spec["version_tuple"](version)
    assert info.ffi.fileVersionMS == (major << 16) | minor
    assert info.ffi.fileVersionLS == (patch << 16) | build
    assert (info.ffi.productVersionMS, info.ffi.productVersionLS) == (info.ffi.fileVersionMS, info.ffi.fileVersionLS)
    assert info.ffi.fileType == 0x1  # an application
    lang, strings = _strings(info)
    assert lang == "080404B0"  # Chinese (PRC), UTF-16
    assert strings["FileVersion"] == strings["ProductVersion"] == version
    assert strings["OriginalFilename"] == f"{exe}.exe"
    assert strings["InternalName"] == exe
    assert strings["FileDescription"] == description
    assert strings["ProductName"] == "绩效自评"
    [var] = [k for k in info.kids if k.__class__.__name__ == "VarFileInfo"]
    assert var.kids[0].name == "Translation" and var.kids[0].kids == [0x0804, 1200]


@pytest.mark.skipif(sys.platform != "win32", reason="PyInstaller packs the resource with native "
                    "struct sizes, which match the Windows layout only on Windows")
@pytest.mark.parametrize("exe, description", EXES)
def test_version_resource_round_trips(spec, versioninfo, exe, description):
    """Serialise the resource as it is written into the .exe, parse it back, compare."""
    import perfgui

    info = spec["windows_version_info"](perfgui.__version__, exe, description)
    raw = info.toRaw()
    parsed = versioninfo.VSVersionInfo()
    parsed.fromRaw(raw)
    assert parsed.ffi.fileVersionMS == info.ffi.fileVersionMS
    assert parsed.ffi.fileVersionLS == info.ffi.fileVersionLS
    assert _strings(parsed) == _strings(info)
    assert description.encode("utf-16-le") in raw


def test_version_resource_only_on_windows(spec):
    """PyInstaller ignores version resources elsewhere; the spec passes one only on Windows."""
    for exe in spec["calls"]["EXE"]:
        if sys.platform == "win32":
            assert exe.kwargs["version"] is not None
        else:
            assert exe.kwargs["version"] is None
