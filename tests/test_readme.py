"""The README opens with the two commands, and CI runs the same test command."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_opens_with_two_commands_and_ci_runs_the_test_one():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "```sh" and lines[3] == "```"
    run_cmd, test_cmd = lines[1], lines[2]
    assert run_cmd == "python tools/dev.py run" and test_cmd == "python tools/dev.py test"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_cmd in ci


def test_the_setup_script_runs_the_program_and_the_tests_on_python_312():
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev", ROOT / "tools" / "dev.py")
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    python = dev.find_python()
    assert dev._version(python[0]) >= (3, 12)
    source = (ROOT / "tools" / "dev.py").read_text(encoding="utf-8")
    assert '"main.py"' in source and '"pytest", "-q"' in source
