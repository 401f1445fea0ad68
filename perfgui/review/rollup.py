"""The roll-up of a 汇总, the 抽查 sample and the year-over-year comparison of one unit."""

from __future__ import annotations

import difflib
import random
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..model.numbers import q2, rate
from .records import Record
from .review import OVER_TARGET, Flag

ZERO = Decimal(0)


@dataclass
class Rollup:
    forms: int
    unreadable: int
    grades: dict[str, int]
    mean: Decimal | None
    spread: Decimal | None  # population standard deviation of the totals
    lowest: Decimal | None
    highest: Decimal | None
    planned_yuan: Decimal
    actual_yuan: Decimal
    rate: Decimal | None
    lost_share: list[tuple[str, Decimal, Decimal, Decimal | None]]  # 一级, max, lost, lost %
    top_findings: list[tuple[str, int]]  # message, count (form findings and review flags)
    duplicates: int


def rollup(records: list[Record], flags: list[Flag], unreadable: int = 0) -> Rollup:
    totals = [r.total_score for r in records]
    grades = Counter(r.grade for r in records)
    planned = sum((r.planned_yuan or ZERO for r in records), ZERO)
    actual = sum((r.actual_yuan or ZERO for r in records), ZERO)
    by_section: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for r in records:
        for name, mx, sc in r.sections:
            by_section[name][0] += mx
            by_section[name][1] += mx - sc
    lost = [(name, q2(mx), q2(lo), q2(lo / mx * 100) if mx else None)
            for name, (mx, lo) in by_section.items()]
    lost.sort(key=lambda x: -(x[3] or ZERO))
    found = Counter()
    for r in records:
        for _level, code, message in r.findings:
            found[_generic(code, message)] += 1
    for f in flags:
        found[_FLAG_TITLES.get(f.code, f.code)] += 1
    mean = statistics.fmean(totals) if totals else None
    return Rollup(
        forms=len(records), unreadable=unreadable, grades=dict(sorted(grades.items())),
        mean=q2(Decimal(str(mean))) if mean is not None else None,
        spread=q2(Decimal(str(statistics.pstdev(totals)))) if len(totals) > 1 else None,
        lowest=min(totals) if totals else None, highest=max(totals) if totals else None,
        planned_yuan=q2(planned), actual_yuan=q2(actual), rate=rate(actual, planned),
        lost_share=lost, top_findings=found.most_common(10),
        duplicates=sum(1 for f in flags if f.code == "DUPLICATE"),
    )


_FLAG_TITLES = {
    "FULL_MARKS_SILENT": "全部满分且无说明", "TARGET_LOW": "完成值超目标 30% 以上（目标偏低）",
    "REASON_BOILERPLATE": "扣分原因为套话", "REASON_COPIED": "原因分析重复或照抄",
    "MONEY_UNIT": "金额单位可疑（元/万元）", "WEIGHT_DIFFERS": "同一指标在各项目中分值不同",
    "DUPLICATE": "同一单位同年度重复报送", "FORM_ERRORS": "表单有错误",
}


def _generic(code: str, message: str) -> str:
    """A form finding as a kind of problem (its message without the indicator's own numbers)."""
    head = message.split("：", 1)[0]
    return head if len(head) <= 40 else code


def flag_title(code: str) -> str:
    return _FLAG_TITLES.get(code, code)


# -- 抽查 -------------------------------------------------------------------------------------------
def sample(records: list[Record], *, count: int | None = None, share: Decimal | None = None,
           seed: int, weighted: bool = False) -> list[Record]:
    """A reproducible random draw: the same records, seed and size give the same forms.

    ``weighted``: a form's chance grows with its budget (larger budgets are checked more often).
    """
    pool = sorted(records, key=lambda r: r.path)
    n = count if count is not None else int((share or ZERO) * len(pool) + Decimal("0.5"))
    n = max(0, min(n, len(pool)))
    rng = random.Random(seed)
    if not weighted:
        return sorted(rng.sample(pool, n), key=lambda r: r.path)
    chosen: list[Record] = []
    left = list(pool)
    for _ in range(n):  # weighted draw without replacement
        weights = [float(r.planned_yuan or 0) + 1.0 for r in left]
        pick = rng.choices(range(len(left)), weights=weights, k=1)[0]
        chosen.append(left.pop(pick))
    return sorted(chosen, key=lambda r: r.path)


# -- year over year ----------------------------------------------------------------------------------
@dataclass
class YearChange:
    year_from: int
    year_to: int
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    targets: list[tuple[str, str, str]] = field(default_factory=list)  # name, old, new
    scores: list[tuple[str, Decimal | None, Decimal | None]] = field(default_factory=list)
    stale_targets: list[str] = field(default_factory=list)  # beaten ≥ 130 % two years, unchanged

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.targets or self.scores
                    or self.stale_targets)


RENAME_SIMILARITY = 0.6


def year_over_year(records: list[Record]) -> list[YearChange]:
    """For the forms of one unit (and kind/project), what changed from each year to the next."""
    by_year = {}
    for r in sorted(records, key=lambda r: (r.year or 0, r.path)):
        if r.year is not None:
            by_year[r.year] = r  # the last file of a year stands for it
    years = sorted(by_year)
    changes = []
    for a, b in zip(years, years[1:]):
        changes.append(_compare(by_year[a], by_year[b]))
    return changes


def _compare(old: Record, new: Record) -> YearChange:
    ch = YearChange(old.year, new.year)
    before = {i.path: i for i in old.indicators}
    after = {i.path: i for i in new.indicators}
    gone = [p for p in before if p not in after]
    came = [p for p in after if p not in before]
    pairs: list[tuple[str, str]] = []
    for p in list(gone):  # a renamed indicator: the most similar new one under the same parent
        parent = p.rsplit(" › ", 1)[0]
        best, score = None, RENAME_SIMILARITY
        for q in came:
            if q.rsplit(" › ", 1)[0] != parent:
                continue
            s = difflib.SequenceMatcher(None, before[p].name, after[q].name).ratio()
            if s >= score:
                best, score = q, s
        if best is not None:
            pairs.append((p, best))
            gone.remove(p)
            came.remove(best)
    ch.removed = gone
    ch.added = came
    ch.renamed = [(before[p].name, after[q].name) for p, q in pairs]
    matched = [(p, p) for p in before if p in after] + pairs
    for p, q in matched:
        i, j = before[p], after[q]
        if i.target != j.target:
            ch.targets.append((j.name, i.target, j.target))
        if i.score != j.score:
            ch.scores.append((j.name, i.score, j.score))
        if i.target == j.target and _beaten(i) and _beaten(j):
            ch.stale_targets.append(j.name)
    return ch


def _beaten(i) -> bool:
    return i.over_ratio is not None and i.over_ratio >= OVER_TARGET
