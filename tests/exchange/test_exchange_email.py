"""The draft email: parses, attachments byte-identical, Chinese subject and names survive."""

from __future__ import annotations

import email
import email.policy
from email.header import decode_header, make_header

import pytest

from exchange_helpers import run_cli
from perfgui.exchange import outputs
from perfgui.exchange import names
from perfgui.model import FormKind


def _parse(data: bytes):
    return email.message_from_bytes(data, policy=email.policy.default)


def test_draft_has_both_attachments_byte_identical(seed_form):
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 50
    xlsx = outputs.xlsx_bytes(seed_form)
    msg = _parse(outputs.eml_bytes(seed_form, pdf, xlsx))
    parts = list(msg.iter_attachments())
    assert [p.get_content_type() for p in parts] == [
        "application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
    assert parts[0].get_content() == pdf and parts[1].get_content() == xlsx
    base = names.base_name(seed_form)
    assert [p.get_filename() for p in parts] == [f"{base}.pdf", f"{base}.xlsx"]
    assert "上海市闵行区虹桥镇城市建设管理事务中心" in parts[0].get_filename()


def test_subject_and_names_are_encoded_per_rfc_2047_and_2231(seed_form):
    raw = outputs.eml_bytes(seed_form, b"%PDF", b"PK")
    raw.decode("ascii")  # every byte 7-bit: Chinese only in encoded words and parameters
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert "=?utf-8?b?" in head.lower()
    assert "filename*=utf-8''" in raw.decode("ascii")  # RFC 2231
    assert 'name="=?utf-8?b?' in raw.decode("ascii")  # RFC 2047 for older Outlook
    subject = str(make_header(decode_header(email.message_from_bytes(raw)["Subject"])))
    assert subject == "2024年度 上海市闵行区虹桥镇城市建设管理事务中心 部门整体支出绩效自评表"
    assert _parse(raw)["Subject"] == subject
    # compat32 parsing (as older tools do) also recovers the RFC 2231 file name.
    legacy = email.message_from_bytes(raw)
    names = [p.get_filename() for p in legacy.walk() if p.get_filename()]
    assert names[0].endswith("部门整体支出绩效自评表.pdf")


def test_draft_is_marked_unsent_without_sender_or_date(seed_form):
    raw = outputs.eml_bytes(seed_form, b"%PDF", b"PK")
    msg = _parse(raw)
    assert msg["X-Unsent"] == "1"
    assert msg["From"] is None and msg["Date"] is None
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF as mail files have
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998


def test_body_says_what_is_attached_and_the_score(seed_form):
    seed_form.signoff.fields[1].value = "李四"
    seed_form.signoff.fields[2].value = "021-12345678"
    body = _parse(outputs.eml_bytes(seed_form, b"%PDF", b"PK")).get_body(("plain",)).get_content()
    assert "94.00" in body and "优" in body
    assert "PDF" in body and "Excel" in body
    assert "填表人：李四" in body and "021-12345678" in body


def test_project_subject_names_unit_and_project(project_form):
    assert project_form.kind is FormKind.PROJECT
    assert names.subject(project_form) == "2024年度 某街道城市建设管理事务中心 老旧小区综合改造 项目支出绩效自评表"


@pytest.mark.parametrize("unit, expect", [
    ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
    ("  虹桥镇  城建中心. ", "虹桥镇_城建中心"),
    ("CON", "CON"),
    ("长" * 300, None),
])
def test_base_name_is_safe_on_windows(seed_form, unit, expect):
    seed_form.header.unit = unit
    name = names.base_name(seed_form)
    assert not any(ch in name for ch in '<>:"/\\|?*') and not name.endswith((".", " "))
    assert len(name) <= names.MAX_NAME_CHARS
    assert name.startswith("2024年度_") and name.endswith("_部门整体支出绩效自评表")
    if expect:
        assert expect in name
    assert names.safe_name("con").startswith("_") and names.safe_name("") == "绩效自评表"


def test_year_missing_and_unit_missing(seed_form):
    seed_form.header.year = None
    seed_form.header.unit = ""
    assert names.base_name(seed_form) == "年度未填_未命名单位_部门整体支出绩效自评表"


def test_cli_writes_pdf_xlsx_json_and_eml_in_one_call(tmp_path):
    from exchange_helpers import DATA

    src = tmp_path / "seed.tsv"
    src.write_bytes((DATA / "seed_2024.txt").read_bytes())
    out = {k: tmp_path / f"出口.{k}" for k in ("xlsx", "json", "pdf", "eml")}
    proc = run_cli("export", str(src), "--xlsx", str(out["xlsx"]), "--json", str(out["json"]),
                   "--pdf", str(out["pdf"]), "--email", str(out["eml"]))
    assert proc.returncode == 0, proc.stderr.decode("utf-8")
    assert all(p.exists() for p in out.values())
    assert out["pdf"].read_bytes().startswith(b"%PDF")
    msg = _parse(out["eml"].read_bytes())
    parts = {p.get_content_type(): p.get_content() for p in msg.iter_attachments()}
    # The attachments are the same documents as the files written beside them.
    assert parts["application/pdf"][:4] == b"%PDF"
    from perfgui.exchange.files import load_form_file

    for key in ("xlsx", "json"):
        form, _ = load_form_file(out[key])
        assert form.header.unit == "上海市闵行区虹桥镇城市建设管理事务中心" and len(form.scored()) == 51
    att = tmp_path / "att.xlsx"
    att.write_bytes(parts["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"])
    assert load_form_file(att)[0].root == load_form_file(out["xlsx"])[0].root


def test_cli_export_accepts_every_input_kind(tmp_path, seed_form):
    inputs = {
        "form.json": outputs.json_bytes(seed_form),
        "form.xlsx": outputs.xlsx_bytes(seed_form),
    }
    from exchange_helpers import DATA

    inputs["form.txt"] = (DATA / "seed_2024.txt").read_bytes()
    for name, data in inputs.items():
        src = tmp_path / name
        src.write_bytes(data)
        out = tmp_path / f"{name}.out.json"
        proc = run_cli("export", str(src), "--json", str(out))
        assert proc.returncode == 0, proc.stderr.decode("utf-8")
        check = run_cli("check", str(src))
        assert check.returncode in (0, 1) and b"94.00" in check.stdout
