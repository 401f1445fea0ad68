"""Exporting many forms at once: the core shared by the window and ``export --all``.

``export_many`` builds each form's files in memory and writes them atomically, one form at a
time, reporting progress after each and checking for cancellation between forms. A form that
fails is reported and skipped; the others are still written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from ..model import Form

if TYPE_CHECKING:
    from ..model.stamp import Saved

FORMATS = ("pdf", "xlsx", "json", "eml")
FORMAT_LABELS = {"pdf": "PDF", "xlsx": "Excel", "json": "表单文件", "eml": "邮件草稿"}


class BatchError(Exception):
    """Bad batch settings (no folder, unknown format); the message is Chinese."""


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    done: int = 0  # forms exported completely
    failed: list[tuple[str, str]] = field(default_factory=list)  # (form name, Chinese reason)
    cancelled: bool = False
    total: int = 0
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (form name, output warning)


def parse_formats(text: str | Iterable[str]) -> list[str]:
    """``"pdf,xlsx"`` → ``["pdf", "xlsx"]``; unknown names raise ``BatchError``."""
    items = text.split(",") if isinstance(text, str) else list(text)
    out: list[str] = []
    for item in items:
        name = item.strip().lower().lstrip(".")
        if not name:
            continue
        if name == "email":
            name = "eml"
        if name not in FORMATS:
            raise BatchError(f"不认识的导出格式“{item.strip()}”：可用的格式有 pdf、xlsx、json、eml。")
        if name not in out:
            out.append(name)
    if not out:
        raise BatchError("请至少选择一种导出格式：pdf、xlsx、json 或 eml。")
    return out


def files_for(form: Form, formats: list[str], base: str, *, landscape: bool = False,
              saved: "Saved | None" = None) -> list[tuple[str, bytes]]:
    """(file name, bytes) for each asked-for format, all built before anything is written.

    ``saved`` names the library revision the form is (its stamp on the PDF and in the Excel file).
    """
    from . import outputs

    pdf = xlsx = None
    if "pdf" in formats or "eml" in formats:
        pdf = outputs.pdf_bytes(form, landscape=landscape, saved=saved)
    if "xlsx" in formats or "eml" in formats:
        xlsx = outputs.xlsx_bytes(form, saved=saved)
    out: list[tuple[str, bytes]] = []
    for fmt in formats:
        if fmt == "pdf":
            out.append((f"{base}.pdf", pdf))
        elif fmt == "xlsx":
            out.append((f"{base}.xlsx", xlsx))
        elif fmt == "json":
            out.append((f"{base}.json", outputs.json_bytes(form)))
        elif fmt == "eml":
            from .mail import draft_eml

            out.append((f"{base}.eml", draft_eml(form, pdf, xlsx, base=base)))
    return out


def _unique(base: str, taken: set[str]) -> str:
    name, n = base, 2
    while name.casefold() in taken:  # Windows file names ignore case
        name = f"{base}_{n}"
        n += 1
    taken.add(name.casefold())
    return name


def export_many(
    forms: Iterable[Form | str],
    folder: str | Path,
    formats: list[str] | str,
    *,
    load: Callable[[str], Form] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    landscape: bool = False,
    saved: Callable[[str], "Saved"] | None = None,
    warn: Callable[[str, str], None] | None = None,
) -> BatchResult:
    """Export every form (objects, or ids read with ``load``) to ``folder``.

    ``progress(done, total, label)`` is called after each form; ``cancelled()`` is asked before
    each one. ``saved(id)`` gives a stored form's revision for its stamp (None: no revision; asked
    with the form's own id for a form object); ``warn(label, text)``
    receives the output warnings printing gives (draft, missing glyphs) for each form that has
    PDF output. Two forms with the same name get ``_2``, ``_3`` … within one batch; files already in
    the folder with the same name are replaced (exporting a year again updates it).
    """
    from ..fileio import WriteError, atomic_write_bytes
    from . import names

    fmts = parse_formats(formats)
    items = list(forms)
    out_dir = Path(folder)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"无法创建文件夹“{out_dir}”（{exc.strerror or exc}）：请选择其他文件夹。") from None
    if not out_dir.is_dir():
        raise BatchError(f"“{out_dir}”不是文件夹：请选择一个文件夹。")
    result = BatchResult(total=len(items))
    taken: set[str] = set()
    for i, item in enumerate(items, start=1):
        if cancelled is not None and cancelled():
            result.cancelled = True
            break
        label = item if isinstance(item, str) else item.display_name()
        try:
            form = item if isinstance(item, Form) else _load(load, item)
            label = form.display_name()
            base = _unique(names.base_name(form), taken)
            where = saved(item if isinstance(item, str) else form.id) if saved is not None else None
            if warn is not None and ("pdf" in fmts or "eml" in fmts):
                from ..report import output_warnings

                for text in output_warnings(form):
                    warn(label, text)
            files = files_for(form, fmts, base, landscape=landscape, saved=where)
            for name, data in files:
                path = out_dir / name
                atomic_write_bytes(path, data)
                result.written.append(path)
            result.done += 1
            status = "已导出"
        except WriteError as exc:
            result.failed.append((label, exc.message))
            status = f"失败：{exc.message}"
        except Exception as exc:  # one bad form must not stop the batch
            reason = _describe(exc)
            result.failed.append((label, reason))
            status = f"失败：{reason}"
        if progress is not None:
            progress(i, len(items), f"{label} {status}")
    return result


def _load(load: Callable[[str], Form] | None, form_id: str) -> Form:
    if load is None:
        raise BatchError(f"无法读取表单“{form_id}”：没有打开表单库。")
    return load(form_id)


def _describe(exc: Exception) -> str:
    text = str(exc).strip()
    if text and any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return text
    return f"内部错误（{type(exc).__name__}: {text[:200]}）"
