"""``python -m perfgui export FORM --pdf/--xlsx/--json/--email OUT``, and batch export.

Every output is built in memory first and written atomically, so a failure never leaves a
half-written file behind.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .common import CommandError, EXIT_OK, add_data_dir, resolve_form


def _write(path: str, data: bytes) -> None:
    from ..fileio import WriteError, atomic_write_bytes

    try:
        atomic_write_bytes(path, data)
    except WriteError as exc:
        raise CommandError(exc.message) from None


def export_one(form, *, pdf: str | None = None, xlsx: str | None = None, json_path: str | None = None,
               eml: str | None = None, landscape: bool = False) -> list[str]:
    """Write the asked-for files for one form; returns the paths written."""
    from ..exchange import outputs

    written: list[str] = []
    pdf_bytes = xlsx_bytes = None
    if pdf or eml:
        pdf_bytes = outputs.pdf_bytes(form, landscape=landscape)
    if xlsx or eml:
        xlsx_bytes = outputs.xlsx_bytes(form)
    # Build everything before writing anything: one failure leaves no partial set behind.
    jobs: list[tuple[str, bytes]] = []
    if pdf:
        jobs.append((pdf, pdf_bytes))
    if xlsx:
        jobs.append((xlsx, xlsx_bytes))
    if json_path:
        jobs.append((json_path, outputs.json_bytes(form)))
    if eml:
        jobs.append((eml, outputs.eml_bytes(form, pdf_bytes, xlsx_bytes)))
    for path, data in jobs:
        _write(path, data)
        written.append(path)
    return written


def run(args) -> int:
    if args.all:
        from ..exchange.batch import export_batch

        return export_batch(args)
    if not args.form:
        raise CommandError("请指定要导出的表单（文件或表单编号），或用 --all 批量导出。")
    if not any((args.pdf, args.xlsx, args.json, args.email)):
        raise CommandError("请至少指定一种导出格式：--pdf、--xlsx、--json 或 --email。")
    form, _ = resolve_form(args.form, args.data_dir)
    for path in export_one(form, pdf=args.pdf, xlsx=args.xlsx, json_path=args.json, eml=args.email,
                           landscape=args.landscape):
        print(f"已导出：{Path(path)}", file=sys.stderr)
    return EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser("export", help="导出表单：PDF、Excel、表单文件、待发送的邮件")
    p.add_argument("form", metavar="FORM", nargs="?", help="文件或表单库中的表单编号")
    p.add_argument("--pdf", metavar="OUT.pdf", help="打印用 PDF")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="Excel 文件（官方版式，带公式）")
    p.add_argument("--json", metavar="OUT.json", help="本程序的无损表单文件")
    p.add_argument("--email", metavar="OUT.eml", help="附带 PDF 和 Excel 的邮件草稿")
    p.add_argument("--landscape", action="store_true", help="PDF 横向排版")
    p.add_argument("--all", action="store_true", help="批量导出表单库中的表单")
    p.add_argument("--year", type=int, help="批量导出：只导出该年度")
    p.add_argument("--kind", choices=("department", "project"), help="批量导出：只导出该类表单")
    p.add_argument("--out", metavar="DIR", help="批量导出：输出文件夹")
    p.add_argument("--formats", default="pdf,xlsx", help="批量导出的格式，逗号分隔：pdf,xlsx,json,eml")
    add_data_dir(p)
    p.set_defaults(run=run)
