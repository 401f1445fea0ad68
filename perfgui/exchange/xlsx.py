"""Reading a form from an .xlsx file: our own export, or an official-layout sheet made by others.

Our export carries the lossless JSON in a hidden sheet with a digest of the visible sheet's
constant cells. When the visible sheet is unchanged the JSON is the form (nothing lost). When
someone edited the visible sheet in Excel or WPS, what the sheet shows wins, and what it cannot
show (ids, scoring rules, grade settings) is taken from the JSON by matching indicator names. A
sheet made by others is read from its cells: the header row is found by its labels, merged cells
are read the way a copy out of Excel gives them (value in the first cell), and the indicator
table goes through the pasted-text reader, so both paths repair and report alike.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from dataclasses import dataclass, field

from ..model import Form, FormKind, Guess, PasteError, read_pasted
from ..model.form import Budget, SignField, SignOff, Status
from ..model.numbers import parse_decimal
from ..model.serialize import FormatError, from_dict
from ..readers.sources.xlsx import shown
from . import xlsx_format as L
from .errors import ImportFailed
from .zipguard import check_xlsx

MAX_ROWS = 20000
MAX_COLS = 40
LINE_MARK = "\u2028"  # a line break inside a cell, carried through the tab-separated text


# -- the sheet as a grid ----------------------------------------------------------------------
@dataclass
class Grid:
    """Cell texts; ``top`` has merged values in their first cell only, as an Excel copy does."""

    top: list[list[str]]
    # (row, col) of every cell inside a merged range → the range's first cell.
    anchor: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    # first cell of a merged range → (last row, last col)
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    @property
    def nrows(self) -> int:
        return len(self.top)

    def text(self, r: int, c: int) -> str:
        """The visible text at (r, c), 0-based; a merged range's value in each of its cells."""
        r0, c0 = self.anchor.get((r, c), (r, c))
        row = self.top[r0] if r0 < len(self.top) else []
        return row[c0] if c0 < len(row) else ""

    def first_col(self, r: int, c: int) -> int:
        return self.anchor.get((r, c), (r, c))[1]

    def span_cols(self, r: int, c: int) -> range:
        r0, c0 = self.anchor.get((r, c), (r, c))
        _, c1 = self.spans.get((r0, c0), (r0, c0))
        return range(c0, c1 + 1)

    def row_texts(self, r: int) -> list[str]:
        return [t for t in self.top[r] if t]


def build_grid(ws) -> Grid:
    # ``ws._cells`` holds only the cells present in the file; walking the full rectangle
    # through the public API would create a cell object for every empty position.
    cells = ws._cells
    nrows = min(ws.max_row or 0, MAX_ROWS)
    ncols = min(ws.max_column or 0, MAX_COLS)
    top = [[""] * ncols for _ in range(nrows)]
    for (r, c), cell in list(cells.items()):
        if r <= nrows and c <= ncols:
            top[r - 1][c - 1] = shown(cell.value, cell.number_format).strip(" \u3000")
    grid = Grid(top)
    for rng in ws.merged_cells.ranges:
        r0, c0 = rng.min_row - 1, rng.min_col - 1
        r1, c1 = min(rng.max_row, nrows) - 1, min(rng.max_col, ncols) - 1
        if r0 >= nrows or c0 >= ncols:
            continue
        grid.spans[(r0, c0)] = (r1, c1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                grid.anchor[(r, c)] = (r0, c0)
    # Trailing empty rows add nothing.
    while grid.top and not any(grid.top[-1]):
        grid.top.pop()
    return grid


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def find_header_row(grid: Grid) -> int | None:
    """The row holding the indicator table's column labels."""
    for r in range(grid.nrows):
        names = [_squash(grid.text(r, c)) for c in range(len(grid.top[r]))]
        if any("一级指标" in n for n in names) and any(("三级指标" in n or "二级指标" in n) for n in names) \
                and any(n.startswith(("分值", "得分")) or n in ("分值", "得分") for n in names):
            return r
    return None


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
    values: dict[str, list[str]] = {}
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row or 2000, 2000), max_col=2, values_only=True):
        if row and isinstance(row[0], str):
            values.setdefault(row[0], []).append("" if row[1] is None else str(row[1]))
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


# -- reading the visible sheet ----------------------------------------------------------------
def _tsv_cell(text: str) -> str:
    return text.replace("\t", " ").replace("\n", LINE_MARK)


def _is_subtotal(cells: list[str]) -> bool:
    return any(_squash(c) in ("小计", "合计", "小 计") for c in cells if c)


def _restore(text: str) -> str:
    return text.replace(LINE_MARK, "\n")


class VisibleReader:
    """One worksheet in the official layout → a form, with what was guessed."""

    def __init__(self, grid: Grid) -> None:
        self.g = grid
        self.guesses: list[Guess] = []

    def guess(self, r: int, message: str) -> None:
        self.guesses.append(Guess(r + 1 if r >= 0 else 0, message))

    def read(self) -> Form:
        g = self.g
        header = find_header_row(g)
        if header is None:
            raise ImportFailed("工作表中没有找到指标表表头（一级指标、二级指标、三级指标、分值、得分…）："
                               "请确认选对了文件，表头文字与官方表样一致。")
        end = self._table_end(header)
        lines: list[str] = []
        preamble_text = "".join("".join(g.row_texts(r)) for r in range(header))
        project = ("项目支出" in preamble_text and "自评表" in preamble_text) or any(
            k in preamble_text for k in ("项目名称", "项目资金"))
        if "自评表" not in preamble_text:
            title = "项目支出绩效自评表" if project else "部门（单位）整体支出绩效自评表"
            lines.append(title)
            self.guess(-1, f"表中没有表名，按{'“项目名称/项目资金”' if project else '表格内容'}判断为《{title}》。")
        for r in range(header):
            lines.append("\t".join(_tsv_cell(t) for t in g.top[r]))
        # The header row as merged cells show it: a label merged over two rows counts, and a
        # second header row ("指标值" over 年度指标值 | 全年完成值) fills in its columns.
        head = []
        for c in range(len(g.top[header])):
            head.append(_tsv_cell(g.text(header, c)) if g.first_col(header, c) == c else "")
        body_start = header + 1
        if body_start < g.nrows and _is_sub_header(g.top[body_start]):
            for c, t in enumerate(g.top[body_start]):
                if t and c < len(head):
                    head[c] = _tsv_cell(t)
            body_start += 1
            self.guess(header, "表头占两行，已按第二行的列名读取。")
        lines.append("\t".join(head))
        for r in range(body_start, g.nrows):
            cells = g.top[r]
            if not any(cells):
                continue  # blank rows in a sheet are spacing, not page breaks
            if r < end and _is_subtotal(cells):
                continue
            if _is_header_repeat(g, r):
                continue
            lines.append("\t".join(_tsv_cell(t) for t in cells))
        try:
            # A sheet has no page breaks: no row lost its first columns to one.
            result = read_pasted("\n".join(lines), repair_shifts=False)
        except PasteError as exc:
            raise ImportFailed(str(exc)) from None
        form = result.form
        for gs in result.guesses:
            if "没有找到“一级指标" in gs.message:
                continue
            self.guesses.append(Guess(gs.line, _restore(gs.message)))
        _restore_lines(form)
        self._header_fields(form, header)
        self._budget(form, header)
        self._goals(form, header)
        self._signoff(form, end)
        return form

    def _table_end(self, header: int) -> int:
        """The row of 总分 (or the last row), where the indicator table ends."""
        for r in range(header + 1, self.g.nrows):
            if any(_squash(t) in ("总分", "总计", "合计") for t in self.g.top[r]) and not _is_subtotal(self.g.top[r][:1]):
                # A 合计 per 一级 (followed by more indicator rows) is a subtotal, not the end.
                if any(_squash(t) == "总分" for t in self.g.top[r]) or not self._more_points_after(r):
                    return r
        return self.g.nrows

    def _more_points_after(self, row: int) -> bool:
        for r in range(row + 1, min(self.g.nrows, row + 40)):
            texts = self.g.row_texts(r)
            if sum(1 for t in texts if parse_decimal(t) is not None) >= 2 and len(texts) >= 3:
                return True
        return False

    # -- the parts around the table, read by their labels -----------------------------------
    def _header_fields(self, form: Form, header: int) -> None:
        pattern = re.compile(r"^(单位名称|项目名称|主管部门|实施单位|填报单位)\s*[：:]\s*(.+)$")
        attrs = {"单位名称": "unit", "填报单位": "unit", "项目名称": "project_name", "主管部门": "department",
                 "实施单位": "implementer"}
        for r in range(header):
            for t in self.g.top[r]:
                m = pattern.match(t.strip())
                if m and not getattr(form.header, attrs[m.group(1)]):
                    setattr(form.header, attrs[m.group(1)], m.group(2).strip())
        if form.kind is FormKind.PROJECT and not form.header.unit:
            form.header.unit = form.header.implementer
        if form.header.year is None:
            for r in range(header):
                m = re.search(r"(\d{4})\s*年", "".join(self.g.row_texts(r)))
                if m and 2000 <= int(m.group(1)) <= 2100:
                    form.header.year = int(m.group(1))
                    self.guess(r, f"年度按“{m.group(0)}”取 {form.header.year}。")
                    break

    def _budget(self, form: Form, header: int) -> None:
        g = self.g
        cols: dict[str, list[int]] = {}
        head_row = None
        for r in range(header):
            found = {}
            for c in range(len(g.top[r])):
                t = _squash(g.top[r][c])
                for key, labels in (("initial", ("年初预算数",)), ("planned", ("全年预算数", "调整后预算数", "预算数")),
                                    ("actual", ("全年执行数", "执行数", "实际支出数")), ("points", ("分值",))):
                    if key not in found and any(t.startswith(lb) for lb in labels):
                        found[key] = list(g.span_cols(r, c))
            if "planned" in found and "actual" in found:
                head_row, cols = r, found
                break
        if head_row is None:
            return
        area = "".join("".join(g.row_texts(r)) for r in range(max(0, head_row - 1), head_row + 6))
        preamble = "".join("".join(g.row_texts(r)) for r in range(header))
        if "万元" in area:
            unit = "万元"
        elif re.search(r"[（(]元[）)]|单位[：:]元", area):
            unit = "元"
        elif "万元" in preamble:
            unit = "万元"
        else:
            unit = Budget.for_kind(form.kind).unit
            self.guess(head_row, f"预算表没有注明金额单位，按{unit}读取。")
        budget = Budget.for_kind(form.kind)
        budget.unit = unit
        first_num_col = min(c for v in cols.values() for c in v)
        found_any = False
        for r in range(head_row + 1, min(header, head_row + 12)):
            label = _squash("".join(t for c, t in enumerate(g.top[r]) if c < first_num_col and t))
            if not label or "年度总体目标" in label or "目标" in label:
                break
            key = _budget_key(form.kind, label)
            if key is None:
                continue
            row = budget.row(key)

            def value(name: str):
                for c in cols.get(name, []):
                    t = g.top[r][c] if c < len(g.top[r]) else ""
                    if t:
                        d = parse_decimal(t)
                        if d is None:
                            self.guess(r, f"{row.label}的{_LABEL[name]}“{t}”不是数字，已留空。")
                        return d
                return None

            row.planned, row.actual = value("planned"), value("actual")
            if form.kind is FormKind.PROJECT:
                row.initial = value("initial")
                if key == "total":
                    pts = value("points")
                    if pts is not None:
                        budget.points = pts
            found_any = True
        if found_any:
            form.budget = budget

    def _goals(self, form: Form, header: int) -> None:
        g = self.g
        for r in range(header):
            planned_cols = achieved_cols = None
            for c in range(len(g.top[r])):
                t = _squash(g.top[r][c])
                if t in ("年初设定目标", "预期目标", "年度目标"):
                    planned_cols = g.span_cols(r, c)
                elif t in ("全年完成情况", "实际完成情况", "全年实际完成情况", "完成情况"):
                    achieved_cols = g.span_cols(r, c)
            if planned_cols is None and achieved_cols is None:
                continue
            planned: list[str] = []
            achieved: list[str] = []
            for rr in range(r + 1, header):
                texts = g.row_texts(rr)
                if not texts:
                    continue
                if any(k in "".join(texts) for k in ("分解目标", "绩效指标", "一级指标")):
                    break
                for cols, out in ((planned_cols, planned), (achieved_cols, achieved)):
                    if cols is None:
                        continue
                    t = next((g.top[rr][c] for c in cols if c < len(g.top[rr]) and g.top[rr][c]), "")
                    if t and (not out or t != out[-1] or g.first_col(rr, cols[0]) == cols[0]):
                        out.append(t)
            form.goals.planned = _join_chunks(planned)
            form.goals.achieved = _join_chunks(achieved)
            return

    def _signoff(self, form: Form, end: int) -> None:
        g = self.g
        fields: list[SignField] = []
        seal = ""
        for r in range(end + 1, g.nrows):
            cells = [t for t in g.top[r] if t]
            i = 0
            while i < len(cells):
                t = cells[i].strip()
                m = re.match(r"^([^：:]{1,12})[：:]\s*(.*)$", t, re.S)
                if not m:
                    i += 1
                    continue
                label, rest = m.group(1).strip(), m.group(2).strip()
                i += 1
                if label.startswith(("自评得分", "自评等级", "总分")):
                    if i < len(cells) and not re.match(r"^[^：:]{1,12}[：:]", cells[i]):
                        i += 1
                    continue
                if "盖章" in label:
                    seal = label
                    continue
                value = rest
                if not value and i < len(cells) and not re.match(r"^[^：:]{1,12}[：:]", cells[i]):
                    value = cells[i].strip()
                    i += 1
                fields.append(SignField(label, value))
        if fields or seal:
            known = {f.label for f in fields}
            signoff = SignOff(fields=fields, seal_label=seal or form.signoff.seal_label)
            # Labels the pasted-text reader found in other shapes ("填表人 张三") stay.
            for f in form.signoff.fields:
                if f.label not in known and f.value:
                    signoff.fields.append(f)
            form.signoff = signoff


_LABEL = {"planned": "全年预算数", "actual": "全年执行数", "initial": "年初预算数", "points": "分值"}


def _budget_key(kind: FormKind, label: str) -> str | None:
    if kind is FormKind.PROJECT:
        for key, name in (("total", "资金总额"), ("fiscal", "财政拨款"), ("carryover", "上年结转"),
                          ("other", "其他资金")):
            if name in label:
                return key
        return None
    for key, name in (("source_fiscal", "财政拨款"), ("source_other", "其他资金"),
                      ("struct_basic", "基本支出"), ("struct_project", "项目支出")):
        if label.endswith(name):
            return key
    return None


def _join_chunks(chunks: list[str]) -> str:
    """Goal text split over several rows: our export splits after a sentence or a line break."""
    out = ""
    for ch in chunks:
        if out and not out.endswith(("\n", "。", "；", "！", "？", "!", "?")):
            out += "\n"
        out += ch
    return out


_SUB_HEADER_LABELS = ("年度指标值", "全年完成值", "实际完成值", "完成值", "指标值", "年度目标值", "分值", "得分",
                      "一级指标", "二级指标", "三级指标", "权重")


def _is_sub_header(cells: list[str]) -> bool:
    names = [_squash(t) for t in cells if t]
    return bool(names) and all(n in _SUB_HEADER_LABELS for n in names)


def _is_header_repeat(g: Grid, r: int) -> bool:
    names = [_squash(t) for t in g.top[r] if t]
    return "一级指标" in names and ("三级指标" in names or "二级指标" in names)


def _restore_lines(form: Form) -> None:
    for n in form.root.walk():
        n.name, n.target, n.actual = _restore(n.name), _restore(n.target), _restore(n.actual)
        n.reason, n.note = _restore(n.reason), _restore(n.note)
    h = form.header
    h.unit, h.project_name = _restore(h.unit), _restore(h.project_name)
    h.department, h.implementer = _restore(h.department), _restore(h.implementer)
    for f in form.signoff.fields:
        f.value = _restore(f.value)


# -- when the visible sheet was edited after our export -------------------------------------
def _path(node) -> tuple[str, ...]:
    return tuple(_squash(a.name) for a in node.ancestors()) + (_squash(node.name),)


def _same_text(a: str, b: str) -> bool:
    return _squash(a) == _squash(b)


def merge_saved(visible: Form, saved: Form) -> list[Guess]:
    """Keep what the sheet cannot show (ids, rules, settings) from the JSON saved at export."""
    notes: list[Guess] = []
    visible.id = saved.id
    visible.settings = saved.settings
    if saved.status is Status.FINAL:
        notes.append(Guess(0, "表格在导出后被修改过，表单已从“定稿”改回“草稿”：请检查后重新定稿。"))
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
            return ws, build_grid(ws)
    first = None
    sheets = [ws for ws in wb.worksheets if ws.title != L.DATA_SHEET]
    sheets.sort(key=lambda ws: ws.sheet_state != "visible")
    for ws in sheets:
        grid = build_grid(ws)
        if find_header_row(grid) is not None:
            return ws, grid
        if first is None:
            first = (ws, grid)
    return first if first else (None, None)


def _unchanged_export(data: bytes) -> Form | None:
    """Our own export whose visible sheet nobody changed: the saved JSON, read in streaming mode.

    Loading merged cells is the slow part of openpyxl (it rebuilds borders cell by cell), and
    this path does not need them.
    """
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    try:
        if L.DATA_SHEET not in wb.sheetnames or L.VISIBLE_SHEET not in wb.sheetnames:
            return None
        saved = read_saved(wb)
        if saved is None or saved.form is None or not saved.digest:
            return None
        entries = []
        for row in wb[L.VISIBLE_SHEET].iter_rows():
            for cell in row:
                value = getattr(cell, "value", None)
                if value is None:
                    continue
                coord = cell.coordinate
                if coord not in saved.formulas:
                    entries.append((coord, value))
        return saved.form if L.digest(entries) == saved.digest else None
    finally:
        wb.close()


def _read(data: bytes) -> tuple[Form, list[Guess]]:
    from openpyxl import load_workbook

    check_xlsx(data)
    fast = _unchanged_export(data)
    if fast is not None:
        return fast, []
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
            return saved.form, []
        reader = VisibleReader(grid)
        try:
            form = reader.read()
        except ImportFailed as exc:
            if saved is not None and saved.form is not None:
                return saved.form, [Guess(0, f"表格在导出后被修改过，但无法读取（{exc}）：已按导出时保存的内容导入，"
                                            "Excel 中的修改没有导入。")]
            raise
        guesses = reader.guesses
        if saved is not None:
            if saved.form is not None:
                merged = merge_saved(form, saved.form)
                guesses = [Guess(0, "表格在导出后被修改过：以表格中看到的内容为准；评分规则、等级设置等表格中"
                                    "看不到的信息按指标名称从导出时的数据中保留。")] + merged + guesses
            else:
                guesses = [Guess(0, f"{saved.problem}：已按表格中看到的内容读取。")] + guesses
        return form, guesses
    finally:
        wb.close()


def read_xlsx_bytes(data: bytes) -> tuple[Form, list[Guess]]:
    """A form from the bytes of an .xlsx file, with what was guessed; ``ImportFailed`` if unreadable."""
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
