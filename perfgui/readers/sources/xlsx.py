"""Excel workbooks (.xlsx/.xlsm, and WPS .et saved as one): every visible sheet as a grid.

The zip is checked by ``zipguard`` before openpyxl sees it. Merged ranges need openpyxl's full
(not read-only) mode. Numbers are shown with the decimals their number format shows and
percentages as shown (0.92 formatted ``0%`` is ``92%``), as a person reads them on screen.
"""

from __future__ import annotations

import io
import re
import warnings
from decimal import Decimal

from ...exchange import xlsx_format as L
from ...exchange.errors import ImportFailed
from ...exchange.zipguard import check_xlsx
from ...model.numbers import parse_decimal
from ..grid import Grid
from ._common import Sheet

_QUOTED_PERCENT = re.compile(r'"[^"]*%[^"]*"')
_PERCENT_PLACES = re.compile(r"0(?:\.(0+))?\s*%")
_PLACES = re.compile(r"0\.(0+)(?![0#])")


def shown(value, number_format: str | None) -> str:
    """A cell value as its number format shows it: 7.5 formatted ``0.00`` is ``7.50``."""
    fmt = number_format or ""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return L.cell_text(value)
    text = L.cell_text(value)
    if "%" in fmt and not _QUOTED_PERCENT.search(fmt):
        # 92% typed in Excel is 0.92 shown as a percentage: read it as shown.
        m = _PERCENT_PLACES.search(fmt)
        places = len(m.group(1) or "") if m else 0
        d = parse_decimal(text)
        if d is None:
            return text
        d *= 100
        if -d.normalize().as_tuple().exponent <= places:
            d = d.quantize(Decimal(1).scaleb(-places))
        return format(d.normalize() if -d.as_tuple().exponent > places else d, "f") + "%"
    m = _PLACES.search(fmt)
    if m and "%" not in fmt:
        places = len(m.group(1))
        d = parse_decimal(text)
        if d is None:
            return text
        if -d.as_tuple().exponent <= places:
            return format(d.quantize(Decimal(1).scaleb(-places)), "f")
    return text


def sheet_grid(ws) -> Grid:
    """One openpyxl worksheet as a grid."""
    sheet = Sheet("xlsx", ws.title)
    # ``ws._cells`` holds only the cells present in the file; walking the full rectangle
    # through the public API would create a cell object for every empty position.
    for (r, c), cell in list(ws._cells.items()):
        if cell.value is None:
            continue
        sheet.put(r - 1, c - 1, shown(cell.value, cell.number_format))
    for rng in ws.merged_cells.ranges:
        sheet.merge(rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1)
    return sheet.grid()


def read_xlsx(data: bytes, name: str = "") -> list[Grid]:
    """Every visible worksheet (all of them when none is visible), without our hidden data sheet."""
    from openpyxl import load_workbook

    check_xlsx(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), data_only=True, keep_links=False, keep_vba=False,
                               rich_text=False)
    except ImportFailed:
        raise
    except MemoryError:
        raise ImportFailed("Excel 文件过大，内存不足，无法读取：请确认选对了文件。") from None
    except Exception as exc:  # openpyxl raises many kinds on malformed parts
        raise ImportFailed(f"无法读取这个 Excel 文件（{type(exc).__name__}）：文件可能已损坏或不是标准的 .xlsx，"
                           "请在 Excel/WPS 中打开并另存为 .xlsx 后再导入。") from None
    try:
        sheets = [ws for ws in wb.worksheets if ws.title != L.DATA_SHEET]
        visible = [ws for ws in sheets if ws.sheet_state == "visible"]
        grids = [sheet_grid(ws) for ws in (visible or sheets)]
    except MemoryError:
        raise ImportFailed("Excel 文件过大，内存不足，无法读取：请确认选对了文件。") from None
    except Exception as exc:
        raise ImportFailed(f"无法读取这个 Excel 文件（{type(exc).__name__}）：文件可能已损坏，"
                           "请在 Excel/WPS 中打开并另存为 .xlsx 后再导入。") from None
    finally:
        wb.close()
    if not grids:
        raise ImportFailed("Excel 文件中没有工作表：请确认选对了文件。")
    return grids
