"""Exported files look as if written in place: their mode, their symlink; no temp files left."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from perfgui.cli import main
from perfgui.exchange.names import base_name, safe_name
from perfgui.fileio import STALE_TEMP_S, atomic_write_bytes

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "seed_2024.txt"
POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits and symlinks")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@POSIX
def test_a_new_export_gets_the_umask_and_an_existing_file_keeps_its_mode(tmp_path, capfd):
    old = os.umask(0o027)
    try:
        fresh = tmp_path / "new.json"
        assert main(["export", str(SEED), "--json", str(fresh)]) == 0
        assert mode(fresh) == 0o640  # 0666 less the umask, not a temp file's 0600
        kept = tmp_path / "kept.json"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o664)
        assert main(["export", str(SEED), "--json", str(kept)]) == 0
        assert mode(kept) == 0o664 and kept.read_text(encoding="utf-8").startswith("{")
    finally:
        os.umask(old)


@POSIX
def test_an_export_writes_through_a_symlink_to_its_target(tmp_path, capfd):
    real = tmp_path / "shared" / "表单.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert main(["export", str(SEED), "--json", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in real.parent.iterdir()) == ["表单.json"]


def test_temp_files_of_a_killed_export_are_removed_by_the_next_run(tmp_path):
    out = tmp_path / "out.pdf"
    # A real export killed while writing: an endless writer into the same folder, SIGKILLed.
    code = ("import sys, os; sys.path.insert(0, {root!r});"
            "import perfgui.fileio as f; real = os.fsync\n"
            "def hang(fd):\n    print('writing', flush=True); import time; time.sleep(60)\n"
            "os.fsync = hang; f.atomic_write_bytes({out!r}, b'%PDF-1.4 partial')").format(
        root=str(ROOT), out=str(out))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    proc.kill()
    proc.wait()
    (left,) = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # Another writer's young temp file (a live process) and an unrelated file are kept.
    live = tmp_path / f".out.pdf.{os.getppid()}-abcd1234.tmp"
    live.write_bytes(b"another process is writing")
    other = tmp_path / ".other.pdf.12345-abcd1234.tmp"
    other.write_bytes(b"not ours")
    atomic_write_bytes(out, b"%PDF-1.4 whole")
    assert out.read_bytes() == b"%PDF-1.4 whole"
    assert not left.exists()
    if os.name != "nt":
        assert live.exists()  # its writer runs: left alone
    assert other.exists()
    # Whoever made it, a temp file older than STALE_TEMP_S is abandoned.
    past = time.time() - STALE_TEMP_S - 10
    os.utime(live, (past, past))
    atomic_write_bytes(out, b"%PDF-1.4 again")
    assert not live.exists() and other.exists()


def test_suggested_names_carry_no_bidirectional_controls(seed_form):
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
    assert safe_name("报表\u202efdp.exe") == "报表fdp.exe"
    assert safe_name(f"a{controls}b") == "ab"
    seed_form.header.unit = "虹桥镇\u202e城建中心\u2066"
    name = base_name(seed_form)
    assert not any(c in name for c in controls) and "虹桥镇城建中心" in name
