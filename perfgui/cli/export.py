"""``python -m perfgui export FORM --pdf/--xlsx/--json/--email OUT``, and batch export.

Every output is built in memory first and written atomically, so a failure never leaves a
half-written file behind.
"""

from __future__ import annotations

from pathlib import Path

from .common import CommandError, EXIT_OK, add_data_dir, fail, resolve_form, write_err


def _write(path: str, data: bytes) -> None:
    from ..fileio import WriteError, atomic_write_bytes

    try:
        atomic_write_bytes(path, data)
    except WriteError as exc:
        raise CommandError(exc.message) from None


def export_one(form, *, pdf: str | None = None, xlsx: str | None = None, json_path: str | None = None,
               eml: str | None = None, landscape: bool = False, saved=None) -> list[str]:
    """Write the asked-for files for one form; returns the paths written."""
    from ..exchange.batch import files_for
    from ..exchange.names import base_name

    paths = {"pdf": pdf, "xlsx": xlsx, "json": json_path, "eml": eml}
    formats = [fmt for fmt, path in paths.items() if path]
    # Build everything before writing anything: one failure leaves no partial set behind.
    built = files_for(form, formats, base_name(form), landscape=landscape, saved=saved)
    written: list[str] = []
    for fmt, (_, data) in zip(formats, built):
        _write(paths[fmt], data)
        written.append(paths[fmt])
    return written


def run(args) -> int:
    if args.all:
        if args.pack:
            raise CommandError("--pack 只用于导出单份表单：批量导出时各表按自己的规则包导出。")
        return export_batch(args)
    if not args.form:
        raise CommandError("请指定要导出的表单（文件或表单编号），或用 --all 批量导出。")
    if not any((args.pdf, args.xlsx, args.json, args.email, args.report)):
        raise CommandError("请至少指定一种导出格式：--pdf、--xlsx、--json、--email 或 --report。")
    form, _, _ = resolve_form(args.form, args.data_dir)  # a fallback is said on stderr
    saved = stored_revision(args.form, args.data_dir)
    if args.pack:
        from .packs import moved_to_pack

        # A copy under the other pack: no longer the stored revision, and the library unchanged.
        form, _ = moved_to_pack(form, args.pack, args.data_dir)
        saved = None
        write_err(f"按规则包“{args.pack}”导出（表单库中的表单未改动）。")
    if args.pdf or args.email:
        from ..report import output_warnings

        for text in output_warnings(form):
            write_err(f"注意：{text}")
    for path in export_one(form, pdf=args.pdf, xlsx=args.xlsx, json_path=args.json, eml=args.email,
                           landscape=args.landscape, saved=saved):
        write_err(f"已导出：{Path(path)}")
    if args.report:
        export_report(form, Path(args.report), fresh=args.fresh)
    from ..model.serialize import fingerprint

    write_err(f"表单指纹：{fingerprint(form)}")
    return EXIT_OK


def export_report(form, path: Path, *, fresh: bool = False) -> None:
    """Write the 自评报告 draft; an existing report of the form keeps its text, numbers updated."""
    from ..exchange.errors import ImportFailed
    from ..exchange.report_docx import refresh, report_docx

    if path.exists() and not fresh:
        try:
            result = refresh(path.read_bytes(), form)
        except (ImportFailed, OSError) as exc:
            raise CommandError(f"无法更新已有的报告“{path.name}”：{exc}。如要重新生成，请加 --fresh。") from None
        _write(str(path), result.data)
        write_err(f"已更新报告中的数字：{path}（您写的文字保持不变）")
        for label, old, new in result.updated:
            write_err(f"  {label}：{old or '（空）'} → {new or '（空）'}")
        if not result.updated:
            write_err("  报告中的数字与表单一致，没有改动。")
        for name in result.unbound:
            write_err(f"  注意：“{name}”现在失分，报告中还没有它的偏差原因段落（可加 --fresh 重新生成）。")
        if len(result.gone) > 5:
            write_err(f"  注意：报告中有 {len(result.gone)} 个数字在这份表单中找不到对应项：报告可能不是由这份表单"
                  "生成的（从文本文件读入的表单每次都是新的指标），可加 --fresh 重新生成。")
        else:
            for text in result.gone:
                write_err(f"  注意：报告中的“{text}”在表单中已没有对应项。")
        return
    _write(str(path), report_docx(form))
    write_err(f"已导出：{path}")


def stored_revision(arg: str, data_dir: str | None):
    """The library revision a FORM argument names (None for a file or standard input)."""
    from ..targets import STORED, MissingFile, classify

    try:
        target = classify(arg)
    except MissingFile:
        return None
    if target.kind != STORED:
        return None
    from ..exchange.outputs import saved_of
    from ..store import StoreError, open_library

    try:
        with open_library(data_dir, read_only=True) as lib:
            return saved_of(lib, target.form_id)
    except StoreError:
        return None


def export_batch(args) -> int:
    """``python -m perfgui export --all [--year Y] [--kind K] --out DIR [--formats …]``.

    Returns the exit code: 0 when every form was exported, 2 (with a Chinese message on stderr)
    when the settings are wrong, the library cannot be opened or a form failed.
    """
    from ..exchange.batch import BatchError, export_many, parse_formats

    if not args.out:
        return fail("批量导出需要用 --out 指定输出文件夹。")
    try:
        formats = parse_formats(args.formats or "pdf,xlsx")
    except BatchError as exc:
        return fail(str(exc))
    from ..store import StoreError, open_library

    try:
        with open_library(args.data_dir, read_only=True) as lib:
            entries = lib.list(year=args.year, kind=args.kind)
            ids = [e.id for e in entries]
            if not ids:
                what = []
                if args.year:
                    what.append(f"{args.year}年度")
                if args.kind:
                    what.append({"department": "部门整体", "project": "项目支出"}.get(args.kind, args.kind))
                return fail(f"表单库中没有{'、'.join(what) or ''}的表单，没有导出任何文件。")

            def progress(done: int, total: int, label: str) -> None:
                write_err(f"[{done}/{total}] {label}")

            def warn(label: str, text: str) -> None:
                write_err(f"注意：{label}：{text}")

            from ..exchange.outputs import saved_of

            result = export_many(ids, args.out, formats, load=lib.load, progress=progress,
                                 landscape=getattr(args, "landscape", False),
                                 saved=lambda fid: saved_of(lib, fid), warn=warn)
    except StoreError as exc:
        return fail(f"无法打开表单库：{exc}")
    except BatchError as exc:
        return fail(str(exc))
    write_err(f"共导出 {result.done} 份表单（{len(result.written)} 个文件）到“{Path(args.out)}”。")
    if result.failed:
        for label, reason in result.failed:
            write_err(f"  未导出：{label}：{reason}")
        return fail(f"{len(result.failed)} 份表单导出失败，见上面的说明。")
    return EXIT_OK


def register(subparsers) -> None:
    from .packs import add_pack_option

    p = subparsers.add_parser("export", help="导出表单：PDF、Excel、表单文件、待发送的邮件")
    p.add_argument("form", metavar="FORM", nargs="?", help="文件或表单库中的表单编号")
    p.add_argument("--pdf", metavar="OUT.pdf", help="打印用 PDF")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="Excel 文件（官方版式，带公式）")
    p.add_argument("--json", metavar="OUT.json", help="本程序的无损表单文件")
    p.add_argument("--email", metavar="OUT.eml", help="附带 PDF 和 Excel 的邮件草稿")
    p.add_argument("--report", metavar="OUT.docx", help="绩效自评报告（Word）初稿；已有的报告只更新数字")
    p.add_argument("--fresh", action="store_true", help="与 --report 同用：重新生成整份报告")
    p.add_argument("--landscape", action="store_true", help="PDF 横向排版")
    add_pack_option(p, "导出")
    p.add_argument("--all", action="store_true", help="批量导出表单库中的表单")
    p.add_argument("--year", type=int, help="批量导出：只导出该年度")
    p.add_argument("--kind", choices=("department", "project"), help="批量导出：只导出该类表单")
    p.add_argument("--out", metavar="DIR", help="批量导出：输出文件夹")
    p.add_argument("--formats", default="pdf,xlsx", help="批量导出的格式，逗号分隔：pdf,xlsx,json,eml")
    add_data_dir(p)
    p.set_defaults(run=run)
