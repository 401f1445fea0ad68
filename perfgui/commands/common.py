"""What the subcommands share: naming a form by file or by library id, and failing clearly."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..model import Form, Guess

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
    """A form named by a file path, or by the id of a form in the library."""
    from ..exchange.files import ImportFailed, load_form_file

    if arg == "-":
        # Text piped in, e.g. what was copied from Excel/WPS or a PDF viewer.
        from ..model import PasteError, read_pasted_bytes

        try:
            result = read_pasted_bytes(sys.stdin.buffer.read())
        except PasteError as exc:
            raise CommandError(str(exc)) from None
        return result.form, result.guesses
    path = Path(arg)
    if path.exists():
        try:
            return load_form_file(path)
        except ImportFailed as exc:
            raise CommandError(str(exc)) from None
    if path.suffix or os.sep in arg or "/" in arg:
        raise CommandError(f"找不到文件“{arg}”：请检查文件名和位置。")
    from ..store import StoreError, open_library

    try:
        with open_library(data_dir, read_only=True) as lib:
            return lib.load(arg), []
    except StoreError as exc:
        raise CommandError(f"“{arg}”既不是文件，也不是表单库中的表单编号：{exc}") from None


def fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_UNREADABLE
