"""Export and import times: the seed form and a 1,000-indicator form, each format.

    python bench/bench_exchange.py [--repeat N]

Medians and p95 in milliseconds; sizes in KiB. PDF needs ``perfgui.report``. The Excel export is
timed twice: the openpyxl writer it replaced (bench/baseline_xlsx_openpyxl.py, the baseline) and
the XlsxWriter one, in the same run.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import big_form, measure, ms, print_table, seed_form  # noqa: E402
from perfgui.exchange import outputs  # noqa: E402
from perfgui.exchange.files import read_form_json  # noqa: E402
from perfgui.exchange.mail import draft_eml  # noqa: E402
from perfgui.exchange.xlsx import read_xlsx_bytes  # noqa: E402
from bench.baseline_xlsx_openpyxl import xlsx_bytes as old_xlsx  # noqa: E402


def _visible_only(xlsx: bytes) -> bytes:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx))
    del wb["perfgui_data"]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    try:
        from perfgui.report import render_pdf  # noqa: F401
        has_pdf = True
    except ImportError:
        has_pdf = False
    rows = []
    for label, form in (("seed (51)", seed_form()), ("1,000", big_form(1000))):
        xlsx = outputs.xlsx_bytes(form)
        js = outputs.json_bytes(form)
        plain = _visible_only(xlsx)
        pdf = outputs.pdf_bytes(form) if has_pdf else b"%PDF"
        cases = [
            ("export .json", lambda: outputs.json_bytes(form), len(js)),
            ("import .json", lambda: read_form_json(js), len(js)),
            ("export .xlsx before: openpyxl, formulas without values", lambda: old_xlsx(form), len(old_xlsx(form))),
            ("export .xlsx after: XlsxWriter, formulas with values", lambda: outputs.xlsx_bytes(form), len(xlsx)),
            ("import .xlsx (ours)", lambda: read_xlsx_bytes(xlsx), len(xlsx)),
            ("import .xlsx (visible sheet only)", lambda: read_xlsx_bytes(plain), len(plain)),
            ("export .eml (given PDF, xlsx)", lambda: draft_eml(form, pdf, xlsx), None),
        ]
        if has_pdf:
            cases.insert(5, ("export .pdf (QR code and fingerprint on every page)", lambda: outputs.pdf_bytes(form),
                             len(pdf)))
        for name, fn, size in cases:
            r = measure(fn, repeat=args.repeat)
            rows.append([label, name, ms(r["median"]), ms(r["p95"]), f"{size / 1024:.1f}" if size else ""])
    print_table("exchange: export and import", ["form", "operation", "median ms", "p95 ms", "KiB"], rows)


if __name__ == "__main__":
    main()
