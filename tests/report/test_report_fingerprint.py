"""One fingerprint everywhere: PDF text, QR code, Excel, email, check JSON; verify finds it back."""

from __future__ import annotations

import copy
import email
import email.policy
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from perfgui.exchange import outputs
from perfgui.exchange.xlsx_write import stored_fingerprint
from perfgui.model import Status
from perfgui.model.serialize import (
    FINGERPRINT_ALPHABET, FingerprintError, fingerprint, parse_fingerprint,
)
from perfgui.model.stamp import parse_qr

from report_pdfcheck import needs_poppler, pages_text, qr_texts

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "seed_2024.txt"


def cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfgui", *args, "--data-dir", str(data_dir)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")


def test_the_fingerprint_reads_out_well_and_its_check_character_catches_typos(seed_form):
    fp = fingerprint(seed_form)
    groups = fp.split("-")
    assert [len(g) for g in groups] == [4, 4, 4, 4, 1]
    assert not set(fp) & set("01OI") and set(fp.replace("-", "")) <= set(FINGERPRINT_ALPHABET)
    # Typed from paper: spaces, no dashes, lower case, fullwidth.
    for typed in (fp.lower(), fp.replace("-", " "), fp.replace("-", ""), f"  {fp.lower().replace('-', '—')} ",
                  fp.translate({ord(c): ord(c) + 0xFEE0 for c in fp if c.isalnum()})):
        assert parse_fingerprint(typed) == fp
    body = fp.replace("-", "")
    for i in range(len(body)):  # every single wrong character is caught
        for other in FINGERPRINT_ALPHABET[:6]:
            if other != body[i]:
                with pytest.raises(FingerprintError):
                    parse_fingerprint(body[:i] + other + body[i + 1:])
    for i in range(len(body) - 1):  # and every swap of two different neighbours
        if body[i] != body[i + 1]:
            with pytest.raises(FingerprintError, match="校验"):
                parse_fingerprint(body[:i] + body[i + 1] + body[i] + body[i + 2:])
    with pytest.raises(FingerprintError, match="0、O、1、I"):
        parse_fingerprint(body[:-2] + "0" + body[-1])
    with pytest.raises(FingerprintError, match="17 个字符"):
        parse_fingerprint(body[:-1])


def test_id_status_and_reason_do_not_change_the_fingerprint_content_does(seed_form):
    fp = fingerprint(seed_form)
    other = copy.deepcopy(seed_form)
    other.id, other.status, other.final_reason = "ffffffffffff", Status.FINAL, "原因"
    assert fingerprint(other) == fp
    other.goals.planned += "。"
    assert fingerprint(other) != fp


@needs_poppler
def test_the_same_fingerprint_in_pdf_text_qr_excel_email_and_check_json(seed_form, tmp_path):
    form = seed_form
    fp = fingerprint(form)
    pdf = outputs.pdf_bytes(form)
    for page in pages_text(pdf):
        assert f"表单指纹：{fp}" in page
    codes = qr_texts(pdf, tmp_path)
    assert len(codes) == len(pages_text(pdf)) == 3
    for text in codes:
        fields = parse_qr(text)
        assert fields == {"form_id": form.id, "revision": "", "fingerprint": fp, "total": "94.00", "grade": "优"}
    xlsx = outputs.xlsx_bytes(form)
    wb = load_workbook(io.BytesIO(xlsx))
    assert stored_fingerprint(wb) == fp
    assert f"表单指纹：{fp}" in wb["自评表"].oddFooter.center.text
    msg = email.message_from_bytes(outputs.eml_bytes(form, pdf, xlsx), policy=email.policy.default)
    assert f"表单指纹：{fp}" in msg.get_body(("plain",)).get_content()
    proc = subprocess.run([sys.executable, "-m", "perfgui", "check", str(SEED)], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8")
    assert json.loads(proc.stdout)["fingerprint"] == fp


@needs_poppler
def test_verify_finds_the_revision_from_the_fingerprint_and_from_each_file(tmp_path):
    lib = tmp_path / "lib"
    proc = cli("import", str(SEED), data_dir=lib)
    fid = proc.stdout.strip()
    pdf, xlsx = tmp_path / "表.pdf", tmp_path / "表.xlsx"
    proc = cli("export", fid, "--pdf", str(pdf), "--xlsx", str(xlsx), data_dir=lib)
    assert proc.returncode == 0, proc.stderr
    listed = json.loads(cli("list", "--json", data_dir=lib).stdout)
    fp = listed[0]["fingerprint"]
    assert f"表单指纹：{fp}" in proc.stderr and "草稿" in proc.stderr  # the shared draft warning
    # The QR code of the stored form names its revision.
    assert parse_qr(qr_texts(pdf.read_bytes(), tmp_path)[0])["revision"] == "1"
    assert "保存时间：" in pages_text(pdf.read_bytes())[0] and "（第 1 版）" in pages_text(pdf.read_bytes())[0]

    for target in (fp.lower().replace("-", " "), str(pdf), str(xlsx)):
        proc = cli("verify", target, "--json", data_dir=lib)
        assert proc.returncode == 0, (target, proc.stdout, proc.stderr)
        out = json.loads(proc.stdout)
        assert out["fingerprint"] == fp and not out["changed"]
        assert [(m["form_id"], m["revision"], m["current"]) for m in out["matches"]] == [(fid, 1, True)]

    # Finalised (same content) and then edited: verify names the newest revision with this
    # content and the save since.
    assert cli("finalize", fid, "--reason", "按原表报送", data_dir=lib).returncode == 0
    assert cli("reopen", fid, data_dir=lib).returncode == 0
    from perfgui.store import open_library

    with open_library(str(lib)) as library:
        form = library.load(fid)
        form.goals.planned += "（补充）"
        library.save(form)
    proc = cli("verify", str(pdf), "--json", data_dir=lib)
    match = json.loads(proc.stdout)["matches"][0]
    assert proc.returncode == 0 and (match["revision"], match["same"], match["current"]) == (3, [1, 2], False)
    assert [x["revision"] for x in match["later"]] == [4]
    text = cli("verify", str(pdf), data_dir=lib).stdout
    assert "第 3 版（内容与第 1、2 版相同）" in text and "此后又保存了 1 次" in text and "第 4 版" in text

    # An Excel file edited after the export is reported as changed.
    wb = load_workbook(xlsx)
    ws = wb["自评表"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "（2）其他资金")
    ws.cell(row=cell.row, column=4).value = 12345
    edited = tmp_path / "改过.xlsx"
    wb.save(edited)
    proc = cli("verify", str(edited), "--json", data_dir=lib)
    out = json.loads(proc.stdout)
    assert proc.returncode == 1 and out["changed"] and out["changed_to"] != fp
    assert out["fingerprint"] == fp and out["matches"][0]["revision"] == 3
    text = cli("verify", str(edited), data_dir=lib).stdout
    assert "导出后被修改过" in text

    # Nothing matches a fingerprint of no saved revision; a typo is refused.
    other = fingerprint_of_text("别的表")
    proc = cli("verify", other, data_dir=lib)
    assert proc.returncode == 1 and "没有与指纹" in proc.stdout
    body = fp.replace("-", "")
    typo = body[:3] + ("A" if body[3] != "A" else "B") + body[4:]
    proc = cli("verify", typo, data_dir=lib)
    assert proc.returncode == 2 and "校验字符" in proc.stderr


def fingerprint_of_text(text: str) -> str:
    from perfgui.model import Form

    form = Form()
    form.goals.planned = text
    return fingerprint(form)


def test_finalize_refuses_a_form_with_errors_without_a_reason_and_prints_it(tmp_path):
    lib = tmp_path / "lib"
    fid = cli("import", str(SEED), data_dir=lib).stdout.strip()
    proc = cli("finalize", fid, data_dir=lib)
    assert proc.returncode == 2 and "--reason" in proc.stderr and "错误" in proc.stderr
    proc = cli("finalize", fid, "--reason", "原表权重合计为95，按上级原表报送", data_dir=lib)
    assert proc.returncode == 0
    revisions = json.loads(cli("revisions", fid, "--json", data_dir=lib).stdout)
    assert revisions[0]["status"] == "final" and "原表权重合计为95" in revisions[0]["summary"]
    out = tmp_path / "final.pdf"
    assert cli("export", fid, "--pdf", str(out), data_dir=lib).returncode == 0
    text = "".join(pages_text(out.read_bytes()))
    assert "定稿说明：原表权重合计为95，按上级原表报送" in text.replace("\n", "")
    assert "非正式版本" not in text
