"""Reading a form from any file a person may hand the program, chosen by its extension."""

from __future__ import annotations

import json
from pathlib import Path

from ..model import Form, Guess, read_pasted, read_pasted_bytes
from ..model.paste import decode_text
from ..model.serialize import FormatError, from_dict
from .errors import ImportFailed

MAX_FILE_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".tsv", ".text", ".csv")
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
    from ..model.paste import PasteError

    p = Path(path)
    suffix = p.suffix.lower()
    data = read_limited(p)
    if not data.strip():
        raise ImportFailed(f"文件“{p.name}”是空的：请选择包含绩效自评表内容的文件。")
    if suffix in JSON_SUFFIXES:
        return read_form_json(data), []
    if suffix in XLSX_SUFFIXES:
        from .xlsx import read_xlsx_bytes

        return read_xlsx_bytes(data)
    if suffix == ".xls" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFailed(f"“{p.name}”是旧版 Excel（.xls）或加了密码的文件：请在 Excel/WPS 中另存为 .xlsx 后导入。")
    if data[:2] == b"PK":
        raise ImportFailed(f"“{p.name}”是压缩文件或 Office 文件：请另存为 .xlsx 后导入。")
    if suffix not in TEXT_SUFFIXES and data.lstrip()[:1] == b"{" and b'"perfgui-form"' in data[:200]:
        return read_form_json(data), []
    try:
        if suffix == ".csv":
            result = read_pasted(csv_to_tsv(decode_text(data)))
        else:
            result = read_pasted_bytes(data)
    except PasteError as exc:
        raise ImportFailed(str(exc)) from None
    except RecursionError:
        raise ImportFailed("文件内容结构异常，无法读取。") from None
    return result.form, result.guesses


def csv_to_tsv(text: str) -> str:
    """Comma-separated rows (as Excel saves "CSV") as the tab-separated rows the reader takes."""
    import csv
    import io

    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text), dialect)
    try:
        return "\n".join("\t".join(c.replace("\t", " ").replace("\n", " ") for c in row) for row in rows)
    except csv.Error as exc:
        raise ImportFailed(f"CSV 文件格式错误（{exc}）：请在 Excel/WPS 中另存为 .xlsx 后导入。") from None
