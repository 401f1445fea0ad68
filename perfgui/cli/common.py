"""What the subcommands share: naming a form by file or by library id, and failing clearly."""

from __future__ import annotations

import os
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


def resolve_form(arg: str, data_dir: str | None) -> tuple[Form, list[Guess], dict | None]:
    """A form named by a file path, ``-`` (stdin), or the id of a form in the library.

    The third value says which older revision was used when a stored form's current file was
    damaged or missing (None otherwise); it is also said on stderr. A form with a number out of
    bounds is refused here, before any command works with it.
    """
    form, guesses, fallback = _resolve(arg, data_dir)
    from ..model.form_bounds import check_form_numbers
    from ..model.numbers import OutOfRange

    try:
        check_form_numbers(form)
    except OutOfRange as exc:
        raise CommandError(f"{exc}：请改正后再试。") from None
    return form, guesses, fallback


def _resolve(arg: str, data_dir: str | None) -> tuple[Form, list[Guess], dict | None]:
    from ..exchange.errors import ImportFailed
    from ..exchange.files import load_guarded
    from ..targets import FILE, STDIN, MissingFile, classify, not_found

    try:
        target = classify(arg)
    except MissingFile as exc:
        raise CommandError(str(exc)) from None
    if target.kind == STDIN:
        # Text piped in, e.g. what was copied from Excel/WPS or a PDF viewer.
        from ..readers.pasted import read_pasted_bytes

        from ..exchange.pack_choice import choose_pack

        try:
            result = read_pasted_bytes(sys.stdin.buffer.read())
        except ImportFailed as exc:
            raise CommandError(str(exc)) from None
        choose_pack(result)  # as for a file: the pack whose layout the text prints
        return result.form, result.guesses, None
    if target.kind == FILE:
        try:
            form, guesses = load_guarded(target.path)  # hostile kinds in a worker, stopped past its budget
        except ImportFailed as exc:
            raise CommandError(str(exc)) from None
        return form, guesses, None
    from ..store import StoreError, open_library

    try:
        with open_library(data_dir, read_only=True, role="command") as lib:
            form = lib.load(target.form_id)
            fallback = lib.fallbacks.get(form.id)
    except StoreError as exc:
        raise CommandError(not_found(arg, str(exc))) from None
    if fallback is not None:
        write_err(f"注意：{fallback.sentence()}")
        return form, [], fallback.as_dict()
    return form, [], None


def _write(stream_name: str, text: str) -> None:
    """Write a line; a closed or failing stream is ignored (the work is done by now).

    A script that imports a form and finds exit 1 because its stdout was closed would import
    again: the exit code must say whether the work was done, not whether it was reported.
    """
    stream = getattr(sys, stream_name)
    if stream is None:
        return
    try:
        data = text.encode("utf-8", "replace") + b"\n"
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            stream.flush()
            buffer.write(data)
        else:
            stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError):
        silence(stream_name)


def silence(stream_name: str) -> None:
    """Point a stream that failed at the null device, so that exiting cannot fail on it again."""
    stream = getattr(sys, stream_name)
    try:
        devnull = open(os.devnull, "w", encoding="utf-8")
    except OSError:
        return
    if stream is not None:
        try:
            os.dup2(devnull.fileno(), stream.fileno())
        except (OSError, ValueError, AttributeError):
            pass
    setattr(sys, stream_name, devnull)


def write_out(text: str) -> None:
    """A line on stdout (ids, JSON, tables: what scripts read)."""
    _write("stdout", text)


def write_err(text: str) -> None:
    """A line on stderr (messages for people)."""
    _write("stderr", text)


def fail(message: str) -> int:
    write_err(f"错误：{message}")
    return EXIT_UNREADABLE
