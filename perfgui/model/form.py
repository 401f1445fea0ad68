"""The self-evaluation form as plain Python objects.

A form has a header, a budget table, the year's overall goals, the indicator tree and the
sign-off block. The tree has an invisible root (level 0) whose children are the 一级 indicators;
their children are 二级, whose children are 三级. Totals are never stored: see ``totals``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Iterator

from .numbers import rate

from .pack_layout import Layout


def new_id() -> str:
    """A short random id for a node or a form."""
    return uuid.uuid4().hex[:12]


class FormKind(str, Enum):
    DEPARTMENT = "department"
    PROJECT = "project"

    @property
    def label(self) -> str:
        return {"department": "部门整体", "project": "项目支出"}[self.value]

    @property
    def title(self) -> str:
        return {
            "department": "部门（单位）整体支出绩效自评表",
            "project": "项目支出绩效自评表",
        }[self.value]


class Status(str, Enum):
    DRAFT = "draft"
    FINAL = "final"

    @property
    def label(self) -> str:
        return {"draft": "草稿", "final": "定稿"}[self.value]


class Rule(str, Enum):
    """How a 三级 indicator's points are derived from its target and actual."""

    AUTO = "auto"  # chosen from the target's comparator
    POSITIVE = "positive"  # ≥, >
    EQUAL = "equal"  # =
    NEGATIVE = "negative"  # ≤, <
    QUALITATIVE = "qualitative"  # 及时, 规范, 提升 …
    MANUAL = "manual"  # no suggestion: points are judged by a person

    @property
    def label(self) -> str:
        return {
            "auto": "自动",
            "positive": "正向",
            "equal": "等于",
            "negative": "反向",
            "qualitative": "定性",
            "manual": "手动",
        }[self.value]


def _index_of(nodes: list["Node"], node: "Node") -> int:
    """Position of this very node (not of an equal one) in a list."""
    for i, n in enumerate(nodes):
        if n is node:
            return i
    raise ValueError("node is not among these children")


class Node:
    """One indicator: a 一级 (with weight), a 二级 group, or a scored 三级 (or scored 二级)."""

    __slots__ = (
        "id", "name", "weight", "target", "actual", "max_points", "score", "reason",
        "rule", "note", "children", "parent",
    )

    def __init__(
        self,
        name: str = "",
        *,
        weight: Decimal | None = None,
        target: str = "",
        actual: str = "",
        max_points: Decimal | None = None,
        score: Decimal | None = None,
        reason: str = "",
        rule: Rule = Rule.AUTO,
        note: str = "",
        id: str | None = None,
        children: list["Node"] | None = None,
    ) -> None:
        self.id = id or new_id()
        self.name = name
        self.weight = weight
        self.target = target
        self.actual = actual
        self.max_points = max_points
        self.score = score
        self.reason = reason
        self.rule = Rule(rule)
        # Text printed in the 三级 column merged over the rows of a block scored at 二级
        # (the Shanghai 投入管理 block refers to 沪财绩【2022】13号 here).
        self.note = note
        self.parent: Node | None = None
        self.children: list[Node] = []
        for child in children or []:
            self.append(child)

    # -- structure -------------------------------------------------------------------------
    @property
    def level(self) -> int:
        """0 for the root, 1 for 一级, 2 for 二级, 3 for 三级."""
        n, node = 0, self.parent
        while node is not None:
            n += 1
            node = node.parent
        return n

    @property
    def row(self) -> int:
        """This node's index among its siblings."""
        return _index_of(self.parent.children, self) if self.parent is not None else 0

    def append(self, child: "Node") -> "Node":
        return self.insert(len(self.children), child)

    def insert(self, index: int, child: "Node") -> "Node":
        if child.parent is not None:
            # By identity: two siblings may hold equal content (two new blank rows).
            del child.parent.children[_index_of(child.parent.children, child)]
        child.parent = self
        self.children.insert(index, child)
        return child

    def remove(self, child: "Node") -> int:
        """Detach a child; returns the index it had."""
        index = _index_of(self.children, child)
        del self.children[index]
        child.parent = None
        return index

    def walk(self) -> Iterator["Node"]:
        """This node and all below it, depth first, in display order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> list["Node"]:
        """From the 一级 down to this node's parent (the root excluded)."""
        chain: list[Node] = []
        node = self.parent
        while node is not None and node.parent is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def path(self) -> str:
        """A readable location such as ``产出指标 › 数量指标 › 电梯加装完成率``."""
        names = [n.name or "（未命名）" for n in self.ancestors()] + [self.name or "（未命名）"]
        return " › ".join(names)

    def find(self, node_id: str) -> "Node | None":
        for node in self.walk():
            if node.id == node_id:
                return node
        return None

    # -- meaning ---------------------------------------------------------------------------
    @property
    def is_scored(self) -> bool:
        """A leaf that carries points: every 三级, and a 二级 leaf given a 分值."""
        if self.children:
            return False
        # ``is_scored_at(self.level)`` without counting all the way up: asked of every leaf by
        # every total, so it looks at most three parents up.
        parent = self.parent
        if parent is None or parent.parent is None:
            return False  # the root, or a 一级
        return parent.parent.parent is not None or self.max_points is not None  # 三级+, or a 二级

    def is_scored_at(self, level: int) -> bool:
        """``is_scored`` for a node whose level the caller knows (no walk up to the root)."""
        return not self.children and (level >= 3 or (level == 2 and self.max_points is not None))

    def scored_leaves(self) -> Iterator["Node"]:
        for node in self.walk():
            if node.is_scored:
                yield node

    def copy(self, keep_ids: bool = False) -> "Node":
        """A deep copy of this subtree (new ids unless asked to keep them)."""
        clone = Node(
            self.name, weight=self.weight, target=self.target, actual=self.actual,
            max_points=self.max_points, score=self.score, reason=self.reason, rule=self.rule,
            note=self.note, id=self.id if keep_ids else None,
        )
        for child in self.children:
            clone.append(child.copy(keep_ids))
        return clone

    def fields(self) -> dict:
        """The node's own values (not its children), for comparison and serialisation."""
        return {
            "name": self.name, "weight": self.weight, "target": self.target,
            "actual": self.actual, "max_points": self.max_points, "score": self.score,
            "reason": self.reason, "rule": self.rule, "note": self.note,
        }

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Node):
            return NotImplemented
        return self.fields() == other.fields() and self.children == other.children

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"Node({self.name!r}, level={self.level}, children={len(self.children)})"


@dataclass
class BudgetRow:
    """One line of 整体支出规模 / 项目资金: money in the budget's unit."""

    key: str
    label: str
    group: str = ""
    planned: Decimal | None = None  # 全年预算数
    actual: Decimal | None = None  # 全年执行数
    initial: Decimal | None = None  # 年初预算数 (项目支出 only)

    @property
    def rate(self) -> Decimal | None:
        """执行率 (%), computed, never typed."""
        return rate(self.actual, self.planned)


DEPARTMENT_BUDGET_ROWS = (
    ("source_fiscal", "财政拨款", "资金来源"),
    ("source_other", "其他资金", "资金来源"),
    ("struct_basic", "基本支出", "资金结构"),
    ("struct_project", "项目支出", "资金结构"),
)

PROJECT_BUDGET_ROWS = (
    ("total", "年度资金总额", ""),
    ("fiscal", "当年财政拨款", "其中"),
    ("carryover", "上年结转资金", "其中"),
    ("other", "其他资金", "其中"),
)


@dataclass
class Budget:
    unit: str = "元"
    rows: list[BudgetRow] = field(default_factory=list)
    # 项目支出 forms score budget execution (national template: 10 points).
    points: Decimal | None = None
    # Why execution fell short (Sichuan's 原因 column; required below the pack's threshold).
    reason: str = ""

    def row(self, key: str) -> BudgetRow | None:
        for r in self.rows:
            if r.key == key:
                return r
        return None

    def group_sum(self, group: str, attr: str) -> Decimal | None:
        """Σ of planned or actual over a group's rows; None when every value is blank."""
        values = [getattr(r, attr) for r in self.rows if r.group == group]
        present = [v for v in values if v is not None]
        return sum(present, Decimal(0)) if present else None

    @property
    def execution_rate(self) -> Decimal | None:
        """The headline 执行率: the total line of a project, or all sources of a department."""
        total = self.row("total")
        if total is not None:
            return total.rate
        return rate(self.group_sum("资金来源", "actual"), self.group_sum("资金来源", "planned"))

    @classmethod
    def for_kind(cls, kind: FormKind) -> "Budget":
        if kind is FormKind.PROJECT:
            rows = [BudgetRow(k, label, group) for k, label, group in PROJECT_BUDGET_ROWS]
            return cls(unit="万元", rows=rows, points=Decimal(10))
        rows = [BudgetRow(k, label, group) for k, label, group in DEPARTMENT_BUDGET_ROWS]
        return cls(unit="元", rows=rows)


@dataclass
class Goals:
    planned: str = ""  # 年初设定目标 / 预期目标
    achieved: str = ""  # 全年完成情况 / 实际完成情况


@dataclass
class SignField:
    label: str
    value: str = ""


DEFAULT_SIGN_LABELS = ("单位负责人", "填表人", "联系电话", "填报日期")


@dataclass
class SignOff:
    fields: list[SignField] = field(
        default_factory=lambda: [SignField(label) for label in DEFAULT_SIGN_LABELS]
    )
    seal_label: str = "单位（盖章）"

    def get(self, label: str) -> str:
        for f in self.fields:
            if f.label == label:
                return f.value
        return ""


@dataclass
class GradeBand:
    minimum: Decimal
    label: str


def default_bands() -> list[GradeBand]:
    return [GradeBand(Decimal(90), "优"), GradeBand(Decimal(80), "良"), GradeBand(Decimal(60), "中")]


# 定性 outcomes → (low, high, suggested) as fractions of the 分值.
DEFAULT_QUALITATIVE = (
    ("achieved", Decimal("0.8"), Decimal("1"), Decimal("1")),
    ("partial", Decimal("0.6"), Decimal("0.8"), Decimal("0.7")),
    ("missed", Decimal("0"), Decimal("0.6"), Decimal("0")),
)
NEGATIVE_MODES = ("linear", "ratio")
ROUNDING_MODES = ("round", "truncate")
OVER_TARGET_ACTIONS = ("flag", "note", "deduct")
REASON_CASES = ("below_max", "low_execution")


@dataclass(frozen=True)
class TotalCap:
    """执行率 below ``below`` % caps the total score at ``maximum``."""

    below: Decimal
    maximum: Decimal


@dataclass
class Settings:
    """Scoring rules that differ between places (a rule pack's ``scoring`` and ``rules``).

    Kept with the form, so it scores the same anywhere, whether or not the pack is installed.
    The defaults are the national ones of DOMAIN.md.
    """

    grade_bands: list[GradeBand] = field(default_factory=default_bands)
    lowest_grade: str = "差"
    # 反向 indicators over target: "linear" (down to 0 at twice the target) or "ratio" (A/B×W).
    negative_mode: str = "linear"
    # Actual ≥ ratio × target suggests the target was set too low; what that does:
    # "flag" a warning, "note" a reason is required, "deduct" ``over_target_deduct`` points.
    over_target_ratio: Decimal = Decimal("1.2")
    over_target_action: str = "flag"
    over_target_deduct: Decimal = Decimal(0)
    # A 得分 more than this share of its 分值 away from the assistant's suggestion is a warning.
    suggestion_share: Decimal = Decimal("0.3")
    # How points are brought to two decimals: "round" (half up) or "truncate".
    rounding: str = "round"
    qualitative: tuple[tuple[str, Decimal, Decimal, Decimal], ...] = DEFAULT_QUALITATIVE
    # 预算执行 points: full at this 执行率 (%), proportional below it.
    budget_full_at: Decimal = Decimal(100)
    total_caps: tuple[TotalCap, ...] = ()
    # When a reason is required: "below_max" (得分 < 分值), "low_execution" (执行率 below
    # ``low_execution`` %, in the budget's 原因).
    reason_when: tuple[str, ...] = ("below_max",)
    low_execution: Decimal = Decimal(90)
    # Length limits in characters (None: no limit) of a 偏差原因 and of the 全年完成情况 text.
    reason_max: int | None = None
    conclusion_max: int | None = None



@dataclass
class Header:
    unit: str = ""  # 单位名称 (or 实施单位 for a project)
    year: int | None = None
    project_name: str = ""  # 项目名称
    department: str = ""  # 主管部门
    implementer: str = ""  # 实施单位


@dataclass
class Form:
    kind: FormKind = FormKind.DEPARTMENT
    header: Header = field(default_factory=Header)
    budget: Budget = field(default_factory=Budget)
    goals: Goals = field(default_factory=Goals)
    root: Node = field(default_factory=Node)
    signoff: SignOff = field(default_factory=SignOff)
    settings: Settings = field(default_factory=Settings)
    status: Status = Status.DRAFT
    # Why a form with errors was finalised anyway; printed in a 说明 line under the table.
    final_reason: str = ""
    # The rule pack the form follows ("" for the built-in one of its kind) and its print layout
    # (None: the layout of that pack), both kept with the form so it prints the same anywhere.
    pack: str = ""
    layout: Layout | None = None
    id: str = field(default_factory=new_id)

    @property
    def sections(self) -> list[Node]:
        """The 一级 indicators."""
        return self.root.children

    def scored(self) -> list[Node]:
        return list(self.root.scored_leaves())

    def find(self, node_id: str) -> Node | None:
        return self.root.find(node_id)

    @property
    def title(self) -> str:
        return self.kind.title

    def display_name(self) -> str:
        """How the form is named in lists and file names: "2024年度 单位 部门整体"."""
        year = f"{self.header.year}年度" if self.header.year else "年度未填"
        who = self.header.project_name if self.kind is FormKind.PROJECT else self.header.unit
        return f"{year} {who or '未命名单位'} {self.kind.label}"
