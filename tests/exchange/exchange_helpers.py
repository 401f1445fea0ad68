"""Helpers of the exchange tests (a module with a unique name: tests/ folders are not packages)."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


def rich(form):
    """Fill in what the pasted seed lacks: rules, reasons with line breaks, sign-off, settings."""
    from perfgui.model import Rule, Status
    from perfgui.model.form import GradeBand

    leaves = form.scored()
    leaves[0].rule = Rule.MANUAL
    leaves[3].rule = Rule.QUALITATIVE
    leaves[5].reason = "第一行原因\n第二行：已整改"
    leaves[5].score = leaves[5].max_points - Decimal("0.25")
    leaves[7].target = "≤90万元"
    form.signoff.fields[0].value = "张三"
    form.signoff.fields[1].value = "李四"
    form.signoff.fields[2].value = "021-12345678"
    form.signoff.fields[3].value = "2025年3月1日"
    form.settings.grade_bands = [GradeBand(Decimal(90), "优秀"), GradeBand(Decimal(75), "良好"),
                                 GradeBand(Decimal(60), "合格")]
    form.settings.lowest_grade = "不合格"
    form.settings.negative_mode = "ratio"
    form.status = Status.FINAL
    return form


def without_ids(data: dict) -> dict:
    data = dict(data)
    data.pop("id", None)

    def strip(nodes):
        out = []
        for n in nodes:
            n = {k: v for k, v in n.items() if k != "id"}
            if "children" in n:
                n["children"] = strip(n["children"])
            out.append(n)
        return out

    data["indicators"] = strip(data["indicators"])
    return data


def visible_fields(form) -> dict:
    """What the visible sheet shows, as Decimals and text: compared field for field."""
    return {
        "kind": form.kind,
        "header": vars(form.header),
        "budget": (form.budget.unit, form.budget.points,
                   [(r.key, r.initial, r.planned, r.actual) for r in form.budget.rows]),
        "goals": (form.goals.planned, form.goals.achieved),
        "tree": [(n.level, n.name, n.weight, n.target, n.actual, n.max_points, n.score, n.reason, n.note)
                 for n in form.root.walk() if n is not form.root],
        "signoff": [(f.label, f.value) for f in form.signoff.fields],
        "seal": form.signoff.seal_label,
    }


def drop_data_sheet(xlsx: bytes) -> bytes:
    """The same workbook as a person who deleted our hidden sheet would send it."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx))
    del wb["perfgui_data"]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def soffice_convert(src: Path, fmt: str, outdir: Path, profile: Path) -> Path:
    """Convert with LibreOffice in its own profile (parallel runs must not share one)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt,
         "--outdir", str(outdir), str(src)],
        capture_output=True, timeout=180)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert proc.returncode == 0 and out.exists(), (proc.returncode, proc.stdout, proc.stderr)
    return out


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    root = Path(__file__).resolve().parent.parent.parent
    return subprocess.run([sys.executable, "-m", "perfgui", *args], capture_output=True, cwd=cwd or root,
                          timeout=300)


