"""``python -m perfgui summary SOURCE... --out 汇总.xlsx [--pdf 汇总.pdf]`` and ``yoy``.

SOURCE is a folder (searched recursively), a file, or ``库`` / ``--library`` for the stored forms
(with ``--year``/``--kind``). ``--sample 10%`` or ``--sample 20`` draws forms for 抽查 with a
printed seed (``--seed`` repeats a draw). ``yoy SOURCE... --unit NAME`` compares one unit's forms
across years. The JSON of the result goes to stdout, progress to stderr.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .common import EXIT_FORM_ERRORS, EXIT_OK, CommandError, add_data_dir, write_err, write_out

LIBRARY_WORDS = ("库", "library")


def _sources(args):
    from ..review.collect import Collected, collect_files, collect_library, find_files

    files = [s for s in args.sources if s not in LIBRARY_WORDS]
    use_library = args.library or len(files) != len(args.sources)
    if not files and not use_library:
        raise CommandError("请指定要汇总的文件夹或文件，或用 --library 汇总表单库中的表单。")
    missing = [s for s in files if not Path(s).exists()]
    if missing:
        raise CommandError(f"找不到“{missing[0]}”：请检查文件夹或文件的位置。")
    collected = Collected()
    if use_library:
        from ..store import StoreError, open_library

        try:
            with open_library(args.data_dir, read_only=True) as lib:
                part = collect_library(lib, year=args.year, kind=args.kind)
        except StoreError as exc:
            raise CommandError(f"无法打开表单库：{exc}") from None
        collected.records += part.records
        collected.unreadable += part.unreadable
    paths = find_files(files)

    def progress(done: int, total: int, path: str) -> None:
        if done == total or done % 25 == 0:
            write_err(f"[{done}/{total}] {path}")

    part = collect_files(paths, workers=args.workers, progress=progress)
    collected.records += [r for r in part.records if _wanted(r, args)]
    collected.unreadable += part.unreadable
    return collected


def _wanted(r, args) -> bool:
    return (args.year is None or r.year == args.year) and (args.kind is None or r.kind == args.kind)


def _sample_size(text: str):
    text = text.strip()
    try:
        if text.endswith(("%", "％")):
            share = Decimal(text[:-1]) / 100
            if not 0 < share <= 1:
                raise InvalidOperation
            return None, share
        count = int(text)
        if count < 1:
            raise ValueError
        return count, None
    except (InvalidOperation, ValueError):
        raise CommandError(f"抽查数量“{text}”无法识别：请写成百分比（如 10%）或份数（如 20）。") from None


def run_summary(args) -> int:
    from ..fileio import WriteError, atomic_write_bytes
    from ..review.rollup import sample
    from ..review.summary import summarise, summary_pdf, summary_xlsx

    if not args.out and not args.pdf and not args.json:
        raise CommandError("请用 --out 指定汇总 Excel 文件（或 --pdf、--json）。")
    s = summarise(_sources(args))
    if args.sample:
        count, share = _sample_size(args.sample)
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 10**6)
        s.sample = sample(s.records, count=count, share=share, seed=seed, weighted=args.weighted)
        s.sample_seed = seed
        write_err(f"抽查：随机数种子 {seed}，抽取 {len(s.sample)} 份（用 --seed {seed} 可重现）。")
    try:
        if args.out:
            atomic_write_bytes(args.out, summary_xlsx(s))
            write_err(f"已写出汇总：{args.out}")
        if args.pdf:
            atomic_write_bytes(args.pdf, summary_pdf(s))
            write_err(f"已写出汇总 PDF：{args.pdf}")
    except WriteError as exc:
        raise CommandError(exc.message) from None
    u = s.rollup
    write_err(f"共 {u.forms} 份表单，{u.unreadable} 个文件无法读取，{len(s.flags)} 条复核提示。")
    if args.json:
        write_out(json.dumps(s.to_dict(), ensure_ascii=False, indent=2))
    return EXIT_OK if not s.unreadable else EXIT_FORM_ERRORS


def run_yoy(args) -> int:
    from ..model import fmt2
    from ..review.rollup import year_over_year

    records = [r for r in _sources(args).records
               if r.unit.strip() == args.unit.strip() and (args.project is None or r.project == args.project)]
    if not records:
        raise CommandError(f"没有找到单位“{args.unit}”的表单：请检查单位名称（须与表上一致）。")
    changes = year_over_year(records)
    out = []
    for ch in changes:
        out.append({
            "from": ch.year_from, "to": ch.year_to, "added": ch.added, "removed": ch.removed,
            "renamed": [{"from": a, "to": b} for a, b in ch.renamed],
            "targets": [{"name": n, "from": a, "to": b} for n, a, b in ch.targets],
            "scores": [{"name": n, "from": fmt2(a) if a is not None else None,
                        "to": fmt2(b) if b is not None else None} for n, a, b in ch.scores],
            "stale_targets": ch.stale_targets,
        })
        for name in ch.stale_targets:
            write_err(f"{ch.year_to}年：“{name}”连续两年完成值超过目标 30% 以上，目标却没有调整。")
    write_out(json.dumps(out, ensure_ascii=False, indent=2))
    return EXIT_OK


def _common(p) -> None:
    p.add_argument("sources", metavar="SOURCE", nargs="*", help="文件夹（含子文件夹）、文件，或“库”表示表单库")
    p.add_argument("--library", action="store_true", help="汇总表单库中的表单")
    p.add_argument("--year", type=int, help="只汇总该年度")
    p.add_argument("--kind", choices=("department", "project"), help="只汇总该类表单")
    p.add_argument("--workers", type=int, default=None, help="读取文件的进程数（默认：每个处理器核心一个）")
    add_data_dir(p)


def register(subparsers) -> None:
    p = subparsers.add_parser("summary", help="汇总：批量读取、检查多份表单，写出汇总 Excel/PDF")
    _common(p)
    p.add_argument("--out", metavar="汇总.xlsx", help="汇总 Excel 文件")
    p.add_argument("--pdf", metavar="汇总.pdf", help="汇总 PDF 文件")
    p.add_argument("--json", action="store_true", help="同时把汇总结果以 JSON 打印到标准输出")
    p.add_argument("--sample", metavar="10%|N", help="随机抽查：百分比或份数")
    p.add_argument("--seed", type=int, help="抽查的随机数种子（重现同一次抽样）")
    p.add_argument("--weighted", action="store_true", help="抽查时按预算金额加权")
    p.set_defaults(run=run_summary)
    q = subparsers.add_parser("yoy", help="同一单位的表单逐年对比：指标增减、改名、目标和得分变化")
    _common(q)
    q.add_argument("--unit", required=True, help="单位名称（与表上一致）")
    q.add_argument("--project", help="只对比该项目（项目支出表）")
    q.set_defaults(run=run_yoy)
