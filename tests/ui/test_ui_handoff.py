"""A file opened again while the window runs (Explorer starts ``main.py FILE`` a second time).

The second process is the real ``main.py`` in a subprocess on the same library; the first is the
real window in this process, listening on the library's local server. ``PERFGUI_EXIT_AFTER_FIRST_PAINT``
makes a second process that wrongly opens a window of its own print ``first-paint`` and quit
instead of hanging the test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox

from perfgui.model import FormKind
from perfgui.ui import handoff
from perfgui.ui.handoff import (
    HANDOFF_TIMEOUT, NO_WINDOW, BadRequest, decode_request, encode_request, hand_off, make_request,
    server_name,
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


def panel_lines(window) -> list[str]:
    m = window.library_panel.model
    return [m.data(m.index(r)) for r in range(m.rowCount())]


def test_a_file_opened_while_the_window_runs_is_imported_there(open_window, data_dir, seed_text, tmp_path,
                                                              qtbot, monkeypatch):
    from perfgui.ui import import_preview as dialogs

    reviewed = []

    def accept(dialog):
        reviewed.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        return dialogs.ImportPreviewDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.ImportPreviewDialog, "exec", accept)
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
    assert [r.kind for r in w.handoff_server.handled] == ["file"]


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


def test_starting_the_program_again_brings_the_running_window_forward(open_window, data_dir, tmp_path, qtbot):
    w = open_window()
    seed_id = w.doc.form_id
    w.showMinimized()
    qtbot.waitUntil(w.isMinimized)

    code, out, err = wait_for_exit(qtbot, second_process(tmp_path, None, data_dir))

    assert code == 0, err[-2000:]
    assert "first-paint" not in out  # no second, read-only window
    qtbot.waitUntil(lambda: not w.isMinimized())
    assert [r.kind for r in w.handoff_server.handled] == ["raise"]
    assert w.doc.form_id == seed_id and len(w.library.list()) == 1


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


def test_a_window_that_becomes_the_writer_listens_for_second_starts(open_window, data_dir, seed_text, tmp_path,
                                                                  qtbot, monkeypatch):
    """A read-only window takes over the library when its holder goes: from then on, a file
    opened from Explorer is imported there, not in a second (read-only) window (issue 12)."""
    from perfgui.store import open_library
    from perfgui.ui import import_preview as dialogs

    monkeypatch.setattr(dialogs.ImportPreviewDialog, "exec", lambda self: dialogs.ImportPreviewDialog.DialogCode.Accepted)
    holder = open_library(data_dir, role="command")
    try:
        w = open_window()
        assert w.library.read_only and getattr(w, "handoff_server", None) is None  # only the writer listens
        w.writer_watch.timer.setInterval(50)
        holder.close()
        qtbot.waitUntil(lambda: w.writer_watch.free, timeout=3000)
        w.banner.button.click()  # 切换为可编辑
        assert not w.library.read_only and w.handoff_server.listening
        path = tmp_path / "2023年度自评表.txt"
        path.write_text(seed_text.replace("2024", "2023"), encoding="utf-8")

        code, out, err = wait_for_exit(qtbot, second_process(tmp_path, str(path), data_dir))

        assert code == 0, err[-2000:]
        assert "first-paint" not in out  # handed to the new writer, no window of its own
        qtbot.waitUntil(lambda: w.doc is not None and w.doc.form.header.year == 2023)
        assert [s.year for s in w.library.list()] == [2023] and w.doc.editable
        assert [r.kind for r in w.handoff_server.handled] == ["file"]
    finally:
        holder.close()


def test_garbage_sent_to_the_window_is_ignored_with_a_note(open_window, data_dir, qtbot):
    w = open_window()
    seed_id = w.doc.form_id
    assert w.handoff_server.listening
    for junk in (b"\xff\xfe not a request\n", b'{"perfgui-open-request": 1, "kind": "file", "target": "x.txt"}\n',
                 b"{" + b" " * (handoff.MAX_REQUEST_BYTES + 10)):
        w.statusBar().clearMessage()
        sock = QLocalSocket()
        sock.connectToServer(server_name(data_dir))
        assert sock.waitForConnected(5000)
        sock.write(junk)
        sock.flush()
        # The window drops the connection without an answer and says why in the status bar.
        qtbot.waitUntil(lambda: "已忽略" in w.statusBar().currentMessage(), timeout=10000)
        qtbot.waitUntil(lambda: sock.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=10000)
        assert bytes(sock.readAll()) == b""
        sock.abort()
    assert w.doc.form_id == seed_id
    assert w.handoff_server.handled == []


def test_a_window_that_does_not_answer_gets_the_read_only_fallback(data_dir, seed_text, tmp_path, qtbot):
    """The window holding the library hangs: its server accepts the connection but never answers."""
    from perfgui.store import open_library

    path = tmp_path / "2023.txt"
    path.write_text(seed_text.replace("2024", "2023"), encoding="utf-8")
    holder = open_library(data_dir)  # holds the writer lock
    hung = QLocalServer()
    assert hung.listen(server_name(data_dir))
    try:
        started = time.monotonic()
        proc = second_process(tmp_path, str(path), data_dir)
        # Accept the connection and read the request, as a busy window's socket would, then say nothing.
        qtbot.waitUntil(lambda: hung.hasPendingConnections() or proc.poll() is not None, timeout=60000)
        conn = hung.nextPendingConnection()
        assert conn is not None, "the second process should have asked the window first"
        qtbot.waitUntil(lambda: conn.bytesAvailable() > 0 or proc.poll() is not None, timeout=30000)
        assert decode_request(bytes(conn.readAll()).strip()).kind == "file"
        code, out, err = wait_for_exit(qtbot, proc)
        elapsed = time.monotonic() - started
        assert code == 0, err[-2000:]
        assert elapsed >= HANDOFF_TIMEOUT
        assert "first-paint" in out  # then opened its own (read-only) window
        assert holder.list() == []  # nothing was written into the library by it
    finally:
        hung.close()
        holder.close()


def test_the_command_line_holding_the_library_means_a_read_only_window_at_once(data_dir, seed_text, tmp_path):
    """Nobody listens (the lock is the command line's): no waiting, straight to the read-only window."""
    from perfgui.store import open_library

    path = tmp_path / "2023.txt"
    path.write_text(seed_text.replace("2024", "2023"), encoding="utf-8")
    holder = open_library(data_dir)
    try:
        proc = second_process(tmp_path, str(path), data_dir)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err[-2000:]
        assert "first-paint" in out
        assert holder.list() == []
    finally:
        holder.close()


def test_no_hand_off_without_a_running_window_or_to_another_computer(data_dir, tmp_path):
    from perfgui.store import open_library

    target = str(tmp_path / "x.json")
    assert hand_off(data_dir, target) == NO_WINDOW  # nothing holds the library
    holder = open_library(data_dir)
    try:
        # The library on a shared folder, held by a window on another computer: its server is
        # local to that computer, so nothing answers here, at once.
        owner = data_dir / "library.owner.json"
        owner.write_text(json.dumps({"pid": 1, "host": "财务室的另一台电脑"}, ensure_ascii=False), encoding="utf-8")
        started = time.monotonic()
        assert hand_off(data_dir, target) == NO_WINDOW
        assert time.monotonic() - started < HANDOFF_TIMEOUT
    finally:
        holder.close()


def test_two_libraries_are_two_programs(tmp_path):
    a, b = tmp_path / "甲", tmp_path / "乙"
    a.mkdir()
    b.mkdir()
    assert server_name(a) != server_name(b)
    # However the same folder is written, it is the same program.
    assert server_name(a) == server_name(tmp_path / "乙" / ".." / "甲")


def test_requests_round_trip_and_anything_else_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "表.xlsx").write_bytes(b"PK")
    req = make_request("表.xlsx")
    assert req.kind == "file" and Path(req.target) == tmp_path / "表.xlsx" and Path(req.target).is_absolute()
    line = encode_request(req)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert decode_request(line) == req
    assert make_request("3f9a21c7abcd").kind == "id"
    assert make_request(None).kind == "raise"
    for bad in (b"", b"\xff\xfe", b"[]", b'{"kind": "file"}', b"{" + b" " * handoff.MAX_REQUEST_BYTES + b"}",
                json.dumps({"perfgui-open-request": 1, "kind": "file", "target": "rel.txt"}).encode(),
                json.dumps({"perfgui-open-request": 1, "kind": "run", "target": "/x"}).encode(),
                json.dumps({"perfgui-open-request": 1, "kind": "id", "target": "  "}).encode()):
        try:
            decode_request(bad)
        except BadRequest:
            continue
        raise AssertionError(f"accepted {bad[:60]!r}")
