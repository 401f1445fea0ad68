"""Reading a form from an .xlsx file: our own export, or an official-layout sheet made by others.

Our export carries the lossless JSON in a hidden sheet with a digest of the visible sheet's
constant cells. When the visible sheet is unchanged the JSON is the form (nothing lost). When
someone edited the visible sheet in Excel or WPS, what the sheet shows wins, and what it cannot
show (ids, scoring rules, grade settings) is taken from the JSON by matching indicator names. A
sheet made by others becomes a ``Grid`` (cell texts as shown, merged ranges) and goes through the
one recogniser (``perfgui.readers.recognise``) that reads every other source too.
"""

from __future__ import annotations

import io
import json
import warnings
from dataclasses import dataclass

from ..model import Form, FormKind
from ..model.form import Status
from ..model.serialize import FormatError, from_dict
from ..readers.cells import squash
from ..readers.guesses import Guess, ReadResult
from ..readers.recognise import Recogniser, find_header
from ..readers.sources.xlsx import sheet_grid
from . import xlsx_format as L
from .errors import ImportFailed
from .zipguard import check_xlsx


# -- the hidden data sheet ----------------------------------------------------------------------
@dataclass
class Saved:
    form: Form | None
    digest: str
    formulas: set[str]
    problem: str = ""


def read_saved(wb) -> Saved | None:
    if L.DATA_SHEET not in wb.sheetnames:
        return None
    ws = wb[L.DATA_SHEET]
    return saved_from_rows(ws.iter_rows(min_row=1, max_row=min(ws.max_row or 2000, 2000), max_col=2,
                                        values_only=True))


def saved_from_rows(rows) -> Saved | None:
    """The hidden data sheet's content from its rows (column A the key, column B the value)."""
    values: dict[str, list[str]] = {}
    for row in rows:
        if row and isinstance(row[0], str):
            values.setdefault(row[0], []).append("" if len(row) < 2 or row[1] is None else str(row[1]))
    if values.get("format", [""])[0] != L.DATA_MARKER:
        return None
    digest = values.get("digest", [""])[0]
    formulas = set(filter(None, values.get("formulas", [""])[0].split(",")))
    try:
        version = int(values.get("version", ["0"])[0])
    except ValueError:
        version = 0
    if version > L.DATA_VERSION:
        return Saved(None, digest, formulas, "文件由更新版本的程序导出")
    try:
        form = from_dict(json.loads("".join(values.get("json", []))))
    except (ValueError, FormatError, RecursionError, TypeError, KeyError, AttributeError) as exc:
        return Saved(None, digest, formulas, f"隐藏的表单数据已损坏（{exc}）")
    return Saved(form, digest, formulas)


def visible_digest(ws, formulas: set[str]) -> str:
    entries = []
    for (r, c), cell in list(ws._cells.items()):
        if cell.value is None or cell.coordinate in formulas:
            continue
        entries.append((cell.coordinate, cell.value))
    return L.digest(entries)


# -- when the visible sheet was edited after our export -------------------------------------
def _path(node) -> tuple[str, ...]:
    return tuple(squash(a.name) for a in node.ancestors()) + (squash(node.name),)


def _same_text(a: str, b: str) -> bool:
    return squash(a) == squash(b)


def merge_saved(visible: Form, saved: Form) -> list[Guess]:
    """Keep what the sheet cannot show (ids, rules, settings, the rule pack and its layout) from
    the JSON saved at export."""
    notes: list[Guess] = []
    visible.id = saved.id
    visible.settings = saved.settings
    if visible.kind is saved.kind:
        # The rule pack and the layout it prints with: what the sheet shows was laid out by them.
        visible.pack, visible.layout = saved.pack, saved.layout
    if saved.status is Status.FINAL:
        notes.append(Guess("表格在导出后被修改过，表单已从“定稿”改回“草稿”：请检查后重新定稿。"))
    visible.status = Status.DRAFT
    pool: dict[tuple[str, ...], list] = {}
    for n in saved.root.walk():
        if n is not saved.root:
            pool.setdefault(_path(n), []).append(n)
    for n in visible.root.walk():
        if n is visible.root:
            continue
        match = pool.get(_path(n))
        if not match:
            continue
        old = match.pop(0)
        n.id, n.rule = old.id, old.rule
        for attr in ("name", "target", "actual", "reason", "note"):
            if _same_text(getattr(n, attr), getattr(old, attr)):
                setattr(n, attr, getattr(old, attr))
    for attr in ("planned", "achieved"):
        if _same_text(getattr(visible.goals, attr), getattr(saved.goals, attr)):
            setattr(visible.goals, attr, getattr(saved.goals, attr))
    h, sh = visible.header, saved.header
    for attr in ("unit", "project_name", "department", "implementer"):
        if _same_text(getattr(h, attr), getattr(sh, attr)):
            setattr(h, attr, getattr(sh, attr))
    if visible.kind is FormKind.DEPARTMENT and saved.kind is FormKind.DEPARTMENT:
        # Budget rows the sheet shows are taken from it; labels stay ours.
        for row in visible.budget.rows:
            old = saved.budget.row(row.key)
            if old is not None:
                row.label, row.group = old.label, old.group
    return notes


# -- the entry point -------------------------------------------------------------------------------
def _pick_sheet(wb):
    if L.VISIBLE_SHEET in wb.sheetnames:
        ws = wb[L.VISIBLE_SHEET]
        if getattr(ws, "_cells", None) is not None:
            return ws, sheet_grid(ws)
    first = None
    sheets = [ws for ws in wb.worksheets if ws.title != L.DATA_SHEET]
    sheets.sort(key=lambda ws: ws.sheet_state != "visible")
    for ws in sheets:
        grid = sheet_grid(ws)
        if find_header(grid) is not None:
            return ws, grid
        if first is None:
            first = (ws, grid)
    return first if first else (None, None)


def _unchanged_export(data: bytes) -> Form | None:
    """Our own export whose visible sheet nobody changed: the saved JSON, without a workbook."""
    try:
        found = export_content(data)
    except Exception:  # anything unexpected in the parts: openpyxl's full load decides and says why
        found = None
    if found is None:
        return None
    saved, entries = found
    return saved.form if L.digest(entries) == saved.digest else None


def export_content(data: bytes) -> tuple[Saved, list[tuple[str, object]]] | None:
    """The hidden sheet's content and the visible sheet's constant cells of our own export.

    Loading merged cells is the slow part of openpyxl (it rebuilds borders cell by cell), and
    even its read-only workbook builds every style, font and border first; this path needs none
    of them. It reads the two sheets with openpyxl's own sheet parser (the values exactly as a
    workbook would give them: shared strings, numbers, dates by their number format). None when
    anything is not where our export puts it (the file then goes the long way).
    """
    import zipfile
    from xml.etree.ElementTree import iterparse

    from openpyxl.reader.strings import read_string_table
    from openpyxl.utils.cell import get_column_letter
    from openpyxl.worksheet._reader import ROW_TAG, WorkSheetParser

    with warnings.catch_warnings(), zipfile.ZipFile(io.BytesIO(data)) as zf:
        warnings.simplefilter("ignore")
        book = _book_parts(zf)
        if book is None or L.DATA_SHEET not in book.sheets or L.VISIBLE_SHEET not in book.sheets:
            return None
        strings = []
        if book.strings:
            with zf.open(book.strings) as src:
                strings = read_string_table(src)
        dates, spans = _date_styles(zf, book.styles)

        def cells(sheet: str):
            # The rows only, each through the parser's own parse_row: its parse() also builds
            # the sheet's views, page setup and merged ranges, which the values do not need.
            with zf.open(book.sheets[sheet]) as src:
                parser = WorkSheetParser(src, strings, data_only=True, epoch=book.epoch,
                                         date_formats=dates, timedelta_formats=spans)
                for _, element in iterparse(src):
                    if element.tag == ROW_TAG:
                        yield parser.parse_row(element)
                        element.clear()

        rows = []
        for index, row in cells(L.DATA_SHEET):
            if index > 2000:
                break
            values = {c["column"]: c["value"] for c in row if c["column"] <= 2}
            rows.append((values.get(1), values.get(2)))
        saved = saved_from_rows(rows)
        if saved is None or saved.form is None or not saved.digest:
            return None
        entries = []
        for _, row in cells(L.VISIBLE_SHEET):
            for c in row:
                if c["value"] is None:
                    continue
                coord = f"{get_column_letter(c['column'])}{c['row']}"
                if coord not in saved.formulas:
                    entries.append((coord, c["value"]))
        return saved, entries


@dataclass
class _Book:
    sheets: dict[str, str]  # sheet name -> its part in the zip
    strings: str | None
    styles: str | None
    epoch: object


_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _book_parts(zf) -> _Book | None:
    """Where the sheets, shared strings and styles of a workbook at ``xl/workbook.xml`` are."""
    import posixpath
    import xml.etree.ElementTree as ET

    from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

    names = set(zf.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return None
    targets, kinds = {}, {}
    for rel in ET.fromstring(zf.read("xl/_rels/workbook.xml.rels")):
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = part
        kinds.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], part)
    root = ET.fromstring(zf.read("xl/workbook.xml"))
    ns = root.tag[:root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    sheets = {}
    for sheet in root.iter(f"{ns}sheet"):
        part = targets.get(sheet.get(_REL))
        if part is None or part not in names:
            return None
        sheets[sheet.get("name")] = part
    pr = root.find(f"{ns}workbookPr")
    mac = pr is not None and pr.get("date1904", "").lower() in ("1", "true")
    strings, styles = kinds.get("sharedStrings"), kinds.get("styles")
    return _Book(sheets, strings if strings in names else None, styles if styles in names else None,
                 MAC_EPOCH if mac else WINDOWS_EPOCH)


def _date_styles(zf, part: str | None) -> tuple[set[int], set[int]]:
    """The cell styles that show a number as a date (and as a duration), as openpyxl decides."""
    import xml.etree.ElementTree as ET

    from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format

    if part is None:
        return set(), set()
    root = ET.fromstring(zf.read(part))
    ns = root.tag[:root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    custom = {}
    for fmt in root.iter(f"{ns}numFmt"):
        try:
            custom[int(fmt.get("numFmtId"))] = fmt.get("formatCode")
        except (TypeError, ValueError):
            continue
    dates, spans = set(), set()
    xfs = root.find(f"{ns}cellXfs")
    for index, xf in enumerate(xfs if xfs is not None else []):
        try:
            number = int(xf.get("numFmtId", 0))
        except ValueError:
            number = 0
        fmt = custom[number] if number in custom else builtin_format_code(number)
        if is_date_format(fmt):
            dates.add(index)
        if is_timedelta_format(fmt):
            spans.add(index)
    return dates, spans


def _read(data: bytes) -> ReadResult:
    from openpyxl import load_workbook

    check_xlsx(data)
    fast = _unchanged_export(data)
    if fast is not None:
        return ReadResult(fast)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(io.BytesIO(data), data_only=True, keep_links=False, keep_vba=False,
                           rich_text=False)
    try:
        saved = read_saved(wb)
        ws, grid = _pick_sheet(wb)
        if ws is None:
            raise ImportFailed("Excel 文件中没有工作表：请确认选对了文件。")
        if saved is not None and saved.form is not None and saved.digest and \
                visible_digest(ws, saved.formulas) == saved.digest:
            return ReadResult(saved.form)
        try:
            result = Recogniser(grid).read()
        except ImportFailed as exc:
            if saved is not None and saved.form is not None:
                return ReadResult(saved.form, [Guess(f"表格在导出后被修改过，但无法读取（{exc}）：已按导出时保存的内容导入，"
                                                     "Excel 中的修改没有导入。")])
            raise
        form, guesses = result.form, list(result.guesses)
        if saved is not None:
            if saved.form is not None:
                merged = merge_saved(form, saved.form)
                guesses = [Guess("表格在导出后被修改过：以表格中看到的内容为准；评分规则、等级设置等表格中"
                                 "看不到的信息按指标名称从导出时的数据中保留。")] + merged + guesses
            else:
                guesses = [Guess(f"{saved.problem}：已按表格中看到的内容读取。")] + guesses
        result.guesses = guesses
        return result
    finally:
        wb.close()


def read_xlsx_bytes(data: bytes) -> tuple[Form, list[Guess]]:
    """A form from the bytes of an .xlsx file, with what was guessed; ``ImportFailed`` if unreadable."""
    result = read_xlsx_result(data)
    return result.form, result.guesses


def read_xlsx_result(data: bytes) -> ReadResult:
    """The same, with the sheet it was read from (for the window's confirm view)."""
    try:
        return _read(data)
    except ImportFailed:
        raise
    except MemoryError:
        raise ImportFailed("Excel 文件过大，内存不足，无法读取：请确认选对了文件。") from None
    except RecursionError:
        raise ImportFailed("Excel 文件结构嵌套过深，无法读取。") from None
    except Exception as exc:  # openpyxl raises many kinds on malformed parts
        raise ImportFailed(f"无法读取这个 Excel 文件（{type(exc).__name__}）：文件可能已损坏或不是标准的 .xlsx，"
                           "请在 Excel/WPS 中打开并另存为 .xlsx 后再导入。") from None
