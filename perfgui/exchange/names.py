"""What the files the program hands out are called, and the words that name a form in mail.

Kept apart from ``outputs`` (the bytes) so that the email builder and the batch export can name a
form without depending on each other.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import Form, FormKind, compute, fmt2

# Characters Windows forbids in file names, and names it reserves for devices.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"{port}{i}" for port in ("COM", "LPT") for i in (*"123456789", "¹", "²", "³"))}
# Bidirectional controls (embeddings, overrides, isolates, marks): "报表\u202Efdp.exe" would show
# as "报表exe.pdf" in Explorer.
_BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
MAX_NAME_CHARS = 80  # leaves room for a folder and the extension within MAX_PATH


def kind_title(form: Form) -> str:
    return "部门整体支出绩效自评表" if form.kind is FormKind.DEPARTMENT else "项目支出绩效自评表"


def _who(form: Form) -> list[str]:
    h = form.header
    if form.kind is FormKind.PROJECT:
        parts = [h.implementer or h.unit, h.project_name]
        return [p for p in parts if p and p.strip()] or ["未命名项目"]
    return [h.unit] if h.unit.strip() else ["未命名单位"]


def subject(form: Form) -> str:
    """The email subject: ``2024年度 XX单位 部门整体支出绩效自评表``."""
    year = f"{form.header.year}年度" if form.header.year else "年度未填"
    text = " ".join([year, *_who(form), kind_title(form)])
    return re.sub(r"\s+", " ", text).strip()


def safe_name(text: str, limit: int = MAX_NAME_CHARS) -> str:
    """``text`` as a file name Windows accepts (no extension added)."""
    text = unicodedata.normalize("NFC", text)
    text = _BIDI.sub("", text)
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", "_", text)
    text = re.sub(r"_+", "_", text).strip("._ ")
    if len(text) > limit:
        text = text[:limit].rstrip("._ ")
    if not text:
        text = "绩效自评表"
    if text.split(".")[0].upper() in _RESERVED:
        text = "_" + text
    return text


def base_name(form: Form) -> str:
    """A safe Windows file name without extension: ``2024年度_单位_部门整体支出绩效自评表``."""
    year = f"{form.header.year}年度" if form.header.year else "年度未填"
    tail = kind_title(form)
    who = "_".join(safe_name(w, MAX_NAME_CHARS) for w in _who(form))
    room = MAX_NAME_CHARS - len(year) - len(tail) - 2
    if len(who) > room:
        who = who[:max(room, 1)].rstrip("._ ")
    return safe_name(f"{year}_{who}_{tail}")


def summary_line(form: Form) -> str:
    """One sentence with the score and grade, for the email body and progress lines."""
    t = compute(form)
    return f"自评总分 {fmt2(t.total_score)} 分（满分 {fmt2(t.total_max)}），自评等级 {t.grade}。"
