"""The window's export actions with real widgets offscreen (message boxes and the desktop replaced)."""

from __future__ import annotations

import copy
import email
import email.policy
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402

from perfgui.exchange import names  # noqa: E402
from perfgui.exchange.files import load_form_file  # noqa: E402
from perfgui.model.serialize import to_dict  # noqa: E402
from perfgui.ui import export_actions as ea  # noqa: E402



@pytest.fixture
def desktop(monkeypatch, tmp_path):
    """Records what would be opened and said; the mail program 'works' unless told otherwise."""
    state = {"opened": [], "said": [], "mail_works": True, "folder_clicks": True}

    def open_url(url):
        path = Path(url.toLocalFile())
        state["opened"].append(path)
        return state["mail_works"] or path.is_dir()

    monkeypatch.setattr(ea, "_open_url", open_url)
    monkeypatch.setattr(ea, "_inform", lambda parent, title, text: state["said"].append(("info", text)))
    monkeypatch.setattr(ea, "_warn", lambda parent, title, text: state["said"].append(("warn", text)))
    monkeypatch.setattr(ea, "_done", lambda parent, title, text, folder, problem=False:
                        state["said"].append(("warn" if problem else "done", text)))
    monkeypatch.setattr(ea, "default_export_dir", lambda: tmp_path / "文档" / ea.EXPORT_FOLDER_NAME)
    # The warnings printing gives (a draft, missing glyphs) are shown before a PDF goes out.
    monkeypatch.setattr(ea, "_go_on", lambda parent, title, text: state["said"].append(("ask", text)) or True)
    return state


def test_send_by_email_writes_three_files_and_opens_the_draft(qtbot, seed_form, desktop, tmp_path):
    eml = ea.send_by_email(seed_form, None)
    folder = tmp_path / "文档" / ea.EXPORT_FOLDER_NAME
    base = names.base_name(seed_form)
    assert eml == folder / f"{base}.eml"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{base}.{x}" for x in ("eml", "pdf", "xlsx"))
    assert desktop["opened"] == [eml]
    kind, text = desktop["said"][-1]
    assert kind == "info" and str(folder) in text and "收件人" in text
    assert desktop["said"][0] == ("ask", desktop["said"][0][1]) and "草稿" in desktop["said"][0][1]
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    parts = {p.get_filename(): p.get_content() for p in msg.iter_attachments()}
    assert parts[f"{base}.pdf"] == (folder / f"{base}.pdf").read_bytes()
    assert parts[f"{base}.xlsx"] == (folder / f"{base}.xlsx").read_bytes()


def test_without_a_mail_program_the_folder_is_shown(qtbot, seed_form, desktop, tmp_path):
    desktop["mail_works"] = False
    eml = ea.send_by_email(seed_form, None, folder=tmp_path / "out")
    assert desktop["opened"] == [eml, tmp_path / "out"]
    assert "没能打开默认的邮件程序" in desktop["said"][-1][1]


def test_send_by_email_falls_back_to_temp_when_documents_is_not_writable(qtbot, seed_form, desktop, tmp_path, monkeypatch):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setattr(ea, "default_export_dir", lambda: blocker / "sub")
    (tmp_path / "temp").mkdir()
    monkeypatch.setattr(ea.tempfile, "gettempdir", lambda: str(tmp_path / "temp"))
    eml = ea.send_by_email(seed_form, None)
    assert eml.parent == tmp_path / "temp" / ea.EXPORT_FOLDER_NAME and eml.exists()


def test_export_dialog_writes_the_chosen_formats(qtbot, rich_form, desktop, tmp_path, monkeypatch):
    def fake_exec(dialog):
        qtbot.addWidget(dialog)
        dialog.checks["pdf"].setChecked(False)
        dialog.checks["json"].setChecked(True)
        dialog.folder.edit.setText(str(tmp_path / "exp"))
        dialog.name.setText("我的/表单")  # a name Windows would refuse is made safe
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ea.ExportDialog, "exec", fake_exec)
    written = ea.export_files_dialog(rich_form, None)
    assert sorted(p.name for p in written) == ["我的_表单.json", "我的_表单.xlsx"]
    assert to_dict(load_form_file(tmp_path / "exp" / "我的_表单.json")[0]) == to_dict(rich_form)
    assert to_dict(load_form_file(tmp_path / "exp" / "我的_表单.xlsx")[0]) == to_dict(rich_form)
    assert desktop["said"][-1][0] == "done"

    # Asked again: existing files are only replaced when the person agrees.
    monkeypatch.setattr(ea, "_ask", lambda *a: False)
    assert ea.export_files_dialog(rich_form, None) == []


def test_export_dialog_needs_a_format(qtbot, seed_form):
    dialog = ea.ExportDialog(seed_form)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert ok.isEnabled()
    for box in dialog.checks.values():
        box.setChecked(False)
    assert not ok.isEnabled() and not dialog.landscape.isEnabled()


def _library(tmp_path, forms):
    from perfgui.store import open_library

    lib = open_library(tmp_path / "lib")
    for f in forms:
        lib.create(f)
    return lib


def _years(seed_form, years):
    out = []
    for y in years:
        f = copy.deepcopy(seed_form)
        f.header.year = y
        out.append(f)
    return out


def test_batch_dialog_exports_one_year_with_progress(qtbot, seed_form, project_form, desktop, tmp_path, monkeypatch):
    lib = _library(tmp_path, _years(seed_form, [2023, 2024, 2024]) + [project_form])
    steps = []
    original = ea.BatchWorker.run

    def run(worker):
        worker.signals.step.connect(lambda d, t, label: steps.append((d, t)))
        original(worker)

    monkeypatch.setattr(ea.BatchWorker, "run", run)

    def fake_exec(dialog):
        qtbot.addWidget(dialog)
        assert [dialog.year.itemText(i) for i in range(dialog.year.count())] == ["全部年度", "2024年度", "2023年度"]
        dialog.year.setCurrentIndex(1)
        dialog.kind.setCurrentIndex(1)  # 部门整体
        assert dialog.count.text() == "将导出 2 份表单。"
        dialog.folder.edit.setText(str(tmp_path / "batch"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ea.BatchDialog, "exec", fake_exec)
    try:
        result = ea.batch_export_dialog(lib, None)
    finally:
        lib.close()
    assert result.done == 2 and not result.failed
    written = sorted(p.name for p in (tmp_path / "batch").iterdir())
    base = names.base_name(_years(seed_form, [2024])[0])
    assert written == sorted([f"{base}.pdf", f"{base}.xlsx", f"{base}_2.pdf", f"{base}_2.xlsx"])
    assert desktop["said"][-1][0] == "done" and "2 份表单" in desktop["said"][-1][1]


def test_batch_keeps_the_event_loop_running_and_can_be_cancelled(qtbot, seed_form, tmp_path):
    forms = _years(seed_form, range(2015, 2025))
    ticks = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    progress_seen = []

    def cancel_after_two():
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

        for w in QApplication.topLevelWidgets():
            if isinstance(w, QProgressDialog) and w.isVisible():
                progress_seen.append(w.labelText())
                if w.value() >= 2:
                    qtbot.mouseClick(w.findChild(QPushButton), Qt.MouseButton.LeftButton)  # 取消
                    return
        QTimer.singleShot(5, cancel_after_two)

    QTimer.singleShot(0, cancel_after_two)
    result = ea.run_batch(forms, tmp_path / "b", ["pdf"], None)
    timer.stop()
    assert result.cancelled and 2 <= result.done < len(forms)
    assert len(ticks) >= 5  # the window went on handling events during the export
    assert any(label.startswith("[") and "已导出" in label for label in progress_seen)


def test_batch_without_library_says_so(qtbot, desktop):
    assert ea.batch_export_dialog(None, None) is None
    assert "表单库" in desktop["said"][-1][1]
