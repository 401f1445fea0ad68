"""What ``python -m perfgui`` loads for a command: the command's own part of the program only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from perfgui.model.serialize import to_dict
from perfgui.resources import sample_form

ROOT = Path(__file__).resolve().parents[2]

# Runs the command line in this process and, at exit, lists what it must not have imported.
WRAPPER = r"""
import atexit, sys
def report():
    unwanted = ('logging', 'multiprocessing', 'secrets', 'perfgui.readers.recognise', 'perfgui.exchange.pack_choice',
                'perfgui.exchange.sandbox', 'perfgui.cli.summary', 'perfgui.cli.export', 'perfgui.model.pack_change')
    print('LOADED', ' '.join(m for m in unwanted if m in sys.modules) or '-', file=sys.stderr, flush=True)
atexit.register(report)
from perfgui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", WRAPPER, *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def loaded(out: subprocess.CompletedProcess) -> list[str]:
    return out.stderr.rsplit("LOADED", 1)[1].split()


def test_checking_our_own_file_loads_neither_logging_the_worker_nor_the_recogniser(tmp_path):
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(to_dict(sample_form()), ensure_ascii=False), encoding="utf-8")
    out = run("check", str(path))
    assert out.returncode == 1, out.stderr[-2000:]  # the seed's weights add up to 95: an error
    assert json.loads(out.stdout)["total_score"] == "94.00"
    assert loaded(out) == ["-"]


def test_checking_pasted_text_loads_the_recogniser_and_the_pack_choice_only(tmp_path):
    path = tmp_path / "seed.txt"
    from perfgui.resources import sample_text

    path.write_text(sample_text(), encoding="utf-8")
    out = run("check", str(path))
    assert json.loads(out.stdout)["pack"]["name"] == "shanghai-department"
    assert loaded(out) == ["perfgui.readers.recognise", "perfgui.exchange.pack_choice"]


def test_the_full_command_list_is_still_offered():
    out = run("--help")
    assert out.returncode == 0
    for command in ("check", "import", "export", "package", "summary", "verify", "packs"):
        assert command in out.stdout
