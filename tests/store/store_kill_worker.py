"""Helper for test_store_sigkill.py: a process that forks library writers on demand.

Run as ``python store_kill_worker.py LIBRARY LOGFILE``. It imports the library once, then
reads commands on stdin:

    fork ROUND SEED   fork a writer; answer its pid. The writer opens the library and creates,
                      saves, deletes and restores forms in a loop until it is killed, logging
                      each step to LOGFILE before (lower-case letter) and after (upper-case)
                      it happens.
    reap PID          wait for that writer; answer "signal N" or "exit N"
    quit

Forking from this single-threaded process makes each writer cost a millisecond instead of a
Python start-up, so 200 kills fit in a few seconds.
"""

from __future__ import annotations

import copy
import os
import random
import sys
import traceback
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from perfgui.readers.pasted import read_pasted  # noqa: E402
from perfgui.store import open_library  # noqa: E402

MAX_FORMS = 12
SEED = read_pasted((ROOT / "tests" / "data" / "seed_2024.txt").read_text(encoding="utf-8")).form


def writer(folder: str, log_path: str, round_no: int, seed: int) -> None:
    rng = random.Random(seed)
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def note(line: str) -> None:
        os.write(log, f"{round_no} {line}\n".encode("utf-8"))

    try:
        lib = open_library(folder)
        if lib.read_only:
            note(f"E library opened read-only: {lib.lock_message}")
            os._exit(3)
        note("O")
        k = 0
        while True:
            k += 1
            marker = f"m{round_no:04d}-{k:05d}"
            active = [s.id for s in lib.list()]
            trashed = [s.id for s in lib.trash()]
            r = rng.random()
            if not active or (r < 0.08 and len(active) + len(trashed) < MAX_FORMS):
                form = copy.deepcopy(SEED)
                form.id = ""
                form.goals.achieved = marker
                note(f"c - {marker}")
                fid = lib.create(form)
                note(f"C {fid} {marker}")
            elif r < 0.11 and len(active) > 5:
                fid = rng.choice(active)
                note(f"d {fid} -")
                lib.delete(fid)
                note(f"D {fid} -")
            elif r < 0.17 and trashed:
                fid = rng.choice(trashed)
                note(f"r {fid} -")
                lib.restore(fid)
                note(f"R {fid} -")
            else:
                fid = rng.choice(active)
                form = lib.load(fid)
                form.goals.achieved = marker
                leaves = form.scored()
                leaf = leaves[rng.randrange(len(leaves))]
                leaf.score = Decimal(rng.randrange(0, 100)) / 100
                leaf.reason = f"原因 {marker}"
                note(f"s {fid} {marker}")
                lib.save(form)
                note(f"S {fid} {marker}")
    except BaseException:
        note("E " + traceback.format_exc().replace("\n", " | "))
        os._exit(1)


def main() -> None:
    folder, log_path = sys.argv[1], sys.argv[2]
    for line in sys.stdin:
        cmd = line.split()
        if not cmd:
            continue
        if cmd[0] == "fork":
            round_no, seed = int(cmd[1]), int(cmd[2])
            pid = os.fork()
            if pid == 0:
                writer(folder, log_path, round_no, seed)
                os._exit(0)
            print(pid, flush=True)
        elif cmd[0] == "reap":
            _, status = os.waitpid(int(cmd[1]), 0)
            if os.WIFSIGNALED(status):
                print(f"signal {os.WTERMSIG(status)}", flush=True)
            else:
                print(f"exit {os.WEXITSTATUS(status)}", flush=True)
        elif cmd[0] == "quit":
            return


if __name__ == "__main__":
    main()
