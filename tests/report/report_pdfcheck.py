"""Reading PDFs back for the report tests: text per page, fonts, page sizes."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")


def pages_text(data: bytes) -> list[str]:
    """Text of each page in drawing order (pypdf)."""
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Text without any whitespace, so a cell's wrapped lines read as one string."""
    return re.sub(r"\s+", "", text)


def pdffonts(path: Path) -> list[dict]:
    """The rows of ``pdffonts`` as dicts: name, type, emb, sub, uni."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name, type (one or two words), encoding, emb, sub, uni, object, id
        emb, sub, uni = parts[-5], parts[-4], parts[-3]
        rows.append({"name": parts[0], "type": " ".join(parts[1:-6]), "emb": emb, "sub": sub, "uni": uni})
    return rows


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def qr_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """The QR codes of every page, decoded from a 200 dpi image of the page."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "qr.pdf"
    path.write_bytes(pdf)
    for old in tmp_path.glob("page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "200", str(path), str(tmp_path / "page")], check=True)
    out = []
    for image in sorted(tmp_path.glob("page-*.png")):
        codes = zxingcpp.read_barcodes(Image.open(image))
        assert len(codes) == 1, image.name
        out.append(codes[0].text)
    return out
