"""The command line's exit code says whether the work was done; its messages are its own."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from perfgui.cli import main
from perfgui.fileio import describe_os_error
from perfgui.store import open_library

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "seed_2024.txt"
POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX shell redirections")


def cli(*argv: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfgui", *argv], cwd=ROOT, **kw)


def stored(folder: Path) -> list[str]:
    with open_library(folder, read_only=True) as lib:
        return [s.id for s in lib.list()]


# -- point 7: errors after the work ------------------------------------------------------------

@POSIX
@pytest.mark.parametrize("stream", ["stdout", "stderr", "both"])
def test_a_full_output_stream_after_a_successful_import_keeps_exit_0(tmp_path, stream):
    folder = tmp_path / "lib"
    with open("/dev/full", "w") as full:
        kw = {"stdout": full if stream in ("stdout", "both") else subprocess.DEVNULL,
              "stderr": full if stream in ("stderr", "both") else subprocess.PIPE}
        p = cli("import", str(SEED), "--data-dir", str(folder), **kw)
    assert p.returncode == 0, p.stderr
    assert len(stored(folder)) == 1


@POSIX
def test_a_closed_stdout_after_a_successful_import_keeps_exit_0(tmp_path):
    folder = tmp_path / "lib"
    cmd = f'exec "{sys.executable}" -m perfgui import "{SEED}" --data-dir "{folder}" >&-'
    p = subprocess.run(["sh", "-c", cmd], cwd=ROOT, capture_output=True, encoding="utf-8")
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr
    assert len(stored(folder)) == 1


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names open files through /proc")
def test_failing_to_close_the_lock_or_a_folder_handle_after_success_is_not_failure(
        tmp_path, monkeypatch, capfd):
    folder = tmp_path / "lib"
    real_close = os.close
    closed = []

    def close(fd):
        # Folder handles (the fsync of a folder after a rename) and the lock file fail to close.
        try:
            failing = (stat.S_ISDIR(os.fstat(fd).st_mode)
                       or os.readlink(f"/proc/self/fd/{fd}").endswith("library.lock"))
        except OSError:
            failing = False
        real_close(fd)
        if failing:
            closed.append(fd)
            raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "close", close)
    code = main(["import", str(SEED), "--data-dir", str(folder)])
    out, err = capfd.readouterr()
    monkeypatch.undo()
    assert closed, "the test must make a close fail"
    assert code == 0, err
    assert stored(folder) == [out.strip()]


# -- point 8: messages for the command line; waiting for the lock --------------------------------

HOLDER = """
import sys, time
sys.path.insert(0, {root!r})
from perfgui.store import open_library
lib = open_library({folder!r}, role={role!r})
print("ready", flush=True)
time.sleep({hold})
lib.close()
print("released", flush=True)
time.sleep(60)
"""


def _hold(folder: Path, role: str, hold: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER.format(root=str(ROOT), folder=str(folder),
                                                                 role=role, hold=hold)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


@pytest.mark.parametrize("role", ["window", "command"])
def test_the_command_line_says_who_holds_the_lock_in_its_own_words(tmp_path, capfd, monkeypatch, role):
    monkeypatch.setattr("perfgui.cli.library.LOCK_WAIT", 0.2)
    folder = tmp_path / "lib"
    holder = _hold(folder, role, 60)
    try:
        code = main(["import", str(SEED), "--data-dir", str(folder)])
        err = capfd.readouterr().err
    finally:
        holder.kill()
        holder.wait()
    assert code == 2 and "正被" in err and f"进程 {holder.pid}" in err
    assert "本窗口" not in err and "只读方式打开" not in err  # window text stays in the window
    if role == "command":
        assert "perfgui 命令" in err and "程序窗口" not in err
    else:
        assert "另一个程序窗口" in err


def test_the_command_line_waits_briefly_for_a_busy_lock(tmp_path):
    folder = tmp_path / "lib"
    holder = _hold(folder, "command", 1.5)
    try:
        started = time.monotonic()
        p = cli("import", str(SEED), "--data-dir", str(folder), capture_output=True, encoding="utf-8")
        took = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert p.returncode == 0, p.stderr
    assert took >= 1.0  # it waited for the holder instead of refusing
    assert len(stored(folder)) == 1


def parallel_imports(folder: Path, count: int) -> list[subprocess.CompletedProcess]:
    """``count`` imports of the sample started at once (bench/bench_faults.py runs 80)."""
    with open_library(folder):
        pass
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda _: cli("import", str(SEED), "--data-dir", str(folder),
                                           capture_output=True, encoding="utf-8"), range(count)))


def test_parallel_imports_all_succeed(tmp_path):
    folder = tmp_path / "lib"
    results = parallel_imports(folder, 12)
    assert [p.returncode for p in results] == [0] * 12, [p.stderr for p in results if p.returncode]
    assert sorted(stored(folder)) == sorted(p.stdout.strip() for p in results)


def test_a_read_only_file_system_is_reported_as_such(tmp_path, monkeypatch):
    message = describe_os_error(tmp_path / "out.pdf", OSError(errno.EROFS, "Read-only file system"))
    assert "只读文件系统" in message and "其他程序" not in message
    from perfgui.store import library as library_mod

    def read_only_fs(self):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(library_mod.Library, "_probe_writable", read_only_fs)
    with open_library(tmp_path / "lib") as lib:
        assert lib.read_only and "只读文件系统" in lib.lock_message and "权限" not in lib.lock_message
    with open_library(tmp_path / "lib", role="command") as lib:
        assert "只读文件系统" in lib.lock_message and "本次以只读方式打开" not in lib.lock_message
