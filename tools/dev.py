"""Set up the project's own Python and run the program or the tests with it.

    python tools/dev.py run [ARGS...]     the program (main.py) with ARGS
    python tools/dev.py test [ARGS...]    the test suite (pytest -q ARGS)
    python tools/dev.py python [ARGS...]  the environment's interpreter itself

The program ships on Python 3.12 or newer, while many machines start an older ``python``. This
script may itself be run by any Python 3.8+: it finds a 3.12+ interpreter (itself, ``py -3.12``
on Windows, ``python3.13``/``python3.12`` on PATH, or a pyenv installation), makes the virtual
environment ``.venv`` beside this repository with it, installs the project there (again only
when ``pyproject.toml`` changed), and hands over to it. Nothing is installed outside ``.venv``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("PERFGUI_VENV", ROOT / ".venv"))
MINIMUM = (3, 12)
# The interpreter the program ships on first; a newer one only when 3.12 is not there.
PREFERRED = ("3.12", "3.13")


def _version(python: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.stdout.split()
    if out.returncode != 0 or len(parts) != 2:
        return None
    return int(parts[0]), int(parts[1])


def _candidates() -> list[list[str]]:
    found: list[list[str]] = [[sys.executable]]
    if os.name == "nt" and shutil.which("py"):
        found += [["py", f"-{v}"] for v in PREFERRED]
    for v in PREFERRED:
        exe = shutil.which(f"python{v}")
        if exe:
            found.append([exe])
    roots = dict.fromkeys(Path(r).resolve() for r in (os.environ.get("PYENV_ROOT"), Path.home() / ".pyenv") if r)
    for root in roots:
        versions = Path(root) / "versions"
        if not versions.is_dir():
            continue
        for v in PREFERRED:  # pyenv folders are named by full version: 3.12.1, 3.13.0 …
            for folder in sorted(versions.glob(f"{v}.*"), reverse=True):
                for name in ("python3", "python"):
                    exe = folder / "bin" / name
                    if exe.is_file():
                        found.append([str(exe)])
                        break
    return found


def find_python() -> list[str]:
    """The first interpreter found that is Python 3.12 or newer."""
    for command in _candidates():
        if command[0] == sys.executable and sys.version_info[:2] >= MINIMUM:
            return command
        if len(command) == 1:
            version = _version(command[0])
        else:  # the Windows launcher: ask it for the real path
            try:
                out = subprocess.run(command + ["-c", "import sys; print(sys.executable)"],
                                     capture_output=True, text=True, timeout=30)
            except (OSError, subprocess.SubprocessError):
                continue
            if out.returncode != 0:
                continue
            command = [out.stdout.strip()]
            version = _version(command[0])
        if version and version >= MINIMUM:
            return command
    sys.exit("perfgui needs Python 3.12 or newer; none was found. Install it from python.org "
             "(Windows: the 64-bit installer) and run this command again.")


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_venv(extras: str) -> Path:
    """``.venv`` on Python 3.12+, with the project and ``extras`` installed and current."""
    python = venv_python()
    version = _version(str(python)) if python.exists() else None
    if version is None or version < MINIMUM:
        if VENV.exists():
            shutil.rmtree(VENV)
        base = find_python()
        print(f"== making {VENV} with {base[0]}", flush=True)
        subprocess.run(base + ["-m", "venv", str(VENV)], check=True)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".perfgui-installed-{extras or 'run'}"
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != digest:
        print(f"== installing perfgui{extras} into {VENV}", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"],
                       check=False)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-e", f".{extras}"],
                       cwd=ROOT, check=True)
        stamp.write_text(digest, encoding="utf-8")
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "python"):
        print(__doc__)
        return 2
    what, rest = argv[0], argv[1:]
    # The tests check the PyInstaller build too, so they need the build extra.
    extras = {"run": "", "test": "[test,build]", "python": "[test,build]"}[what]
    python = str(ensure_venv(extras))
    command = {"run": [python, str(ROOT / "main.py")],
               "test": [python, "-m", "pytest", "-q"],
               "python": [python]}[what] + rest
    return subprocess.call(command, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
