"""Rule packs: one place's layout, template and scoring rules for one kind of form, as data.

A pack is read from a TOML file (``perfgui.packs`` parses the text and finds line numbers; the
format is in docs/rule-packs.md). This module turns the parsed data into a ``Pack`` — checking
every key and value, and naming the key of anything wrong — and applies a pack to forms:
``Pack.new_form`` makes a blank form from its template, ``apply_pack`` moves a form to another
pack and re-scores it (``pack_change.compare`` says what that changes). A pack is data only:
nothing in it is ever evaluated.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .form import (
    NEGATIVE_MODES, OVER_TARGET_ACTIONS, REASON_CASES, ROUNDING_MODES, Budget, BudgetRow, Form,
    FormKind, GradeBand, Header, Node, Settings, SignField, SignOff, TotalCap,
)
from .pack_layout import Layout, PackError, Reader, decimal_in, layout_from_data

PACK_FORMAT = 1  # the version of the pack file format this program reads

@dataclass(frozen=True)
class GroupSpec:
    name: str
    points: Decimal | None = None  # a 二级 scored directly (the 投入管理 block)


@dataclass(frozen=True)
class SectionSpec:
    name: str
    weight: Decimal
    groups: tuple[GroupSpec, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class BudgetSpec:
    unit: str
    rows: tuple[tuple[str, str, str], ...]  # (key, label, group)
    points: Decimal | None = None


@dataclass(frozen=True)
class Pack:
    name: str
    version: str
    title: str
    place: str
    kind: FormKind
    years: tuple[int, int]
    source: str
    layout: Layout
    budget: BudgetSpec
    sections: tuple[SectionSpec, ...]
    settings: Settings
    unverified: tuple[str, ...] = ()
    description: str = ""

    def summary(self) -> dict:
        """What ``python -m perfgui packs`` lists."""
        return {"name": self.name, "title": self.title, "place": self.place, "kind": self.kind.value,
                "years": list(self.years), "source": self.source, "version": self.version}

    def covers(self, year: int | None) -> bool:
        return year is None or self.years[0] <= year <= self.years[1]

    def new_form(self, year: int | None = None, unit: str = "") -> Form:
        """A blank form from this pack's template."""
        root = Node()
        for spec in self.sections:
            section = root.append(Node(spec.name, weight=spec.weight, note=spec.note))
            for group in spec.groups:
                section.append(Node(group.name, max_points=group.points))
        header = Header(unit=unit, year=year)
        if self.kind is FormKind.PROJECT:
            header.implementer = unit
        form = Form(kind=self.kind, header=header, budget=self._budget(), root=root,
                    signoff=SignOff([SignField(label) for label in self.layout.signoff], self.layout.seal))
        return _follow(form, self)

    def _budget(self) -> Budget:
        rows = [BudgetRow(key, label, group) for key, label, group in self.budget.rows]
        return Budget(unit=self.budget.unit, rows=rows, points=self.budget.points)


def _follow(form: Form, pack: Pack) -> Form:
    form.pack = pack.name
    form.layout = pack.layout
    form.settings = copy.deepcopy(pack.settings)
    return form


# -- moving a form to another pack ------------------------------------------------------------
class PackKindMismatch(ValueError):
    """The pack is for the other kind of form; the message is Chinese."""


def apply_pack(form: Form, pack: Pack) -> Form:
    """A copy of ``form`` following ``pack``: its rules, layout, budget rows and sign-off lines.

    The person's indicators, texts and figures stay. A 得分 that is what the old rules'
    assistant suggested is re-scored by the new rules; a 得分 a person chose differently is kept.
    """
    from .scoring import suggest

    if pack.kind is not form.kind:
        raise PackKindMismatch(
            f"规则包“{pack.title}”用于{pack.kind.label}表，本表是{form.kind.label}表：请选择{form.kind.label}的规则包。")
    new = _copy_form(form)
    _follow(new, pack)
    for old_leaf, leaf in zip(form.root.scored_leaves(), new.root.scored_leaves()):
        if old_leaf.score is None:
            continue
        before = suggest(old_leaf, form.settings)
        if before is None or before.points != old_leaf.score:
            continue
        after = suggest(leaf, new.settings)
        if after is not None:
            leaf.score = after.points
    new.budget = _budget_rows(form.budget, pack)
    new.signoff = _signoff(form.signoff, pack.layout)
    return new


def _copy_form(form: Form) -> Form:
    """A deep copy with the same form and node ids (the serialised form carries them all)."""
    from .serialize import from_dict, to_dict

    return from_dict(to_dict(form))


def _budget_rows(budget: Budget, pack: Pack) -> Budget:
    """The pack's rows, each with the values of the form's row of the same key; rows the pack
    lacks are kept when they hold a value (never lose a figure), dropped when empty."""
    old = {r.key: r for r in budget.rows}
    rows = []
    for key, label, group in pack.budget.rows:
        was = old.pop(key, None)
        rows.append(BudgetRow(key, label, group, was.planned if was else None, was.actual if was else None,
                              was.initial if was else None))
    rows += [r for r in old.values() if (r.planned, r.actual, r.initial) != (None, None, None)]
    return Budget(unit=budget.unit, rows=rows, points=pack.budget.points, reason=budget.reason)


def _signoff(signoff: SignOff, layout: Layout) -> SignOff:
    values = {f.label: f.value for f in signoff.fields}
    fields = [SignField(label, values.pop(label, "")) for label in layout.signoff]
    fields += [SignField(label, value) for label, value in values.items() if value]
    return SignOff(fields, layout.seal)


# -- reading a pack from parsed data ----------------------------------------------------------
_TOP_KEYS = {"format", "name", "version", "title", "place", "kind", "years", "source", "unverified",
             "description", "layout", "budget", "template", "scoring", "rules"}
_BUDGET_KEYS = {"unit", "points", "rows"}
_SCORING_KEYS = {"negative", "rounding", "over_target", "qualitative", "budget_full_at", "total_caps",
                 "suggestion_share"}
_RULES_KEYS = {"grades", "lowest", "reason_when", "low_execution", "reason_max", "conclusion_max"}
NAME_CHARS = frozenset(  # a pack name: also its file name, on every system
    "abcdefghijklmnopqrstuvwxyz0123456789-")


def pack_from_data(data: Any) -> Pack:
    """A ``Pack`` from parsed TOML; raises ``PackError`` naming the key of the first problem."""
    top = Reader(data, (), _TOP_KEYS, "规则包")
    fmt = data.get("format")
    if fmt != PACK_FORMAT:
        if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > PACK_FORMAT:
            raise PackError(("format",), f"该规则包为第 {fmt} 版格式，本程序只认第 {PACK_FORMAT} 版：请升级本程序。")
        raise PackError(("format",) if "format" in data else (), f"规则包应以 format = {PACK_FORMAT} 开头（规则包格式版本）。")
    name = top.text("name", "规则包名称")
    if not set(name) <= NAME_CHARS or len(name) > 60 or name.startswith("-"):
        raise PackError(("name",), f"规则包名称“{name}”只能由小写英文字母、数字和连字符组成（如 sichuan-project），最多 60 个字符。")
    try:
        kind = FormKind(top.text("kind", "表单类型"))
    except ValueError:
        raise PackError(("kind",), f"表单类型“{data['kind']}”不存在：可选 department（部门整体）、project（项目支出）。") from None
    years = top.items("years", "适用年度")
    if len(years) != 2 or not all(isinstance(y, int) and not isinstance(y, bool) for y in years):
        raise PackError(("years",), "适用年度应写作 [起始年, 截止年]，如 [2021, 2030]。")
    if not 1990 <= years[0] <= years[1] <= 2100:
        raise PackError(("years",), f"适用年度 {years[0]}–{years[1]} 不对：起始年不晚于截止年，且在 1990 到 2100 之间。")
    unverified = top.items("unverified", "未核实的规则", required=False)
    for i, item in enumerate(unverified):
        if not isinstance(item, str) or not item.strip():
            raise PackError(("unverified", i), "“unverified”的每一项应为一段说明文字。")
    budget = _budget(data.get("budget"))
    sections = _template(data.get("template"))
    settings = _settings(data.get("scoring"), data.get("rules"))
    layout = layout_from_data(data.get("layout"), kind is FormKind.PROJECT, budget.points is not None)
    pack = Pack(
        name=name, version=top.text("version", "规则包版本"), title=top.text("title", "规则包标题"),
        place=top.text("place", "适用地区"), kind=kind, years=(years[0], years[1]),
        source=top.text("source", "依据或来源"), layout=layout, budget=budget, sections=sections,
        settings=settings, unverified=tuple(unverified),
        description=top.text("description", "说明", "", allow_empty=True),
    )
    _check_weights(pack)
    return pack


def _budget(data: Any) -> BudgetSpec:
    r = Reader(data, ("budget",), _BUDGET_KEYS, "预算表（[budget]）")
    unit = r.text("unit", "金额单位")
    if unit not in ("元", "万元"):
        raise PackError(r.at("unit"), f"金额单位“{unit}”不对：应为 元 或 万元。")
    rows = []
    for i, item in enumerate(r.items("rows", "预算表的行")):
        rr = Reader(item, r.at("rows") + (i,), {"key", "label", "group"}, f"预算表第 {i + 1} 行")
        key = rr.text("key", "行的代号")
        if not set(key) <= NAME_CHARS | {"_"}:
            raise PackError(rr.at("key"), f"行的代号“{key}”只能由小写英文字母、数字和下划线组成。")
        if any(k == key for k, _, _ in rows):
            raise PackError(rr.at("key"), f"预算表的行代号“{key}”重复了。")
        rows.append((key, rr.text("label", "行名称"), rr.text("group", "行分组", "", allow_empty=True)))
    if not rows:
        raise PackError(r.at("rows"), "预算表至少要有一行。")
    groups = {g for _, _, g in rows}
    if "资金来源" in groups and "资金结构" not in groups or "资金结构" in groups and "资金来源" not in groups:
        raise PackError(r.at("rows"), "“资金来源”和“资金结构”两组应同时出现（两者合计应相等）。")
    points = r.number("points", "预算执行分值", Decimal(0), Decimal(100)) if r.has("points") else None
    return BudgetSpec(unit, tuple(rows), points)


def _template(data: Any) -> tuple[SectionSpec, ...]:
    r = Reader(data, ("template",), {"sections"}, "模板（[template]）")
    sections = []
    for i, item in enumerate(r.items("sections", "一级指标")):
        sr = Reader(item, ("template", "sections", i), {"name", "weight", "groups", "note"}, f"第 {i + 1} 个一级指标")
        groups = []
        for j, g in enumerate(sr.items("groups", "二级指标", required=False)):
            where = sr.at("groups") + (j,)
            if isinstance(g, str):
                if not g.strip():
                    raise PackError(where, "二级指标名称不能为空。")
                groups.append(GroupSpec(g))
                continue
            gr = Reader(g, where, {"name", "points"}, f"第 {j + 1} 个二级指标")
            points = gr.number("points", "分值", Decimal(0), Decimal(100)) if gr.has("points") else None
            if points is not None and -points.as_tuple().exponent < 2:  # type: ignore[operator]
                points = points.quantize(Decimal("0.01"))  # printed with two decimals: 7.50
            groups.append(GroupSpec(gr.text("name", "二级指标名称"), points))
        sections.append(SectionSpec(sr.text("name", "一级指标名称"), sr.number("weight", "权重", Decimal(0), Decimal(100)),
                                    tuple(groups), sr.text("note", "说明", "", allow_empty=True)))
    if not sections:
        raise PackError(r.at("sections"), "模板至少要有一个一级指标（[[template.sections]]）。")
    return tuple(sections)


def _check_weights(pack: Pack) -> None:
    total = sum((s.weight for s in pack.sections), Decimal(0)) + (pack.budget.points or 0)
    if total != 100:
        parts = " + ".join(f"{s.name} {s.weight}" for s in pack.sections)
        if pack.budget.points is not None:
            parts = f"预算执行 {pack.budget.points} + " + parts
        raise PackError(("template", "sections"), f"权重合计 {total}（{parts}），应为 100：请调整权重。")
    for i, s in enumerate(pack.sections):
        points = [g.points for g in s.groups]
        if points and all(p is not None for p in points):
            got = sum(points, Decimal(0))  # type: ignore[arg-type]
            if got != s.weight:
                raise PackError(("template", "sections", i, "groups"),
                                f"“{s.name}”下二级指标分值合计 {got}，与其权重 {s.weight} 不符。")


def _settings(scoring: Any, rules: Any) -> Settings:
    s = Reader(scoring, ("scoring",), _SCORING_KEYS, "计分规则（[scoring]）")
    r = Reader(rules, ("rules",), _RULES_KEYS, "规则（[rules]）")
    settings = Settings()
    settings.negative_mode = s.choice("negative", "反向指标计分方式", NEGATIVE_MODES, "linear")
    settings.rounding = s.choice("rounding", "两位小数的取法", ROUNDING_MODES, "round")
    if s.has("over_target"):
        o = Reader(s.data["over_target"], s.at("over_target"), {"ratio", "action", "deduct"}, "超目标规则")
        settings.over_target_ratio = o.number("ratio", "超目标比例", Decimal(1), Decimal(10))
        settings.over_target_action = o.choice("action", "超目标的处理", OVER_TARGET_ACTIONS, "flag")
        if settings.over_target_action == "deduct":
            settings.over_target_deduct = o.number("deduct", "超目标扣分", Decimal(0), Decimal(100))
        elif o.has("deduct"):
            raise PackError(o.at("deduct"), "“deduct”（扣分）只在 action = \"deduct\" 时使用。")
    if s.has("qualitative"):
        q = Reader(s.data["qualitative"], s.at("qualitative"), {"achieved", "partial", "missed"}, "定性指标档次")
        bands = []
        for outcome in ("achieved", "partial", "missed"):
            where = q.at(outcome)
            raw = q.data.get(outcome)
            if not isinstance(raw, list) or len(raw) != 3:
                raise PackError(where if outcome in q.data else q.path,
                                f"定性档次“{outcome}”应写作 [下限, 上限, 建议]（分值的比例，如 [0.6, 0.8, 0.7]）。")
            low, high, pick = (decimal_in(v, where, f"定性档次“{outcome}”", Decimal(0), Decimal(1)) for v in raw)
            if not low <= pick <= high:
                raise PackError(where, f"定性档次“{outcome}”的建议 {pick} 应在下限 {low} 与上限 {high} 之间。")
            bands.append((outcome, low, high, pick))
        settings.qualitative = tuple(bands)
    settings.budget_full_at = s.number("budget_full_at", "预算执行满分的执行率", Decimal(1), Decimal(100), Decimal(100))
    caps = []
    for i, item in enumerate(s.items("total_caps", "按执行率封顶总分", required=False)):
        c = Reader(item, s.at("total_caps") + (i,), {"below", "max"}, f"第 {i + 1} 条封顶规则")
        caps.append(TotalCap(c.number("below", "执行率低于", Decimal(0), Decimal(100)),
                             c.number("max", "总分最高", Decimal(0), Decimal(100))))
    settings.total_caps = tuple(caps)
    settings.suggestion_share = s.number("suggestion_share", "建议得分偏差比例", Decimal(0), Decimal(1), Decimal("0.3"))
    bands = []
    for i, item in enumerate(r.items("grades", "等级")):
        g = Reader(item, r.at("grades") + (i,), {"min", "label"}, f"第 {i + 1} 个等级")
        band = GradeBand(g.number("min", "等级分数线", Decimal(0), Decimal(100)), g.text("label", "等级名称"))
        if bands and band.minimum >= bands[-1].minimum:
            raise PackError(g.at("min"), f"等级应按分数线从高到低排列：{band.minimum} 不低于上一档的 {bands[-1].minimum}。")
        bands.append(band)
    if not bands:
        raise PackError(r.at("grades"), "至少要有一个等级。")
    settings.grade_bands = bands
    settings.lowest_grade = r.text("lowest", "最低等级")
    if settings.lowest_grade in {b.label for b in bands} or len({b.label for b in bands}) != len(bands):
        raise PackError(r.at("lowest"), "等级名称重复了。")
    when = r.items("reason_when", "何时必须说明原因", required=False) or ["below_max"]
    for i, case in enumerate(when):
        if case not in REASON_CASES:
            raise PackError(r.at("reason_when") + (i,), f"“{case}”不存在：可选 {'、'.join(REASON_CASES)}。")
    settings.reason_when = tuple(when)
    settings.low_execution = r.number("low_execution", "执行率低于多少须说明", Decimal(0), Decimal(100), Decimal(90))
    for key, what in (("reason_max", "原因的字数上限"), ("conclusion_max", "完成情况的字数上限")):
        if r.has(key):
            value = r.data[key]
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100000:
                raise PackError(r.at(key), f"{what}应为 1 到 100000 之间的整数（字）。")
            setattr(settings, key, value)
    return settings


__all__ = [
    "PACK_FORMAT", "Pack", "PackError", "PackKindMismatch", "SectionSpec", "GroupSpec", "BudgetSpec",
    "pack_from_data", "apply_pack",
]
