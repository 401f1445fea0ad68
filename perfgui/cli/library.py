"""Library subcommands: import, list, new, duplicate, delete, trash, restore, purge, revisions…

    python -m perfgui import FILE             store a form, print its id
    python -m perfgui list [--year Y] [--kind K] [--status S] [--query Q] [--json]
    python -m perfgui new --kind department --year 2024 --unit 单位
    python -m perfgui duplicate ID            next year's form from this one, print its id
    python -m perfgui finalize ID / reopen ID
    python -m perfgui delete ID / trash / restore ID / purge ID
    python -m perfgui revisions ID [--json] / revert ID NUMBER

Every one takes ``--data-dir DIR``. Ids go to stdout (one per line) so scripts can use them;
messages for people go to stderr.
"""

from __future__ import annotations

import json
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .common import EXIT_OK, CommandError, add_data_dir, write_err, write_out

# A command that finds the library busy waits this long for the writer to finish before
# refusing; the wait starts again when the lock changes hands, so many imports started at once
# by a script all go through, one after another (see Library._take_writer_lock).
LOCK_WAIT = 5.0  # seconds

LIST_HEADERS = ("编号", "单位 / 项目", "年度", "类型", "总分", "等级", "状态", "最后保存")
NAME_WIDTH = 40  # display columns; longer names are cut with "…"


def _out(text: str) -> None:
    write_out(text)


def _err(text: str) -> None:
    write_err(text)


@contextmanager
def _library(data_dir: str | None, *, write: bool) -> Iterator:
    from ..store import StoreError, open_library

    try:
        lib = open_library(data_dir, read_only=not write, role="command",
                           wait=LOCK_WAIT if write else 0.0)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    try:
        if write and lib.read_only:
            raise CommandError(lib.lock_message or "表单库当前不能写入。")
        try:
            yield lib
        except StoreError as exc:
            raise CommandError(str(exc)) from None
        for notice in lib.notices:
            _err(f"注意：{notice}")
    finally:
        lib.close()


# -- display width for aligned CJK tables ------------------------------------------------------
def width(text: str) -> int:
    """Columns a string takes in a terminal: CJK and fullwidth characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def clip(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, cols: int, right: bool = False) -> str:
    gap = " " * max(0, cols - width(text))
    return gap + text if right else text + gap


def format_table(headers: tuple[str, ...] | list[str], rows: list[list[str]],
                 right: frozenset[int] = frozenset()) -> str:
    """A plain-text table whose columns line up in a terminal, Chinese included."""
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(pad(h, w, i in right) for i, (h, w) in enumerate(zip(headers, widths))).rstrip(),
             "  ".join("-" * w for w in widths)]
    for r in rows:
        lines.append("  ".join(pad(c, w, i in right) for i, (c, w) in enumerate(zip(r, widths))).rstrip())
    return "\n".join(lines)


def _name(s) -> str:
    name = s.project_name if s.kind == "project" and s.project_name else s.unit
    return clip(name or "（未填写）", NAME_WIDTH)


def summary_rows(summaries) -> list[list[str]]:
    return [[s.id, _name(s), str(s.year or ""), s.kind_label, s.total_score, s.grade,
             s.status_label + ("（已损坏）" if s.damaged else ""),
             s.saved_at.strftime("%Y-%m-%d %H:%M")] for s in summaries]


# -- commands --------------------------------------------------------------------------------
def run_import(args) -> int:
    from ..exchange.errors import ImportFailed
    from ..exchange.files import load_guarded, refuse_out_of_bounds

    path = Path(args.file)
    try:
        form, guesses = load_guarded(path)  # hostile kinds in a worker, stopped past its budget
        refuse_out_of_bounds(form, path.name)
    except ImportFailed as exc:
        raise CommandError(str(exc)) from None
    if args.dry_run:
        from .check import dry_run_lines

        _out("\n".join(dry_run_lines(form, guesses)))
        return EXIT_OK
    with _library(args.data_dir, write=True) as lib:
        fid = lib.create(form, note=f"从文件“{path.name}”导入")
        for g in guesses:
            _err(f"推断：{g}")
        _err(f"已导入：{form.display_name()}（编号 {fid}）")
        _out(fid)
    return EXIT_OK


def _fingerprints(lib, items) -> dict[str, str]:
    """Each listed form's fingerprint, as printed on its paper copies ("" for a damaged form)."""
    from ..model.serialize import fingerprint
    from ..store import StoreError

    out = {}
    for s in items:
        try:
            out[s.id] = fingerprint(lib.load(s.id))
        except StoreError:
            out[s.id] = ""
    return out


def run_list(args) -> int:
    with _library(args.data_dir, write=False) as lib:
        items = lib.list(args.query or "", year=args.year, kind=args.kind, status=args.status)
        prints = _fingerprints(lib, items)
    if args.json:
        _out(json.dumps([{**s.as_dict(), "fingerprint": prints[s.id]} for s in items],
                        ensure_ascii=False, indent=2))
        return EXIT_OK
    if not items:
        _err("没有符合条件的表单。" if (args.query or args.year or args.kind or args.status)
             else "表单库中还没有表单：可用 import 命令导入。")
        return EXIT_OK
    rows = [row + [prints[s.id]] for row, s in zip(summary_rows(items), items)]
    _out(format_table(LIST_HEADERS + ("表单指纹",), rows, right=frozenset({4})))
    _err(f"共 {len(items)} 份表单。")
    return EXIT_OK


def run_new(args) -> int:
    from .. import packs
    from ..model import FormKind

    with _library(args.data_dir, write=True) as lib:
        try:
            pack = packs.find(args.pack, lib.folder) if args.pack else packs.default_for(FormKind(args.kind))
        except packs.PackNotFound as exc:
            raise CommandError(str(exc)) from None
        if args.pack and args.kind_given and pack.kind.value != args.kind:
            raise CommandError(f"规则包“{pack.name}”用于{pack.kind.label}表，与 --kind {args.kind} 不符：去掉 --kind，或换一个规则包。")
        fid = lib.create_from_pack(pack, args.year, args.unit or "")
        _out(fid)
        _err(f"已按规则包“{pack.title}”（{pack.name}）新建。")
    return EXIT_OK


def _run_new_kind(args) -> int:
    args.kind_given = args.kind is not None
    args.kind = args.kind or "department"
    return run_new(args)


def run_duplicate(args) -> int:
    with _library(args.data_dir, write=True) as lib:
        fid = lib.duplicate_to_next_year(args.id)
        _err(f"已复制为下一年度：{lib.load(fid).display_name()}")
        _out(fid)
    return EXIT_OK


def _status_runner(status_value: str, done: str):
    def run(args) -> int:
        from ..model import Status

        with _library(args.data_dir, write=True) as lib:
            if status_value == Status.FINAL.value:
                _finalize(lib, args.id, (getattr(args, "reason", None) or "").strip())
            else:
                lib.set_status(args.id, Status(status_value))
            _err(done)
        return EXIT_OK
    return run


def _finalize(lib, form_id: str, reason: str) -> None:
    """Mark final; a form with errors only with a reason, kept in the form and the revision note."""
    from ..model import ERROR, Status, check

    import copy

    form = lib.load(form_id)
    if form.status is Status.FINAL:
        return
    probe = copy.deepcopy(form)
    probe.status = Status.FINAL  # blank cells count as errors in a final form
    errors = [f for f in check(probe) if f.level == ERROR]
    if errors and not reason:
        first = "；".join(f.message for f in errors[:3])
        raise CommandError(f"表单还有 {len(errors)} 个错误（{first}），不能直接定稿：请先改正，"
                           "或用 --reason \"说明\" 写明仍要定稿的原因（会印在表格下方的“说明”一行）。")
    form.status = Status.FINAL
    form.final_reason = reason if errors else ""
    lib.save(form, note=f"标记为定稿（说明：{reason}）" if errors else "标记为定稿")


def run_delete(args) -> int:
    with _library(args.data_dir, write=True) as lib:
        lib.delete(args.id)
        _err(f"已移到回收站：{args.id}（可用 restore {args.id} 恢复）")
    return EXIT_OK


def run_trash(args) -> int:
    with _library(args.data_dir, write=False) as lib:
        items = lib.trash()
    if args.json:
        _out(json.dumps([s.as_dict() for s in items], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not items:
        _err("回收站是空的。")
        return EXIT_OK
    rows = [r[:-1] + [s.deleted_at.strftime("%Y-%m-%d %H:%M") if s.deleted_at else ""]
            for r, s in zip(summary_rows(items), items)]
    _out(format_table(LIST_HEADERS[:-1] + ("删除时间",), rows, right=frozenset({4})))
    return EXIT_OK


def run_restore(args) -> int:
    with _library(args.data_dir, write=True) as lib:
        lib.restore(args.id)
        _err(f"已从回收站恢复：{args.id}")
    return EXIT_OK


def run_purge(args) -> int:
    if not args.yes:
        raise CommandError(f"彻底删除后无法恢复：确认要删除请加上 --yes（purge {args.id} --yes）。")
    with _library(args.data_dir, write=True) as lib:
        lib.purge(args.id)
        _err(f"已彻底删除：{args.id}")
    return EXIT_OK


def run_revisions(args) -> int:
    with _library(args.data_dir, write=False) as lib:
        revs = lib.revisions(args.id)
    if args.json:
        _out(json.dumps([{"number": r.number, "saved_at": r.saved_at.isoformat(timespec="seconds"),
                          "total_score": r.total_score, "summary": r.summary, "status": r.status,
                          "current": r.current} for r in revs], ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = [[str(r.number) + (" *" if r.current else ""), r.saved_at.strftime("%Y-%m-%d %H:%M:%S"),
             r.total_score, clip(r.summary, 60)] for r in revs]
    _out(format_table(("版本", "保存时间", "总分", "改动"), rows, right=frozenset({2})))
    _err("* 为当前版本；可用 revert 编号 版本 恢复到某一版本。")
    return EXIT_OK


def run_revert(args) -> int:
    with _library(args.data_dir, write=True) as lib:
        if lib.restore_revision(args.id, args.number):
            _err(f"已恢复为第 {args.number} 次保存的版本（作为一次新的保存，原有版本都保留）。")
        else:
            _err(f"第 {args.number} 次保存的版本与当前版本内容相同：没有改动，未保存新版本。")
    return EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser("import", help="把表单文件存入表单库，打印新表单的编号")
    p.add_argument("file", metavar="FILE", help=".txt/.tsv/.xlsx/.json 文件")
    p.add_argument("--dry-run", action="store_true", help="只读取并列出读到的内容和推断，不存入表单库")
    add_data_dir(p)
    p.set_defaults(run=run_import)

    p = subparsers.add_parser("list", help="列出表单库中的表单")
    p.add_argument("--year", type=int, help="只列出该年度")
    p.add_argument("--kind", choices=("department", "project"), help="只列出该类表单")
    p.add_argument("--status", choices=("draft", "final"), help="只列出草稿或定稿")
    p.add_argument("--query", "-q", metavar="Q", help="按单位、项目名称或编号搜索")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_data_dir(p)
    p.set_defaults(run=run_list)

    p = subparsers.add_parser("new", help="按规则包的模板新建表单，打印编号")
    p.add_argument("--kind", choices=("department", "project"), default=None,
                   help="表单类型（默认部门整体；给了 --pack 时由规则包决定）")
    p.add_argument("--pack", metavar="NAME", help="规则包名称（python -m perfgui packs 列出全部）")
    p.add_argument("--year", type=int, help="年度（默认上一年）")
    p.add_argument("--unit", help="单位名称")
    add_data_dir(p)
    p.set_defaults(run=_run_new_kind)

    p = subparsers.add_parser("duplicate", help="复制为下一年度的表单（保留指标、目标和权重，清空完成值和得分）")
    p.add_argument("id", metavar="ID")
    add_data_dir(p)
    p.set_defaults(run=run_duplicate)

    for name, status, done, text in (("finalize", "final", "已标记为定稿。", "标记为定稿"),
                                     ("reopen", "draft", "已重新打开（草稿）。", "重新打开定稿的表单")):
        p = subparsers.add_parser(name, help=text)
        p.add_argument("id", metavar="ID")
        if name == "finalize":
            p.add_argument("--reason", metavar="TEXT", help="表单仍有错误时定稿的原因（印在表格下方的“说明”一行）")
        add_data_dir(p)
        p.set_defaults(run=_status_runner(status, done))

    p = subparsers.add_parser("delete", help="把表单移到回收站")
    p.add_argument("id", metavar="ID")
    add_data_dir(p)
    p.set_defaults(run=run_delete)

    p = subparsers.add_parser("trash", help="列出回收站中的表单")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_data_dir(p)
    p.set_defaults(run=run_trash)

    p = subparsers.add_parser("restore", help="从回收站恢复表单")
    p.add_argument("id", metavar="ID")
    add_data_dir(p)
    p.set_defaults(run=run_restore)

    p = subparsers.add_parser("purge", help="从回收站彻底删除表单（不可恢复）")
    p.add_argument("id", metavar="ID")
    p.add_argument("--yes", action="store_true", help="确认彻底删除")
    add_data_dir(p)
    p.set_defaults(run=run_purge)

    p = subparsers.add_parser("revisions", help="列出表单保存过的版本")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_data_dir(p)
    p.set_defaults(run=run_revisions)

    p = subparsers.add_parser("revert", help="把表单恢复为某次保存的版本")
    p.add_argument("id", metavar="ID")
    p.add_argument("number", type=int, metavar="NUMBER", help="版本号（见 revisions）")
    add_data_dir(p)
    p.set_defaults(run=run_revert)
