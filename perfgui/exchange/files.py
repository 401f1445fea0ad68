"""Reading a form from any file a person may hand the program, chosen by its extension."""

from __future__ import annotations

import json
from pathlib import Path

from ..model import Form, Guess, read_pasted_bytes
from ..model.serialize import FormatError, from_dict

MAX_FILE_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".tsv", ".text", ".csv")
JSON_SUFFIXES = (".json",)


class ImportFailed(ValueError):
    """A file that cannot become a form; the message is Chinese and says what to do."""


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
    """A form from our own lossless file."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFailed(f"文件不是有效的表单文件（JSON 格式错误：{exc}）。") from None
    try:
        return from_dict(obj)
    except FormatError as exc:
        raise ImportFailed(str(exc)) from None
    except RecursionError:
        raise ImportFailed("表单文件嵌套过深，无法读取。") from None


def load_form_file(path: str | Path) -> tuple[Form, list[Guess]]:
    """A form from a file, with what was guessed while reading it."""
    from ..model.paste import PasteError

    p = Path(path)
    suffix = p.suffix.lower()
    data = read_limited(p)
    if suffix in JSON_SUFFIXES:
        return read_form_json(data), []
    if suffix == ".xlsx":
        from .xlsx import read_xlsx_bytes

        return read_xlsx_bytes(data)
    if data[:2] == b"PK" and suffix not in TEXT_SUFFIXES:
        raise ImportFailed(f"“{p.name}”是压缩文件或 Office 文件：请另存为 .xlsx 后导入。")
    try:
        result = read_pasted_bytes(data)
    except PasteError as exc:
        raise ImportFailed(str(exc)) from None
    return result.form, result.guesses
