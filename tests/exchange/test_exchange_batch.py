"""Batch export: many forms to a folder, with progress, cancellation and unique names."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from exchange_helpers import run_cli
from perfgui.exchange import batch, names
from perfgui.exchange.files import load_form_file
from perfgui.model.serialize import to_dict


def _forms(seed_form, project_form, n=3):
    out = []
    for year in range(2022, 2022 + n):
        f = copy.deepcopy(seed_form)
        f.header.year = year
        f.id = f"dept{year}"
        out.append(f)
    out.append(project_form)
    return out


def test_export_many_writes_every_format_with_progress(seed_form, project_form, tmp_path):
    forms = _forms(seed_form, project_form)
    seen = []
    result = batch.export_many(forms, tmp_path / "out", ["xlsx", "json"],
                               progress=lambda done, total, label: seen.append((done, total, label)))
    assert result.done == 4 and not result.failed and not result.cancelled
    assert [s[:2] for s in seen] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert seen[0][2].startswith("2022年度") and seen[0][2].endswith("已导出")
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(written) == 8
    assert "2022年度_上海市闵行区虹桥镇城市建设管理事务中心_部门整体支出绩效自评表.xlsx" in written
    for f in forms:
        back, _ = load_form_file(tmp_path / "out" / f"{names.base_name(f)}.json")
        assert to_dict(back) == to_dict(f)


def test_same_names_get_numbered_and_cancel_stops_between_forms(seed_form, tmp_path):
    twins = [copy.deepcopy(seed_form) for _ in range(3)]
    result = batch.export_many(twins, tmp_path, "json")
    written = sorted(p.name for p in result.written)
    base = names.base_name(seed_form)
    assert written == sorted([f"{base}.json", f"{base}_2.json", f"{base}_3.json"])
    calls = []
    stop = batch.export_many(twins, tmp_path / "c", ["json"], cancelled=lambda: len(calls) >= 1,
                             progress=lambda *a: calls.append(a))
    assert stop.cancelled and stop.done == 1 and len(list((tmp_path / "c").iterdir())) == 1


def test_ids_are_loaded_and_a_failing_form_does_not_stop_the_rest(seed_form, tmp_path):
    store = {"a": seed_form}

    def load(form_id):
        if form_id not in store:
            raise KeyError(f"表单“{form_id}”不存在")
        return store[form_id]

    result = batch.export_many(["a", "missing"], tmp_path, ["json"], load=load)
    assert result.done == 1 and len(result.failed) == 1
    assert "不存在" in result.failed[0][1]


def test_formats_are_checked():
    assert batch.parse_formats("PDF, xlsx,email") == ["pdf", "xlsx", "eml"]
    with pytest.raises(batch.BatchError, match="docx"):
        batch.parse_formats("pdf,docx")
    with pytest.raises(batch.BatchError):
        batch.parse_formats(" , ")


def test_unwritable_folder_is_reported(seed_form, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(batch.BatchError, match="文件夹"):
        batch.export_many([seed_form], blocker / "sub", ["json"])


def _library_with(tmp_path, forms) -> Path:
    from perfgui.store import open_library

    lib_dir = tmp_path / "lib"
    with open_library(lib_dir) as lib:
        for f in forms:
            lib.create(f)
    return lib_dir


def test_cli_batch_exports_one_year_from_the_real_library(seed_form, project_form, tmp_path):
    lib_dir = _library_with(tmp_path, _forms(seed_form, project_form))
    out = tmp_path / "2023"
    proc = run_cli("export", "--all", "--year", "2024", "--kind", "department", "--out", str(out),
                   "--formats", "xlsx,json", "--data-dir", str(lib_dir))
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 0, err
    assert "[1/1] 2024年度 上海市闵行区虹桥镇城市建设管理事务中心 部门整体 已导出" in err
    assert sorted(p.suffix for p in out.iterdir()) == [".json", ".xlsx"]
    everything = run_cli("export", "--all", "--out", str(tmp_path / "all"), "--formats", "json",
                         "--data-dir", str(lib_dir))
    assert everything.returncode == 0
    assert "[4/4]" in everything.stderr.decode("utf-8")
    assert len(list((tmp_path / "all").iterdir())) == 4


def test_cli_batch_explains_what_is_wrong(tmp_path, seed_form):
    lib_dir = _library_with(tmp_path, [seed_form])
    cases = [
        (["--all", "--data-dir", str(lib_dir)], "--out"),
        (["--all", "--out", str(tmp_path / "o"), "--formats", "doc", "--data-dir", str(lib_dir)], "doc"),
        (["--all", "--year", "1999", "--out", str(tmp_path / "o"), "--data-dir", str(lib_dir)], "1999年度"),
    ]
    for args, words in cases:
        proc = run_cli("export", *args)
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 2 and words in err and "Traceback" not in err


def test_batch_with_pdf_and_email(seed_form, tmp_path):
    import email
    import email.policy

    result = batch.export_many([seed_form], tmp_path, ["pdf", "xlsx", "eml"])
    base = names.base_name(seed_form)
    eml = email.message_from_bytes((tmp_path / f"{base}.eml").read_bytes(), policy=email.policy.default)
    parts = {p.get_filename(): p.get_content() for p in eml.iter_attachments()}
    assert parts[f"{base}.pdf"] == (tmp_path / f"{base}.pdf").read_bytes()
    assert parts[f"{base}.xlsx"] == (tmp_path / f"{base}.xlsx").read_bytes()
    assert result.done == 1
