"""The scoring assistant: read targets and actuals, suggest points and say which rule gave them.

The national default rules (DOMAIN.md, unverified) are:
- 正向 (≥, >): B ≥ A → W, else B / A × W.
- 等于 (=): as 正向 when A > 0; when A = 0 (``0发生``), B = 0 → W, else 0.
- 反向 (≤, <): B ≤ A → W; above A, ``linear`` falls to 0 at 2A, ``ratio`` gives A / B × W.
- 定性: 达成 80–100 % of W, 部分达成 60–80 %, 未达成 0–60 %.
A suggestion is only ever offered; it never overwrites what a person typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Callable

from .form import Node, Rule, Settings
from .numbers import round2

_COMPARATORS = (
    ("≥", ">="), ("≧", ">="), ("＞＝", ">="), (">=", ">="), ("不低于", ">="), ("不少于", ">="), ("大于等于", ">="),
    ("≤", "<="), ("≦", "<="), ("＜＝", "<="), ("<=", "<="), ("不高于", "<="), ("不超过", "<="), ("不多于", "<="),
    ("小于等于", "<="), ("＞", ">"), (">", ">"), ("大于", ">"), ("高于", ">"),
    ("＜", "<"), ("<", "<"), ("小于", "<"), ("低于", "<"), ("＝", "="), ("═", "="), ("﹦", "="), ("=", "="), ("等于", "="),
)

# Unit → (class, factor to the class's base unit).
UNITS: dict[str, tuple[str, Decimal]] = {
    "%": ("percent", Decimal(1)), "％": ("percent", Decimal(1)),
    "元": ("money", Decimal(1)), "万元": ("money", Decimal(10000)),
    "亿元": ("money", Decimal(100000000)), "千元": ("money", Decimal(1000)),
    "天": ("time", Decimal(1)), "日": ("time", Decimal(1)), "个工作日": ("time", Decimal(1)),
    "工作日": ("time", Decimal(1)), "小时": ("time", Decimal(1) / Decimal(24)),
    "月": ("time", Decimal(30)), "个月": ("time", Decimal(30)), "年": ("time", Decimal(365)),
}
_COUNT_UNITS = (
    "个", "台", "次", "人", "人次", "项", "座", "家", "起", "件", "户", "条", "所", "辆", "处",
    "场", "批", "份", "篇", "株", "棵", "只", "名", "套", "册", "本", "期", "宗", "班", "栋",
    "幢", "间", "公里", "千米", "米", "平方米", "亩", "公顷", "吨", "立方米",
)
for _u in _COUNT_UNITS:
    UNITS.setdefault(_u, ("count:" + _u, Decimal(1)))

UNIT_CLASS_LABEL = {"percent": "百分比", "money": "金额", "time": "时间"}

ACHIEVED = ("达成指标", "已达成", "达成", "已完成", "完成", "达标", "及时", "规范", "是", "提升",
            "改善", "有效", "良好", "明显", "显著", "合格", "满意", "0发生", "未发生", "无")
PARTIAL = ("部分达成", "基本达成", "部分完成", "基本完成", "基本达标", "基本及时", "基本规范", "一般")
MISSED = ("未达成", "未完成", "未达标", "不及时", "不规范", "否", "不合格", "未提升", "未改善", "无效", "发生")
# An achieved word under a negation ("未按时完成", "不满意", "无法完成"); "不断提升" is no negation.
_ACHIEVED_WORD = "(?:完成|达成|达标|及时|规范|提升|改善|有效|满意|合格|明显|显著|良好)"
_NEGATED_PARTLY = re.compile(rf"(?:未|不|没有|没)(?:全部|完全){_ACHIEVED_WORD}|基本{_ACHIEVED_WORD}")
_NEGATED = re.compile(rf"(?:未能|未|不够|不|没有|没|无法|尚未)(?:按时|按期|如期|能够|能|够)?{_ACHIEVED_WORD}")

QUALITATIVE_LABEL = {"achieved": "达成", "partial": "部分达成", "missed": "未达成"}

_NUM_RE = re.compile(r"[+\-]?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Measure:
    """A parsed target or actual: ``=100.00(%)`` → ('=', 100.00, '%')."""

    text: str
    comparator: str | None = None
    number: Decimal | None = None
    unit: str = ""
    word: str = ""  # the qualitative part, e.g. 及时, 达成指标, 发生

    @cached_property
    def unit_class(self) -> str:
        # Cached on the (frozen, itself cached) measure: the rules ask for it on every check.
        if not self.unit:
            return ""
        known = UNITS.get(self.unit)
        return known[0] if known else "count:" + self.unit

    @property
    def is_numeric(self) -> bool:
        return self.number is not None

    def in_base_unit(self) -> Decimal | None:
        if self.number is None:
            return None
        factor = UNITS.get(self.unit, ("", Decimal(1)))[1]
        return self.number * factor


def _compact(text: str) -> str:
    s = text.strip().translate(str.maketrans("（）．０１２３４５６７８９，", "().0123456789,"))
    # Stray spaces around digits and points, as copying out of a PDF leaves them.
    s = re.sub(r"(?<=[\d.])\s+(?=[\d.(%])", "", s)
    s = re.sub(r"(?<=[=<>≥≤(])\s+", "", s)
    s = re.sub(r"\s+(?=[)%])", "", s)
    return s


_UNITS_LONGEST_FIRST = tuple(sorted(UNITS, key=len, reverse=True))
_CEILING_RE = re.compile(r"^(?:及|或)?(?:以内|以下|之内|内)")
_FLOOR_RE = re.compile(r"^(?:及|或)?以上")


def parse_measure(text: str | None) -> Measure:
    """Read a 年度指标值 or 全年完成值 into comparator, number, unit and words."""
    return _parse_measure(text or "")


@lru_cache(maxsize=4096)
def _parse_measure(raw: str) -> Measure:
    # Cached: a form repeats the same few targets (=100.00(%), 及时) hundreds of times.
    s = _compact(raw)
    comparator = None
    for token, comp in _COMPARATORS:
        if s.startswith(token):
            comparator = comp
            s = s[len(token):].strip()
            break
    m = _NUM_RE.search(s.replace(",", ""))
    if not m:
        return Measure(raw, comparator, None, "", s.strip())
    body = s.replace(",", "")
    number = Decimal(m.group(0))
    rest = body[m.end():].strip()
    before = body[: m.start()].strip()
    rest_clean = rest.strip("()（）")
    unit = ""
    # The longest known unit the rest starts with: 万元 before 元, 个工作日 before 个.
    for candidate in _UNITS_LONGEST_FIRST:
        if rest_clean.startswith(candidate):
            unit = candidate
            rest_clean = rest_clean[len(candidate):]
            break
    word = (before + rest_clean.strip("()（）")).strip()
    if unit == "％":
        unit = "%"
    if comparator is None:
        # The comparator written after the number: "10天以内", "5%以下", "95%以上".
        tail = rest_clean.strip("()（）")
        if _CEILING_RE.match(tail):
            comparator = "<="
        elif _FLOOR_RE.match(tail):
            comparator = ">="
    return Measure(raw, comparator, number, unit, word)


def qualitative_outcome(text: str) -> str | None:
    """'achieved', 'partial' or 'missed' for a qualitative actual; None if it says neither."""
    s = re.sub(r"\s+", "", text or "")
    if not s:
        return None
    for word in PARTIAL:
        if word in s:
            return "partial"
    if _NEGATED_PARTLY.search(s):
        return "partial"
    if _NEGATED.search(s):
        return "missed"
    for word in MISSED:
        if s == word or s.startswith(word) or (word != "发生" and word in s):
            return "missed"
    for word in ACHIEVED:
        if word in s:
            return "achieved"
    return None


@dataclass(frozen=True)
class Suggestion:
    points: Decimal
    rule: Rule
    explanation: str  # Chinese, shown beside the suggestion
    over_target: bool = False
    low: Decimal | None = None  # the band a person may choose within (定性)
    high: Decimal | None = None


def choose_rule(own: Rule, target: Measure, actual: Measure) -> Rule:
    """The rule a node uses: its own, or the one its target's comparator implies."""
    if own is not Rule.AUTO:
        return own
    if not target.is_numeric or not actual.is_numeric:
        return Rule.QUALITATIVE
    if target.comparator in (">=", ">"):
        return Rule.POSITIVE
    if target.comparator in ("<=", "<"):
        return Rule.NEGATIVE
    return Rule.EQUAL


def _convert(actual: Measure, target: Measure) -> Decimal | None:
    """The actual expressed in the target's unit, when the two are comparable."""
    if actual.number is None:
        return None
    if not actual.unit or not target.unit or actual.unit == target.unit:
        return actual.number
    if actual.unit_class != target.unit_class:
        return None
    a = actual.in_base_unit()
    factor = UNITS[target.unit][1]
    return a / factor if a is not None else None


def suggest(node: Node, settings: Settings | None = None) -> Suggestion | None:
    """Suggested points for a scored node under the form's rules, or None when there is
    nothing to go on."""
    return suggester(settings or Settings())(node)


def suggester(settings: Settings) -> Callable[[Node], Suggestion | None]:
    """``suggest`` for many nodes under the same settings (read once, not once per node)."""
    rules = _Rules.of(settings)

    def one(node: Node) -> Suggestion | None:
        w = node.max_points
        if w is None or not node.is_scored:
            return None
        # str(w) is part of the key: 0.06 and 0.060 are equal keys but explained differently.
        return _suggest(w, str(w), node.target or "", node.actual or "", node.rule, rules)

    return one


@dataclass(frozen=True, eq=False)
class _Rules:
    """The settings a suggestion depends on, one object for equal settings (``of``), so the
    cache's key compares and hashes it by identity, not field by field on every lookup."""

    over_target_ratio: Decimal
    over_target_action: str
    over_target_deduct: Decimal
    negative_mode: str
    rounding: str
    qualitative: tuple[tuple[str, Decimal, Decimal, Decimal], ...]

    @classmethod
    def of(cls, s: Settings) -> "_Rules":
        return _interned_rules(s.over_target_ratio, s.over_target_action, s.over_target_deduct,
                               s.negative_mode, s.rounding, tuple(s.qualitative))


@lru_cache(maxsize=64)
def _interned_rules(*fields) -> _Rules:
    return _Rules(*fields)


def _pct(ratio: Decimal) -> str:
    return f"{((ratio - 1) * 100).normalize():f}"


@lru_cache(maxsize=8192)
def _suggest(w: Decimal, _shown: str, target_text: str, actual_text: str, own_rule: Rule,
             rules: _Rules) -> Suggestion | None:
    # Cached: the rules ask for every leaf's suggestion on each check, that is on every edit,
    # and all leaves but the edited one are unchanged (Suggestion is frozen, safe to share).
    target = parse_measure(target_text)
    actual = parse_measure(actual_text)
    rule = choose_rule(own_rule, target, actual)
    if rule is Rule.MANUAL:
        return None
    if rule is Rule.QUALITATIVE:
        return _suggest_qualitative(w, actual, rules)
    a = target.number
    b = _convert(actual, target)
    if a is None or b is None:
        # A numeric rule was asked for but a number is missing: fall back to words, if any.
        return _suggest_qualitative(w, actual, rules)
    unit = target.unit or ""
    over = False
    if rule is Rule.EQUAL and a == 0:
        points = w if b == 0 else Decimal(0)
        why = f"等于0：完成值{'为0，得满分' if b == 0 else '不为0，不得分'}"
    elif rule in (Rule.POSITIVE, Rule.EQUAL):
        name = rule.label
        if b >= a:
            points = w
            why = f"{name}：完成 {b:f}{unit} ≥ 目标 {a:f}{unit}，得满分"
        else:
            points = b / a * w if a > 0 else Decimal(0)
            why = f"{name}：完成/目标 × 分值 = {b:f}/{a:f} × {w:f}"
        if a > 0 and b >= a * rules.over_target_ratio:
            over = True
            pct = _pct(rules.over_target_ratio)
            if rules.over_target_action == "deduct" and rules.over_target_deduct:
                points = points - rules.over_target_deduct
                why += f"；完成值超过目标{pct}%以上，按规定扣 {rules.over_target_deduct:f} 分"
            elif rules.over_target_action == "note":
                why += f"；完成值超过目标{pct}%以上，按规定须说明原因"
            else:
                why += f"；完成值超过目标{pct}%以上，目标可能偏低，请说明"
    else:  # NEGATIVE
        if b <= a:
            points = w
            why = f"反向：完成 {b:f}{unit} ≤ 目标 {a:f}{unit}，得满分"
        elif rules.negative_mode == "ratio":
            points = a / b * w if b > 0 else Decimal(0)
            why = f"反向：目标/完成 × 分值 = {a:f}/{b:f} × {w:f}"
        else:
            points = max(Decimal(0), (2 * a - b) / a * w) if a > 0 else Decimal(0)
            why = f"反向：超出目标，按线性扣分（达到目标2倍时为0）：(1 − ({b:f} − {a:f})/{a:f}) × {w:f}"
    points = round2(min(max(points, Decimal(0)), w), rules.rounding)
    if rules.rounding == "truncate":
        why += "（两位小数截尾）"
    return Suggestion(points, rule, why, over)


def _suggest_qualitative(w: Decimal, actual: Measure, rules: _Rules) -> Suggestion | None:
    outcome = qualitative_outcome(actual.text)
    if outcome is None:
        return None
    low, high, pick = next((lo, hi, p) for name, lo, hi, p in rules.qualitative if name == outcome)
    label = QUALITATIVE_LABEL[outcome]
    r = rules.rounding
    why = (
        f"定性：{label}，可得分值的{(low * 100).normalize():f}%–{(high * 100).normalize():f}%"
        f"（{round2(low * w, r):f}–{round2(high * w, r):f}），建议 {round2(pick * w, r):f}"
    )
    return Suggestion(round2(pick * w, r), Rule.QUALITATIVE, why, False, round2(low * w, r), round2(high * w, r))
