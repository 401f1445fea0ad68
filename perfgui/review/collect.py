"""Finding and reading the forms of a 汇总: folders (searched recursively), files, the library.

Files are read in worker processes (``perfgui.exchange.sandbox.run_in_workers``, every core),
each returning a compact ``Record``, so memory holds records, never the files, however many
there are. Each file has the time and memory budget of one import. One bad file becomes an
``Unreadable`` with its reason and the batch goes on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..exchange.sandbox import Limits, run_in_workers
from ..readers.sources import SUFFIXES
from .records import Record, Unreadable, read_file, record_of



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


def _warm() -> None:
    """What reading any form needs, imported once per worker before its first file is timed."""
    import openpyxl  # noqa: F401

    from ..exchange import files, xlsx  # noqa: F401
    from ..readers import sources  # noqa: F401


def _read(path: str) -> Record | Unreadable:
    # A module-level function that looks ``read_file`` up when called (tests replace it).
    return read_file(path)


def collect_files(paths: list[Path], *, workers: int | None = None, limits: Limits | None = None,
                  progress: Callable[[int, int, str], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Collected:
    """Records of ``paths`` in their order, read by ``workers`` processes (default: every core).

    Each file has the budget of one import (``limits``; ``perfgui.exchange.sandbox``): a file
    that takes longer or needs more memory is stopped, its worker replaced, and it is listed as
    unreadable with the reason.
    """
    result = Collected()
    total = len(paths)
    if not total:
        return result
    workers = workers or min(os.cpu_count() or 1, 8)
    names = [str(p) for p in paths]
    got: dict[int, Record | Unreadable] = {}
    for out in run_in_workers(_read, names, workers=workers, limits=limits, warm=_warm, cancelled=cancelled):
        item = out.value if out.ok else Unreadable(names[out.index], str(out.value))
        got[out.index] = item
        if progress:
            progress(len(got), total, item.path)
    result.cancelled = len(got) < total
    for i in sorted(got):
        item = got[i]
        (result.unreadable if isinstance(item, Unreadable) else result.records).append(item)
    return result


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
