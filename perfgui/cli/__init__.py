"""The command line: the same operations as the window, without one.

Exit codes: 0 success (for ``check``: no errors), 1 the form has errors, 2 the input could not
be read or the operation failed (a Chinese message on stderr says why).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .. import WORKER_FLAG, __version__
from .common import CommandError, fail, silence

# Each module registers its subcommands; heavy libraries are imported only when one runs.
COMMAND_MODULES = ("check", "library", "export", "package", "summary", "verify", "packs")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand; given the ``command`` about to run, of that one alone
    when the module of its name registers it (each module costs its imports; a run needs one)."""
    parser = argparse.ArgumentParser(prog="perfgui", description="绩效自评表：检查、导入、导出")
    parser.add_argument("--version", action="version", version=f"perfgui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (command,) if command in COMMAND_MODULES else COMMAND_MODULES:
        try:
            module = importlib.import_module(f"perfgui.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"perfgui.cli.{name}":
                raise
            continue
        module.register(sub)
    if command in COMMAND_MODULES and command not in sub.choices:
        return build_parser()  # e.g. "library": a module's name, not a command: list them all
    return parser


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    if given[:1] == [WORKER_FLAG]:
        # The frozen command line started as its own import worker.
        from ..exchange.sandbox import worker_main

        return worker_main(given[1:])
    for stream in (sys.stdout, sys.stderr):
        # Chinese text must survive a Windows console in the GBK code page.
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass
    parser = build_parser(given[0] if given else None)
    args = parser.parse_args(given)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        code = args.run(args)
    except CommandError as exc:
        code = fail(str(exc))
    except KeyboardInterrupt:
        code = fail("已取消。")
    for name in ("stdout", "stderr"):
        # Output that cannot be delivered (closed pipe, full disk) must not change the exit code
        # of work that is done, neither here nor when Python flushes the streams at exit.
        stream = getattr(sys, name)
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            silence(name)
    return code
