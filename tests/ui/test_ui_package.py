"""导出自评报告… and 打包报送… in the window: real files written from the open form."""

from __future__ import annotations

from perfgui.exchange.package import verify
from perfgui.exchange.report_check import check_report
from perfgui.model import Status
from perfgui.ui import export_actions, package_actions


def test_export_report_from_the_window_then_update_its_numbers(open_window, tmp_path, monkeypatch):
    w = open_window()
    said = []
    monkeypatch.setattr(export_actions, "_done", lambda parent, title, text, folder, problem=False:
                        said.append(text))
    target = tmp_path / "报告.docx"
    monkeypatch.setattr(package_actions, "_save_path", lambda parent, start: str(target))
    assert w.action_set["export_report"].isEnabled()
    w.action_set["export_report"].trigger()
    assert target.exists()
    assert check_report(target.read_bytes(), w.doc.form).ok
    # The person edits the form; exporting again over the report updates its numbers only.
    leaf = w.doc.form.scored()[10]
    w.doc.set_field(leaf, "score", leaf.max_points - 1)
    assert not check_report(target.read_bytes(), w.doc.form).ok
    monkeypatch.setattr(package_actions, "_update_or_new", lambda parent, name: "update")
    w.action_set["export_report"].trigger()
    assert check_report(target.read_bytes(), w.doc.form).ok
    assert "已更新" in said[-1]


def test_package_asks_for_a_final_form_then_writes_a_verified_package(open_window, tmp_path, monkeypatch):
    w = open_window()
    warned, said = [], []
    monkeypatch.setattr(export_actions, "_warn", lambda parent, title, text: warned.append(text))
    monkeypatch.setattr(export_actions, "_done", lambda parent, title, text, folder, problem=False:
                        said.append(text))
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(export_actions, "_choose_folder", lambda parent, start: str(out))
    monkeypatch.setattr(package_actions, "_ask_zip", lambda parent: False)
    w.action_set["package"].trigger()
    assert warned and "定稿" in warned[0] and list(out.iterdir()) == []
    w.doc.form.status = Status.FINAL
    w.action_set["package"].trigger()
    folders = [p for p in out.iterdir() if p.is_dir()]
    assert len(folders) == 1 and folders[0].name.endswith("_报送包")
    assert verify(folders[0]) == []
    assert said and "报送包" in said[-1]
