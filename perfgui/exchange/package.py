"""The submission package (报送包): everything a unit hands in for one form, with checksums.

A folder (or a ``.zip``) named ``<base>_报送包`` holding the final PDF of the table (with its
fingerprint), the Excel file, the 自评报告 draft, our lossless form file, and the 报送清单 in two
forms: a one-page PDF to print and file, and ``报送清单.txt`` (``SHA-256  size  name`` per line)
for a machine to verify. An email draft beside it attaches the package. Everything is built in
memory first; the folder appears whole (written under a temporary name, then renamed) or not at
all.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Form, Status, compute, fmt2
from ..model.serialize import fingerprint
from ..model.stamp import Saved
from . import names, outputs

MANIFEST_TXT = "报送清单.txt"
MANIFEST_PDF = "报送清单.pdf"


class PackageError(ValueError):
    """The package cannot be made; the message is Chinese and says what to do."""


@dataclass
class PackageResult:
    path: Path  # the folder or the .zip
    files: list[tuple[str, int, str]] = field(default_factory=list)  # listed: name, bytes, sha256
    email: Path | None = None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def package_files(form: Form, *, report: bytes | None = None, saved: Saved | None = None
                  ) -> tuple[list[tuple[str, bytes]], list[tuple[str, int, str]]]:
    """(name, bytes) of every file of the package, manifests last; and (name, size, SHA-256) of
    the files the manifests list. ``saved`` names the library revision the form is (its stamp on
    the PDF and in the Excel file)."""
    from .report_docx import report_docx

    if form.status is not Status.FINAL:
        raise PackageError("表单还是草稿：报送包只用定稿的表单。请先定稿（窗口中“定稿”，"
                           "或命令 finalize），再打包报送。")
    base = names.base_name(form)
    files = [
        (f"{base}.pdf", outputs.pdf_bytes(form, saved=saved)),  # final: no 草稿 mark
        (f"{base}.xlsx", outputs.xlsx_bytes(form, saved=saved)),
        (f"{base}_自评报告.docx", report if report is not None else report_docx(form)),
        (f"{base}.json", outputs.json_bytes(form)),
    ]
    listed = [(name, len(data), sha256(data)) for name, data in files]
    files.append((MANIFEST_TXT, manifest_text(form, listed).encode("utf-8")))
    files.append((MANIFEST_PDF, _manifest_pdf(form, listed)))
    return files, listed


def manifest_text(form: Form, listed: list[tuple[str, int, str]]) -> str:
    t = compute(form)
    head = [f"# {names.subject(form)}", f"# 表单编号 {form.id}  指纹 {fingerprint(form)}  "
            f"总分 {fmt2(t.total_score)}  等级 {t.grade}", "# SHA-256  字节数  文件名"]
    return "\n".join(head + [f"{digest}  {size}  {name}" for name, size, digest in listed]) + "\n"


def _manifest_pdf(form: Form, listed: list[tuple[str, int, str]]) -> bytes:
    from ..report.manifest import manifest_pdf

    t = compute(form)
    lines = [("表单", names.subject(form)), ("表单编号", form.id), ("指纹", fingerprint(form)),
             ("自评总分", f"{fmt2(t.total_score)}（满分 {fmt2(t.total_max)}），自评等级 {t.grade}"),
             ("文件数", str(len(listed)))]
    return manifest_pdf("报送清单", lines, listed)


def verify(folder_or_zip: str | os.PathLike) -> list[str]:
    """Problems found checking a package against its 报送清单.txt; empty when every file matches."""
    path = Path(folder_or_zip)
    if path.is_dir():
        read = lambda name: (path / name).read_bytes() if (path / name).is_file() else None  # noqa: E731
    else:
        try:
            z = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile):
            return [f"“{path.name}”不是报送包（文件夹或 .zip）。"]
        members = set(z.namelist())
        read = lambda name: z.read(name) if name in members else None  # noqa: E731
    manifest = read(MANIFEST_TXT)
    if manifest is None:
        return [f"报送包中没有 {MANIFEST_TXT}。"]
    problems = []
    for line in manifest.decode("utf-8", "replace").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("  ", 2)
        if len(parts) != 3:
            problems.append(f"清单行无法识别：{line}")
            continue
        digest, size, name = parts
        data = read(name)
        if data is None:
            problems.append(f"缺少文件：{name}")
        elif sha256(data) != digest or str(len(data)) != size:
            problems.append(f"文件与清单不符（已被修改）：{name}")
    return problems


def write_package(form: Form, out_dir: str | os.PathLike, *, as_zip: bool = False,
                  report: bytes | None = None, email: bool = True, saved: Saved | None = None) -> PackageResult:
    """Write the package into ``out_dir``; returns where it went and what it holds."""
    from ..fileio import atomic_write_bytes
    from .mail import draft_eml_with

    files, listed = package_files(form, report=report, saved=saved)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{names.base_name(form)}_报送包"
    if as_zip:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in files:
                z.writestr(name, data)
        target = out / f"{stem}.zip"
        atomic_write_bytes(target, buf.getvalue())
        attachments = [(target.name, buf.getvalue())]
    else:
        target = out / stem
        staging = Path(tempfile.mkdtemp(prefix=".perfgui-package-", dir=out))
        try:
            for name, data in files:
                atomic_write_bytes(staging / name, data)
            if target.exists():
                old = target.with_name(target.name + ".old")
                shutil.rmtree(old, ignore_errors=True)
                os.replace(target, old)
                os.replace(staging, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(staging, target)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        attachments = [(name, data) for name, data in files]
    result = PackageResult(target, listed)
    if email:
        eml = out / f"{stem}.eml"
        atomic_write_bytes(eml, draft_eml_with(form, attachments, intro="报送包"))
        result.email = eml
    return result
