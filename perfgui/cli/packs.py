"""``python -m perfgui packs``: the rule packs this program can use, and importing one.

    python -m perfgui packs [--data-dir DIR]              list them as JSON
    python -m perfgui packs import FILE [--data-dir DIR]  check a pack file, copy it into the library

``check``, ``new`` and ``export`` take ``--pack NAME``; ``moved_to_pack`` is what they share.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .common import EXIT_OK, CommandError, add_data_dir, write_err, write_out


def _library_folder(data_dir: str | None) -> Path:
    """The library's folder (its ``packs`` folder holds its own packs); read-only, so it works
    while a window has the library open."""
    from ..store import StoreError, open_library

    try:
        with open_library(data_dir, read_only=True, role="command") as lib:
            return lib.folder
    except StoreError as exc:
        raise CommandError(str(exc)) from None


def find_pack(name: str, data_dir: str | None):
    """The pack ``--pack NAME`` names: a shipped one, or one imported into the library."""
    from .. import packs

    try:
        return packs.find(name)
    except packs.PackNotFound:
        pass
    try:
        return packs.find(name, _library_folder(data_dir))
    except packs.PackNotFound as exc:
        raise CommandError(str(exc)) from None


def moved_to_pack(form, name: str | None, data_dir: str | None):
    """The form as it is under pack ``name``, and that pack (the form itself and None when no
    pack is named). Only a copy is moved: a stored form stays as it was saved.
    """
    if not name:
        return form, None
    from ..model.packs import PackKindMismatch, apply_pack

    pack = find_pack(name, data_dir)
    try:
        return apply_pack(form, pack), pack
    except PackKindMismatch as exc:
        raise CommandError(str(exc)) from None


def add_pack_option(parser, what: str) -> None:
    parser.add_argument("--pack", metavar="NAME",
                        help=f"按该规则包{what}（表单本身不改动；python -m perfgui packs 列出全部）")


def run_list(args) -> int:
    from .. import packs

    folder = _library_folder(args.data_dir)
    own, problems = packs.user_packs(folder)
    shipped = {p.name for p in packs.shipped()}
    items = []
    for pack in packs.available(folder):
        items.append({**pack.summary(), "shipped": pack.name in shipped,
                      "unverified": list(pack.unverified)})
    write_out(json.dumps(items, ensure_ascii=False, indent=2))
    for text in problems:
        write_err(f"注意：{text}（未列出）")
    return EXIT_OK


def run_import(args) -> int:
    from .. import packs

    folder = _library_folder(args.data_dir)
    try:
        done = packs.import_pack(Path(args.file), folder)
    except packs.PackFileError as exc:
        raise CommandError(f"{exc}规则包未导入。") from None
    verb = "已替换" if done.replaced else "已导入"
    write_err(f"{verb}规则包“{done.pack.title}”（{done.pack.name}）：{done.path}")
    write_out(done.pack.name)
    return EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser("packs", help="列出可用的规则包（JSON），或导入规则包")
    add_data_dir(p)
    p.set_defaults(run=run_list)
    sub = p.add_subparsers(dest="packs_command", metavar="COMMAND")
    q = sub.add_parser("import", help="检查规则包文件（.toml）并导入表单库")
    q.add_argument("file", metavar="FILE", help="规则包文件（.toml）")
    # Given before or after “import”: the sub-command must not reset what “packs” parsed.
    q.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                   help="表单库所在文件夹（默认：用户数据文件夹，或环境变量 PERFGUI_DATA_DIR）")
    q.set_defaults(run=run_import)
