"""Reading a form from any file a person may hand the program, chosen by its extension."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from ..model import Form
from ..model.serialize import FORMAT_NAME, FormatError, from_dict
from ..readers.guesses import Guess, ReadResult
from ..readers.recognise import recognise
from .errors import ImportFailed

log = logging.getLogger(__name__)

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
    """A file read into a form, with its guesses and the grid it was read from.

    Our own lossless files (the JSON file, our .xlsx with its hidden data sheet) are read as
    they were written (no grid, no guesses); every other file goes through its source to grids
    and the recogniser.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    data = read_limited(p)
    log.info("reading %s (%d bytes)", p, len(data))
    if not data.strip():
        raise ImportFailed(f"文件“{p.name}”是空的：请选择包含绩效自评表内容的文件。")
    if suffix in JSON_SUFFIXES:
        return ReadResult(read_form_json(data))
    if suffix in XLSX_SUFFIXES:
        from .xlsx import read_xlsx_result

        return read_xlsx_result(data)
    if data.lstrip()[:1] == b"{" and b'"perfgui-form"' in data[:200]:
        return ReadResult(read_form_json(data))
    from ..readers.sources import read_bytes, sniff

    kind = sniff(data, p.name)
    if kind == "xlsx":
        from .xlsx import read_xlsx_result

        return read_xlsx_result(data)
    try:
        return recognise(read_bytes(data, p.name))
    except RecursionError:
        raise ImportFailed("文件内容结构异常，无法读取。") from None


