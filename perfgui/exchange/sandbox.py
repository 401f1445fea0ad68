"""Reading an untrusted file in a worker process that is stopped past a time or memory budget.

A reader library that loops or swells on a hostile file cannot be stopped from inside the
process that called it; a child process can. ``ImportJob`` starts the worker on one file and is
polled (the window does so from a timer, so it never blocks); ``load_in_worker`` waits for it
(the command line). The worker runs ``perfgui.exchange.files.load_form_file`` (whatever it
dispatches to), checks that the form can be totalled and saved, and hands back our JSON
(``perfgui.model.serialize``) with the guesses, or the reader's Chinese message.

The worker is this program itself: ``python -m perfgui.exchange.sandbox`` from source, the
frozen executable with ``WORKER_FLAG`` as its first argument when built with PyInstaller
(``main.py`` and ``perfgui.cli.main`` hand that over to ``worker_main``). Results travel through
files in a private temporary folder, so a windowed executable without standard streams works
the same. Limits: on Linux and macOS the worker caps its own address space (RLIMIT_AS) and CPU
time; everywhere the parent watches the wall clock and the worker's resident memory (psutil)
and kills it past the budget; the worker also ends itself shortly after the time budget in case
its parent is gone.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .. import WORKER_FLAG
from .errors import ImportFailed

# The budgets of one import: far beyond any real form (a 10,000-indicator export reads in a few
# seconds and a few hundred MB), far below what freezes a PC.
TIME_BUDGET_S = 20.0
MEMORY_BUDGET_BYTES = 1024 * 1024 * 1024
POLL_S = 0.05
DEFAULT_READER = "perfgui.exchange.files:read_form_file"

STAGE_STARTING = "正在启动读取程序…"
STAGE_READING = "正在读取文件…"
STAGE_CHECKING = "正在检查读出的表单…"

_RESULT = "result.json"
_PROGRESS = "progress.txt"
_STDERR = "stderr.txt"


class ImportCancelled(ImportFailed):
    """The person cancelled the import; nothing was read."""


@dataclass
class Limits:
    time_s: float = TIME_BUDGET_S
    memory_bytes: int = MEMORY_BUDGET_BYTES


def _too_slow(name: str, limits: Limits) -> ImportFailed:
    return ImportFailed(f"读取“{name}”超时（超过 {limits.time_s:g} 秒仍未完成），已停止：文件可能异常巨大或结构异常。"
                        "请确认选对了文件，或在 Excel/WPS 中打开后另存为新文件再导入。")


def _size(n: int) -> str:
    return f"{n / 2**30:g} GB" if n >= 2**30 else f"{n / 2**20:.0f} MB"


def _too_large(name: str, limits: Limits) -> ImportFailed:
    return ImportFailed(f"读取“{name}”内存超限（需要超过 {_size(limits.memory_bytes)} 内存），已停止：文件可能异常巨大"
                        "或结构异常。请确认选对了文件，或在 Excel/WPS 中打开后另存为新文件再导入。")


def _crashed(name: str, code: int | None) -> ImportFailed:
    return ImportFailed(f"读取“{name}”时读取程序意外退出（代码 {code}）：文件可能已损坏或结构异常。"
                        "请在 Excel/WPS 中打开后另存为新文件再导入。")


def worker_command(args: list[str]) -> list[str]:
    """The command line that starts the worker with ``args``, from source or frozen."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_FLAG, *args]
    return [sys.executable, "-m", "perfgui.exchange.sandbox", *args]


def _package_root() -> str:
    import perfgui

    return str(Path(perfgui.__file__).resolve().parent.parent)


class ImportJob:
    """One file read by a worker process; ``poll`` until ``done``, then ``result``."""

    def __init__(self, path: str | os.PathLike, *, limits: Limits | None = None,
                 reader: str = DEFAULT_READER) -> None:
        self.path = Path(path)
        self.limits = limits or Limits()
        self.reader = reader
        self.done = False
        self.peak_rss = 0
        self._outcome: tuple | None = None
        self._proc: subprocess.Popen | None = None
        self._dir: Path | None = None
        self._started = 0.0
        self._psutil = None

    # -- running ------------------------------------------------------------------------------
    def start(self) -> "ImportJob":
        self._dir = Path(tempfile.mkdtemp(prefix="perfgui-import-"))
        args = [self.reader, str(self.path.resolve()), str(self._dir), str(self.limits.memory_bytes),
                repr(self.limits.time_s)]
        env = dict(os.environ)
        if not getattr(sys, "frozen", False):
            root = _package_root()
            env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        flags = subprocess.CREATE_NO_WINDOW if sys.platform == "win32" else 0
        self._started = time.monotonic()
        try:
            with open(self._dir / _STDERR, "wb") as err:
                self._proc = subprocess.Popen(worker_command(args), stdin=subprocess.DEVNULL,
                                              stdout=subprocess.DEVNULL, stderr=err, env=env,
                                              creationflags=flags, close_fds=True)
        except OSError as exc:
            self._finish(("error", f"无法启动读取程序：{exc.strerror or exc}。"))
            return self
        try:
            import psutil

            self._psutil = psutil.Process(self._proc.pid)
        except Exception:  # psutil missing, or the worker already gone
            self._psutil = None
        return self

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._started if self._started else 0.0

    @property
    def stage(self) -> str:
        """What the worker is doing, for a progress display."""
        if self._dir is None or self.done:
            return STAGE_STARTING if not self.done else ""
        try:
            lines = (self._dir / _PROGRESS).read_text(encoding="utf-8").splitlines()
        except OSError:
            return STAGE_STARTING
        return lines[-1] if lines else STAGE_STARTING

    def poll(self) -> bool:
        """Check on the worker without waiting; True once there is an outcome."""
        if self.done:
            return True
        proc = self._proc
        assert proc is not None, "start() first"
        code = proc.poll()
        if code is not None:
            self._finish(self._read_outcome(code))
            return True
        if self._psutil is not None:
            try:
                rss = self._psutil.memory_info().rss
            except Exception:
                rss = 0
            self.peak_rss = max(self.peak_rss, rss)
            if rss > self.limits.memory_bytes:
                self._kill()
                self._finish(("error", str(_too_large(self.path.name, self.limits))))
                return True
        if self.elapsed > self.limits.time_s:
            self._kill()
            self._finish(("error", str(_too_slow(self.path.name, self.limits))))
            return True
        return False

    def wait(self) -> "ImportJob":
        """Poll until there is an outcome (the command line)."""
        while not self.poll():
            time.sleep(POLL_S)
        return self

    def cancel(self) -> None:
        """Stop the worker now; the outcome is ``ImportCancelled``."""
        if not self.done:
            self._kill()
            self._finish(("cancelled", "已取消导入。"))

    def result(self):
        """(form, guesses), or raise ``ImportFailed`` (``ImportCancelled`` if cancelled)."""
        reading = self.reading()
        return reading.form, reading.guesses

    def reading(self):
        """The ``ReadResult``: form, guesses and the grid it was read from (for the confirm view)."""
        from ..model.serialize import from_dict
        from ..readers.grid import Grid, Merge
        from ..readers.guesses import Guess, ReadResult

        assert self.done, "poll() until done first"
        kind, payload = self._outcome
        if kind == "cancelled":
            raise ImportCancelled(payload)
        if kind == "error":
            raise ImportFailed(payload)
        form = from_dict(payload["form"])
        guesses = [Guess(**g) for g in payload["guesses"]]
        g = payload.get("grid")
        grid = None
        if isinstance(g, dict):
            grid = Grid([[str(c) for c in row] for row in g.get("rows", [])],
                        [Merge(*m) for m in g.get("merges", []) if isinstance(m, list) and len(m) == 4],
                        str(g.get("source", "")), str(g.get("name", "")))
        return ReadResult(form, guesses, grid, payload.get("header_row"), list(payload.get("template_rows", [])))

    # -- internals ----------------------------------------------------------------------------
    def _kill(self) -> None:
        proc = self._proc
        if proc is None or proc.poll() is not None:
            return
        try:
            proc.kill()
            proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass

    def _read_outcome(self, code: int) -> tuple:
        try:
            data = json.loads((self._dir / _RESULT).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and data.get("error"):
            return "error", str(data["error"])
        if isinstance(data, dict) and isinstance(data.get("form"), dict) and isinstance(data.get("guesses"), list):
            return "ok", data
        if code == _EXIT_MEMORY:
            return "error", str(_too_large(self.path.name, self.limits))
        if code == _EXIT_TIME or (sys.platform != "win32" and code in (-24, -9) and self.elapsed > self.limits.time_s):
            return "error", str(_too_slow(self.path.name, self.limits))
        return "error", str(_crashed(self.path.name, code))

    def _finish(self, outcome: tuple) -> None:
        self._outcome = outcome
        self.done = True
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __del__(self) -> None:
        try:
            if not self.done and self._proc is not None:
                self.cancel()
        except Exception:
            pass


def load_in_worker(path: str | os.PathLike, *, limits: Limits | None = None,
                   reader: str = DEFAULT_READER):
    """(form, guesses) of a file read in a worker within the budgets; ``ImportFailed`` if not."""
    job = ImportJob(path, limits=limits, reader=reader).start()
    try:
        job.wait()
    except BaseException:
        job.cancel()
        raise
    return job.result()


# -- many files in long-lived workers (the 汇总) -------------------------------------------------
# An import starts a fresh process per file; a 汇总 of 1,000 files cannot pay that start-up 1,000
# times. ``run_in_workers`` keeps a few workers alive and hands them one file at a time, with the
# same budget per file as an import: the parent watches each file's wall clock and its worker's
# resident memory (psutil) and kills the worker past either, the worker caps its address space
# and its processor time per file (RLIMIT_AS, RLIMIT_CPU) and ends itself if a file outlives the
# budget by far (its parent gone). A killed or dead worker costs its file only: the file gets its
# reason and a new worker takes over.
STARTUP_S = 120.0  # a worker not started after this long (an overloaded PC) is given up
WORKERLESS_AFTER = 3  # this many workers failing to start, none ever started: no workers here
_EXIT_SIGXCPU = -24  # killed by the kernel at RLIMIT_CPU (POSIX)


@dataclass
class Outcome:
    """One file of ``run_in_workers``: ``value`` is what the function returned, or the reason."""

    index: int
    ok: bool
    value: object


class _Worker:
    def __init__(self, context, func, warm, limits: Limits) -> None:
        self.conn, child = context.Pipe()
        self.proc = context.Process(target=_pool_worker, daemon=True,
                                    args=(child, func, warm, limits.memory_bytes, limits.time_s))
        self.proc.start()
        child.close()
        self.born = time.monotonic()
        self.ready = False
        self.task: int | None = None
        self.started = 0.0
        try:
            import psutil

            self._ps = psutil.Process(self.proc.pid)
        except Exception:  # psutil missing, or the worker already gone
            self._ps = None

    def give(self, index: int, item) -> None:
        self.conn.send((index, item))
        self.task, self.started = index, time.monotonic()

    def rss(self) -> int:
        try:
            return self._ps.memory_info().rss if self._ps is not None else 0
        except Exception:
            return 0

    def stop(self, kill: bool) -> None:
        if not kill:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                kill = True
        self.proc.join(0 if kill else 5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(10)
        self.conn.close()


def run_in_workers(func, paths: list[str], *, workers: int = 2, limits: Limits | None = None,
                   warm=None, cancelled=None):
    """``func(path)`` for every path in worker processes, each file within an import's budget.

    Yields an ``Outcome`` per path as it finishes (not in order). ``func`` and ``warm`` are
    module-level functions; ``warm()`` runs once in each worker before it takes files (the
    imports every file needs), so it is not counted against the first file. When
    ``cancelled()`` turns true, or the caller stops iterating, the workers are killed at once.
    If worker processes cannot start here at all, the remaining files are read in this process
    (without a budget: there is nothing to enforce it with).
    """
    import multiprocessing
    from collections import deque
    from multiprocessing.connection import wait

    limits = limits or Limits()
    if not paths:
        return
    # spawn: the same on Windows and here, and safe beside the window's threads.
    context = multiprocessing.get_context("spawn")
    todo = deque(range(len(paths)))
    size = max(1, min(workers, len(paths)))
    pool: list[_Worker] = []
    failed_starts = 0
    ever_ready = False
    finished = False

    def reason(index: int, code: int | None) -> str:
        name = Path(paths[index]).name
        if code == _EXIT_MEMORY:
            return str(_too_large(name, limits))
        if code in (_EXIT_TIME, _EXIT_SIGXCPU):
            return str(_too_slow(name, limits))
        return str(_crashed(name, code))

    def busy() -> bool:
        return any(w.task is not None for w in pool)

    try:
        pool.extend(_Worker(context, func, warm, limits) for _ in range(size))
        while todo or busy():
            if cancelled is not None and cancelled():
                return
            for w in pool:
                if w.ready and w.task is None and todo:
                    i = todo.popleft()
                    w.give(i, paths[i])
            wait([w.conn for w in pool] + [w.proc.sentinel for w in pool], timeout=POLL_S)
            now = time.monotonic()
            for w in list(pool):
                out: Outcome | None = None
                gone = False
                try:
                    while w.conn.poll():
                        message = w.conn.recv()
                        if message == ("ready",):
                            w.ready = ever_ready = True
                        else:
                            index, ok, value = message
                            out, w.task = Outcome(index, ok, value), None
                except (EOFError, OSError):
                    gone = True
                if out is not None:
                    yield out
                if not gone and not w.proc.is_alive() and not w.conn.poll():
                    gone = True
                if gone:
                    w.proc.join(5)
                    code = w.proc.exitcode
                elif w.task is not None and now - w.started > limits.time_s:
                    code, gone = _EXIT_TIME, True
                elif w.task is not None and w.rss() > limits.memory_bytes:
                    code, gone = _EXIT_MEMORY, True
                elif not w.ready and now - w.born > STARTUP_S:
                    code, gone = None, True
                if not gone:
                    continue
                pool.remove(w)
                w.stop(kill=True)
                if w.task is not None:
                    yield Outcome(w.task, False, reason(w.task, code))
                elif not w.ready:
                    failed_starts += 1
                if not ever_ready and failed_starts >= WORKERLESS_AFTER:
                    rest = list(todo)  # no worker ever started: none holds a file
                    todo.clear()
                    for i in rest:
                        if cancelled is not None and cancelled():
                            return
                        yield _here(func, i, paths[i])
                    break
                if todo and len(pool) < size:
                    pool.append(_Worker(context, func, warm, limits))
        finished = True
    finally:
        for w in pool:
            w.stop(kill=not finished)


def _here(func, index: int, path: str) -> Outcome:
    try:
        return Outcome(index, True, func(path))
    except Exception as exc:  # the function's own failure is a reason, never a traceback
        return Outcome(index, False, _failure(path, exc))


def _failure(path: str, exc: Exception) -> str:
    if isinstance(exc, ImportFailed):
        return str(exc)
    return (f"读取“{Path(path).name}”时出错（{type(exc).__name__}）：文件可能已损坏或不是受支持的格式，"
            "请在 Excel/WPS 中打开并另存为新文件。")


def _pool_worker(conn, func, warm, memory_bytes: int, time_s: float) -> None:
    """A worker of ``run_in_workers``: (index, path) in, (index, ok, value) out, until None."""
    _cap(getattr(_resource(), "RLIMIT_AS", None), memory_bytes)
    current = [0.0]  # when the file in hand was started (0: none)

    def watchdog() -> None:  # a file far past its budget and nobody killed us: the parent is gone
        while True:
            time.sleep(1.0)
            if current[0] and time.monotonic() - current[0] > time_s + 5:
                os._exit(_EXIT_TIME)

    threading.Thread(target=watchdog, daemon=True).start()
    try:
        if warm is not None:
            warm()
        conn.send(("ready",))
        while True:
            message = conn.recv()
            if message is None:
                return
            index, path = message
            _cap_cpu(time_s)
            current[0] = time.monotonic()
            try:
                out = (index, True, func(path))
            except MemoryError:
                os._exit(_EXIT_MEMORY)
            except Exception as exc:  # the function's failure is that file's reason
                out = (index, False, _failure(path, exc))
            current[0] = 0.0
            try:
                conn.send(out)
            except MemoryError:
                os._exit(_EXIT_MEMORY)
    except (EOFError, OSError):  # the parent went away
        return


# -- the worker ----------------------------------------------------------------------------------
_EXIT_MEMORY = 87  # our own exit codes, apart from the small ones crashing programs use
_EXIT_TIME = 88


def _limit_self(memory_bytes: int, time_s: float) -> None:
    """Caps the operating system enforces on this process where it can; a watchdog everywhere."""
    _cap(getattr(_resource(), "RLIMIT_AS", None), memory_bytes)
    _cap_cpu(time_s)

    def watchdog() -> None:
        time.sleep(time_s + 5)
        os._exit(_EXIT_TIME)

    threading.Thread(target=watchdog, daemon=True).start()


def _resource():
    try:
        import resource
    except ImportError:  # Windows: the parent watches the memory and the clock
        return None
    return resource


def _cap(limit, value: int) -> None:
    """Set the soft limit ``limit`` (a ``resource.RLIMIT_*``) to ``value``, within the hard limit."""
    resource = _resource()
    if resource is None or limit is None:
        return
    try:
        soft, hard = resource.getrlimit(limit)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(limit, (value, hard))
    except (ValueError, OSError):
        pass


def _cap_cpu(time_s: float) -> None:
    """The processor time this process may still use: what it used so far plus one budget."""
    resource = _resource()
    if resource is None:
        return
    used = resource.getrusage(resource.RUSAGE_SELF)
    _cap(resource.RLIMIT_CPU, int(used.ru_utime + used.ru_stime) + int(time_s) + 5)


def _write_json(folder: Path, obj) -> None:
    tmp = folder / (_RESULT + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(obj, fh, ensure_ascii=False)
    os.replace(tmp, folder / _RESULT)


def _progress(folder: Path, stage: str) -> None:
    with open(folder / _PROGRESS, "a", encoding="utf-8") as fh:
        fh.write(stage + "\n")


def _read(reader: str, path: Path, folder: Path) -> dict:
    from ..model import compute
    from ..model.serialize import to_dict

    module, _, func = reader.partition(":")
    load = getattr(importlib.import_module(module), func)
    _progress(folder, STAGE_READING)
    out = load(path)
    # A reader gives (form, guesses), or a ReadResult that also carries the grid it read.
    form, guesses = (out.form, out.guesses) if hasattr(out, "form") else out
    grid = getattr(out, "grid", None)
    _progress(folder, STAGE_CHECKING)
    try:
        compute(form)
        data = to_dict(form)
        json.dumps(data, ensure_ascii=False)
    except (ArithmeticError, ValueError, TypeError) as exc:
        raise ImportFailed(f"“{path.name}”读出的内容无法计算或保存（{type(exc).__name__}）：请检查文件中的金额、分值、"
                           "权重等数字是否正确（位数是否过多），改正后再导入。") from None
    outcome = {"form": data, "guesses": [dataclasses.asdict(g) for g in guesses]}
    if grid is not None:
        outcome["grid"] = {"rows": grid.rows, "merges": [[m.top, m.left, m.bottom, m.right] for m in grid.merges],
                           "source": grid.source, "name": grid.name}
        outcome["header_row"] = out.header_row
        outcome["template_rows"] = list(out.template_rows)
    return outcome


def worker_main(argv: list[str]) -> int:
    """The worker: ``READER PATH FOLDER MEMORY_BYTES TIME_S``; the outcome goes to FOLDER."""
    reader, path, folder, memory, seconds = argv[:5]
    folder_path = Path(folder)
    _limit_self(int(memory), float(seconds))
    path_ = Path(path)
    try:
        outcome = _read(reader, path_, folder_path)
    except ImportFailed as exc:
        outcome = {"error": str(exc)}
    except MemoryError:
        outcome = None
    except RecursionError:
        outcome = {"error": f"“{path_.name}”的结构嵌套过深，无法读取：请在 Excel/WPS 中另存为新文件后再导入。"}
    except Exception as exc:  # a reader's unexpected failure is a message, never a traceback
        outcome = {"error": f"读取“{path_.name}”时出错（{type(exc).__name__}）：文件可能已损坏或不是受支持的格式，"
                            "请在 Excel/WPS 中打开并另存为新文件后再导入。"}
    if outcome is None:
        return _EXIT_MEMORY
    try:
        _write_json(folder_path, outcome)
    except MemoryError:
        return _EXIT_MEMORY
    return 0


if __name__ == "__main__":
    sys.exit(worker_main(sys.argv[1:]))
