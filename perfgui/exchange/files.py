"""Reading a form from any file a person may hand the program, chosen by its extension."""

from __future__ import annotations

import json
from pathlib import Path

from ..model import Form
from ..model.form_bounds import describe_problems, form_number_problems
from ..model.serialize import FORMAT_NAME, FormatError, from_dict
from ..readers.guesses import Guess, ReadResult
from .errors import ImportFailed


MAX_FILE_BYTES = 20 * 1024 * 1024
JSON_SUFFIXES = (".json",)
XLSX_SUFFIXES = (".xlsx", ".xlsm")


def read_limited(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportFailed(f"找不到文件“{path}”：请检查文件名和位置。") from None
    except OSError as exc:
        raise ImportFailed(f"无法读取“{path}”：{exc.strerror or exc}。") from None
    if path.is_dir():
        raise ImportFailed(f"“{path}”是文件夹，不是文件。")
    if size > MAX_FILE_BYTES:
        raise ImportFailed(
            f"文件“{path.name}”有 {size / 1024 / 1024:.0f} MB，超过 {MAX_FILE_BYTES // 1024 // 1024} MB："
            "绩效自评表不会这么大，请确认选对了文件。")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"无法读取“{path}”：{exc.strerror or exc}。") from None


def read_form_json(data: bytes) -> Form:
    """A form from our own lossless file (docs/form-file.md)."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFailed("表单文件不是 UTF-8 编码的文本：请确认选对了文件。") from None
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"文件不是有效的表单文件（JSON 格式错误，第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）："
                           "文件可能被截断或被其他程序改坏，请重新导出。") from None
    except RecursionError:
        raise ImportFailed("表单文件嵌套过深，无法读取。") from None
    if isinstance(obj, dict) and "format" not in obj:
        # Any JSON object would otherwise read as an empty form ({"hello": [1, 2, 3]}).
        raise ImportFailed(f"文件不是本程序的表单文件：没有 \"format\": \"{FORMAT_NAME}\" 标记。"
                           "请选择本程序“另存为/导出”得到的 .json 文件，或导入 Excel（.xlsx）表格。")
    try:
        return from_dict(obj)
    except FormatError as exc:
        raise ImportFailed(str(exc)) from None
    except RecursionError:
        raise ImportFailed("表单文件嵌套过深，无法读取。") from None
    except Exception as exc:  # data of the right shape but wrong types deep inside
        raise ImportFailed(f"表单文件内容有误（{type(exc).__name__}）：请重新导出后再导入。") from None


def load_form_file(path: str | Path) -> tuple[Form, list[Guess]]:
    """A form from a file, with what was guessed while reading it."""
    result = read_form_file(path)
    return result.form, result.guesses


def read_form_file(path: str | Path) -> ReadResult:
    """A file read into a form, with its guesses and the grid it was read from (see
    ``read_form_bytes``)."""
    p = Path(path)
    return read_form_bytes(read_limited(p), p.name)


def read_unpacked(path: str | Path) -> ReadResult:
    """A file read as ``read_form_file`` reads it, but without choosing its rule pack."""
    p = Path(path)
    return _read_bytes(read_limited(p), p.name)


def file_kind(data: bytes, name: str) -> str:
    """How ``read_form_bytes`` reads a file: "json" (our form file), "xlsx", or the kind ``sniff`` tells."""
    suffix = Path(name).suffix.lower()
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if data.lstrip()[:1] == b"{" and b'"perfgui-form"' in data[:200]:
        return "json"
    from ..readers.sources import sniff

    return sniff(data, name)


def read_form_bytes(data: bytes, name: str) -> ReadResult:
    """A file's bytes read into a form (``name``: the file's name, for its kind and messages).

    Our own lossless files (the JSON file, our .xlsx with its hidden data sheet) are read as
    they were written (no grid, no guesses: they keep their pack); every other file goes through
    its source to grids and the recogniser, and then gets the rule pack whose layout it prints
    (``pack_choice``; the choice and its reasons are one of the guesses).
    """
    result = _read_bytes(data, name)
    if result.grid is not None:  # read from a grid: our own files keep their pack
        from .pack_choice import choose_pack

        choose_pack(result)
    return result


def _read_bytes(data: bytes, name: str) -> ReadResult:
    if not data.strip():
        raise ImportFailed(f"文件“{name}”是空的：请选择包含绩效自评表内容的文件。")
    kind = file_kind(data, name)
    if kind == "json":
        return ReadResult(read_form_json(data))
    if kind == "xlsx":
        from .xlsx import read_xlsx_result

        return read_xlsx_result(data)
    from ..readers.recognise import recognise
    from ..readers.sources import read_bytes

    try:
        return recognise(read_bytes(data, name))
    except RecursionError:
        raise ImportFailed("文件内容结构异常，无法读取。") from None


# The kinds read in this process, not by the import worker (``sandbox``), and up to what size:
# reading them is linear in their size (json.loads and from_dict; the text reader and the
# recogniser), and within these sizes it takes about a second and a few tens of MB at worst
# (``python bench/bench_hostile.py --in-process`` reads the worst files found), far inside the
# worker's budget: the worker would protect nothing and would add a process start to every
# command. A form file may hold at most IN_PROCESS_MAX_OBJECTS JSON objects besides (each
# indicator is one; a 2,000-indicator form has about 2,050), so that a file of empty indicators
# cannot make a million of them. Zip, OLE, PDF and HTML files, whatever their name, and larger
# files are always read by the worker.
IN_PROCESS_MAX_BYTES = {"json": 1024 * 1024, "text": 64 * 1024, "csv": 64 * 1024}
IN_PROCESS_MAX_OBJECTS = 12_000


def in_process(data: bytes, name: str) -> bool:
    """Whether a file of these bytes is read in this process (``IN_PROCESS_MAX_BYTES``)."""
    kind = file_kind(data, name)
    limit = IN_PROCESS_MAX_BYTES.get(kind)
    if limit is None or len(data) > limit:
        return False
    return kind != "json" or data.count(b"{") <= IN_PROCESS_MAX_OBJECTS


def load_guarded(path: str | Path) -> tuple[Form, list[Guess]]:
    """A form from a file a person named, read within the import budgets, with its guesses.

    Our form file and plain text below ``IN_PROCESS_MAX_BYTES`` are read here; every other file
    by the import worker, which is stopped past its time and memory budget. Should reading here
    fail in a way no reader foresaw, the worker reads the file again and reports that failure
    as it reports any other.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError:
        size = -1  # missing or unreadable: the worker's reader says which, as always
    if 0 <= size <= max(IN_PROCESS_MAX_BYTES.values()) and p.is_file():
        data = read_limited(p)
        if in_process(data, p.name):
            try:
                result = read_form_bytes(data, p.name)
            except ImportFailed:
                raise
            except Exception:
                import logging  # only here: the command line pays nothing for a log it never writes

                logging.getLogger(__name__).exception("reading %s here failed; reading it in the worker", p)
            else:
                return result.form, result.guesses
    from .sandbox import load_in_worker

    return load_in_worker(p)  # a worker process, stopped past its budget


IMPORT_PROBLEMS_SHOWN = 5  # a file with hundreds of bad figures still gets a readable message


def refuse_out_of_bounds(form: Form, file_name: str) -> None:
    """Raise ``ImportFailed`` when a form read from ``file_name`` holds a number out of bounds.

    Called by every import (window and command line) before the form is shown, confirmed or
    stored: a figure out of range would otherwise sit in the form and make every save fail.
    """
    problems = form_number_problems(form)
    if problems:
        listed = describe_problems(problems, IMPORT_PROBLEMS_SHOWN, "\n")
        raise ImportFailed(f"“{file_name}”中有 {len(problems)} 处数字超出允许范围，未导入：\n{listed}\n"
                           "请改正文件后再导入，表单库未改动。")
