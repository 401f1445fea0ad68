"""Our lossless form file: export → import gives back the identical form."""

from __future__ import annotations

import json

import pytest

from perfgui.exchange import outputs
from perfgui.exchange.errors import ImportFailed
from perfgui.exchange.files import load_form_file
from perfgui.model import Rule, Status
from perfgui.model.serialize import FORMAT_NAME, SCHEMA_VERSION, to_dict


def test_seed_json_round_trip_is_identical(seed_form, tmp_path):
    path = tmp_path / "seed.json"
    path.write_bytes(outputs.json_bytes(seed_form))
    form, guesses = load_form_file(path)
    assert guesses == []
    assert to_dict(form) == to_dict(seed_form)  # ids included
    assert form.root == seed_form.root


def test_rules_reasons_signoff_and_settings_survive(rich_form, tmp_path):
    path = tmp_path / "rich.json"
    path.write_bytes(outputs.json_bytes(rich_form))
    form, _ = load_form_file(path)
    assert to_dict(form) == to_dict(rich_form)
    leaves = form.scored()
    assert leaves[0].rule is Rule.MANUAL and leaves[3].rule is Rule.QUALITATIVE
    assert leaves[5].reason == "第一行原因\n第二行：已整改"
    assert form.signoff.get("单位负责人") == "张三" and form.signoff.get("填报日期") == "2025年3月1日"
    assert [b.label for b in form.settings.grade_bands] == ["优秀", "良好", "合格"]
    assert form.settings.negative_mode == "ratio" and form.status is Status.FINAL
    assert form.sections[0].note.startswith("根据沪财绩")


def test_project_form_round_trip(project_form, tmp_path):
    path = tmp_path / "p.json"
    path.write_bytes(outputs.json_bytes(project_form))
    form, _ = load_form_file(path)
    assert to_dict(form) == to_dict(project_form)
    assert form.budget.points == project_form.budget.points


def test_file_is_readable_utf8_with_format_name_and_version(seed_form):
    data = outputs.json_bytes(seed_form)
    text = data.decode("utf-8")
    assert "上海市闵行区虹桥镇城市建设管理事务中心" in text  # not \\u escapes
    obj = json.loads(text)
    assert obj["format"] == FORMAT_NAME and obj["version"] == SCHEMA_VERSION
    assert text.count("\n") > 100  # indented, diff-friendly


def test_money_and_points_never_pass_through_floats(seed_form):
    obj = json.loads(outputs.json_bytes(seed_form))
    assert obj["budget"]["rows"][0]["planned"] == "275112698.88"
    first = obj["indicators"][0]["children"][0]
    assert first["max_points"] == "7.50" and isinstance(first["max_points"], str)


@pytest.mark.parametrize("content, words", [
    (b"", "空"),
    (b"{\"format\": \"perfgui-form\", \"indicators\": [", "JSON"),
    (b"{\"format\": \"other\"}", "不是本程序"),
    (b"{\"format\": \"perfgui-form\", \"version\": 99}", "更新版本"),
    (b"[1, 2, 3]", "不是绩效自评表"),
    (b'{"hello": [1, 2, 3]}', "不是本程序的表单文件"),  # not read as an empty form
    (b"{}", "不是本程序的表单文件"),
    (b"\xff\xfe\x00garbage", "UTF-8"),
    ("{\"format\": \"perfgui-form\", \"header\": {\"year\": \"二〇二四\"}}".encode(), "年度"),
    (b"{\"format\": \"perfgui-form\", \"indicators\": [{\"name\": 5}]}", "文本"),
    (b"[" * 100000 + b"]" * 100000, "嵌套"),
])
def test_bad_form_files_get_a_clear_message(tmp_path, content, words):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ImportFailed) as info:
        load_form_file(path)
    assert words in str(info.value)
