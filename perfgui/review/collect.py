"""Finding and reading the forms of a 汇总: folders (searched recursively), files, the library.

Files are read in worker processes (``concurrent.futures``, every core), each returning a
compact ``Record``; results are taken in order as they come, so memory holds records, never the
files, however many there are. One bad file becomes an ``Unreadable`` with its reason and the
batch goes on.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .records import Record, Unreadable, read_file, record_of

# What any reader understands (the readers decide by content; the extension only finds them).
SUFFIXES = {".json", ".xlsx", ".xlsm", ".xls", ".et", ".ods", ".docx", ".doc", ".pdf", ".html",
            ".htm", ".txt", ".tsv", ".csv"}
CHUNK = 8  # files per task sent to a worker: fewer round trips, steady progress
WORKERLESS_AFTER = 3  # this many workers dying in a row, none answering: no workers here
LOST = "读取这个文件时读取进程意外退出：文件可能已损坏，或过大。"


@dataclass
class Collected:
    records: list[Record] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    cancelled: bool = False


def find_files(sources: Iterable[str | os.PathLike]) -> list[Path]:
    """Every candidate file under the sources, sorted, each once; hidden and temp files skipped."""
    found: dict[Path, None] = {}
    for source in sources:
        p = Path(source)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not _skipped(f, p):
                    found[f] = None
        else:
            found[p] = None
    return list(found)


def _skipped(f: Path, root: Path) -> bool:
    parts = f.relative_to(root).parts
    # Excel's lock files (~$x.xlsx) and hidden folders are not forms.
    return any(part.startswith((".", "~$")) for part in parts)


def _read_chunk(paths: list[str]) -> list[Record | Unreadable]:
    return [read_file(p) for p in paths]


def collect_files(paths: list[Path], *, workers: int | None = None,
                  progress: Callable[[int, int, str], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Collected:
    """Records of ``paths``, read by ``workers`` processes (default: every core)."""
    result = Collected()
    total = len(paths)
    if not total:
        return result
    workers = workers or min(os.cpu_count() or 1, 8)
    chunks = [[str(p) for p in paths[i:i + CHUNK]] for i in range(0, total, CHUNK)]
    done = 0

    def take(items: list[Record | Unreadable]) -> None:
        nonlocal done
        for item in items:
            done += 1
            (result.unreadable if isinstance(item, Unreadable) else result.records).append(item)
            if progress:
                progress(done, total, item.path)

    if workers <= 1 or total <= CHUNK:
        for chunk in chunks:
            if cancelled and cancelled():
                result.cancelled = True
                break
            take(_read_chunk(chunk))
        return result
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    # spawn: the same on Windows and here, and safe beside the window's threads.
    context = multiprocessing.get_context("spawn")
    suspects: list[str] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_read_chunk, chunk) for chunk in chunks]
        for i, future in enumerate(futures):
            if cancelled and cancelled():
                result.cancelled = True
                for f in futures:
                    f.cancel()
                break
            try:
                take(future.result())
            except BrokenProcessPool:
                # A worker died (a file crashed a library, or memory ran out): every chunk not
                # yet taken is read again below, one file per task, to find the culprit.
                suspects = [p for chunk in chunks[i:] for p in chunk]
                break
    if suspects and not result.cancelled:
        _one_by_one(suspects, context, take, cancelled, result)
    return result


def _one_by_one(paths: list[str], context, take, cancelled, result: Collected) -> None:
    """Each file in a worker of its own pool; a file that kills its worker is unreadable.

    If the first few files all kill their workers, it is not the files: worker processes
    cannot run here at all, and the files are read in this process instead.
    """
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
    lost: list[str] = []
    answered = False
    try:
        for n, path in enumerate(paths):
            if cancelled and cancelled():
                result.cancelled = True
                return
            if not answered and len(lost) == WORKERLESS_AFTER:
                take(_read_chunk(lost + list(paths[n:])))
                return
            try:
                items = pool.submit(_read_chunk, [path]).result()
            except BrokenProcessPool:
                lost.append(path)
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
                continue
            if not answered:
                answered = True
                take([Unreadable(p, LOST) for p in lost])
                lost = []
            take(items)
        take([Unreadable(p, LOST) for p in lost])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def collect_library(library, *, year: int | None = None, kind: str | None = None) -> Collected:
    """Records of the stored forms (optionally one year or kind), read in this process."""
    from ..store import StoreError

    result = Collected()
    for entry in library.list(year=year, kind=kind):
        try:
            form = library.load(entry.id)
        except StoreError as exc:
            result.unreadable.append(Unreadable(f"库:{entry.id}", str(exc)))
            continue
        result.records.append(record_of(form, f"库:{entry.id}"))
    return result
