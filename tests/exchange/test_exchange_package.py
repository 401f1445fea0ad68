"""The submission package (报送包): its files, checksums, one fingerprint, and the CLI."""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import json
import subprocess
import sys
import zipfile

import pytest
from pypdf import PdfReader

from perfgui.exchange.files import load_form_file
from perfgui.exchange.package import MANIFEST_PDF, MANIFEST_TXT, PackageError, verify, write_package
from perfgui.model import Status
from perfgui.model.serialize import fingerprint


@pytest.fixture
def final_form(seed_form):
    seed_form.status = Status.FINAL
    return seed_form


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_package_folder_holds_every_file_with_verified_checksums(final_form, tmp_path):
    result = write_package(final_form, tmp_path)
    folder = result.path
    assert folder.name.endswith("_报送包") and folder.is_dir()
    names = sorted(p.name for p in folder.iterdir())
    suffixes = sorted(p.suffix for p in folder.iterdir())
    assert suffixes == [".docx", ".json", ".pdf", ".pdf", ".txt", ".xlsx"]
    assert MANIFEST_PDF in names and MANIFEST_TXT in names
    listed = {name: (size, digest) for name, size, digest in result.files}
    assert set(listed) == set(names) - {MANIFEST_TXT, MANIFEST_PDF}
    for name, (size, digest) in listed.items():
        data = (folder / name).read_bytes()
        assert len(data) == size and hashlib.sha256(data).hexdigest() == digest
    assert verify(folder) == []
    # The printed 报送清单 names each file with its digest.
    manifest = _pdf_text((folder / MANIFEST_PDF).read_bytes())
    assert len(PdfReader(folder / MANIFEST_PDF).pages) == 1
    for name, (size, digest) in listed.items():
        assert digest[:32] in manifest and digest[32:] in manifest
    # No staging folder is left behind.
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_pdf_excel_and_form_file_carry_one_fingerprint(final_form, tmp_path):
    fp = fingerprint(final_form)
    folder = write_package(final_form, tmp_path).path
    files = {p.suffix: p for p in folder.iterdir() if not p.name.startswith("报送清单")}
    assert fp in _pdf_text(files[".pdf"].read_bytes())
    for suffix in (".json", ".xlsx"):
        back, _ = load_form_file(files[suffix])
        assert fingerprint(back) == fp
    assert fp in (folder / MANIFEST_TXT).read_text(encoding="utf-8")


def test_a_changed_or_missing_file_fails_verification(final_form, tmp_path):
    folder = write_package(final_form, tmp_path).path
    xlsx = next(folder.glob("*.xlsx"))
    xlsx.write_bytes(xlsx.read_bytes() + b"\0")
    next(folder.glob("*.json")).unlink()
    problems = verify(folder)
    assert len(problems) == 2
    assert any("已被修改" in p and xlsx.name in p for p in problems)
    assert any(p.startswith("缺少文件") for p in problems)


def test_zip_package_and_the_email_that_attaches_it(final_form, tmp_path):
    result = write_package(final_form, tmp_path, as_zip=True)
    assert result.path.suffix == ".zip"
    with zipfile.ZipFile(result.path) as z:
        assert MANIFEST_TXT in z.namelist() and len(z.namelist()) == 6
    assert verify(result.path) == []
    msg = email.message_from_bytes(result.email.read_bytes(), policy=email.policy.default)
    attached = [(p.get_filename(), p.get_content()) for p in msg.iter_attachments()]
    assert attached == [(result.path.name, result.path.read_bytes())]
    assert msg["X-Unsent"] == "1"


def test_a_draft_is_not_packaged(seed_form, tmp_path):
    with pytest.raises(PackageError, match="定稿"):
        write_package(seed_form, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_cli_package_and_verify(final_form, tmp_path):
    from perfgui.exchange.outputs import json_bytes

    src = tmp_path / "form.json"
    src.write_bytes(json_bytes(final_form))
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "perfgui", "package", str(src), "--out", str(out)],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert len(summary["files"]) == 4 and summary["email"].endswith(".eml")
    checked = subprocess.run([sys.executable, "-m", "perfgui", "package", "--verify", summary["package"]],
                             capture_output=True, text=True, encoding="utf-8")
    assert checked.returncode == 0 and "一致" in checked.stderr
    final_form.status = Status.DRAFT
    src.write_bytes(json_bytes(final_form))
    refused = subprocess.run([sys.executable, "-m", "perfgui", "package", str(src), "--out", str(out)],
                             capture_output=True, text=True, encoding="utf-8")
    assert refused.returncode == 2 and "定稿" in refused.stderr and "Traceback" not in refused.stderr
