"""The 汇总 view in the window: read a folder of received forms, sort, filter, open, export."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from perfgui.exchange.outputs import json_bytes, xlsx_bytes
from perfgui.model import FormKind
from perfgui.ui.summary_view import COLUMNS, SummaryView

import sys

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "review"))
from review_helpers import clean_form, leaf  # noqa: E402


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
