"""The same forms in every format, made once per test session with LibreOffice.

The seed goes through our own Excel writer; the real forms of tests/data/real/ are taken as
published. LibreOffice first saves each as .xlsx (so every formula carries its computed value,
as in any file Excel or WPS saved) and that workbook is the reference; then it converts the
reference to .xls, .ods, .html and .pdf, and the .html to .docx and .doc with Writer.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sources_helpers import DATA, REAL


def soffice(profile: Path, outdir: Path, fmt: str, files: list[Path], *extra: str) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", *extra,
                           "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)],
                          capture_output=True, timeout=600)
    ext = fmt.split(":")[0]
    missing = [f.name for f in files if not (outdir / f"{f.stem}.{ext}").exists()]
    assert proc.returncode == 0 and not missing, (missing, proc.stdout[-2000:], proc.stderr[-2000:])


class Formats:
    """Where each form is in each format: ``formats.path("seed", "pdf")``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, form: str, fmt: str) -> Path:
        return self.root / fmt / f"{form}.{fmt}"


@pytest.fixture(scope="session")
def formats(tmp_path_factory) -> Formats:
    from perfgui.exchange import outputs
    from perfgui.readers.pasted import read_pasted

    root = tmp_path_factory.mktemp("formats")
    src = root / "src"
    src.mkdir()
    seed = read_pasted((DATA / "seed_2024.txt").read_text(encoding="utf-8")).form
    (src / "seed.xlsx").write_bytes(outputs.xlsx_bytes(seed))
    for p in REAL:
        shutil.copy(p, src / p.name)
    profile = root / "lo-profile"
    sources = sorted(src.glob("*.xlsx"))
    soffice(profile, root / "xlsx", "xlsx", sources)
    refs = [root / "xlsx" / p.name for p in sources]
    for fmt in ("xls", "ods", "html", "pdf"):
        soffice(profile, root / fmt, fmt, refs)
    pages = [root / "html" / f"{p.stem}.html" for p in sources]
    soffice(profile, root / "docx", "docx:MS Word 2007 XML", pages, "--infilter=HTML (StarWriter)")
    soffice(profile, root / "doc", "doc:MS Word 97", [root / "html" / "seed.html"], "--infilter=HTML (StarWriter)")
    return Formats(root)
