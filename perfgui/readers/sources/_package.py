"""One part of a zipped document (.ods/.odt content, .docx body), read within limits.

``zipguard.check_xlsx`` guards the Excel path, where openpyxl reads every part. The OpenDocument
and Word sources read only the parts they need, so only those are bounded here: a declared size
that fits, a compression ratio no real document has, and no DTD or entity declaration.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from ...exchange.errors import ImportFailed
from ...exchange.zipguard import MAX_RATIO, RATIO_FLOOR

MAX_PART_BYTES = 40 * 1024 * 1024
MAX_PARTS = 5000
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")


def damaged(what: str) -> ImportFailed:
    return ImportFailed(f"{what}已损坏（可能没有下载完整或被截断）：请重新获取文件，或打开后另存一份再导入。")


def open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    """The zip of a document; ``what`` names the kind of file in messages (“Word 文件”)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError, NotImplementedError,
            RuntimeError):
        raise damaged(what) from None
    if len(infos) > MAX_PARTS:
        zf.close()
        raise ImportFailed(f"{what}内部有 {len(infos)} 个部件，远超正常文档：出于安全原因拒绝读取。")
    if any(i.flag_bits & 0x1 for i in infos):
        zf.close()
        raise ImportFailed(f"{what}已加密：请打开文件，取消密码并保存后再导入。")
    return zf


def read_part(zf: zipfile.ZipFile, name: str, what: str, limit: int = MAX_PART_BYTES) -> bytes:
    """The bytes of one XML part, refused when it is huge, a zip bomb, or declares a DTD."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise ImportFailed(f"{what}缺少内容部分（{name}）：文件可能已损坏，请打开后另存一份再导入。") from None
    if info.file_size > limit or (info.file_size > RATIO_FLOOR
                                  and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
        raise ImportFailed(f"{what}解压后异常巨大（{info.file_size // 1024 // 1024} MB）：不是正常的绩效自评表，"
                           "出于安全原因拒绝读取。")
    try:
        with zf.open(info) as fh:
            body = fh.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError, RuntimeError):
        raise damaged(what) from None
    if len(body) > limit:
        raise damaged(what)
    if any(w in body for w in _FORBIDDEN):
        raise ImportFailed(f"{what}含有 DTD 或实体声明（可被用来读取本机文件）：正常的文档不会有，出于安全原因拒绝读取。")
    return body
