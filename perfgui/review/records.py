"""One form as the receiving side keeps it: a compact, picklable record, never the whole form.

A worker process reads a file and sends back a ``Record`` (or an ``Unreadable``); the parent
holds only these, so memory stays bounded by the number of indicators, not of file bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..model import ERROR, WARNING, Form, FormKind, check, compute
from ..model.scoring import parse_measure
from ..model.serialize import fingerprint
from ..model.totals import node_max, node_score

WAN = Decimal(10000)


@dataclass
class Indicator:
    path: str  # 一级 › 二级 › 三级
    name: str
    target: str
    actual: str
    max_points: Decimal | None
    score: Decimal | None
    reason: str
    over_ratio: Decimal | None  # actual / target for a ≥/= target with numbers, else None


@dataclass
class Record:
    path: str  # the file, or "库:<id>" for a stored form
    form_id: str
    unit: str
    kind: str  # "department" | "project"
    project: str
    year: int | None
    total_score: Decimal
    total_max: Decimal
    grade: str
    rate: Decimal | None  # headline 执行率, %
    planned_yuan: Decimal | None  # budget total in 元 (万元 converted)
    actual_yuan: Decimal | None
    money_unit: str
    errors: int
    warnings: int
    findings: list[tuple[str, str, str]] = field(default_factory=list)  # level, code, message
    fingerprint: str = ""
    guesses: list[str] = field(default_factory=list)
    sections: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)  # name, max, score
    indicators: list[Indicator] = field(default_factory=list)
    goals_achieved: str = ""

    @property
    def key(self) -> tuple:
        """Same unit + year + kind (+ project) is the same form sent twice."""
        return (self.unit.strip(), self.year, self.kind, self.project.strip())


@dataclass
class Unreadable:
    path: str
    reason: str


def _yuan(value: Decimal | None, unit: str) -> Decimal | None:
    if value is None:
        return None
    return value * WAN if unit == "万元" else value


def _ratio(target: str, actual: str) -> Decimal | None:
    t, a = parse_measure(target), parse_measure(actual)
    if t.number is None or a.number is None or t.number <= 0:
        return None
    if t.comparator not in (None, ">=", ">", "="):
        return None
    try:
        return a.number / t.number
    except ArithmeticError:
        return None


def record_of(form: Form, path: str, guesses=()) -> Record:
    """The record of one form (as read from ``path``)."""
    t = compute(form)
    findings = check(form)
    b = form.budget
    total = b.row("total")
    if total is not None:
        planned, actual = total.planned, total.actual
    else:
        planned, actual = b.group_sum("资金来源", "planned"), b.group_sum("资金来源", "actual")
    indicators = [
        Indicator(leaf.path(), leaf.name, leaf.target, leaf.actual, leaf.max_points, leaf.score,
                  leaf.reason.strip(), _ratio(leaf.target, leaf.actual))
        for leaf in form.root.scored_leaves()
    ]
    h = form.header
    return Record(
        path=path, form_id=form.id,
        unit=(h.unit or h.implementer) if form.kind is FormKind.DEPARTMENT else (h.implementer or h.unit),
        kind=form.kind.value, project=h.project_name, year=h.year,
        total_score=t.total_score, total_max=t.total_max, grade=t.grade,
        rate=b.execution_rate, planned_yuan=_yuan(planned, b.unit), actual_yuan=_yuan(actual, b.unit),
        money_unit=b.unit,
        errors=sum(1 for f in findings if f.level == ERROR),
        warnings=sum(1 for f in findings if f.level == WARNING),
        findings=[(f.level, f.code, f.message) for f in findings],
        fingerprint=fingerprint(form), guesses=[str(g) for g in guesses],
        sections=[(s.name, node_max(s), node_score(s)) for s in form.sections],
        indicators=indicators, goals_achieved=form.goals.achieved.strip(),
    )


def read_file(path: str) -> Record | Unreadable:
    """A worker's job: one file into a record, or the reason it cannot be read."""
    from pathlib import Path

    from ..exchange.errors import ImportFailed
    from ..exchange.files import load_form_file

    try:
        form, guesses = load_form_file(Path(path))
        return record_of(form, path, guesses)
    except ImportFailed as exc:
        return Unreadable(path, str(exc))
    except MemoryError:
        return Unreadable(path, "文件过大，读取时内存不足。")
    except Exception as exc:  # one bad file never stops the batch
        return Unreadable(path, f"无法读取（{type(exc).__name__}: {str(exc)[:160]}）")
