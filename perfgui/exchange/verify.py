"""Which saved revision a paper copy or an exported file is: the core of ``verify`` and 核对纸质版….

The input is a fingerprint typed from the footer of a printed page (spaces, dashes and lower
case are fine; the check character catches a typo), a PDF or Excel file the program exported
(its stamp is read back), or any form file (its content is fingerprinted). ``find`` searches
every saved revision of every stored form for the fingerprint; ``describe`` says in Chinese
which form and revision it is and what was saved since. An Excel file whose visible sheet was
edited after the export is reported as changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


class VerifyError(ValueError):
    """Input that cannot be checked; the message is Chinese and says what to fix."""


_FP_RE = re.compile(r"表单指纹[：:]\s*([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}-[0-9A-Z])")


@dataclass
class Claim:
    """What the input says: the fingerprint to look for, and what else is known."""

    fingerprint: str
    source: str  # "text", "pdf", "xlsx", "file"
    form_id: str = ""
    revision: str = ""
    # For an Excel file: the fingerprint of what its sheet holds now, when it differs.
    changed_to: str = ""


@dataclass
class Match:
    form_id: str
    name: str
    revision: int
    saved_at: str
    status: str
    current: bool
    later: list[dict] = field(default_factory=list)  # saves after this one, oldest first
    same: list[int] = field(default_factory=list)  # earlier revisions with the same content


def claim_from_pdf(path: Path) -> Claim:
    import pdfplumber

    from ..model.serialize import FingerprintError, parse_fingerprint
    from ..model.stamp import parse_qr

    try:
        with pdfplumber.open(path) as pdf:
            fields = parse_qr((pdf.metadata.get("Keywords") or "").replace("; ", "\n")) or {}
            text = pdf.pages[0].extract_text() or "" if pdf.pages else ""
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        raise VerifyError(f"无法读取 PDF 文件“{path.name}”（{exc}）：请确认它是本程序导出的 PDF。") from None
    found = _FP_RE.search(text.replace(" ", ""))
    printed = found.group(1) if found else fields.get("fingerprint", "")
    if not printed:
        raise VerifyError(f"PDF 文件“{path.name}”上没有表单指纹：它不是本程序打印的表单。")
    try:
        fp = parse_fingerprint(printed)
    except FingerprintError as exc:
        raise VerifyError(f"PDF 文件“{path.name}”上的指纹无法识别：{exc}") from None
    return Claim(fp, "pdf", fields.get("form_id", ""), fields.get("revision", ""))


def claim_from_xlsx(path: Path) -> Claim:
    from ..exchange.errors import ImportFailed
    from ..exchange.files import load_form_file
    from .xlsx_write import stored_fingerprint
    from ..model.serialize import fingerprint

    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=False, data_only=False)
        written = stored_fingerprint(wb)
        form, _ = load_form_file(path)
    except ImportFailed as exc:
        raise VerifyError(str(exc)) from None
    except Exception as exc:  # not a workbook at all
        raise VerifyError(f"无法读取 Excel 文件“{path.name}”（{exc}）：请确认文件完整。") from None
    now = fingerprint(form)
    if not written:
        return Claim(now, "file")
    return Claim(written, "xlsx", form.id, changed_to=now if now != written else "")


def claim_from_file(path: Path) -> Claim:
    from ..exchange.errors import ImportFailed
    from ..exchange.files import load_form_file
    from ..model.serialize import fingerprint

    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return claim_from_pdf(path)
    if suffix in (".xlsx", ".xlsm"):
        return claim_from_xlsx(path)
    try:
        form, _ = load_form_file(path)
    except ImportFailed as exc:
        raise VerifyError(str(exc)) from None
    return Claim(fingerprint(form), "file", form.id)


def make_claim(arg: str) -> Claim:
    from ..model.serialize import FingerprintError, parse_fingerprint

    path = Path(arg)
    if path.is_file():
        return claim_from_file(path)
    try:
        return Claim(parse_fingerprint(arg), "text")
    except FingerprintError as exc:
        if path.suffix or "/" in arg or "\\" in arg:
            raise VerifyError(f"找不到文件“{arg}”，它也不是表单指纹：{exc}") from None
        raise VerifyError(str(exc)) from None


def find(lib, fp: str, skip: tuple[type[BaseException], ...]) -> list[Match]:
    """For each stored form, the newest saved revision whose content has fingerprint ``fp``.

    Saves that changed only the status (定稿, 重新打开) keep the content, so several revisions
    of a form may match: the newest is reported, the others are listed in ``same``. ``lib`` is
    an open library; ``skip`` the exceptions it raises for a form or revision that cannot be read
    (the store's ``StoreError``: this layer does not import the store), which are passed over.
    """
    from ..model.serialize import fingerprint

    matches = []
    for summary in lib.list():
        try:
            revisions = sorted(lib.revisions(summary.id), key=lambda r: r.number)
        except skip:
            continue
        hits = []
        for rev in revisions:
            try:
                form = lib.load_revision(summary.id, rev.number)
            except skip:
                continue
            if fingerprint(form) == fp:
                hits.append((rev, form))
        if not hits:
            continue
        rev, form = hits[-1]
        later = [{"revision": r.number, "saved_at": r.saved_at.strftime("%Y-%m-%d %H:%M"),
                  "summary": r.summary} for r in revisions if r.number > rev.number]
        matches.append(Match(summary.id, form.display_name(), rev.number, rev.saved_at.strftime("%Y-%m-%d %H:%M"),
                             "定稿" if rev.status == "final" else "草稿", rev.current, later,
                             [r.number for r, _ in hits[:-1]]))
    return matches


def describe(claim: Claim, matches: list[Match]) -> list[str]:
    """The answer in Chinese, one line each."""
    lines = []
    if claim.changed_to:
        lines.append(f"注意：这个 Excel 文件导出后被修改过：导出时的指纹是 {claim.fingerprint}，"
                     f"表格现在的内容对应指纹 {claim.changed_to}。")
    if not matches:
        lines.append(f"表单库中没有与指纹 {claim.fingerprint} 相符的已保存版本：纸质版或文件与库中的任何版本都不一致。")
        return lines
    for m in matches:
        same = f"（内容与第 {'、'.join(map(str, m.same))} 版相同）" if m.same else ""
        lines.append(f"指纹 {claim.fingerprint} 对应：{m.name}（编号 {m.form_id}）第 {m.revision} 版{same}，"
                     f"保存于 {m.saved_at}，{m.status}。")
        if m.current:
            lines.append("  这是该表单的当前版本，此后没有修改。")
        else:
            lines.append(f"  此后又保存了 {len(m.later)} 次：")
            lines += [f"    第 {x['revision']} 版（{x['saved_at']}）：{x['summary']}" for x in m.later]
    return lines
