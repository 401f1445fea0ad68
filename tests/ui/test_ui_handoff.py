"""A file opened again while the window runs (Explorer starts ``main.py FILE`` a second time).

The second process is the real ``main.py`` in a subprocess on the same library; the first is the
real window in this process. ``PERFGUI_EXIT_AFTER_FIRST_PAINT`` makes a second process that
wrongly opens a window of its own print ``first-paint`` and quit instead of hanging the test.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from perfgui.fileio import atomic_write_bytes
from perfgui.model import FormKind
from perfgui.ui import handoff
from perfgui.ui.handoff import (
    HANDOFF_TIMEOUT, INBOX_DIR, NO_WINDOW, BadRequest, Request, decode_request, encode_request,
    hand_off, make_request,
)

ROOT = Path(__file__).resolve().parents[2]


def second_process(tmp_path: Path, target: str | None, data_dir: Path) -> subprocess.Popen:
    """``python main.py TARGET --data-dir DIR`` as Windows starts it for a double-clicked file."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PERFGUI_EXIT_AFTER_FIRST_PAINT": "1",
           "PERFGUI_SETTINGS_FILE": str(tmp_path / "second-settings.ini")}
    args = [target] if target else []
    return subprocess.Popen([sys.executable, "main.py", *args, "--data-dir", str(data_dir)], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_exit(qtbot, proc: subprocess.Popen, timeout_ms: int = 60000) -> tuple[int, str, str]:
    """Wait with the window's event loop running (it must pick the request up meanwhile)."""
    try:
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=timeout_ms)
    finally:
        if proc.poll() is None:
            proc.kill()
    out, err = proc.communicate(timeout=30)
    return proc.returncode, out, err


def requests_in(data_dir: Path) -> list[str]:
    inbox = data_dir / INBOX_DIR
    return sorted(p.name for p in inbox.iterdir()) if inbox.is_dir() else []


def panel_lines(window) -> list[str]:
    m = window.library_panel.model
    return [m.data(m.index(r)) for r in range(m.rowCount())]


def test_a_file_opened_while_the_window_runs_is_imported_there(open_window, data_dir, seed_text, tmp_path,
                                                              qtbot, monkeypatch):
    from perfgui.ui import dialogs

    reviewed = []

    def accept(dialog):
        reviewed.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        return dialogs.ImportReviewDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.ImportReviewDialog, "exec", accept)
    w = open_window()
    seed_id = w.doc.form_id
    w.showMinimized()
    qtbot.waitUntil(w.isMinimized)
    path = tmp_path / "2023年度自评表.txt"
    path.write_text(seed_text.replace("2024", "2023"), encoding="utf-8")

    code, out, err = wait_for_exit(qtbot, second_process(tmp_path, str(path), data_dir))

    assert code == 0, err[-2000:]
    assert "first-paint" not in out  # it never opened a window of its own
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.form_id != seed_id)
    # Imported as a drop would be: the guesses were shown for confirmation, then stored and opened.
    assert reviewed and any("效益指标" in g for g in reviewed[0])
    assert w.doc.form.header.year == 2023
    assert sorted(s.year for s in w.library.list()) == [2023, 2024]
    assert len(panel_lines(w)) == 2
    assert "已导入" in w.statusBar().currentMessage()
    assert not w.isMinimized()  # the window came back to the front
    assert requests_in(data_dir) == []
    assert [r.kind for r in w.inbox_watcher.handled] == ["file"]


def test_a_form_id_given_to_a_second_process_opens_in_the_running_window(open_window, data_dir, tmp_path, qtbot):
    w = open_window()
    seed_id = w.doc.form_id
    other = w.new_form(FormKind.PROJECT)
    assert w.open_form(seed_id)

    code, out, err = wait_for_exit(qtbot, second_process(tmp_path, other, data_dir))

    assert code == 0, err[-2000:]
    assert "first-paint" not in out
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.form_id == other)
    assert len(w.library.list()) == 2  # opened, not copied
    assert requests_in(data_dir) == []


def test_starting_the_program_again_brings_the_running_window_forward(open_window, data_dir, tmp_path, qtbot):
    w = open_window()
    seed_id = w.doc.form_id
    w.showMinimized()
    qtbot.waitUntil(w.isMinimized)

    code, out, err = wait_for_exit(qtbot, second_process(tmp_path, None, data_dir))

    assert code == 0, err[-2000:]
    assert "first-paint" not in out  # no second, read-only window
    qtbot.waitUntil(lambda: not w.isMinimized())
    assert [r.kind for r in w.inbox_watcher.handled] == ["raise"]
    assert w.doc.form_id == seed_id and len(w.library.list()) == 1
    assert requests_in(data_dir) == []


def test_an_unknown_id_sent_to_the_running_window_says_what_to_fix(open_window, data_dir, tmp_path, qtbot,
                                                                  monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    w = open_window()
    seed_id = w.doc.form_id

    code, _out, err = wait_for_exit(qtbot, second_process(tmp_path, "no-such-form-xyz", data_dir))

    assert code == 0, err[-2000:]
    qtbot.waitUntil(lambda: bool(said))
    assert "找不到文件或表单" in said[0] and "no-such-form-xyz" in said[0]
    assert w.doc.form_id == seed_id


def test_garbage_in_the_inbox_is_ignored_with_a_note(open_window, data_dir, qtbot):
    w = open_window()
    seed_id = w.doc.form_id
    inbox = data_dir / INBOX_DIR
    assert inbox.is_dir()
    # Another person's program on a terminal server: theirs to withdraw, never opened here.
    foreign = Request("id", seed_id, time.time(), 4242, socket.gethostname(), "someone-else")
    atomic_write_bytes(inbox / "open-1-4242.json", encode_request(foreign))
    (inbox / "notes.txt").write_bytes("这不是请求\n".encode("utf-8"))
    (inbox / "open-2-1.json").write_bytes(b'{"perfgui-open-request": 1, "kind": "file", "target": "x.txt"')

    qtbot.waitUntil(lambda: requests_in(data_dir) == ["open-1-4242.json"])
    assert "已忽略" in w.statusBar().currentMessage()
    assert w.doc.form_id == seed_id
    assert w.inbox_watcher.handled == []
    w.inbox_watcher.scan()
    assert requests_in(data_dir) == ["open-1-4242.json"]


def test_a_request_nobody_takes_falls_back_to_the_read_only_window(data_dir, seed_text, tmp_path):
    from perfgui.store import open_library

    path = tmp_path / "2023.txt"
    path.write_text(seed_text.replace("2024", "2023"), encoding="utf-8")
    holder = open_library(data_dir)  # holds the writer lock, but no window watches the inbox
    try:
        started = time.monotonic()
        proc = second_process(tmp_path, str(path), data_dir)
        seen = []
        while proc.poll() is None and time.monotonic() - started < 60:
            seen += [n for n in requests_in(data_dir) if n.startswith("open-") and n not in seen]
            time.sleep(0.05)
        out, err = proc.communicate(timeout=60)
        elapsed = time.monotonic() - started
        assert proc.returncode == 0, err[-2000:]
        assert seen, "the second process should have left a request first"
        assert elapsed >= HANDOFF_TIMEOUT
        assert "first-paint" in out  # then opened its own (read-only) window
        assert requests_in(data_dir) == []  # and withdrew its request
        assert holder.list() == []  # nothing was written into the library by it
    finally:
        holder.close()


def test_no_hand_off_without_a_running_window_or_to_another_computer(data_dir, tmp_path):
    from perfgui.store import open_library

    target = str(tmp_path / "x.json")
    assert hand_off(data_dir, target) == NO_WINDOW  # nothing holds the library
    holder = open_library(data_dir)
    try:
        owner = data_dir / "library.owner.json"
        owner.write_text(json.dumps({"pid": 1, "host": "财务室的另一台电脑"}, ensure_ascii=False), encoding="utf-8")
        started = time.monotonic()
        assert hand_off(data_dir, target) == NO_WINDOW
        assert time.monotonic() - started < HANDOFF_TIMEOUT
        assert requests_in(data_dir) == []
    finally:
        holder.close()


def test_requests_round_trip_and_anything_else_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "表.xlsx").write_bytes(b"PK")
    req = make_request("表.xlsx")
    assert req.kind == "file" and Path(req.target) == tmp_path / "表.xlsx" and Path(req.target).is_absolute()
    assert decode_request(encode_request(req)) == req
    assert make_request("3f9a21c7abcd").kind == "id"
    for bad in (b"", b"\xff\xfe", b"[]", b'{"kind": "file"}', b"{" + b" " * handoff.MAX_REQUEST_BYTES + b"}",
                json.dumps({"perfgui-open-request": 1, "kind": "file", "target": "rel.txt", "time": 1, "pid": 1}).encode(),
                json.dumps({"perfgui-open-request": 1, "kind": "run", "target": "/x", "time": 1, "pid": 1}).encode(),
                json.dumps({"perfgui-open-request": 1, "kind": "id", "target": "abc", "time": "now", "pid": 1}).encode()):
        try:
            decode_request(bad)
        except BadRequest:
            continue
        raise AssertionError(f"accepted {bad[:60]!r}")
