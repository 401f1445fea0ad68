"""What a finance office looks for across the forms it receives, and a risk score per form.

Each ``Flag`` names a form and says, in Chinese, what was found; its ``risk`` adds to the form's
score, so reviewers can sort by it and sample the riskiest first. The checks (reviewers' habits
seen in published 抽查 reports):

- FULL_MARKS_SILENT: full marks on every indicator and nothing written about what was done;
- TARGET_LOW: an actual beating its target by 30 % or more (the target was set too low);
- REASON_BOILERPLATE: points lost with a reason that says nothing (无, 已完成, 达到预期 …);
- REASON_COPIED: the same reason on several indicators of one form, or in other units' forms;
- MONEY_UNIT: amounts far out of scale for their 元/万元 unit;
- WEIGHT_DIFFERS: one indicator with different 分值 across one unit's projects of a year;
- DUPLICATE: the same unit, year and kind (and project) sent in twice;
- FORM_ERRORS: the form's own errors (``perfgui.model.check``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..model import fmt2
from .records import Record

OVER_TARGET = Decimal("1.3")
MIN_COPIED_CHARS = 8
BOILERPLATE = {"无", "无偏差", "没有偏差", "已完成", "完成", "已达成", "达成", "达到预期", "达到预期目标",
               "基本达到预期", "按计划完成", "符合要求", "正常", "良好", "无问题", "无异常", "见附件", "略",
               "同上", "/", "-", "—", "暂无", "不适用"}
# Money far out of scale: a 万元 budget over 10 亿万元, or a 元 budget under 1,000 元 (万元 typed).
MAX_WAN_YUAN = Decimal(10) ** 13
MIN_YUAN = Decimal(1000)

RISK = {"FULL_MARKS_SILENT": 3, "TARGET_LOW": 1, "REASON_BOILERPLATE": 1, "REASON_COPIED": 1,
        "MONEY_UNIT": 2, "WEIGHT_DIFFERS": 1, "DUPLICATE": 2, "FORM_ERRORS": 1}
MAX_RISK_PER_CODE = 3


@dataclass(frozen=True)
class Flag:
    path: str  # the record's path
    code: str
    message: str

    @property
    def risk(self) -> int:
        return RISK.get(self.code, 1)


def _norm(text: str) -> str:
    return re.sub(r"[\s，。,.;；:：、！!？?（）()“”\"'‘’]", "", text)


def review(records: list[Record]) -> list[Flag]:
    """Every flag over all ``records``, in the order of the records."""
    flags: list[Flag] = []
    reasons_by_unit: dict[str, set[str]] = defaultdict(set)
    for r in records:
        for ind in r.indicators:
            if ind.reason and len(_norm(ind.reason)) >= MIN_COPIED_CHARS:
                reasons_by_unit[_norm(ind.reason)].add(r.unit.strip())
    seen_keys: dict[tuple, Record] = {}
    points: dict[tuple, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for r in records:
        if r.kind == "project":
            for ind in r.indicators:
                points[(r.unit.strip(), r.year)][ind.name.strip()].add((ind.max_points, r.path))
    for r in records:
        flags += _form_flags(r, reasons_by_unit)
        earlier = seen_keys.get(r.key)
        if earlier is not None:
            flags.append(Flag(r.path, "DUPLICATE", f"与“{earlier.path}”是同一单位、同一年度、同类的表单"
                                                   f"（报送了两个版本？指纹 {earlier.fingerprint} / {r.fingerprint}）。"))
        else:
            seen_keys[r.key] = r
    for (unit, year), by_name in points.items():
        for name, found in by_name.items():
            values = {mp for mp, _ in found}
            if len(values) > 1:
                shown = "、".join(sorted(fmt2(v) if v is not None else "未填" for v in values))
                for _, path in sorted(found, key=lambda x: x[1]):
                    flags.append(Flag(path, "WEIGHT_DIFFERS",
                                      f"指标“{name}”在{unit}{year or ''}年的各项目中分值不同（{shown}）。"))
    return _dedupe(flags)


def _form_flags(r: Record, reasons_by_unit: dict[str, set[str]]) -> list[Flag]:
    out: list[Flag] = []
    if r.errors:
        out.append(Flag(r.path, "FORM_ERRORS", f"表单本身有 {r.errors} 个错误。"))
    scored = [i for i in r.indicators if i.max_points is not None]
    if scored and all(i.score == i.max_points for i in scored) and not any(i.reason for i in scored) \
            and len(r.goals_achieved) < 20:
        out.append(Flag(r.path, "FULL_MARKS_SILENT", "全部指标满分，且没有任何完成情况或偏差说明。"))
    for i in r.indicators:
        if i.over_ratio is not None and i.over_ratio >= OVER_TARGET:
            out.append(Flag(r.path, "TARGET_LOW", f"“{i.path}”完成值 {i.actual} 超过目标 {i.target} 的 "
                                                  f"{fmt2((i.over_ratio - 1) * 100)}%：目标值可能设置偏低。"))
    copies: dict[str, list[str]] = defaultdict(list)
    for i in r.indicators:
        lost = i.max_points is not None and i.score is not None and i.score < i.max_points
        if lost and i.reason and (_norm(i.reason) in BOILERPLATE or len(_norm(i.reason)) <= 2):
            out.append(Flag(r.path, "REASON_BOILERPLATE", f"“{i.path}”扣了分，原因只写了“{i.reason}”。"))
        if i.reason and len(_norm(i.reason)) >= MIN_COPIED_CHARS:
            copies[_norm(i.reason)].append(i.name)
    for text, names in copies.items():
        if len(names) > 1:
            out.append(Flag(r.path, "REASON_COPIED", f"{len(names)} 个指标的原因分析相同"
                                                     f"（{'、'.join(names[:3])}{'等' if len(names) > 3 else ''}）。"))
        others = reasons_by_unit.get(text, set()) - {r.unit.strip()}
        if others:
            out.append(Flag(r.path, "REASON_COPIED", f"“{names[0]}”的原因分析与其他单位（"
                                                     f"{'、'.join(sorted(others)[:2])}）的表单一字不差。"))
    if r.planned_yuan is not None and r.planned_yuan > 0:
        if r.money_unit == "万元" and r.planned_yuan >= MAX_WAN_YUAN:
            out.append(Flag(r.path, "MONEY_UNIT", "预算金额按万元计超过 10 亿万元：金额可能按元填写，单位却是万元。"))
        if r.money_unit == "元" and r.planned_yuan < MIN_YUAN:
            out.append(Flag(r.path, "MONEY_UNIT", f"预算总额只有 {fmt2(r.planned_yuan)} 元：金额可能按万元填写，单位却是元。"))
    return out


def _dedupe(flags: list[Flag]) -> list[Flag]:
    seen: set[Flag] = set()
    out = []
    for f in flags:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out


def risk_of(flags: list[Flag]) -> dict[str, tuple[int, list[str]]]:
    """path → (risk score, the reasons), each code counted at most ``MAX_RISK_PER_CODE`` times."""
    by_path: dict[str, dict[str, list[Flag]]] = defaultdict(lambda: defaultdict(list))
    for f in flags:
        by_path[f.path][f.code].append(f)
    out = {}
    for path, codes in by_path.items():
        score = sum(min(len(fs), MAX_RISK_PER_CODE) * fs[0].risk for fs in codes.values())
        out[path] = (score, [f.message for fs in codes.values() for f in fs])
    return out
