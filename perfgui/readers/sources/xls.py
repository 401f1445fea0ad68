"""Old Excel workbooks (.xls, BIFF; WPS's .et saved as one): every visible sheet as a grid.

xlrd reads merged ranges and number formats only with ``formatting_info=True``; numbers are
then shown as their format shows them, by the same rule as an .xlsx (``xlsx.shown``).
"""

from __future__ import annotations

import logging

from ...exchange.errors import ImportFailed
from ..grid import MAX_COLS, MAX_ROWS, Grid
from ._common import Sheet
from .xlsx import shown

log = logging.getLogger(__name__)


def _sheet_grid(book, sh) -> Grid:
    import xlrd

    sheet = Sheet("xls", sh.name)
    sheet.cut_rows = sh.nrows > MAX_ROWS
    sheet.cut_cols = sh.ncols > MAX_COLS
    formats = book.format_map
    for r in range(min(sh.nrows, MAX_ROWS)):
        types = sh.row_types(r, 0, min(sh.row_len(r), MAX_COLS))
        values = sh.row_values(r, 0, min(sh.row_len(r), MAX_COLS))
        for c, (kind, value) in enumerate(zip(types, values)):
            if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            if kind == xlrd.XL_CELL_TEXT:
                sheet.put(r, c, value)
                continue
            if kind == xlrd.XL_CELL_ERROR:
                sheet.put(r, c, xlrd.error_text_from_code.get(value, "#错误"))
                continue
            if kind == xlrd.XL_CELL_BOOLEAN:
                sheet.put(r, c, shown(bool(value), ""))
                continue
            if kind == xlrd.XL_CELL_DATE:
                try:
                    sheet.put(r, c, shown(xlrd.xldate.xldate_as_datetime(value, book.datemode), ""))
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    sheet.put(r, c, shown(value, ""))
                continue
            xf = book.xf_list[sh.cell_xf_index(r, c)]
            fmt = formats.get(xf.format_key)
            sheet.put(r, c, shown(value, fmt.format_str if fmt else ""))
    for r0, r1, c0, c1 in sh.merged_cells:
        sheet.merge(r0, c0, r1 - 1, c1 - 1)
    return sheet.grid()


def read_xls(data: bytes, name: str = "") -> list[Grid]:
    """Every visible sheet of an .xls (all of them when none is visible)."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True,
                                  logfile=_NullLog(), ragged_rows=True)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise ImportFailed("Excel 文件加了密码：请在 Excel/WPS 中打开，取消密码并另存为 .xlsx 后再导入。") from None
        raise _damaged(exc) from None
    except MemoryError:
        raise ImportFailed("Excel 文件过大，内存不足，无法读取：请确认选对了文件。") from None
    except Exception as exc:  # xlrd raises struct, index and assertion errors on damaged files
        raise _damaged(exc) from None
    try:
        sheets = [book.sheet_by_index(i) for i in range(book.nsheets)]
        visible = [sh for sh in sheets if sh.visibility == 0]
        grids = [_sheet_grid(book, sh) for sh in (visible or sheets)]
    except MemoryError:
        raise ImportFailed("Excel 文件过大，内存不足，无法读取：请确认选对了文件。") from None
    except Exception as exc:
        raise _damaged(exc) from None
    finally:
        book.release_resources()
    if not grids:
        raise ImportFailed("Excel 文件中没有工作表：请确认选对了文件。")
    return grids


def _damaged(exc: Exception) -> ImportFailed:
    log.info("xls not readable: %r", exc)
    return ImportFailed(f"无法读取这个旧版 Excel（.xls）文件（{type(exc).__name__}）：文件可能已损坏或没有下载完整，"
                        "请在 Excel/WPS 中打开并另存为 .xlsx 后再导入。")


class _NullLog:
    """xlrd writes its warnings to a file object; they are not for the person importing."""

    def write(self, text: str) -> None:
        log.debug("xlrd: %s", text.rstrip())
