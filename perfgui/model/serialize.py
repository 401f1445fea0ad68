"""Lossless conversion between a Form and plain JSON-ready data.

Decimals travel as strings ("7.50") so no value ever passes through a binary float. The same
dictionary is what the library stores and what our own ``.perfgui.json`` file carries.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

from .form import (
    NEGATIVE_MODES, OVER_TARGET_ACTIONS, REASON_CASES, ROUNDING_MODES, Budget, BudgetRow, Form,
    FormKind, Goals, GradeBand, Header, Node, Rule, Settings, SignField, SignOff, Status, TotalCap,
)
from .numbers import parse_decimal
from .pack_layout import PackError, layout_from_data, layout_to_data

FORMAT_NAME = "perfgui-form"
SCHEMA_VERSION = 1


class FormatError(ValueError):
    """Data that does not describe a form; the message is Chinese and says what is wrong."""


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _undec(value: Any, what: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise FormatError(f"{what}应为数字文本，实际为 {type(value).__name__}。")
    d = parse_decimal(str(value))
    if d is None:
        raise FormatError(f"{what}“{value}”不是数字。")
    return d


def node_to_dict(node: Node, ids: bool = True) -> dict:
    d: dict[str, Any] = {"id": node.id, "name": node.name} if ids else {"name": node.name}
    if node.weight is not None:
        d["weight"] = _dec(node.weight)
    # Attribute by attribute, in this order (the order of the keys in every file written).
    if node.target:
        d["target"] = node.target
    if node.actual:
        d["actual"] = node.actual
    if node.reason:
        d["reason"] = node.reason
    if node.note:
        d["note"] = node.note
    if node.max_points is not None:
        d["max_points"] = _dec(node.max_points)
    if node.score is not None:
        d["score"] = _dec(node.score)
    if node.rule is not Rule.AUTO:
        d["rule"] = node.rule.value
    if node.children:
        d["children"] = [node_to_dict(c, ids) for c in node.children]
    return d


def _text(d: dict, key: str, what: str) -> str:
    value = d.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FormatError(f"{what}应为文本。")
    return value


def node_from_dict(d: Any, depth: int = 1) -> Node:
    if not isinstance(d, dict):
        raise FormatError("指标数据格式不对：每个指标应为一个对象。")
    if depth > 6:
        raise FormatError("指标层级过深：最多三级。")
    name = _text(d, "name", "指标名称")
    try:
        rule = Rule(d.get("rule", "auto"))
    except ValueError:
        raise FormatError(f"指标“{name}”的评分规则“{d.get('rule')}”无法识别。") from None
    node = Node(
        name,
        id=str(d["id"]) if d.get("id") else None,
        weight=_undec(d.get("weight"), f"指标“{name}”的权重"),
        target=_text(d, "target", "年度指标值"),
        actual=_text(d, "actual", "全年完成值"),
        max_points=_undec(d.get("max_points"), f"指标“{name}”的分值"),
        score=_undec(d.get("score"), f"指标“{name}”的得分"),
        reason=_text(d, "reason", "偏差及原因分析"),
        rule=rule,
        note=_text(d, "note", "说明"),
    )
    children = d.get("children", [])
    if not isinstance(children, list):
        raise FormatError(f"指标“{name}”的下级指标格式不对。")
    for c in children:
        node.append(node_from_dict(c, depth + 1))
    return node


def to_dict(form: Form, content_only: bool = False) -> dict:
    """The whole form as JSON-ready data, with format name and schema version; ``content_only``:
    without the form's and the indicators' ids, its status and its finalising note."""
    b = form.budget
    data: dict[str, Any] = {"format": FORMAT_NAME, "version": SCHEMA_VERSION}
    if not content_only:
        data["id"] = form.id
    data["kind"] = form.kind.value
    if not content_only:
        data["status"] = form.status.value
        if form.final_reason:
            data["final_reason"] = form.final_reason
    data.update({
        "header": {
            "unit": form.header.unit,
            "year": form.header.year,
            "project_name": form.header.project_name,
            "department": form.header.department,
            "implementer": form.header.implementer,
        },
        "budget": {
            "unit": b.unit,
            "points": _dec(b.points),
            "rows": [
                {"key": r.key, "label": r.label, "group": r.group, "initial": _dec(r.initial),
                 "planned": _dec(r.planned), "actual": _dec(r.actual)}
                for r in b.rows
            ],
            **({"reason": b.reason} if b.reason else {}),
        },
        "goals": {"planned": form.goals.planned, "achieved": form.goals.achieved},
        "indicators": [node_to_dict(n, not content_only) for n in form.sections],
        "signoff": {
            "fields": [{"label": f.label, "value": f.value} for f in form.signoff.fields],
            "seal_label": form.signoff.seal_label,
        },
        "settings": {
            "grade_bands": [{"minimum": _dec(g.minimum), "label": g.label} for g in form.settings.grade_bands],
            "lowest_grade": form.settings.lowest_grade,
            "negative_mode": form.settings.negative_mode,
            "over_target_ratio": _dec(form.settings.over_target_ratio),
            "suggestion_share": _dec(form.settings.suggestion_share),
            **_pack_settings(form.settings),
        },
        **({"pack": form.pack} if form.pack else {}),
        **({"layout": layout_to_data(form.layout)} if form.layout is not None else {}),
    })
    return data


_DEFAULT = Settings()


def _pack_settings(st: Settings) -> dict:
    """The settings a rule pack adds, those that differ from the national defaults only (so a
    form without a pack keeps the content, and the fingerprint, it always had)."""
    out: dict[str, Any] = {}
    for key in ("over_target_action", "rounding", "reason_when", "reason_max", "conclusion_max"):
        value = getattr(st, key)
        if value != getattr(_DEFAULT, key):
            out[key] = list(value) if isinstance(value, tuple) else value
    for key in ("over_target_deduct", "budget_full_at", "low_execution"):
        if getattr(st, key) != getattr(_DEFAULT, key):
            out[key] = _dec(getattr(st, key))
    if st.qualitative != _DEFAULT.qualitative:
        out["qualitative"] = [[name, _dec(lo), _dec(hi), _dec(p)] for name, lo, hi, p in st.qualitative]
    if st.total_caps:
        out["total_caps"] = [{"below": _dec(c.below), "max": _dec(c.maximum)} for c in st.total_caps]
    return out


def _choice(st: dict, key: str, options: tuple[str, ...], default: str, what: str) -> str:
    value = st.get(key, default)
    if value not in options:
        raise FormatError(f"{what}“{value}”无法识别。")
    return value


def _read_pack_settings(st: dict, settings: Settings) -> None:
    settings.over_target_action = _choice(st, "over_target_action", OVER_TARGET_ACTIONS, "flag", "超目标的处理")
    settings.rounding = _choice(st, "rounding", ROUNDING_MODES, "round", "两位小数的取法")
    for key, what in (("over_target_deduct", "超目标扣分"), ("budget_full_at", "预算执行满分的执行率"),
                      ("low_execution", "须说明原因的执行率")):
        value = _undec(st.get(key), what)
        if value is not None:
            setattr(settings, key, value)
    if settings.budget_full_at <= 0:
        raise FormatError("预算执行满分的执行率应大于 0。")
    when = st.get("reason_when", list(settings.reason_when))
    if not isinstance(when, list) or not all(w in REASON_CASES for w in when):
        raise FormatError("“何时须说明原因”的设置无法识别。")
    settings.reason_when = tuple(when)
    for key, what in (("reason_max", "原因字数上限"), ("conclusion_max", "完成情况字数上限")):
        value = st.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise FormatError(f"{what}应为正整数。")
        setattr(settings, key, value)
    if "qualitative" in st:
        q = st["qualitative"]
        if not isinstance(q, list) or sorted(b[0] for b in q if isinstance(b, list) and b) != ["achieved", "missed", "partial"]:
            raise FormatError("定性指标档次的设置格式不对。")
        bands = []
        for b in q:
            if len(b) != 4:
                raise FormatError("定性指标档次的设置格式不对。")
            bands.append((b[0], *(_undec(v, "定性档次") or Decimal(0) for v in b[1:])))
        settings.qualitative = tuple(bands)
    caps = st.get("total_caps", [])
    if not isinstance(caps, list) or not all(isinstance(c, dict) for c in caps):
        raise FormatError("按执行率封顶总分的设置格式不对。")
    settings.total_caps = tuple(TotalCap(_undec(c.get("below"), "封顶的执行率") or Decimal(0),
                                         _undec(c.get("max"), "封顶的总分") or Decimal(0)) for c in caps)


# Migrations from older schema versions: version N → N + 1, applied in order.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def migrate(data: dict) -> dict:
    """Bring stored data up to the current schema version."""
    version = data.get("version", 1)
    if not isinstance(version, int):
        raise FormatError("表单数据的版本号无法识别。")
    if version > SCHEMA_VERSION:
        raise FormatError(f"该表单由更新版本的程序保存（格式版本 {version}），请升级本程序后再打开。")
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["version"] = version
    return data


def from_dict(data: Any) -> Form:
    """A form from data made by ``to_dict`` (any schema version we know)."""
    if not isinstance(data, dict):
        raise FormatError("文件内容不是绩效自评表数据。")
    if data.get("format", FORMAT_NAME) != FORMAT_NAME:
        raise FormatError(f"文件格式“{data.get('format')}”不是本程序的表单文件。")
    data = migrate(dict(data))
    try:
        kind = FormKind(data.get("kind", "department"))
        status = Status(data.get("status", "draft"))
    except ValueError as exc:
        raise FormatError(f"表单类型或状态无法识别：{exc}") from None
    h = data.get("header") or {}
    if not isinstance(h, dict):
        raise FormatError("表头数据格式不对。")
    year = h.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise FormatError("年度应为整数，如 2024。")
    header = Header(
        unit=_text(h, "unit", "单位名称"), year=year,
        project_name=_text(h, "project_name", "项目名称"),
        department=_text(h, "department", "主管部门"),
        implementer=_text(h, "implementer", "实施单位"),
    )
    bd = data.get("budget") or {}
    if not isinstance(bd, dict) or not isinstance(bd.get("rows", []), list):
        raise FormatError("预算表数据格式不对。")
    rows = []
    for r in bd.get("rows", []):
        if not isinstance(r, dict):
            raise FormatError("预算表的行格式不对。")
        label = _text(r, "label", "预算行名称")
        rows.append(BudgetRow(
            key=str(r.get("key", "")), label=label, group=_text(r, "group", "预算行分组"),
            initial=_undec(r.get("initial"), f"{label}的年初预算数"),
            planned=_undec(r.get("planned"), f"{label}的全年预算数"),
            actual=_undec(r.get("actual"), f"{label}的全年执行数"),
        ))
    budget = Budget(unit=_text(bd, "unit", "金额单位") or "元", rows=rows,
                    points=_undec(bd.get("points"), "预算执行分值"), reason=_text(bd, "reason", "预算执行的原因"))
    g = data.get("goals") or {}
    if not isinstance(g, dict):
        raise FormatError("年度总体目标数据格式不对。")
    goals = Goals(_text(g, "planned", "年初设定目标"), _text(g, "achieved", "全年完成情况"))
    root = Node()
    indicators = data.get("indicators", [])
    if not isinstance(indicators, list):
        raise FormatError("指标数据格式不对。")
    for n in indicators:
        root.append(node_from_dict(n))
    so = data.get("signoff") or {}
    if not isinstance(so, dict) or not isinstance(so.get("fields", []), list):
        raise FormatError("签章信息格式不对。")
    signoff = SignOff(
        fields=[SignField(_text(f, "label", "签字栏名称"), _text(f, "value", "签字栏内容"))
                for f in so.get("fields", []) if isinstance(f, dict)],
        seal_label=_text(so, "seal_label", "盖章栏") or "单位（盖章）",
    )
    st = data.get("settings") or {}
    if not isinstance(st, dict):
        raise FormatError("评分设置格式不对。")
    settings = Settings()
    if "grade_bands" in st:
        bands = st["grade_bands"]
        if not isinstance(bands, list):
            raise FormatError("等级设置格式不对。")
        settings.grade_bands = [
            GradeBand(_undec(b.get("minimum"), "等级分数线") or Decimal(0), _text(b, "label", "等级名称"))
            for b in bands if isinstance(b, dict)
        ]
    settings.lowest_grade = _text(st, "lowest_grade", "最低等级") or settings.lowest_grade
    settings.negative_mode = _choice(st, "negative_mode", NEGATIVE_MODES, settings.negative_mode, "反向指标计分方式")
    _read_pack_settings(st, settings)
    ratio = _undec(st.get("over_target_ratio"), "超目标比例")
    if ratio is not None:
        settings.over_target_ratio = ratio
    share = _undec(st.get("suggestion_share"), "建议得分偏差比例")
    if share is not None:
        if not Decimal(0) <= share <= Decimal(1):
            raise FormatError("建议得分偏差比例应在 0 到 1 之间。")
        settings.suggestion_share = share
    layout = None
    if data.get("layout") is not None:
        try:
            layout = layout_from_data(data["layout"], kind is FormKind.PROJECT, budget.points is not None)
        except PackError as exc:
            raise FormatError(f"表单的版式设置不对：{exc.message}") from None
    form_id = data.get("id")
    form = Form(kind=kind, header=header, budget=budget, goals=goals, root=root,
                signoff=signoff, settings=settings, status=status,
                final_reason=_text(data, "final_reason", "定稿说明"), pack=_text(data, "pack", "规则包"),
                layout=layout)
    if form_id:
        form.id = str(form_id)
    return form


def canonical_json(form: Form) -> str:
    """The form's content as compact, key-sorted JSON (ids, status and finalising note left out)."""
    import json

    return json.dumps(to_dict(form, content_only=True), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# The fingerprint printed on paper: 16 characters of an alphabet without 0/O/1/I (the ones
# read or typed wrongly), in four groups, and a check character (Luhn mod 32) that catches any
# single mistyped character and any swap of two neighbours.
FINGERPRINT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
FINGERPRINT_GROUPS = 4
FINGERPRINT_GROUP = 4


class FingerprintError(ValueError):
    """Text that is not a fingerprint; the message is Chinese and says what to fix."""


def _check_char(body: str) -> str:
    n = len(FINGERPRINT_ALPHABET)
    total, factor = 0, 2
    for ch in reversed(body):
        addend = factor * FINGERPRINT_ALPHABET.index(ch)
        total += addend // n + addend % n
        factor = 1 if factor == 2 else 2
    return FINGERPRINT_ALPHABET[(n - total % n) % n]


def _format_fingerprint(body: str) -> str:
    g = FINGERPRINT_GROUP
    groups = [body[i:i + g] for i in range(0, len(body), g)]
    return "-".join(groups + [_check_char(body)])


def fingerprint(form: Form) -> str:
    """The form's content fingerprint as printed on paper: ``7K3M-9XQ2-HF4T-WP8C-5``.

    80 bits of the SHA-256 of ``canonical_json`` (id, status and the finalising note left out,
    so the same content has the same fingerprint in every file and every copy).
    """
    import hashlib

    digest = int.from_bytes(hashlib.sha256(canonical_json(form).encode("utf-8")).digest()[:10], "big")
    chars = []
    for _ in range(FINGERPRINT_GROUPS * FINGERPRINT_GROUP):
        digest, k = divmod(digest, 32)
        chars.append(FINGERPRINT_ALPHABET[k])
    return _format_fingerprint("".join(reversed(chars)))


def parse_fingerprint(text: str) -> str:
    """A fingerprint typed from paper, in its printed form; raises ``FingerprintError``.

    Spaces, dashes and lower case are accepted; a wrong length, a character the alphabet lacks
    or a failed check character is refused with a message that says so.
    """
    import unicodedata

    raw = unicodedata.normalize("NFKC", text or "")
    body = "".join(ch for ch in raw.upper() if not ch.isspace() and ch not in "-_—－–·.")
    bad = sorted({ch for ch in body if ch not in FINGERPRINT_ALPHABET})
    if bad:
        hint = "（指纹中没有 0、O、1、I 这几个字符）" if set(bad) & set("01OI") else ""
        raise FingerprintError(f"指纹中有不该出现的字符：{'、'.join(bad)}{hint}。请对照纸质版重新输入。")
    size = FINGERPRINT_GROUPS * FINGERPRINT_GROUP + 1
    if len(body) != size:
        raise FingerprintError(f"指纹应为 {size} 个字符（4 组各 4 个，再加 1 个校验字符），输入的是 {len(body)} 个。")
    if _check_char(body[:-1]) != body[-1]:
        raise FingerprintError("指纹的校验字符不符：很可能有一个字符输错或两个字符顺序颠倒，请对照纸质版重新输入。")
    return _format_fingerprint(body[:-1])
