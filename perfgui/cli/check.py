"""``python -m perfgui check FORM``: totals, grade, findings and what reading guessed, as one JSON object."""

from __future__ import annotations

import json

from ..model import Form, check, compute, fmt2
from ..readers.guesses import PRINTED
from .common import EXIT_FORM_ERRORS, EXIT_OK, CommandError, add_data_dir, resolve_form, write_out


def report(form: Form, pack=None) -> dict:
    """The check result as JSON-ready data (money, points and rates as two-decimal strings).

    ``pack``: the pack the form was just moved to (``check --pack``), when it is not a shipped one.
    """
    from ..model.serialize import fingerprint
    from ..model.totals import node_max, node_score

    from ..model.totals import budget_score
    from ..packs import DEFAULT_PACKS, pack_label

    totals = compute(form)
    findings = check(form)
    budget_points = budget_score(form.budget, form.settings)
    return {
        "unit": form.header.unit,
        "year": form.header.year,
        "kind": form.kind.value,
        # The rule pack the form is scored by ("" name: the kind's default pack).
        "pack": {"name": form.pack or DEFAULT_PACKS[form.kind],
                 "label": f"{pack.title}（{pack.name}）" if pack is not None else pack_label(form)},
        "total_max": fmt2(totals.total_max),
        "total_score": fmt2(totals.total_score),
        "grade": totals.grade,
        "budget_score": fmt2(budget_points) if budget_points is not None else None,
        "fingerprint": fingerprint(form),
        "sections": [
            {"name": s.name, "weight": fmt2(s.weight) if s.weight is not None else None,
             "max": fmt2(node_max(s)), "score": fmt2(node_score(s))}
            for s in form.sections
        ],
        "budget": [
            {"name": r.label, "planned": fmt2(r.planned) if r.planned is not None else None,
             "actual": fmt2(r.actual) if r.actual is not None else None,
             "rate": fmt2(r.rate) if r.rate is not None else None}
            for r in form.budget.rows
        ],
        "indicators": totals.indicators,
        "findings": [f.as_dict() for f in findings],
    }


def run(args) -> int:
    from .packs import moved_to_pack

    form, guesses, fallback = resolve_form(args.form, args.data_dir)
    form, pack = moved_to_pack(form, args.pack, args.data_dir)  # a copy: the stored form is unchanged
    if args.report:
        return check_report_file(args.report, form)
    result = report(form, pack)
    if fallback is not None:
        result["fallback"] = fallback  # the current file was damaged: an older revision was used
    # What the reader guessed, each with where it is; the figures the file prints that disagree
    # with the computed ones also on their own.
    result["guesses"] = [g.as_dict() for g in guesses]
    result["printed_mismatches"] = [g.message for g in guesses if g.kind == PRINTED]
    write_out(json.dumps(result, ensure_ascii=False, indent=2))
    has_errors = any(f["level"] == "error" for f in result["findings"])
    return EXIT_FORM_ERRORS if has_errors else EXIT_OK


def check_report_file(path: str, form: Form) -> int:
    """``check --report OUT.docx FORM``: every number of the report that no longer matches."""
    from pathlib import Path

    from ..exchange.errors import ImportFailed
    from ..exchange.report_check import check_report

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"无法读取报告“{path}”：{exc.strerror or exc}。") from None
    try:
        result = check_report(data, form)
    except ImportFailed as exc:
        raise CommandError(str(exc)) from None
    out = result.to_dict()
    out["problems"] = result.lines()
    write_out(json.dumps(out, ensure_ascii=False, indent=2))
    return EXIT_OK if result.ok else EXIT_FORM_ERRORS


def register(subparsers) -> None:
    from .packs import add_pack_option

    p = subparsers.add_parser("check", help="检查表单：打印总分、等级和问题（JSON）")
    p.add_argument("form", metavar="FORM", help="文件（.txt/.tsv/.json/.xlsx）、表单库中的表单编号，或 - 表示从标准输入读取粘贴的表格文本")
    p.add_argument("--report", metavar="REPORT.docx", help="检查自评报告中的数字是否与表单一致")
    add_pack_option(p, "计分和检查")
    add_data_dir(p)
    p.set_defaults(run=run)


def dry_run_lines(form: Form, guesses) -> list[str]:
    """What ``import --dry-run`` prints: what would be stored, then each guess with its place."""
    from ..model.totals import node_max, node_score

    totals = compute(form)
    lines = [f"将导入：{form.display_name()}（未存入表单库）",
             f"指标 {totals.indicators} 项；总分 {fmt2(totals.total_score)} / {fmt2(totals.total_max)}，等级 {totals.grade}"]
    for s in form.sections:
        lines.append(f"  {s.name}：分值 {fmt2(node_max(s))}，得分 {fmt2(node_score(s))}")
    if form.budget.execution_rate is not None:
        lines.append(f"  预算执行率 {fmt2(form.budget.execution_rate)}%（金额单位：{form.budget.unit}）")
    if guesses:
        lines.append(f"读取时推断的内容（{len(guesses)} 条）：")
        lines += [f"  [{g.kind_label}] {g}" for g in guesses]
    else:
        lines.append("读取时没有需要确认的推断。")
    return lines
