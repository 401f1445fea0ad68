"""A writer killed with SIGKILL at random moments, 200 times, never costs more than its last save.

Each round forks a process (see store_kill_worker.py) that opens the library and creates, saves,
deletes and restores forms in a loop, logging every step before and after it happens. The test
kills it after a random delay, then opens the library itself and checks:

- the library opens as the writer, with no notice of a damaged or missing file;
- every form in the list and in the recycle bin loads;
- every form holds the last save the writer finished, or the one it was in the middle of;
- a form appears or disappears only through a finished operation or the one in flight.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from perfgui.store import open_library

ROUNDS = 200
HERE = Path(__file__).resolve().parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "win32",
                       reason="SIGKILL and fork do not exist on Windows"),
]


class Zygote:
    def __init__(self, folder: Path, log: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "store_kill_worker.py"), str(folder), str(log)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def ask(self, line: str) -> str:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        assert answer, f"worker process gave no answer to {line!r}"
        return answer

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                assert self.proc.stdin
                self.proc.stdin.write("quit\n")
                self.proc.stdin.flush()
                self.proc.wait(timeout=10)
            except Exception:
                self.proc.kill()
                self.proc.wait()


def wait_for_line(log: Path, line: str, start: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8")[start:] if log.exists() else ""
        if line in text:
            return
        errors = [ln for ln in text.splitlines() if ln.split(" ", 2)[1:2] == ["E"]]
        assert not errors, errors
        time.sleep(0.001)
    raise AssertionError(f"the writer did not log {line!r} within {timeout} s")


def test_sigkill_at_random_moments_loses_at_most_the_save_in_flight(tmp_path):
    import signal

    folder = tmp_path / "lib"
    log = tmp_path / "steps.log"
    rng = random.Random(20240601)
    zygote = Zygote(folder, log)
    active: dict[str, str] = {}  # id -> marker of the last finished save
    trashed: dict[str, str] = {}
    read_upto = 0
    in_flight_rounds = 0
    lost_in_flight = 0
    started = time.monotonic()
    try:
        for round_no in range(ROUNDS):
            pid = int(zygote.ask(f"fork {round_no} {rng.randrange(1 << 30)}"))
            if len(active) + len(trashed) < 3 and round_no % 4 == 1:
                # Until the library holds a few forms, some rounds let one create finish first,
                # so the writer makes progress however loaded the machine is (at load ~12 the
                # random moments alone could kill every create in flight).
                wait_for_line(log, f"{round_no} C ", read_upto, timeout=60)
                time.sleep(rng.uniform(0.0, 0.03))
            elif round_no % 2:
                # Half the rounds: a random moment after the writer has opened the library, so
                # the kills land inside operations however slow the machine is today.
                wait_for_line(log, f"{round_no} O\n", read_upto)
                time.sleep(rng.uniform(0.0, 0.03))
            else:
                # The other half: a random moment from the start, opening included.
                time.sleep(rng.uniform(0.0, 0.05))
            os.kill(pid, signal.SIGKILL)
            status = zygote.ask(f"reap {pid}")
            text = log.read_text(encoding="utf-8") if log.exists() else ""
            lines = text[read_upto:].splitlines()
            read_upto = len(text)
            errors = [ln for ln in lines if ln.split(" ", 2)[1] == "E"]
            assert not errors, errors
            assert status == f"signal {signal.SIGKILL}", status

            # Replay the log: finished steps are facts; the last unfinished one is in flight.
            pending: tuple[str, str, str] | None = None
            for ln in lines:
                _, step, *rest = ln.split(" ")
                if step == "O":
                    continue
                fid, marker = rest
                if step.islower():
                    pending = (step, fid, marker)
                    continue
                pending = None
                if step in ("C", "S"):
                    active[fid] = marker
                elif step == "D":
                    trashed[fid] = active.pop(fid)
                elif step == "R":
                    active[fid] = trashed.pop(fid)
            if pending is not None:
                in_flight_rounds += 1

            with open_library(folder) as lib:
                assert not lib.read_only, lib.lock_message
                assert lib.notices == [], lib.notices
                listed = {s.id for s in lib.list()}
                binned = {s.id for s in lib.trash()}
                expected_active, expected_trash = set(active), set(trashed)
                if pending and pending[0] == "d" and pending[1] in binned:
                    trashed[pending[1]] = active.pop(pending[1])
                elif pending and pending[0] == "r" and pending[1] in listed:
                    active[pending[1]] = trashed.pop(pending[1])
                elif pending and pending[0] == "d" or pending and pending[0] == "r":
                    lost_in_flight += 1
                new = listed - set(active)
                if pending and pending[0] == "c":
                    assert len(new) <= 1, new
                    if new:
                        (fid,) = new
                        assert lib.load(fid).goals.achieved == pending[2]
                        active[fid] = pending[2]
                    else:
                        lost_in_flight += 1
                assert listed == set(active), (round_no, listed ^ set(active), expected_active)
                assert binned == set(trashed), (round_no, binned ^ set(trashed), expected_trash)
                for fid in listed:
                    stored = lib.load(fid).goals.achieved
                    if pending and pending[0] == "s" and pending[1] == fid and stored == pending[2]:
                        active[fid] = stored
                        continue
                    if pending and pending[0] == "s" and pending[1] == fid:
                        lost_in_flight += 1
                    assert stored == active[fid], (round_no, fid, stored, active[fid], pending)
                for fid in listed:
                    revs = lib.revisions(fid)
                    assert revs[0].current and all(a.number > b.number for a, b in zip(revs, revs[1:]))
                    if len(revs) > 1:
                        lib.load_revision(fid, revs[1].number)
                for fid in binned:
                    current = lib.revisions(fid)[0]
                    assert current.current
                    assert lib.load_revision(fid, current.number).goals.achieved == trashed[fid]
    finally:
        zygote.close()
    elapsed = time.monotonic() - started
    # The kills must actually land inside operations, or the test proves nothing.
    assert in_flight_rounds >= ROUNDS // 3, (in_flight_rounds, lost_in_flight)
    assert len(active) + len(trashed) >= 3
    print(f"{ROUNDS} kills in {elapsed:.1f} s; {in_flight_rounds} inside an operation, "
          f"{lost_in_flight} of those lost; {len(active)} forms, {len(trashed)} in the bin")
