"""What the subcommands share: naming a form by file or by library id, and failing clearly."""

from __future__ import annotations

import sys

from ..model import Form
from ..readers.guesses import Guess

EXIT_OK = 0
EXIT_FORM_ERRORS = 1
EXIT_UNREADABLE = 2


class CommandError(Exception):
    """Stops a command with a Chinese message on stderr and exit code 2."""


def add_data_dir(parser) -> None:
    parser.add_argument(
        "--data-dir", metavar="DIR", default=None,
        help="表单库所在文件夹（默认：用户数据文件夹，或环境变量 PERFGUI_DATA_DIR）")


def resolve_form(arg: str, data_dir: str | None) -> tuple[Form, list[Guess]]:
    """A form named by a file path, ``-`` (stdin), or the id of a form in the library."""
    from ..exchange.errors import ImportFailed
    from ..exchange.sandbox import load_in_worker
    from ..targets import FILE, STDIN, MissingFile, classify, not_found

    try:
        target = classify(arg)
    except MissingFile as exc:
        raise CommandError(str(exc)) from None
    if target.kind == STDIN:
        # Text piped in, e.g. what was copied from Excel/WPS or a PDF viewer.
        from ..readers.pasted import read_pasted_bytes

        try:
            result = read_pasted_bytes(sys.stdin.buffer.read())
        except ImportFailed as exc:
            raise CommandError(str(exc)) from None
        return result.form, result.guesses
    if target.kind == FILE:
        try:
            return load_in_worker(target.path)  # a worker process, stopped past its budget
        except ImportFailed as exc:
            raise CommandError(str(exc)) from None
    from ..store import StoreError, open_library

    try:
        with open_library(data_dir, read_only=True) as lib:
            return lib.load(target.form_id), []
    except StoreError as exc:
        raise CommandError(not_found(arg, str(exc))) from None


def fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_UNREADABLE
