"""Which rule pack a file read from another program follows, judged from what it prints.

After the recogniser has read a grid into a form, the layout facts it printed — the title, the
indicator table's column labels (a split 指标性质 | 指标值 | 度量单位 or one 年度指标值), the budget
block's column and row labels, the sign-off lines, the label of the unit line, the money unit
and a printed grade — are compared with the layout of every pack of the form's kind. The best
match is set on the form (its name, layout and rules; the printed figures stay as printed, none
is re-scored) and the choice, with its reasons, becomes one of the reader's guesses.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from .. import packs
from ..model.form import Form
from ..model.numbers import fmt2
from ..model.packs import Pack
from ..model.totals import compute
from ..readers import frame as F
from ..readers.guesses import PACK, PRINTED, Guess, ReadResult
from ..readers.recognise import find_header

# What the guess is about (shown as 说明 where the reader has no label for it).

# How much each kind of evidence counts; a title or a split target column says more than a
# sign-off line, and a printed grade decides between packs that print alike.
W_TITLE = 3.0
W_SPLIT = 4.0
W_COLUMNS = 4.0
W_BUDGET_COLUMNS = 3.0
W_BUDGET_ROWS = 2.0
W_SIGNOFF = 2.0
W_UNIT_LABEL = 1.0
W_MONEY_UNIT = 0.5
W_GRADE = 2.5
W_YEAR = 0.5

_SPLIT = ("nature", "value", "measure_unit")
_GRADE_LABELS = ("自评等级", "评价等级", "等级")
_TOTAL_WORDS = ("总分", "合计", "总计", "自评得分", "综合得分")


_HALF_WIDTH = str.maketrans("（）：", "():")


def _norm(text: str) -> str:
    """A label as compared: no spaces, half-width brackets and colons, no 其中 prefix."""
    t = "".join(text.split()).translate(_HALF_WIDTH) if text else ""
    return t[3:] if t.startswith("其中:") else t[2:] if t.startswith("其中") else t


@dataclass
class Facts:
    """What the file prints that a layout decides."""

    title: str = ""
    header: set[str] = field(default_factory=set)  # the indicator table's column labels
    split: bool = False  # the target printed as 指标性质 | 指标值 | 度量单位
    above: set[str] = field(default_factory=set)  # every cell above the indicator table
    cells: set[str] = field(default_factory=set)  # every cell of the grid
    signoff: set[str] = field(default_factory=set)
    money_unit: str = ""
    grade: str = ""  # a grade the form prints, "" if none


def facts_of(result: ReadResult) -> Facts:
    g = result.grid
    form = result.form
    f = Facts(money_unit=form.budget.unit, signoff={_norm(s.label) for s in form.signoff.fields})
    header = find_header(g)
    top = header.row if header is not None and header.row >= 0 else g.nrows
    body = header.body if header is not None else top
    f.title = _norm(F.read_title(g, top).text)
    for r in range(g.nrows):
        texts = [_norm(t) for t in F.row_cells(g, r)]
        texts = [t for t in texts if t]
        f.cells.update(texts)
        if r < top:
            f.above.update(texts)
        elif r < body:
            f.header.update(texts)
    if header is not None:
        f.split = "nature" in header.columns or "munit" in header.columns
    f.grade = _printed_grade(g, body)
    return f


def _printed_grade(g, start: int) -> str:
    """The grade printed beside the 总分 row or after a 自评等级 label ("" when none)."""
    for r in range(max(start, 0), g.nrows):
        texts = [_norm(t) for t in F.row_cells(g, r)]
        for i, t in enumerate(texts):
            if any(t.startswith(w) for w in _GRADE_LABELS):
                rest = t.split(":", 1)[1] if ":" in t else ""
                after = rest or next((x for x in texts[i + 1:] if x), "")
                if 0 < len(after) <= 2:
                    return after
        if texts and any(texts[0].startswith(w) or (len(texts) > 1 and texts[1].startswith(w))
                         for w in _TOTAL_WORDS):
            last = next((x for x in reversed(texts) if x), "")
            if 0 < len(last) <= 2 and not re.search(r"\d", last):
                return last
    return ""


@dataclass(frozen=True)
class Match:
    pack: Pack
    score: float
    reasons: tuple[str, ...]


def _printed_labels(facts: Facts) -> set[str]:
    """The sign-off labels that are printed in the grid (the reader puts in the usual lines
    when a file prints none: those say nothing about its layout)."""
    return {s for s in facts.signoff if any(c.startswith(s) for c in facts.cells)}


def _share(wanted: list[str], have: set[str]) -> tuple[float, list[str]]:
    if not wanted:
        return 0.0, []
    found = [w for w in wanted if _norm(w) in have]
    return len(found) / len(wanted), found


def _quote(labels: list[str], most: int = 4) -> str:
    shown = "、".join(labels[:most]) + ("等" if len(labels) > most else "")
    return f"“{shown}”"


def grade_under(form: Form, pack: Pack) -> str:
    probe = copy.copy(form)
    probe.settings = pack.settings
    return compute(probe).grade


def match(pack: Pack, facts: Facts, form: Form) -> Match:
    """How well a pack's layout fits what the file prints, and the reasons for the score."""
    lay = pack.layout
    score, reasons = 0.0, []
    title = _norm(lay.title)
    if title and title in facts.title:
        # The longer of two matching titles is the more particular: 部门预算项目支出绩效自评表
        # rather than 项目支出绩效自评表.
        score += W_TITLE + 0.1 * len(title)
        reasons.append(f"表名“{lay.title}”")
    pack_split = any(lay.has(k) for k in _SPLIT)
    if pack_split == facts.split:
        score += W_SPLIT if pack_split else W_SPLIT / 2
        if pack_split:
            reasons.append("年度指标值分为“指标性质/指标值/度量单位”三列")
    else:
        score -= W_SPLIT
    share, found = _share([c.label for c in lay.columns], facts.header)
    score += W_COLUMNS * share
    if found and share >= 0.5:
        reasons.append(f"指标表列名{_quote([l for l in found if l not in ('一级指标', '二级指标', '三级指标')] or found)}")
    share, found = _share([c.label for c in lay.budget_columns], facts.above)
    score += W_BUDGET_COLUMNS * share
    if found and share >= 0.5:
        reasons.append(f"预算表列名{_quote(found)}")
    share, found = _share([label for _, label, _ in pack.budget.rows], facts.above)
    score += W_BUDGET_ROWS * share
    if found and share >= 0.5:
        reasons.append(f"预算表行名{_quote(found)}")
    share, found = _share(list(lay.signoff), facts.signoff & _printed_labels(facts))
    score += W_SIGNOFF * share
    if found and share >= 0.5:
        reasons.append(f"签字栏{_quote(found)}")
    if _norm(lay.unit_label) in facts.above:
        score += W_UNIT_LABEL
    if pack.budget.unit == facts.money_unit:
        score += W_MONEY_UNIT
    if facts.grade:
        if grade_under(form, pack) == facts.grade:
            score += W_GRADE
            reasons.append(f"表上印的等级“{facts.grade}”与本规则包的等级分数线相符")
        else:
            score -= W_GRADE
    if pack.covers(form.header.year):
        score += W_YEAR
    return Match(pack, round(score, 3), tuple(reasons))


def ranked(result: ReadResult, candidates: list[Pack] | None = None, facts: Facts | None = None) -> list[Match]:
    """The packs of the form's kind, best match first (the kind's default first on a tie)."""
    form = result.form
    pool = [p for p in (packs.available() if candidates is None else candidates) if p.kind is form.kind]
    facts = facts or facts_of(result)
    grades = {b.label for p in pool for b in p.settings.grade_bands} | {p.settings.lowest_grade for p in pool}
    if facts.grade not in grades:
        facts.grade = ""  # a dash or a note beside the 总分, not a grade any pack gives
    elif len({grade_under(form, p) == facts.grade for p in pool}) == 1:
        facts.grade = ""  # every pack agrees (or none does): the grade tells them not apart
    default = packs.DEFAULT_PACKS[form.kind]
    matches = [match(p, facts, form) for p in pool]
    return sorted(matches, key=lambda m: (-m.score, m.pack.name != default, m.pack.name))


def follow(form: Form, pack: Pack) -> None:
    """Set the pack on a form as read: its name, layout and rules; no figure is re-scored.

    The default pack of the form's kind is named as a form names it (``pack = ""``, no layout
    of its own: the kind's default), so a form read from a file is the same form, with the same
    fingerprint, as before packs existed.
    """
    if pack.name == packs.DEFAULT_PACKS[form.kind]:
        form.pack, form.layout = "", None
    else:
        form.pack, form.layout = pack.name, pack.layout
    form.settings = copy.deepcopy(pack.settings)


def choose_pack(result: ReadResult, candidates: list[Pack] | None = None) -> Pack | None:
    """Choose the pack of a form read from a grid, set it on the form, and say so as a guess."""
    if result.grid is None or result.form.pack or result.form.layout is not None:
        return None  # our own file, or one whose pack its reader already knew: it keeps it
    facts = facts_of(result)
    order = ranked(result, candidates, facts)
    if not order:
        return None
    best = order[0]
    before = compute(result.form).grade
    follow(result.form, best.pack)
    why = "、".join(best.reasons) if best.reasons else "表中没有更具体的版式特征，按该类表的默认规则包"
    text = f"规则包：按{why}，判断为“{best.pack.title}”（{best.pack.name}）。"
    if len(order) > 1:
        second = order[1]
        text += f"其次是“{second.pack.title}”（{second.pack.name}）；如不对，可在表单中改选规则包。"
    result.guesses.append(Guess(text, kind=PACK))
    _restate_grade(result, before, facts.grade)
    return best.pack


def _restate_grade(result: ReadResult, before: str, printed: str) -> None:
    """The reader compared a printed grade with the default bands; under the chosen pack's
    bands the grade may differ: drop a stale mismatch, and state a new one."""
    form = result.form
    after = compute(form).grade
    if after == before:
        return
    grade_guesses = [g for g in result.guesses if g.kind == PRINTED and g.message.startswith("表上印的自评等级")]
    for g in grade_guesses:
        result.guesses.remove(g)
    if printed and printed != after:
        total = fmt2(compute(form).total_score)
        result.guesses.append(Guess(f"表上印的自评等级“{printed}”，按本表规则包的等级分数线，总分 {total} 应为“{after}”。",
                                    kind=PRINTED))


__all__ = ["Facts", "Match", "facts_of", "match", "ranked", "choose_pack", "follow", "grade_under"]
