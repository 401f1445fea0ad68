"""Read times per source format (the grid stage, and grid + recogniser): seed and a 1,000-indicator form.

    python bench/bench_read.py [--repeat N]

Each form is exported by our writer, saved again by LibreOffice (formulas computed) and
converted by it to .xls, .ods, .html, .pdf and, through Writer, .docx; ours is our own printed
PDF. Medians and p95 in milliseconds (wall clock, and the CPU time of the grid stage, which is
what a quiet PC sees); sizes in KiB. Without LibreOffice only the formats our
own code writes are measured. A PDF or Word form of the seed's size should read in under a second.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import big_form, measure, ms, print_table, seed_form  # noqa: E402
from perfgui.exchange import outputs  # noqa: E402
from perfgui.readers.recognise import recognise  # noqa: E402
from perfgui.readers.sources import read_bytes  # noqa: E402


def _soffice(profile: Path, outdir: Path, fmt: str, src: Path, *extra: str) -> Path | None:
    exe = shutil.which("soffice")
    if exe is None:
        return None
    subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", *extra, "--convert-to", fmt,
                    "--outdir", str(outdir), str(src)], capture_output=True, timeout=600)
    out = outdir / f"{src.stem}.{fmt.split(':')[0]}"
    return out if out.exists() else None


def _files(form, label: str, work: Path) -> dict[str, bytes]:
    files = {"text (.txt)": _as_text(form), "pdf (ours)": outputs.pdf_bytes(form)}
    src = work / f"{label}.xlsx"
    src.write_bytes(outputs.xlsx_bytes(form))
    profile = work / "profile"
    ref = _soffice(profile, work / "xlsx", "xlsx", src)
    if ref is None:
        files["xlsx (ours)"] = src.read_bytes()
        return files
    files["xlsx"] = ref.read_bytes()
    for fmt in ("xls", "ods", "html", "pdf"):
        out = _soffice(profile, work / fmt, fmt, ref)
        if out is not None:
            files[fmt] = out.read_bytes()
    html = work / "html" / f"{label}.html"
    docx = _soffice(profile, work / "docx", "docx:MS Word 2007 XML", html, "--infilter=HTML (StarWriter)")
    if docx is not None:
        files["docx"] = docx.read_bytes()
    return files


def _as_text(form) -> bytes:
    """The form as the tab-separated text a copy out of its Excel sheet gives."""
    from perfgui.readers.sources.xlsx import read_xlsx

    (g,) = read_xlsx(outputs.xlsx_bytes(form))
    return "\n".join("\t".join(t.replace("\n", " ") for t in row) for row in g.rows).encode("utf-8")


def _cpu(fn, repeat: int) -> float:
    """Median CPU seconds of ``fn``: on a machine shared with other work, wall time overstates it."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, form in (("seed", seed_form()), ("1000", big_form(1000))):
            work = Path(tmp) / label
            work.mkdir()
            for fmt, data in _files(form, label, work).items():
                name = f"form.{fmt.split()[0]}"
                repeat = args.repeat if label == "seed" else max(3, args.repeat // 2)
                grids = measure(lambda d=data, n=name: read_bytes(d, n), repeat=repeat)
                cpu = _cpu(lambda d=data, n=name: read_bytes(d, n), repeat)
                full = measure(lambda d=data, n=name: recognise(read_bytes(d, n)), repeat=repeat, warmup=0)
                rows.append([label, fmt, ms(grids["median"]), ms(grids["p95"]), ms(cpu), ms(full["median"]),
                             f"{len(data) / 1024:.1f}"])
    print_table("read: grid stage per source (and grid + recogniser)",
                ["form", "format", "grids median ms", "grids p95 ms", "grids cpu ms", "+recognise median ms", "KiB"],
                rows)


if __name__ == "__main__":
    main()
