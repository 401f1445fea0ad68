"""Executes ``build.spec`` the way PyInstaller does, with recording stand-ins for its classes.

PyInstaller runs a spec file with ``exec`` in a namespace that provides ``Analysis``, ``PYZ``,
``EXE``, ``COLLECT``, ``SPECPATH`` and ``workpath``. Here those classes only record what the spec
asked for, so a test can check the build's configuration in milliseconds, without building.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"

# What PyInstaller's Analysis puts in front of the user's scripts: the bootstrap and runtime hooks.
BOOTSTRAP_SCRIPTS = [
    ("pyiboot01_bootstrap", "/pyinstaller/loader/pyiboot01_bootstrap.py", "PYSOURCE"),
    ("pyi_rth_pyside6", "/pyinstaller/hooks/rthooks/pyi_rth_pyside6.py", "PYSOURCE"),
]

# Files as PyInstaller's hooks would collect them (destination path inside the bundle).
COLLECTED_BINARIES = [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", "/src/libqeglfs.so", "BINARY"),
    ("PySide6/plugins/platforms/qwindows.dll", "/src/qwindows.dll", "BINARY"),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
    ("PySide6/opengl32sw.dll", "/src/opengl32sw.dll", "BINARY"),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", "/src/libQt6Pdf.so.6", "BINARY"),
]
COLLECTED_DATAS = [
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", "/src/qtbase_zh_CN.qm", "DATA"),
    ("PySide6/Qt/translations/qtbase_de.qm", "/src/qtbase_de.qm", "DATA"),
    ("resources/samples/seed_2024.txt", "/src/seed_2024.txt", "DATA"),
]


class Recorder:
    """Base of the stand-ins: keeps the positional and keyword arguments."""

    created: list["Recorder"]

    def __init__(self, *args, **kwargs):
        self.args = args
        self.kwargs = kwargs
        self.created.append(self)


def load_spec(workpath: Path) -> dict:
    """Run build.spec with stand-ins; returns its namespace plus the recorded calls."""
    calls: dict[str, list[Recorder]] = {"Analysis": [], "PYZ": [], "EXE": [], "COLLECT": []}

    class Analysis(Recorder):
        created = calls["Analysis"]

        def __init__(self, scripts, **kwargs):
            super().__init__(scripts, **kwargs)
            self.scripts = BOOTSTRAP_SCRIPTS + [(Path(s).stem, s, "PYSOURCE") for s in scripts]
            self.pure = [("perfgui", str(ROOT / "perfgui" / "__init__.py"), "PYMODULE")]
            self.binaries = list(COLLECTED_BINARIES)
            self.datas = list(COLLECTED_DATAS)

    class PYZ(Recorder):
        created = calls["PYZ"]

    class EXE(Recorder):
        created = calls["EXE"]

    class COLLECT(Recorder):
        created = calls["COLLECT"]

    namespace = {
        "__name__": "__main__",
        "SPEC": str(SPEC),
        "SPECPATH": str(ROOT),
        "specnm": "build",
        "workpath": str(workpath),
        "DISTPATH": str(workpath / "dist"),
        "Analysis": Analysis,
        "PYZ": PYZ,
        "EXE": EXE,
        "COLLECT": COLLECT,
    }
    code = compile(SPEC.read_bytes(), str(SPEC), "exec")
    exec(code, namespace)
    namespace["calls"] = calls
    return namespace
