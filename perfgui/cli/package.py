"""``python -m perfgui package FORM --out DIR [--zip]``: the submission package (报送包).

Also ``package --verify PATH``: checks a package folder or .zip against its 报送清单.txt.
"""

from __future__ import annotations

import json
from pathlib import Path

from .common import EXIT_FORM_ERRORS, EXIT_OK, CommandError, add_data_dir, resolve_form, write_err, write_out


def run(args) -> int:
    from ..exchange.package import PackageError, verify, write_package

    if args.verify:
        problems = verify(args.verify)
        for p in problems:
            write_err(p)
        if not problems:
            write_err(f"报送包“{Path(args.verify).name}”与清单一致。")
        return EXIT_FORM_ERRORS if problems else EXIT_OK
    if not args.form or not args.out:
        raise CommandError("请指定表单（文件或表单编号）和 --out 输出文件夹，例如：package 表单编号 --out 报送")
    form, _, _ = resolve_form(args.form, args.data_dir)  # a fallback is said on stderr
    report = None
    if args.report:
        path = Path(args.report)
        try:
            report = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取报告“{path}”：{exc.strerror or exc}。") from None
        from ..exchange.errors import ImportFailed
        from ..exchange.report_docx import refresh

        try:
            report = refresh(report, form).data
        except ImportFailed as exc:
            raise CommandError(str(exc)) from None
    from ..fileio import WriteError
    from .export import stored_revision

    try:
        result = write_package(form, args.out, as_zip=args.zip, report=report,
                               saved=stored_revision(args.form, args.data_dir))
    except PackageError as exc:
        raise CommandError(str(exc)) from None
    except WriteError as exc:
        raise CommandError(exc.message) from None
    summary = {"package": str(result.path), "email": str(result.email) if result.email else None,
               "files": [{"name": n, "bytes": s, "sha256": d} for n, s, d in result.files]}
    write_out(json.dumps(summary, ensure_ascii=False, indent=2))
    write_err(f"已生成报送包：{result.path}")
    return EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser("package", help="打包报送：定稿 PDF、Excel、自评报告、表单文件和报送清单")
    p.add_argument("form", metavar="FORM", nargs="?", help="文件或表单库中的表单编号（须已定稿）")
    p.add_argument("--out", metavar="DIR", help="输出文件夹")
    p.add_argument("--zip", action="store_true", help="打成一个 .zip 文件")
    p.add_argument("--report", metavar="REPORT.docx", help="使用已修改过的自评报告（只更新其中的数字）")
    p.add_argument("--verify", metavar="PATH", help="核对报送包（文件夹或 .zip）与清单是否一致")
    add_data_dir(p)
    p.set_defaults(run=run)
