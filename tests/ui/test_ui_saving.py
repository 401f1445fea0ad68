"""Autosave: after a pause, off the GUI thread, newest version wins, failures said and retried."""

from __future__ import annotations

import threading
import time
from decimal import Decimal

from PySide6.QtWidgets import QMessageBox

from perfgui.store import StoreError, open_library
from perfgui.ui import document as document_module
from perfgui.ui.document import FAILED, SAVED, SAVING, UNSAVED
from tests.ui.conftest import close_window, type_chinese


def test_autosave_waits_for_a_pause_then_writes_once(open_window, qtbot, monkeypatch):
    w = open_window()
    doc = w.doc
    writes = []
    real = w.library.save

    def counting_save(form, **kw):
        writes.append((threading.current_thread().name, form.header.unit))
        return real(form, **kw)

    monkeypatch.setattr(w.library, "save", counting_save)
    unit = w.page.fields["header.unit"]
    for piece in ("甲", "乙", "丙"):
        type_chinese(unit, piece)
        qtbot.wait(100)
    assert doc.save_state == UNSAVED
    assert "未保存" in w.windowTitle() and w.isWindowModified()
    assert writes == []  # still typing: nothing written yet
    qtbot.waitUntil(lambda: doc.save_state == SAVED, timeout=5000)
    # One write, of the last state, and not on the GUI thread.
    assert len(writes) == 1
    assert writes[0][0] == "perfgui-saver"
    assert writes[0][1].endswith("甲乙丙")
    assert "已保存" in w.windowTitle() and not w.isWindowModified()


def test_slow_disk_never_blocks_typing_and_the_newest_state_wins(open_window, qtbot, monkeypatch):
    w = open_window()
    doc = w.doc
    monkeypatch.setattr(document_module, "AUTOSAVE_MS", 10)
    gate = threading.Event()
    entered = threading.Event()
    real = w.library.save
    written = []

    def slow_save(form, **kw):
        entered.set()
        gate.wait(10)
        written.append(form.header.unit)
        return real(form, **kw)

    monkeypatch.setattr(w.library, "save", slow_save)
    unit = w.page.fields["header.unit"]
    type_chinese(unit, "一")
    doc.save_now()
    assert doc.save_state == SAVING
    assert entered.wait(5)  # the worker is now inside the slow write
    # While the write hangs, typing goes on and is counted at once.
    t0 = time.perf_counter()
    for piece in ("二", "三", "四"):
        type_chinese(unit, piece)
        doc.save_now()
    # (The write is held for up to 10 s: had typing waited for it, this would take that long.)
    assert time.perf_counter() - t0 < 2.0
    assert doc.form.header.unit.endswith("一二三四")
    gate.set()
    qtbot.waitUntil(lambda: doc.save_state == SAVED, timeout=5000)
    # The snapshots queued during the slow write were folded into the newest one.
    assert written[0].endswith("一") and written[-1].endswith("一二三四")
    assert len(written) <= 3


def test_a_failed_save_is_shown_and_retried(open_window, qtbot, monkeypatch):
    w = open_window()
    doc = w.doc
    monkeypatch.setattr(document_module, "RETRY_MS", 50)
    real = w.library.save
    failures = {"left": 2}

    def flaky(form, **kw):
        if failures["left"]:
            failures["left"] -= 1
            raise StoreError("磁盘空间不足，无法写入：请清理磁盘后重试。")
        return real(form, **kw)

    monkeypatch.setattr(w.library, "save", flaky)
    type_chinese(w.page.fields["header.unit"], "改")
    doc.save_now()
    qtbot.waitUntil(lambda: doc.save_state == FAILED, timeout=3000)
    assert "保存失败" in w.windowTitle()
    assert w.banner.isVisible() and "磁盘空间不足" in w.banner.label.text()
    assert "磁盘空间不足" in w.summary.save_label.toolTip()
    qtbot.waitUntil(lambda: doc.save_state == SAVED, timeout=5000)
    assert failures["left"] == 0
    assert w.library.load(doc.form_id).header.unit.endswith("改")


def test_closing_saves_what_was_typed_a_moment_ago(open_window, data_dir):
    w = open_window()
    form_id = w.doc.form_id
    w.doc.set_attr(w.doc.form.budget.row("source_other"), "planned", Decimal("12.34"), "改", "budget")
    assert not w.doc.is_saved
    close_window(w)
    lib = open_library(data_dir)
    try:
        assert lib.load(form_id).budget.row("source_other").planned == Decimal("12.34")
    finally:
        lib.close()


def test_close_refused_when_the_last_save_fails_and_the_person_stays(open_window, monkeypatch):
    w = open_window()
    monkeypatch.setattr(w.library, "save", lambda form, **kw: (_ for _ in ()).throw(StoreError("无法写入。")))
    w.doc.set_attr(w.doc.form.header, "unit", "新单位", "改", "header")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not w.close()
    assert w.isVisible() and w.doc is not None
    monkeypatch.undo()
    assert w.close()


def test_revisions_dialog_restores_an_earlier_save(open_window, qtbot, monkeypatch):
    from perfgui.ui import dialogs

    w = open_window()
    doc = w.doc
    doc.set_attr(doc.form.header, "unit", "第二版单位", "改", "header")
    assert doc.save_and_wait()
    doc.set_attr(doc.form.header, "unit", "第三版单位", "改", "header")
    assert doc.save_and_wait()
    seen = {}

    def pick_oldest(self):
        seen["rows"] = self.tree.topLevelItemCount()
        self.tree.setCurrentItem(self.tree.topLevelItem(self.tree.topLevelItemCount() - 1))
        return dialogs.RevisionsDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.RevisionsDialog, "exec", pick_oldest)
    w.action_set["revisions"].trigger()
    assert seen["rows"] >= 3
    assert w.doc.form.header.unit == "上海市闵行区虹桥镇城市建设管理事务中心"
    assert w.page.fields["header.unit"].text() == "上海市闵行区虹桥镇城市建设管理事务中心"
