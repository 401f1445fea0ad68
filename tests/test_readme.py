"""The README opens with the two commands, and CI runs the same test command."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_opens_with_two_commands_and_ci_runs_the_test_one():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "```sh" and lines[3] == "```"
    run_cmd, test_cmd = lines[1], lines[2]
    assert "main.py" in run_cmd and "pytest" in test_cmd
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_cmd in ci
