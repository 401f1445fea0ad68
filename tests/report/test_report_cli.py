"""``python -m perfgui export FORM --pdf OUT.pdf`` end to end: the PDF read back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from report_pdfcheck import flat, pages_text

ROOT = Path(__file__).resolve().parents[2]


def export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfgui", "export", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8")


def test_export_pdf_of_the_seed_file(tmp_path):
    out = tmp_path / "自评表.pdf"
    proc = export(str(ROOT / "tests" / "data" / "seed_2024.txt"), "--pdf", str(out))
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert len(PdfReader(str(out)).pages) == 3
    text = flat("".join(pages_text(data)))
    assert "上海市闵行区虹桥镇城市建设管理事务中心" in text and "总分95.0094.00" in text
    assert "非正式版本" in text  # the seed file is a draft: the command prints one

    land = tmp_path / "land.pdf"
    proc = export(str(ROOT / "tests" / "data" / "seed_2024.txt"), "--pdf", str(land), "--landscape")
    assert proc.returncode == 0, proc.stderr
    page = PdfReader(str(land)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
