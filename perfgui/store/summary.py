"""What the library keeps about a form besides the form itself: list entries and revision notes.

An index entry is a small JSON-ready dict computed once per save, so listing a thousand forms
never loads one of them. ``describe_changes`` turns two versions of a form's data into the short
Chinese note shown beside each revision ("指标 3 项（得分、偏差及原因分析）；预算").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any

from ..model import FormKind, Status, check, compute, fmt2
from ..model.form import Form
from ..model.rules import counts

# Bump when the entry's fields or the way they are computed change: the index is then rebuilt.
SUMMARY_VERSION = 1


@dataclass
class FormSummary:
    """One line of the library's list."""

    id: str
    title: str
    unit: str
    year: int | None
    kind: str  # "department" / "project"
    kind_label: str
    status: str  # "draft" / "final"
    status_label: str
    total_score: str  # "94.00"
    total_max: str
    grade: str
    errors: int
    warnings: int
    saved_at: datetime  # local time, timezone-aware
    project_name: str = ""
    revision: int = 0
    deleted_at: datetime | None = None  # set for forms in the recycle bin
    damaged: bool = False  # no file of this form loads (load() says what to do)

    def as_dict(self) -> dict:
        """JSON-ready (dates as ISO 8601 text)."""
        d = asdict(self)
        d["saved_at"] = self.saved_at.isoformat(timespec="seconds")
        d["deleted_at"] = self.deleted_at.isoformat(timespec="seconds") if self.deleted_at else None
        return d


@dataclass
class Revision:
    """One save of a form, as listed in its history."""

    number: int
    saved_at: datetime  # local time, timezone-aware
    total_score: str
    summary: str
    status: str = "draft"
    current: bool = False


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def to_iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def from_iso(text: Any) -> datetime:
    """A stored timestamp as local, timezone-aware time (the epoch when unreadable)."""
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        moment = datetime.fromtimestamp(0, timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone()


def make_entry(form: Form, saved_at: str, revision: int) -> dict:
    """The index entry of a form (totals, grade and findings computed now)."""
    totals = compute(form)
    errors, warnings = counts(check(form))
    return {
        "id": form.id,
        "title": form.display_name(),
        "unit": form.header.unit,
        "project_name": form.header.project_name,
        "year": form.header.year,
        "kind": form.kind.value,
        "status": form.status.value,
        "total_score": fmt2(totals.total_score),
        "total_max": fmt2(totals.total_max),
        "grade": totals.grade,
        "errors": errors,
        "warnings": warnings,
        "saved_at": saved_at,
        "revision": revision,
    }


def entry_to_summary(entry: dict) -> FormSummary:
    kind = FormKind(entry.get("kind", "department"))
    status = Status(entry.get("status", "draft"))
    deleted = entry.get("deleted_at")
    return FormSummary(
        id=entry["id"], title=entry.get("title", ""), unit=entry.get("unit", ""),
        year=entry.get("year"), kind=kind.value, kind_label=kind.label, status=status.value,
        status_label=status.label, total_score=entry.get("total_score", ""),
        total_max=entry.get("total_max", ""), grade=entry.get("grade", ""),
        errors=int(entry.get("errors", 0)), warnings=int(entry.get("warnings", 0)),
        saved_at=from_iso(entry.get("saved_at")), project_name=entry.get("project_name", ""),
        revision=int(entry.get("revision", 0)),
        deleted_at=from_iso(deleted) if deleted else None,
    )


# -- revision notes ----------------------------------------------------------------------

FIELD_LABELS = {
    "name": "名称", "weight": "权重", "target": "年度指标值", "actual": "全年完成值",
    "max_points": "分值", "score": "得分", "reason": "偏差及原因分析", "rule": "评分规则",
    "note": "说明",
}
_NODE_FIELDS = tuple(FIELD_LABELS)


def _flatten(nodes: list, parent: str | None, out: dict) -> None:
    for index, n in enumerate(nodes):
        key = n.get("id") or f"{parent}/{index}"
        out[key] = (parent, index, n)
        _flatten(n.get("children", []), key, out)


def describe_changes(old: dict | None, new: dict) -> str:
    """A short Chinese note of what changed between two versions of a form's data."""
    if old is None:
        return "新建"
    parts: list[str] = []
    if old.get("status") != new.get("status"):
        parts.append("标记为定稿" if new.get("status") == Status.FINAL.value else "重新打开（改为草稿）")
    if old.get("header") != new.get("header"):
        parts.append("表头")
    if old.get("budget") != new.get("budget"):
        parts.append("预算")
    if old.get("goals") != new.get("goals"):
        parts.append("年度总体目标")
    before: dict = {}
    after: dict = {}
    _flatten(old.get("indicators", []), None, before)
    _flatten(new.get("indicators", []), None, after)
    added = [k for k in after if k not in before]
    removed = [k for k in before if k not in after]
    changed_fields: dict[str, int] = {}
    changed_nodes = 0
    moved = 0
    for key, (parent, index, node) in after.items():
        if key not in before:
            continue
        old_parent, old_index, old_node = before[key]
        if (old_parent, old_index) != (parent, index):
            moved += 1
        fields = [f for f in _NODE_FIELDS if old_node.get(f) != node.get(f)]
        if fields:
            changed_nodes += 1
            for f in fields:
                changed_fields[FIELD_LABELS[f]] = changed_fields.get(FIELD_LABELS[f], 0) + 1
    if changed_nodes:
        what = "、".join(sorted(changed_fields, key=lambda k: -changed_fields[k])[:3])
        parts.append(f"修改指标 {changed_nodes} 项（{what}）")
    if added:
        parts.append(f"新增指标 {len(added)} 项")
    if removed:
        parts.append(f"删除指标 {len(removed)} 项")
    if moved and not (added or removed):
        parts.append("调整指标顺序")
    if old.get("signoff") != new.get("signoff"):
        parts.append("签字栏")
    if old.get("settings") != new.get("settings"):
        parts.append("评分设置")
    return "；".join(parts) if parts else "无内容变化"
