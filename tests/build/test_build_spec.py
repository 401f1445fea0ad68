"""build.spec: two programs in one folder, all resources, only the Qt the program uses.

The spec is executed with recording stand-ins (see ``buildspec_loader``); PyInstaller itself is
run by ``.ci/frozen_smoke.sh``, never inside pytest.
"""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from buildspec_loader import ROOT, load_spec


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    return load_spec(tmp_path_factory.mktemp("pyi-work"))


def _exe(spec, name):
    [exe] = [e for e in spec["calls"]["EXE"] if e.kwargs["name"] == name]
    return exe


def test_two_programs_share_one_folder(spec):
    calls = spec["calls"]
    assert len(calls["Analysis"]) == 1, "one analysis: the two programs must not duplicate libraries"
    gui, cli = _exe(spec, "perfgui"), _exe(spec, "perfgui-cli")
    assert gui.kwargs["console"] is False
    assert cli.kwargs["console"] is True
    for exe in (gui, cli):
        assert exe.kwargs["exclude_binaries"] is True, "one-folder build: libraries go to COLLECT"
        assert exe.kwargs["upx"] is False
        assert exe.kwargs["uac_admin"] is False
        assert Path(exe.kwargs["icon"]) == ROOT / "resources" / "icons" / "app.ico"
        # Python's UTF-8 mode, whatever the Windows code page (frozen programs ignore PYTHONUTF8).
        assert ("X utf8_mode=1", None, "OPTION") in exe.args[2]
    [collect] = calls["COLLECT"]
    assert collect.kwargs["name"] == "perfgui"
    assert collect.kwargs["upx"] is False
    assert gui in collect.args and cli in collect.args
    analysis = calls["Analysis"][0]
    # Binaries and data are handed to COLLECT once, from the single analysis.
    assert sum(1 for a in collect.args if a is spec["a"].binaries) == 1
    assert sum(1 for a in collect.args if a is spec["a"].datas) == 1
    assert analysis.args[0][0] == str(ROOT / "main.py")


def test_each_program_runs_only_its_own_script(spec):
    gui_scripts = _exe(spec, "perfgui").args[1]
    cli_scripts = _exe(spec, "perfgui-cli").args[1]
    runtime = {"pyiboot01_bootstrap", "pyi_rth_pyside6"}
    assert {s[0] for s in gui_scripts} == runtime | {"main"}
    # The command line skips the Qt runtime hook: see test_command_line_never_loads_qt.
    assert {s[0] for s in cli_scripts} == {"pyiboot01_bootstrap", "perfgui-cli"}
    # The bootstrap must stay first, the program's own script last.
    assert gui_scripts[0][0] == cli_scripts[0][0] == "pyiboot01_bootstrap"
    assert gui_scripts[-1][0] == "main" and cli_scripts[-1][0] == "perfgui-cli"


def test_console_twin_runs_the_command_line(spec, tmp_path):
    """The generated entry script is a working ``perfgui-cli`` from source."""
    entry = Path(spec["CLI_SCRIPT"])
    assert entry.is_file() and entry.parent == Path(spec["workpath"])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    sample = ROOT / "resources" / "samples" / "seed_2024.txt"
    done = subprocess.run([sys.executable, str(entry), "check", str(sample)], cwd=tmp_path, env=env,
                          capture_output=True, timeout=120)
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")  # the seed has an error
    assert b'"total_score": "94.00"' in done.stdout
    version = subprocess.run([sys.executable, str(entry), "--version"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=60)
    assert version.stdout.strip() == f"perfgui {spec['VERSION']}"


def test_command_line_never_loads_qt(tmp_path):
    """The console twin runs without PyInstaller's Qt runtime hook, so no command may import Qt."""
    sample = ROOT / "resources" / "samples" / "seed_2024.txt"
    code = (
        "import sys\n"
        "from perfgui.cli import main\n"
        "codes = [main(['check', sys.argv[1]]),\n"
        "         main(['export', sys.argv[1], '--pdf', 'a.pdf', '--xlsx', 'a.xlsx', '--json', 'a.json',\n"
        "               '--email', 'a.eml']),\n"
        "         main(['import', sys.argv[1]]), main(['list'])]\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(codes, qt)\n"
        "assert not qt, qt\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(sample)], cwd=tmp_path, capture_output=True,
                          text=True, encoding="utf-8", timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "PERFGUI_DATA_DIR": str(tmp_path / "lib")})
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "a.pdf").stat().st_size > 1000 and (tmp_path / "a.xlsx").exists()


def test_all_resources_are_bundled(spec):
    analysis = spec["calls"]["Analysis"][0]
    assert (str(ROOT / "resources"), "resources") in analysis.kwargs["datas"]
    for needed in ("samples/seed_2024.txt", "icons/app.ico", "icons/app.png", "fonts/wqy-microhei.ttc"):
        assert (ROOT / "resources" / needed).is_file(), needed


def test_commands_loaded_by_name_are_hidden_imports(spec):
    """perfgui.cli imports its subcommands with importlib, which PyInstaller cannot see."""
    from perfgui import cli

    hidden = set(spec["calls"]["Analysis"][0].kwargs["hiddenimports"])
    for name in cli.COMMAND_MODULES:
        if (ROOT / "perfgui" / "cli" / f"{name}.py").exists():
            assert f"perfgui.cli.{name}" in hidden
    assert {"perfgui", "perfgui.cli", "perfgui.resources"} <= hidden
    assert not any(h.startswith("tests") for h in hidden)


def test_only_the_qt_modules_in_use(spec):
    excludes = set(spec["calls"]["Analysis"][0].kwargs["excludes"])
    for unused in ("QtWebEngineCore", "QtWebEngineWidgets", "QtQml", "QtQuick", "Qt3DCore",
                   "QtMultimedia", "QtNetworkAuth", "QtOpenGL", "QtSql", "QtTest", "QtDesigner"):
        assert f"PySide6.{unused}" in excludes
    # QtNetwork: the local socket of the single-instance hand-off (perfgui/ui/handoff.py).
    for used in ("QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtNetwork"):
        assert f"PySide6.{used}" not in excludes
    # Every Qt binding installed here that the program does not use is excluded.
    import PySide6

    installed = {p.name.split(".")[0] for p in Path(PySide6.__file__).parent.glob("Qt*.*")
                 if p.suffix in (".so", ".pyd")}
    assert installed - spec["QT_KEEP"] <= {e.split(".", 1)[1] for e in excludes if e.startswith("PySide6.")}
    assert {"tkinter", "unittest", "pytest", "numpy"} <= excludes


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
    ("PySide6/plugins/printsupport/windowsprintersupport.dll", True),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", False),
    ("PySide6/plugins/imageformats/qjpeg.dll", False),
    ("PySide6/plugins/imageformats/qsvg.dll", True),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
    ("PySide6/plugins/imageformats/qico.dll", True),
    ("PySide6/plugins/imageformats/qtiff.dll", False),
    ("PySide6/plugins/tls/qschannelbackend.dll", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/plugins/networkinformation/qnetworklistmanager.dll", False),
    ("PySide6/Qt/lib/libQt6Network.so.6", True),
    ("PySide6/Qt6Network.dll", True),
    ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so", False),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/translations/qt_en.qm", True),
    ("PySide6/translations/qtbase_de.qm", False),
    ("PySide6/opengl32sw.dll", False),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
    ("resources/samples/seed_2024.txt", True),
    ("resources/translations/perfgui_en.qm", True),
])
def test_trimming_rules(spec, dest, kept):
    assert spec["keep_entry"](dest) is kept


def test_collected_files_are_trimmed(spec):
    binaries = {e[0] for e in spec["a"].binaries}
    datas = {e[0] for e in spec["a"].datas}
    assert "PySide6/Qt/plugins/platforms/libqxcb.so" in binaries
    assert "PySide6/Qt/plugins/platforms/libqeglfs.so" not in binaries
    assert "PySide6/opengl32sw.dll" not in binaries
    assert datas == {"PySide6/Qt/translations/qtbase_zh_CN.qm", "resources/samples/seed_2024.txt"}


def test_generated_qt_hooks_drop_plugins_before_dependency_analysis(spec):
    """Run the generated hooks against the installed PySide6, as PyInstaller would."""
    hooks = Path(spec["QT_HOOKS"])
    assert {p.name for p in hooks.glob("hook-*.py")} == {f"hook-PySide6.{m}.py" for m in spec["QT_KEEP"]}
    gui = runpy.run_path(str(hooks / "hook-PySide6.QtGui.py"))
    plugins = {os.path.join(dst, os.path.basename(src)) for src, dst in gui["binaries"]}
    names = {os.path.basename(p) for p in plugins}
    assert any("offscreen" in n for n in names), names
    assert any(("xcb" in n) or ("windows" in n) for n in names), names
    assert not any(("gtk3" in n) or ("eglfs" in n) or ("wayland" in n) for n in names), names
    assert all(spec["keep_entry"](p) for p in plugins)
    core = runpy.run_path(str(hooks / "hook-PySide6.QtCore.py"))
    translations = {os.path.basename(src) for src, _ in core["datas"] if src.endswith(".qm")}
    assert "qtbase_zh_CN.qm" in translations
    assert all(t.endswith(("_zh_CN.qm", "_en.qm")) for t in translations), translations


def test_generated_hooks_are_reproducible(tmp_path):
    """Same hook text whatever the interpreter's hash seed (sets are written sorted)."""
    texts = []
    for seed in ("1", "2"):
        work = tmp_path / seed
        code = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
                "from buildspec_loader import load_spec; load_spec(Path(sys.argv[2]))")
        subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), str(work)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}, timeout=120)
        texts.append({p.name: p.read_text(encoding="utf-8") for p in (work / "qt_hooks").glob("*.py")})
    assert texts[0] and texts[0] == texts[1]
