"""Benchmark: printing to PDF, in-process and as a whole export process beside LibreOffice.

Run: python bench/bench_report.py [--quick]

In-process: ``render_pdf`` on the seed, on 500 and 1,000 generated indicators and on a form
with 2,000-character reasons (fonts already loaded: the first render of a process also parses
the font, which the process figures include). Process: ``python -m perfgui export SEED --pdf``
against ``soffice --headless --convert-to pdf`` converting the same form's Excel export, run
alternately in the same loop so machine load affects both alike. Targets: seed ≤ 100 ms,
1,000 indicators ≤ 1 s, the export process ≥ 3× faster than LibreOffice.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, SEED, big_form, measure, ms, print_table, seed_form  # noqa: E402

ISSUED = datetime.date(2025, 3, 1)


def xlsx_for(form) -> tuple[bytes, str]:
    """The form's Excel export, and where it came from."""
    try:
        from perfgui.exchange.outputs import xlsx_bytes
    except ImportError:
        xlsx_bytes = None
    if xlsx_bytes is not None:
        try:
            return xlsx_bytes(form), "perfgui.exchange.outputs.xlsx_bytes"
        except ModuleNotFoundError:
            pass
    return _openpyxl_table(form), "openpyxl table built by this benchmark"


def _openpyxl_table(form) -> bytes:
    """A comparable one-sheet table (used only while the real Excel export is missing)."""
    import io

    from openpyxl import Workbook

    from perfgui.model import fmt2

    wb = Workbook()
    ws = wb.active
    ws.append([form.title])
    ws.append(["一级指标", "权重", "二级指标", "三级指标", "年度指标值", "全年完成值", "分值", "得分", "偏差及原因分析"])
    for leaf in form.scored():
        chain = leaf.ancestors()
        ws.append([chain[0].name if chain else "", "", chain[1].name if len(chain) > 1 else "", leaf.name,
                   leaf.target, leaf.actual, fmt2(leaf.max_points), fmt2(leaf.score), leaf.reason])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def timed(args: list[str], cwd: Path) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, capture_output=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{proc.stderr.decode('utf-8', 'replace')}")
    return elapsed


def median(values: list[float]) -> float:
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def main(argv: list[str]) -> None:
    quick = "--quick" in argv
    from perfgui.report import render_pdf

    seed = seed_form()
    forms = [
        ("seed (51 indicators)", seed, 20),
        ("500 indicators", big_form(500), 5),
        ("1,000 indicators", big_form(1000), 5),
        ("200 indicators, 2,000-char reasons", big_form(200, reason_chars=2000), 3),
    ]
    t0 = time.perf_counter()
    render_pdf(seed, issued=ISSUED)
    first = time.perf_counter() - t0
    rows = [["seed, first render in process (font load)", ms(first), "", "", ""]]
    for label, form, repeat in forms:
        data = render_pdf(form, issued=ISSUED)
        pages = data.count(b"/Type /Page\n")
        s = measure(lambda f=form: render_pdf(f, issued=ISSUED), repeat=2 if quick else repeat)
        rows.append([label, ms(s["median"]), ms(s["p95"]), str(pages), f"{len(data) / 1024:.0f}"])
    print_table("render_pdf in-process (ms; fonts loaded)", ["form", "median", "p95", "pages", "KB"], rows)

    # The QR code on every page: the seed rendered with it, and with it left out, in this run.
    from perfgui.report import pdf as pdf_module

    rows = []
    for label, form in (("seed (3 pages)", seed), ("500 indicators", forms[1][1])):
        with_qr = measure(lambda f=form: render_pdf(f, issued=ISSUED), repeat=2 if quick else 7)
        drawn = pdf_module._PagePainter.qr
        pdf_module._PagePainter.qr = lambda self, *a: None
        try:
            without = measure(lambda f=form: render_pdf(f, issued=ISSUED), repeat=2 if quick else 7)
        finally:
            pdf_module._PagePainter.qr = drawn
        rows.append([label, ms(with_qr["median"]), ms(without["median"]),
                     ms(with_qr["median"] - without["median"])])
    print_table("render_pdf with and without the QR code (ms, medians)",
                ["form", "with QR", "without QR", "QR cost"], rows)

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    outputs_ready = (ROOT / "perfgui" / "exchange" / "outputs.py").exists()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        out_pdf = tmp_path / "out.pdf"
        if outputs_ready:
            export = [sys.executable, "-m", "perfgui", "export", str(SEED), "--pdf", str(out_pdf)]
            export_label = "python -m perfgui export SEED --pdf"
        else:
            code = ("import sys,datetime;sys.path.insert(0,sys.argv[1]);from bench.common import seed_form;"
                    "from perfgui.report import render_pdf;open(sys.argv[2],'wb').write(render_pdf(seed_form()))")
            export = [sys.executable, "-c", code, str(ROOT), str(out_pdf)]
            export_label = "python -c render_pdf (export command missing)"
        baseline = [sys.executable, "-c", "pass"]
        runs = {"base": [], "export": [], "lo": []}
        repeat = 2 if quick else 7
        lo_cmd = None
        source = ""
        if soffice:
            xlsx, source = xlsx_for(seed)
            xlsx_path = tmp_path / "seed.xlsx"
            xlsx_path.write_bytes(xlsx)
            profile = (tmp_path / "lo-profile").as_uri()
            lo_cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                      "--outdir", str(tmp_path / "lo"), str(xlsx_path)]
            timed(lo_cmd, tmp_path)  # the first start creates LibreOffice's profile
        timed(export, ROOT)
        for _ in range(repeat):
            runs["base"].append(timed(baseline, ROOT))
            runs["export"].append(timed(export, ROOT))
            if lo_cmd:
                runs["lo"].append(timed(lo_cmd, tmp_path))
        rows = [["python -c pass (baseline)", ms(median(runs["base"])), ""],
                [export_label, ms(median(runs["export"])), ""]]
        if lo_cmd:
            lo = median(runs["lo"])
            ratio = lo / median(runs["export"])
            rows.append(["soffice --headless --convert-to pdf (same form's xlsx)", ms(lo), ""])
            rows.append(["LibreOffice ÷ perfgui export", f"{ratio:.1f}×", "target ≥ 3×"])
        print_table(f"whole process, median of {repeat} (ms)", ["what", "median", "note"], rows)
        if lo_cmd:
            print(f"xlsx for LibreOffice: {source}")
        else:
            print("LibreOffice (soffice) not installed: no comparison")


if __name__ == "__main__":
    main(sys.argv[1:])
