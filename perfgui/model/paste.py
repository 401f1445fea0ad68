"""Reading a form from pasted table text.

What Excel, WPS or a PDF viewer put on the clipboard is tab-separated rows in the official
column order, often damaged: numbers with stray spaces (``7. 50``, ``275, 112, 698. 88``), names
broken where the cell wrapped, merged labels written on one row of their span, blank lines where
a page broke, and whole pages whose first columns were lost. The reader repairs what it can and
returns, beside the form, a list of everything it guessed so a person can confirm it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .form import Budget, Form, FormKind, Header, Node, SignField
from .numbers import fmt2, parse_decimal
from .templates import PARENT_OF
from .totals import compute, node_max

MAX_TEXT_CHARS = 5_000_000


class PasteError(ValueError):
    """The text cannot be read as a form; the message is Chinese and says what to do."""


@dataclass(frozen=True)
class Guess:
    line: int  # 1-based line of the text, 0 for the whole text
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.message}" if self.line else self.message


@dataclass
class PasteResult:
    form: Form
    guesses: list[Guess] = field(default_factory=list)


def decode_text(data: bytes) -> str:
    """Bytes of a .txt/.tsv file as text: UTF-8 (with or without BOM), UTF-16, or GB18030."""
    if not data.strip():
        raise PasteError("文件是空的：请选择包含绩效自评表内容的文件。")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise PasteError("文件编码无法识别：请另存为 UTF-8 文本后再导入。") from None
    if b"\x00" in data[:65536]:
        raise PasteError("文件不是文本表格（含有二进制数据）：请选择从 Excel/WPS 复制或另存的文本文件。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise PasteError("文件编码无法识别：请另存为 UTF-8 文本后再导入。")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > max(8, len(text[:65536]) // 100):
        raise PasteError("文件不是文本表格（含有大量控制字符）：请选择从 Excel/WPS 复制或另存的文本文件。")
    return text


# -- cell cleaning -------------------------------------------------------------------------
_CJK = r"\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[ \u3000]+(?=[{_CJK}])")


def join_broken(text: str) -> str:
    """Join a name broken by spaces between Chinese characters where the cell wrapped."""
    return _CJK_GAP.sub("", text.strip())


def clean_measure(text: str) -> str:
    """A target or actual without the stray spaces of a PDF copy: ``=100. 00 (%)`` → ``=100.00(%)``."""
    s = text.strip()
    if re.search(r"\d", s):
        s = re.sub(r"\s+", "", s)
    return join_broken(s)


def _num(cell: str) -> Decimal | None:
    return parse_decimal(cell)


# -- column layout -------------------------------------------------------------------------
OFFICIAL_COLUMNS = ("l1", "weight", "l2", "l3", "target", "actual", "max", "score", "reason")
_HEADER_LABELS = (
    ("l1", ("一级指标",)), ("weight", ("权重",)), ("l2", ("二级指标",)), ("l3", ("三级指标",)),
    ("target", ("年度指标值", "指标值", "年度目标值")),
    ("actual", ("全年完成值", "实际完成值", "完成值", "全年实际值")),
    ("max", ("分值",)), ("score", ("得分",)),
    ("reason", ("偏差及原因分析", "偏差原因分析及改进措施", "偏差原因分析", "原因分析")),
)
_REQUIRED = {"max": "分值", "score": "得分", "l3": "三级指标"}


def _header_map(cells: list[str]) -> dict[str, int] | None:
    names = [re.sub(r"\s+", "", c) for c in cells]
    has_level = any("三级指标" in n or "二级指标" in n for n in names)
    has_points = any(n.startswith(("分值", "得分")) for n in names)
    # The full header names 一级指标; part of it, copied with a selection that starts further
    # right (三级指标 … 得分), still names the columns it has.
    if not has_level or not (any("一级指标" in n for n in names) or has_points):
        return None
    mapping: dict[str, int] = {}
    for key, labels in _HEADER_LABELS:
        for i, n in enumerate(names):
            if i in mapping.values():
                continue
            if any(n == label or n.startswith(label) for label in labels):
                mapping[key] = i
                break
    return mapping


@dataclass
class _Row:
    line: int
    cells: dict[str, str]
    page_start: bool = False  # first row after a blank (page-break) line

    def get(self, key: str) -> str:
        return self.cells.get(key, "")

    def number(self, key: str) -> Decimal | None:
        return _num(self.get(key))

    @property
    def has_points(self) -> bool:
        return self.number("max") is not None or self.number("score") is not None


# -- the reader ----------------------------------------------------------------------------
class _Reader:
    def __init__(self, text: str) -> None:
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.guesses: list[Guess] = []
        self.kind = FormKind.DEPARTMENT
        self.header = Header()
        self.budget: Budget | None = None
        self.budget_unit = ""
        self.goals_planned = ""
        self.goals_achieved = ""
        self.sign: dict[str, str] = {}
        self.printed_total: tuple[int, Decimal | None, Decimal | None] | None = None

    def guess(self, line: int, message: str) -> None:
        self.guesses.append(Guess(line, message))

    # The text before the indicator table: title, year, unit, budget, goals.
    def read_preamble(self, upto: int) -> None:
        budget_group = ""
        goals_pending = False
        for i in range(upto):
            cells = [c.strip() for c in self.lines[i].split("\t")]
            filled = [c for c in cells if c]
            if not filled:
                continue
            joined = "".join(filled)
            if goals_pending and not any(k in joined for k in ("分解目标", "一级指标")):
                texts = [c for c in filled if len(c) > 1]
                if texts:
                    self.goals_planned = texts[0]
                    self.goals_achieved = texts[-1] if len(texts) > 1 else ""
                    goals_pending = False
                    continue
            if "自评表" in joined:
                self.kind = FormKind.PROJECT if "项目支出" in joined else FormKind.DEPARTMENT
            m = re.search(r"(\d{4})\s*年度", joined)
            if m and self.header.year is None:
                self.header.year = int(m.group(1))
            for label, attr in (("单位名称", "unit"), ("项目名称", "project_name"),
                                ("主管部门", "department"), ("实施单位", "implementer")):
                for j, c in enumerate(cells):
                    if c.replace(" ", "").rstrip("：:") == label:
                        rest = [x for x in cells[j + 1:] if x]
                        if rest and not getattr(self.header, attr):
                            setattr(self.header, attr, join_broken(rest[0]))
            if "万元" in joined and ("支出规模" in joined or "项目资金" in joined):
                self.budget_unit = "万元"
            elif "（元）" in joined or "(元)" in joined:
                self.budget_unit = self.budget_unit or "元"
            if "年度总体目标" in joined:
                texts = [c for c in filled if c not in ("年度总体目标",) and not re.fullmatch(
                    r"年初设定目标|全年完成情况|预期目标|实际完成情况", c)]
                if texts:
                    self.goals_planned = texts[0]
                    self.goals_achieved = texts[-1] if len(texts) > 1 else ""
                else:
                    goals_pending = True
                continue
            budget_group = self._budget_row(i, cells, budget_group)

    _BUDGET_COLUMNS = (("initial", "年初预算数"), ("planned", "全年预算数"), ("actual", "全年执行数"),
                       ("points", "分值"), ("rate", "执行率"), ("score", "得分"))

    def _budget_header(self, cells: list[str]) -> None:
        names = [re.sub(r"\s+", "", c) for c in cells]
        found = {key: j for key, label in self._BUDGET_COLUMNS
                 for j, n in enumerate(names) if n.startswith(label)}
        if "planned" in found and "actual" in found:
            self.budget_columns = found

    def _budget_row(self, i: int, cells: list[str], group: str) -> str:
        self._budget_header(cells)
        label_cell = next((c for c in cells if c and _num(c) is None and not c.startswith(("—", "-"))), "")
        cols = getattr(self, "budget_columns", None)
        if cols:
            # Read by the columns of the budget header; a rate printed as "95.00%" is not money.
            def at(key: str) -> Decimal | None:
                j = cols.get(key)
                return _num(cells[j].rstrip("%％")) if j is not None and j < len(cells) else None
            mapped = {key: at(key) for key in cols}
            order = ("initial", "planned", "actual", "rate") if self.kind is FormKind.PROJECT else ("planned", "actual", "rate")
            numbers = [mapped.get(k) for k in order]
            if all(v is None for v in numbers):
                numbers = []
        else:
            numbers = [_num(c) for c in cells if c and _num(c) is not None]
        if not label_cell or not numbers:
            return group
        label = re.sub(r"\s+", "", label_cell)
        if "资金来源" in label:
            group = "资金来源"
        elif "资金结构" in label:
            group = "资金结构"
        key = None
        if self.kind is FormKind.PROJECT:
            for k, name in (("total", "年度资金总额"), ("fiscal", "财政拨款"), ("carryover", "上年结转"),
                            ("other", "其他资金")):
                if name in label:
                    key = k
                    break
        else:
            if label.endswith("财政拨款"):
                key = "source_fiscal"
            elif label.endswith("其他资金"):
                key = "source_other"
            elif label.endswith("基本支出"):
                key = "struct_basic"
            elif label.endswith("项目支出"):
                key = "struct_project"
        if key is None:
            return group
        if self.budget is None:
            self.budget = Budget.for_kind(self.kind)
        row = self.budget.row(key)
        assert row is not None
        if self.kind is FormKind.PROJECT:
            vals = numbers + [None] * 4
            row.initial, row.planned, row.actual = vals[0], vals[1], vals[2]
            printed_rate = vals[3] if cols else None
        else:
            vals = numbers + [None] * 2
            row.planned, row.actual = vals[0], vals[1]
            printed_rate = numbers[2] if len(numbers) > 2 else None
        if printed_rate is not None and row.rate is not None and printed_rate != row.rate:
            self.guess(i + 1, f"{row.label}的执行率印为 {fmt2(printed_rate)}，按金额计算为 {fmt2(row.rate)}，已采用计算值。")
        return group

    # The indicator table.
    def read_rows(self, start: int, mapping: dict[str, int], shift_hint: bool) -> list[_Row]:
        rows: list[_Row] = []
        page_shift = 0
        after_blank = False
        imax, iscore = mapping.get("max"), mapping.get("score")
        for i in range(start, len(self.lines)):
            raw = [c.strip() for c in self.lines[i].split("\t")]
            if not any(raw):
                after_blank = True
                page_shift = 0
                continue
            joined = "".join(raw).replace(" ", "")
            if any(c.replace(" ", "") in ("总分", "合计", "总计") for c in raw):
                nums = [_num(c) for c in raw if _num(c) is not None]
                self.printed_total = (i + 1, nums[0] if nums else None, nums[1] if len(nums) > 1 else None)
                self._signoff(i + 1)
                break
            if joined.startswith(("自评得分", "自评等级", "单位负责人", "填表人")):
                self._signoff(i)
                break
            shift = 0
            if shift_hint and imax is not None and iscore is not None:
                def numeric_at(k: int) -> bool:
                    j = imax - k
                    return 0 <= j < len(raw) and _num(raw[j]) is not None
                if numeric_at(0):
                    shift = 0
                else:
                    for k in (2, 1, 3):
                        if numeric_at(k) and (iscore - k >= len(raw) or not raw[iscore - k]
                                              or _num(raw[iscore - k]) is not None):
                            shift = k
                            break
                    else:
                        shift = page_shift
                if shift and shift != page_shift:
                    lost = "、".join(("一级指标", "权重", "二级指标")[:shift])
                    self.guess(i + 1, f"从这一行起缺少前{shift}列（{lost}），内容整体左移：已右移{shift}列读取。")
                    # Columns lost from here on mark a new page even without a blank line.
                    after_blank = True
                page_shift = shift
            cells_list = [""] * shift + raw
            cells = {key: cells_list[j] for key, j in mapping.items() if j < len(cells_list)}
            rows.append(_Row(i + 1, cells, after_blank))
            after_blank = False
        return rows

    def _signoff(self, from_index: int) -> None:
        labels = ("单位负责人", "填表人", "联系电话", "填报日期", "项目负责人", "财务负责人")
        for i in range(from_index, len(self.lines)):
            cells = [c.strip() for c in self.lines[i].split("\t")]
            for j, c in enumerate(cells):
                m = re.match(rf"^({'|'.join(labels)})\s*[：:]?\s*(.*)$", c)
                if m:
                    value = m.group(2).strip()
                    if not value:
                        rest = [x for x in cells[j + 1:] if x]
                        value = rest[0] if rest and not any(rest[0].startswith(lb) for lb in labels) else ""
                    self.sign[m.group(1)] = value

    def build_tree(self, rows: list[_Row]) -> Node:
        root = Node()
        cur1: Node | None = None
        cur2: Node | None = None
        inferred: dict[str, int] = {}  # id of a 一级 created from its 二级 → line
        broken: list[str] = []
        i = 0
        while i < len(rows):
            row = rows[i]
            l1 = join_broken(row.get("l1"))
            l2 = join_broken(row.get("l2"))
            l3_raw = row.get("l3")
            l3 = join_broken(l3_raw)
            for raw_name, name in ((row.get("l2"), l2), (l3_raw, l3)):
                if raw_name and raw_name.strip() != name:
                    broken.append(f"第{row.line}行“{raw_name.strip()}”→“{name}”")
            weight_cell = row.get("weight")
            weight = _num(weight_cell)
            if weight_cell and weight is None:
                self.guess(row.line, f"权重“{weight_cell}”不是数字，已留空。")

            if l1:
                if cur1 is not None and cur1.id in inferred and cur1.name == l1:
                    self.guess(row.line, f"一级指标“{l1}”写在其合并区域的中间（第{inferred.pop(cur1.id)}行起属于它）。")
                    if weight is not None:
                        cur1.weight = weight
                elif cur1 is not None and cur1.name == l1:
                    if weight is not None and cur1.weight is None:
                        cur1.weight = weight
                else:
                    cur1 = root.append(Node(l1, weight=weight))
                    cur2 = None
            elif weight is not None and cur1 is not None and cur1.weight is None:
                cur1.weight = weight

            if l2:
                parent_name = PARENT_OF.get(l2)
                # A page that starts inside a group whose points are still short of its weight:
                # its first rows may continue the previous 二级 across the break.
                if (row.page_start and not l1 and cur1 is not None and cur2 is not None
                        and parent_name and parent_name != cur1.name and cur1.weight is not None):
                    k = self._continuation(rows, i, node_max(cur1), cur1.weight)
                    if k:
                        names = "、".join(join_broken(r.get("l3")) for r in rows[i:i + k])
                        self.guess(row.line, f"跨页续接：{names} 属于上页的“{cur2.name}”（加上后“{cur1.name}”分值合计等于权重 {fmt2(cur1.weight)}），“{l2}”从其后开始。")
                        for r in rows[i:i + k]:
                            self._leaf(cur2, r)
                        rows[i + k].cells["l2"] = row.cells["l2"]
                        i += k
                        continue
                if parent_name and (cur1 is None or (cur1.name != parent_name and not l1)):
                    existing = next((s for s in root.children if s.name == parent_name), None)
                    if existing is not None:
                        cur1 = existing
                    else:
                        cur1 = root.append(Node(parent_name))
                        inferred[cur1.id] = row.line
                        self.guess(row.line, f"二级指标“{l2}”所在行没有一级指标，按指标体系归入“{parent_name}”。")
                    cur2 = None
                elif cur1 is None:
                    cur1 = root.append(Node("（未命名一级指标）"))
                    self.guess(row.line, f"二级指标“{l2}”之前没有一级指标，已新建未命名的一级指标，请补填名称。")
                if cur2 is None or cur2.name != l2 or cur2.parent is not cur1:
                    cur2 = next((c for c in cur1.children if c.name == l2), None) or cur1.append(Node(l2))

            if cur1 is None:
                cur1 = root.append(Node("（未命名一级指标）"))
                self.guess(row.line, "表格开头的行没有一级指标，已新建未命名的一级指标，请补填名称。")

            target, actual = clean_measure(row.get("target")), clean_measure(row.get("actual"))
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            run_follows = nxt is not None and bool(nxt.get("l2")) and not nxt.get("l3") and nxt.has_points
            says_rule = re.match(r"^(根据|按照|依据)", l3) is not None
            # A run whose 二级 carry targets prints them beside the note, on its first row too.
            is_note = bool(l3) and bool(l2) and (
                (not target and not actual and (run_follows or says_rule))
                or (run_follows and says_rule))
            if is_note:
                cur1.note = l3
                self.guess(row.line, f"“{l3[:24]}”是合并在三级指标列的说明，“{cur1.name}”的二级指标直接计分。")
                l3 = ""
            if l3:
                if cur2 is None:
                    cur2 = cur1.append(Node("（未命名二级指标）"))
                    self.guess(row.line, f"三级指标“{l3}”没有所属二级指标，已新建未命名的二级指标，请补填名称。")
                self._leaf(cur2, row, name=l3)
            elif l2 and cur2 is not None and (row.has_points or target or actual):
                self._fill(cur2, row)
            elif not l1 and not l2 and not l3:
                self._continue_text(cur2 or cur1, row)
            i += 1
        if broken:
            self.guess(0, "已合并被换行空格断开的名称：" + "；".join(broken))
        return root

    def _continuation(self, rows: list[_Row], start: int, have: Decimal, weight: Decimal) -> int:
        need = weight - have
        if need <= 0:
            return 0
        total = Decimal(0)
        for k, r in enumerate(rows[start:], start=1):
            if r.get("l1") or (k > 1 and r.get("l2")) or not r.get("l3") or r.number("max") is None:
                return 0
            total += r.number("max") or 0
            if total == need:
                return k if start + k < len(rows) else 0
            if total > need:
                return 0
        return 0

    def _leaf(self, parent: Node, row: _Row, name: str | None = None) -> Node:
        node = parent.append(Node(name if name is not None else join_broken(row.get("l3"))))
        self._fill(node, row)
        return node

    def _fill(self, node: Node, row: _Row) -> None:
        node.target = clean_measure(row.get("target"))
        node.actual = clean_measure(row.get("actual"))
        node.reason = join_broken(row.get("reason"))
        for key, attr, label in (("max", "max_points", "分值"), ("score", "score", "得分")):
            cell = row.get(key)
            value = _num(cell)
            if cell and value is None:
                self.guess(row.line, f"{label}“{cell}”不是数字，已留空，请补填。")
            setattr(node, attr, value)

    def _continue_text(self, node: Node | None, row: _Row) -> None:
        """A row with text but no labels: the rest of a cell that wrapped onto a new line."""
        text = " ".join(v for k, v in row.cells.items() if v)
        if node is None or not text:
            return
        reason = row.get("reason")
        if reason and node.children:
            last = node.children[-1]
            last.reason = (last.reason + reason).strip()
            self.guess(row.line, f"这一行只有偏差说明，已接在“{last.name}”的说明之后。")
        else:
            self.guess(row.line, f"这一行无法归入任何指标，已忽略：“{text[:30]}”。")


def read_pasted(text: str, *, repair_shifts: bool = True) -> PasteResult:
    """A form from pasted table text, with everything that was guessed.

    ``repair_shifts`` looks for rows that lost their first columns at a PDF page break; text
    from a spreadsheet has no page breaks and reads without it.
    """
    if not isinstance(text, str):
        raise PasteError("内容不是文本。")
    if len(text) > MAX_TEXT_CHARS:
        raise PasteError(f"内容过大（{len(text) // 1_000_000} 百万字符）：绩效自评表不会这么大，请检查是否选错了文件。")
    if not text.strip():
        raise PasteError("内容为空：请粘贴或选择包含绩效自评表的文本。")
    reader = _Reader(text)
    header_index = None
    mapping: dict[str, int] | None = None
    for i, line in enumerate(reader.lines):
        m = _header_map([c.strip() for c in line.split("\t")])
        if m is not None:
            header_index, mapping = i, m
            break
    if mapping is None:
        # Rows copied without the header: assume the official column order.
        mapping = {key: j for j, key in enumerate(OFFICIAL_COLUMNS)}
        start = 0
        reader.guess(0, "没有找到“一级指标…”表头，按官方列顺序（一级指标、权重、二级指标、三级指标、年度指标值、全年完成值、分值、得分、偏差及原因分析）读取。")
        reader.read_preamble(0)
    else:
        missing = [label for key, label in _REQUIRED.items() if key not in mapping]
        if missing:
            raise PasteError(f"指标表表头缺少“{'”“'.join(missing)}”列：请连同完整的表头一起复制。")
        start = header_index + 1
        reader.read_preamble(header_index)
    rows = reader.read_rows(start, mapping, shift_hint=repair_shifts)
    rows = [r for r in rows if any(r.cells.values())]
    if not any(r.has_points for r in rows):
        raise PasteError("没有找到任何带分值或得分的指标行：请确认复制的是绩效自评表的指标部分（按“一级指标、权重、二级指标、三级指标、年度指标值、全年完成值、分值、得分、偏差及原因分析”排列）。")
    root = reader.build_tree(rows)

    form = Form(kind=reader.kind, header=reader.header, root=root)
    form.budget = reader.budget or Budget.for_kind(reader.kind)
    if reader.budget_unit:
        form.budget.unit = reader.budget_unit
    form.goals.planned, form.goals.achieved = reader.goals_planned, reader.goals_achieved
    for label, value in reader.sign.items():
        existing = next((f for f in form.signoff.fields if f.label == label), None)
        if existing is None:
            form.signoff.fields.append(SignField(label, value))
        else:
            existing.value = value
    for section in form.sections:
        if section.weight is None and section.children and reader.kind is FormKind.DEPARTMENT:
            section.weight = node_max(section)
            reader.guess(0, f"一级指标“{section.name}”没有印出权重，已按其分值合计取 {fmt2(section.weight)}。")
    if reader.kind is FormKind.PROJECT:
        for section in form.sections:
            if section.weight is None:
                section.weight = node_max(section)
    if reader.printed_total is not None:
        line, printed_max, printed_score = reader.printed_total
        score = compute(form).total_score
        printed = printed_score if printed_score is not None else printed_max
        if printed is not None and printed != score:
            reader.guess(line, f"表中印的总分为 {fmt2(printed)}，按各项得分合计应为 {fmt2(score)}：以计算值为准。")
    if not form.header.unit and reader.kind is FormKind.DEPARTMENT:
        reader.guess(0, "没有找到单位名称，请在基本信息中补填。")
    if form.header.year is None:
        reader.guess(0, "没有找到年度，请在基本信息中补填。")
    if reader.kind is FormKind.PROJECT and not form.header.unit:
        form.header.unit = form.header.implementer
    return PasteResult(form, reader.guesses)


def read_pasted_bytes(data: bytes) -> PasteResult:
    """A form from the bytes of a .txt/.tsv file."""
    return read_pasted(decode_text(data))
