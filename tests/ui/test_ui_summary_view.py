"""The 汇总 view in the window: read a folder of received forms, sort, filter, open, export."""

from __future__ import annotations

import io
import time
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from perfgui.exchange.outputs import json_bytes, xlsx_bytes
from perfgui.model import FormKind
from perfgui.ui.summary_view import COLUMNS, SummaryView

import sys

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "review"))
from review_helpers import clean_form, hostile_workers, leaf  # noqa: E402


def _folder(tmp_path: Path, n: int = 24) -> Path:
    folder = tmp_path / "收到的表单"
    for i in range(n):
        form = clean_form(f"第{i:02d}街道", 2024, FormKind.PROJECT, project=f"项目{i:02d}")
        if i == 5:
            leaf(form, "验收合格率").actual = "140%"
        data = xlsx_bytes(form) if i % 2 else json_bytes(form)
        (folder / f"f{i:02d}.{'xlsx' if i % 2 else 'json'}").parent.mkdir(exist_ok=True)
        (folder / f"f{i:02d}.{'xlsx' if i % 2 else 'json'}").write_bytes(data)
    (folder / "坏文件.xlsx").write_bytes(b"PK\x03\x04 broken")
    return folder


def test_summary_view_reads_sorts_filters_opens_and_exports(open_window, qtbot, tmp_path, monkeypatch):
    w = open_window()
    folder = _folder(tmp_path)
    w.action_set["summary"].trigger()
    view: SummaryView = w.summary_view  # a child of the window, deleted when closed
    view.add_source(folder)
    view.start()
    assert not view.start_button.isEnabled() and view.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: view.summary is not None, timeout=60000)
    assert view.model.rowCount() == 24
    assert "1 个文件无法读取" in view.stats.text() and "坏文件.xlsx" in view.stats.text()
    # Riskiest first: the form whose target was beaten by 47 %.
    first = view.proxy.index(0, [k for k, _ in COLUMNS].index("unit")).data()
    assert first == "第05街道"
    view.filter.setText("第1")
    assert view.proxy.rowCount() == 10
    view.filter.setText("")
    # Sorting by 年度/总分 sorts numbers as numbers, and by 单位 as text.
    unit_col = [k for k, _ in COLUMNS].index("unit")
    view.table.sortByColumn(unit_col, Qt.SortOrder.AscendingOrder)
    assert view.proxy.index(0, unit_col).data() == "第00街道"
    opened = []
    monkeypatch.setattr(w, "import_file", lambda path, **kw: opened.append(path))
    view.table.doubleClicked.emit(view.proxy.index(3, 0))
    assert opened and Path(opened[0]).name == "f03.xlsx"
    out = tmp_path / "汇总.xlsx"
    monkeypatch.setattr(view, "_save_path", lambda fmt: str(out))
    assert view.export("xlsx") == out
    wb = load_workbook(io.BytesIO(out.read_bytes()), data_only=True)
    assert wb["明细"].max_row == 25
    view.close()


def test_summary_view_can_be_cancelled_and_keeps_the_window_responsive(open_window, qtbot, tmp_path):
    w = open_window()
    folder = _folder(tmp_path, n=60)
    view = SummaryView(w, w.library)
    qtbot.addWidget(view)
    view.show()
    view.add_source(folder)
    ticks = []
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    view.start()
    qtbot.waitUntil(lambda: view.bar.value() >= 8, timeout=60000)
    view.cancel()
    qtbot.waitUntil(lambda: view.summary is not None, timeout=60000)
    timer.stop()
    assert view.summary.cancelled and len(view.summary.records) < 60
    assert "已取消" in view.stats.text()
    assert len(ticks) >= 5  # the event loop ran while the workers read
    view.close()


def test_summary_view_lists_files_past_their_budget_and_cancels_a_stuck_worker(open_window, qtbot, tmp_path,
                                                                               monkeypatch):
    """A real form too large for the budget and a guard-refused file among normal ones; then a
    reader that never ends (tests/exchange/hostile_readers.py) and 取消."""
    from bench.bench_hostile import _visible_changed, hostile_cases
    from bench.common import big_form
    from perfgui.exchange.sandbox import Limits

    w = open_window()
    folder = _folder(tmp_path, n=12)
    (folder / "大文件.xlsx").write_bytes(_visible_changed(xlsx_bytes(big_form(12_000))))
    (folder / "合并.xlsx").write_bytes(hostile_cases("small", only=["merge dollar signs"])["merge dollar signs"][1])
    hostile_workers(tmp_path, monkeypatch)
    (folder / "endless_卡住.json").write_bytes(json_bytes(clean_form("某单位", 2024, project="x")))
    view = SummaryView(w, w.library)
    view.limits = Limits(time_s=4.0)
    qtbot.addWidget(view)
    view.show()
    view.add_source(folder)
    view.start()
    qtbot.waitUntil(lambda: view.summary is not None, timeout=120000)
    reasons = {Path(x.path).name: x.reason for x in view.summary.unreadable}
    assert set(reasons) == {"坏文件.xlsx", "大文件.xlsx", "合并.xlsx", "endless_卡住.json"}
    assert "超时" in reasons["大文件.xlsx"] and "超时" in reasons["endless_卡住.json"]
    assert "合并单元格" in reasons["合并.xlsx"]
    assert view.model.rowCount() == 12 and "4 个文件无法读取" in view.stats.text()
    assert "超时" in view.stats.text()
    # No budget to wait for: a worker stuck on a file, and 取消.
    view.limits = Limits(time_s=600)
    view.start()
    qtbot.waitUntil(lambda: view.bar.value() >= 3, timeout=60000)
    view.cancel()
    t0 = time.monotonic()
    qtbot.waitUntil(lambda: view.summary is not None and view.reader is None, timeout=20000)
    assert time.monotonic() - t0 < 10  # the stuck worker was killed, not waited for
    assert view.summary.cancelled and "已取消" in view.stats.text()
    read = {Path(r.path).name for r in view.summary.records} | {Path(x.path).name for x in view.summary.unreadable}
    assert "endless_卡住.json" not in read  # first in the folder: its worker had it until 取消
    assert view.start_button.isEnabled()
    view.close()
