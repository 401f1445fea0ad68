"""``python -m perfgui verify TEXT|FILE``: which saved revision a paper copy or a file is.

TEXT is a fingerprint typed from paper, FILE an exported PDF or Excel file (see
``perfgui.exchange.verify``). Exit 0: found and unchanged; 1: no saved revision matches, or the
file was changed after the export; 2: unreadable input.
"""

from __future__ import annotations

import json

from .common import EXIT_FORM_ERRORS, EXIT_OK, CommandError, add_data_dir, write_out


def run(args) -> int:
    from ..exchange.verify import VerifyError, describe, find, make_claim
    from ..store import StoreError, open_library

    try:
        claim = make_claim(args.target)
        with open_library(args.data_dir, read_only=True) as lib:
            matches = find(lib, claim.fingerprint, (StoreError,))
    except VerifyError as exc:
        raise CommandError(str(exc)) from None
    except StoreError as exc:
        raise CommandError(f"无法打开表单库：{exc}") from None
    if args.json:
        out = {"fingerprint": claim.fingerprint, "source": claim.source, "changed": bool(claim.changed_to),
               "changed_to": claim.changed_to or None,
               "matches": [m.__dict__ for m in matches]}
        write_out(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for line in describe(claim, matches):
            write_out(line)
    return EXIT_OK if matches and not claim.changed_to else EXIT_FORM_ERRORS


def register(subparsers) -> None:
    p = subparsers.add_parser("verify", help="核对纸质版或文件：按表单指纹找出对应的已保存版本")
    p.add_argument("target", metavar="TEXT|FILE", help="纸质版页脚的表单指纹，或本程序导出的 PDF / Excel 文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_data_dir(p)
    p.set_defaults(run=run)
