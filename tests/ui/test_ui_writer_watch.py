"""A window that opened read-only offers to become the writer once the other one is gone."""

from __future__ import annotations

from perfgui.store import open_library


def test_read_only_window_offers_to_write_when_the_lock_is_free(open_window, qtbot, data_dir, seed_form):
    holder = open_library(data_dir, role="command")
    fid = holder.create(seed_form)
    w = open_window()
    try:
        assert w.library.read_only and w.library.locked_by_other
        w.writer_watch.timer.setInterval(50)
        w.open_form(fid)
        assert not w.doc.editable
        qtbot.wait(200)
        assert not w.writer_watch.free  # still held: no offer
        assert "perfgui 命令" in w.banner.label.text()
        holder.close()
        qtbot.waitUntil(lambda: w.writer_watch.free, timeout=3000)
        assert w.banner.isVisible() and "切换为可编辑" in w.banner.button.text()
        assert w.library.read_only  # nothing changes until the person accepts
        w.banner.button.click()
        assert not w.library.read_only and w.doc is not None and w.doc.editable
        assert w.doc.form_id == fid and not w.writer_watch.timer.isActive()
        # The window is the writer now: its edits are saved.
        w.doc.set_attr(w.doc.form.goals, "achieved", "切换后修改", "修改完成情况", "goals")
        assert w.doc.save_and_wait()
        with open_library(data_dir, read_only=True) as reader:
            assert reader.load(fid).goals.achieved == "切换后修改"
    finally:
        holder.close()


def test_taking_the_lock_fails_cleanly_when_someone_else_took_it(open_window, qtbot, data_dir, seed_form):
    holder = open_library(data_dir)
    fid = holder.create(seed_form)
    w = open_window()
    w.writer_watch.timer.setInterval(50)
    holder.close()
    qtbot.waitUntil(lambda: w.writer_watch.free, timeout=3000)
    again = open_library(data_dir)  # another instance is quicker
    try:
        w.banner.button.click()
        assert w.library.read_only and not w.writer_watch.free
        assert "未能切换" in w.statusBar().currentMessage()
    finally:
        again.close()
    assert fid
