"""Shared pieces of the benchmarks: generated forms, timing, and the printed table.

Figures are medians (and p95) over repeated runs; each benchmark measures a baseline in the
same run so a noisy shared machine shifts both sides alike.
"""

from __future__ import annotations

import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from perfgui.model import Form, Node  # noqa: E402

try:
    from perfgui.readers.pasted import read_pasted  # noqa: E402
except ImportError:  # the original layout, which bench/compare.py measures beside this one
    from perfgui.model import read_pasted  # noqa: E402
from perfgui.model.form import Budget, FormKind, Header  # noqa: E402

SEED = ROOT / "tests" / "data" / "seed_2024.txt"


def seed_form() -> Form:
    return read_pasted(SEED.read_text(encoding="utf-8")).form


def big_form(indicators: int = 2000, *, reason_chars: int = 0) -> Form:
    """A valid department form with ``indicators`` scored 三级 rows under 4 一级 × 5 二级."""
    weights = [Decimal(30), Decimal(30), Decimal(30), Decimal(10)]
    names = ["投入管理指标", "产出指标", "效益指标", "满意度指标"]
    per_section = [indicators // 4] * 4
    per_section[-1] += indicators - sum(per_section)
    root = Node()
    for s, (name, weight, count) in enumerate(zip(names, weights, per_section)):
        sec = root.append(Node(name, weight=weight))
        groups = [sec.append(Node(f"{name[:2]}二级指标{g + 1}")) for g in range(5)]
        # Points in cents that add up exactly to the weight.
        cents = int(weight * 100)
        base, extra = divmod(cents, count)
        for i in range(count):
            pts = Decimal(base + (1 if i < extra else 0)) / 100
            score = pts if i % 7 else pts / 2
            reason = "" if score == pts else ("部分完成，" * max(1, reason_chars // 5))[: max(reason_chars, 8)]
            groups[i % 5].append(Node(
                f"第{s + 1}类第{i + 1}项指标完成率", target="≥95%", actual=f"{90 + i % 10}%",
                max_points=pts, score=score.quantize(Decimal("0.01")), reason=reason))
    budget = Budget.for_kind(FormKind.DEPARTMENT)
    for row, (p, a) in zip(budget.rows, [("1000000.00", "990000.00"), ("0", "0"),
                                         ("300000.00", "290000.00"), ("700000.00", "700000.00")]):
        row.planned, row.actual = Decimal(p), Decimal(a)
    return Form(kind=FormKind.DEPARTMENT, header=Header(unit="基准测试单位", year=2024),
                budget=budget, root=root)


def measure(fn: Callable[[], object], repeat: int = 20, warmup: int = 1) -> dict:
    """Run ``fn`` repeatedly; seconds as median, p95, min, and every run's: wall ("times") and CPU ("cpu")."""
    for _ in range(warmup):
        fn()
    times, cpu = [], []
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return {"median": statistics.median(times), "p95": p95, "min": times[0], "n": len(times), "times": times,
            "cpu": sorted(cpu)}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    """A plain-text table, columns padded to width."""
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    print(f"\n## {title}")
    print("  ".join(str(h).ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
