"""How a place prints its form: titles, columns and their labels, sign-off lines (a rule pack's
``layout``). Plain data; the printed table (``report.official``) and the Excel sheet follow it.

A column is named by what it shows (its ``key``), so a place can relabel, reorder, drop or add
the columns it prints: Sichuan prints the target split into 指标性质 | 指标值 | 度量单位.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

Path = tuple[str | int, ...]

# What an indicator-table column may show, and the label it has when a pack gives none.
INDICATOR_COLUMNS: dict[str, str] = {
    "level1": "一级指标",
    "weight": "权重",  # the 一级's weight, merged over its rows
    "level2": "二级指标",
    "level3": "三级指标",
    "target": "年度指标值",  # the target as typed: ≥95%
    "nature": "指标性质",  # its comparator: ≥
    "value": "指标值",  # its number or words: 95
    "measure_unit": "度量单位",  # its unit: %
    "actual": "全年完成值",
    "max": "分值",
    "score": "得分",
    "reason": "偏差及原因分析",
}
# The columns every indicator table must have, in any order.
REQUIRED_INDICATOR_COLUMNS = ("level1", "level2", "level3", "actual", "max", "score", "reason")

# What a budget-table column may show.
BUDGET_COLUMNS: dict[str, str] = {
    "initial": "年初预算数",
    "planned": "全年预算数",
    "actual": "全年执行数",
    "points": "分值",
    "rate": "执行率",
    "score": "得分",
    "reason": "原因",
}
REQUIRED_BUDGET_COLUMNS = ("planned", "actual", "rate")

_LAYOUT_KEYS = {"title", "unit_label", "budget_title", "budget_columns", "goals_title", "goals",
                "indicator_title", "columns", "signoff", "seal", "note"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: float  # relative width; the columns of a table share the page's width by it
    landscape: float | None = None  # its relative width on a landscape page (None: ``width``)
    # A label printed over this column and its neighbours of the same group, in a second header
    # row (Yunnan's 年度指标值 over 指标性质 | 指标值 | 度量单位); "" for a one-row header.
    group: str = ""


@dataclass(frozen=True)
class Layout:
    """The printed form of one place and kind."""

    title: str  # printed in 《》
    unit_label: str  # 单位名称, 部门（单位）名称, 实施单位
    budget_title: str  # 整体支出规模, 项目资金, 预算执行情况（10分）: the unit follows in （）
    budget_columns: tuple[Column, ...]
    goals_title: str
    goals_labels: tuple[str, str]  # 年初设定目标 | 全年完成情况, 预期目标 | 实际完成情况
    indicator_title: str  # 分解目标自评, 绩效指标, 绩效指标（90分）
    columns: tuple[Column, ...]
    signoff: tuple[str, ...]
    seal: str
    note: str = ""  # a fixed 说明 printed under the table ("" for none)

    def has(self, key: str) -> bool:
        return any(c.key == key for c in self.columns)

    def has_budget(self, key: str) -> bool:
        return any(c.key == key for c in self.budget_columns)

    def label(self, key: str) -> str:
        for c in self.columns:
            if c.key == key:
                return c.label
        return INDICATOR_COLUMNS[key]


class PackError(ValueError):
    """A pack that cannot be used: ``path`` is the key it is about, the message is Chinese."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = tuple(path)
        self.message = message


class Reader:
    """Reads one table of the pack, naming the key of anything wrong."""

    def __init__(self, data: Any, path: Path, allowed: set[str], what: str) -> None:
        if not isinstance(data, dict):
            raise PackError(path, f"{what}应为一个表（[{'.'.join(map(str, path))}]）。")
        unknown = sorted(set(data) - allowed)
        if unknown:
            key = unknown[0]
            raise PackError(path + (key,), f"{what}中没有“{key}”这一项：可用的项为 {'、'.join(sorted(allowed))}。")
        self.data, self.path = data, path

    def at(self, key: str) -> Path:
        return self.path + (key,)

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str, what: str, default: str | None = None, allow_empty: bool = False) -> str:
        if key not in self.data:
            if default is None:
                raise PackError(self.path, f"缺少“{key}”（{what}）。")
            return default
        value = self.data[key]
        if not isinstance(value, str):
            raise PackError(self.at(key), f"“{key}”（{what}）应为文本，加英文双引号。")
        if not allow_empty and not value.strip():
            raise PackError(self.at(key), f"“{key}”（{what}）不能为空。")
        if len(value) > 2000:
            raise PackError(self.at(key), f"“{key}”（{what}）过长：最多 2000 个字符。")
        return value

    def number(self, key: str, what: str, low: Decimal, high: Decimal, default: Decimal | None = None,
               path: Path | None = None, value: Any = None) -> Decimal:
        where = path or self.at(key)
        if value is None:
            if key not in self.data:
                if default is None:
                    raise PackError(self.path, f"缺少“{key}”（{what}）。")
                return default
            value = self.data[key]
        return decimal_in(value, where, what, low, high)

    def choice(self, key: str, what: str, options: tuple[str, ...], default: str) -> str:
        value = self.text(key, what, default)
        if value not in options:
            raise PackError(self.at(key), f"{what}“{value}”不存在：可选 {'、'.join(options)}。")
        return value

    def items(self, key: str, what: str, required: bool = True) -> list:
        if key not in self.data:
            if required:
                raise PackError(self.path, f"缺少“{key}”（{what}）。")
            return []
        value = self.data[key]
        if not isinstance(value, list):
            raise PackError(self.at(key), f"“{key}”（{what}）应为列表，写在 [ ] 中。")
        if len(value) > 500:
            raise PackError(self.at(key), f"“{key}”（{what}）过长：最多 500 项。")
        return value


def decimal_in(value: Any, path: Path, what: str, low: Decimal, high: Decimal) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise PackError(path, f"{what}应为数字。")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise PackError(path, f"{what}“{value}”不是数字。") from None
    if not number.is_finite() or not low <= number <= high:
        raise PackError(path, f"{what} {value} 超出范围：应在 {low} 到 {high} 之间。")
    if number != round(number, 4):
        raise PackError(path, f"{what} {value} 的小数位太多：最多 4 位。")
    return number


def _columns(items: list, path: Path, known: dict[str, str], required: tuple[str, ...], what: str) -> tuple[Column, ...]:
    columns = []
    for i, item in enumerate(items):
        r = Reader(item, path + (i,), {"key", "label", "width", "landscape", "group"}, f"{what}第 {i + 1} 列")
        key = r.text("key", "列的内容")
        if key not in known:
            raise PackError(r.at("key"), f"{what}没有“{key}”这种列：可用 {'、'.join(known)}。")
        if any(c.key == key for c in columns):
            raise PackError(r.at("key"), f"{what}的“{key}”列出现了两次。")
        width = float(r.number("width", "列宽", Decimal("1"), Decimal("200")))
        landscape = float(r.number("landscape", "横向页面的列宽", Decimal("1"), Decimal("300"))) if r.has("landscape") else None
        group = r.text("group", "合并表头", "", allow_empty=True)
        if group and columns and columns[-1].group != group and any(c.group == group for c in columns):
            raise PackError(r.at("group"), f"合并表头“{group}”下的列应相邻。")
        columns.append(Column(key, r.text("label", "列标题", known[key]), width, landscape, group))
    missing = [k for k in required if not any(c.key == k for c in columns)]
    if missing:
        raise PackError(path, f"{what}缺少必需的列：{'、'.join(missing)}。")
    return tuple(columns)


def layout_from_data(data: Any, project: bool, budget_scored: bool) -> Layout:
    """A ``Layout`` from the ``[layout]`` table of a pack (or a form file); raises ``PackError``."""
    r = Reader(data, ("layout",), _LAYOUT_KEYS, "版式（[layout]）")
    columns = _columns(r.items("columns", "指标表的列"), r.at("columns"), INDICATOR_COLUMNS,
                       REQUIRED_INDICATOR_COLUMNS, "指标表")
    if any(c.key in ("nature", "value", "measure_unit") for c in columns) and any(c.key == "target" for c in columns):
        raise PackError(r.at("columns"), "指标表不能同时有“target”列和拆开的“nature/value/measure_unit”列：二选一。")
    if not any(c.key in ("target", "value") for c in columns):
        raise PackError(r.at("columns"), "指标表需要“target”（年度指标值）列，或拆开的“value”（指标值）列。")
    budget_columns = _columns(r.items("budget_columns", "预算表的列"), r.at("budget_columns"), BUDGET_COLUMNS,
                              REQUIRED_BUDGET_COLUMNS, "预算表")
    scored_budget = budget_scored
    for key in ("points", "score"):
        if any(c.key == key for c in budget_columns) and not scored_budget:
            raise PackError(r.at("budget_columns"), f"预算表有“{key}”列，但 [budget] 没有 points（预算执行分值）：补上 points，或删去这一列。")
    goals = r.items("goals", "年度总体目标的两栏标题", required=False) or (
        ["预期目标", "实际完成情况"] if project else ["年初设定目标", "全年完成情况"])
    if len(goals) != 2 or not all(isinstance(g, str) and g.strip() for g in goals):
        raise PackError(r.at("goals"), "“goals”应为两栏的标题，如 [\"预期目标\", \"实际完成情况\"]。")
    signoff = r.items("signoff", "签字栏")
    if not signoff or not all(isinstance(s, str) and s.strip() for s in signoff) or len(signoff) > 12:
        raise PackError(r.at("signoff"), "“signoff”应为 1 到 12 个签字栏名称，如 [\"单位负责人\", \"填表人\"]。")
    if len(set(signoff)) != len(signoff):
        raise PackError(r.at("signoff"), "签字栏名称重复了。")
    return Layout(
        title=r.text("title", "表名"), unit_label=r.text("unit_label", "单位栏标题", "单位名称"),
        budget_title=r.text("budget_title", "预算表标题"), budget_columns=budget_columns,
        goals_title=r.text("goals_title", "总体目标栏标题", "年度总体目标"), goals_labels=(goals[0], goals[1]),
        indicator_title=r.text("indicator_title", "指标表标题"), columns=columns, signoff=tuple(signoff),
        seal=r.text("seal", "盖章栏", "单位（盖章）"), note=r.text("note", "表下说明", "", allow_empty=True),
    )


def layout_to_data(layout: Layout) -> dict:
    """The ``[layout]`` table of a layout (what ``layout_from_data`` reads back)."""
    def cols(columns: tuple[Column, ...]) -> list[dict]:
        return [{"key": c.key, "label": c.label, "width": c.width,
                 **({"landscape": c.landscape} if c.landscape is not None else {}),
                 **({"group": c.group} if c.group else {})} for c in columns]

    data: dict[str, Any] = {
        "title": layout.title, "unit_label": layout.unit_label, "budget_title": layout.budget_title,
        "budget_columns": cols(layout.budget_columns), "goals_title": layout.goals_title,
        "goals": list(layout.goals_labels), "indicator_title": layout.indicator_title,
        "columns": cols(layout.columns), "signoff": list(layout.signoff), "seal": layout.seal,
    }
    if layout.note:
        data["note"] = layout.note
    return data
