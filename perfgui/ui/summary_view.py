"""The 汇总 view: many received forms read, checked and reviewed at once, as a sortable table.

Reading runs in worker processes started from a QThread (``perfgui.review.collect``), so the
window keeps painting; progress and 取消 are in the view (取消 kills the workers at once). Each
file has an import's time and memory budget: one past it is listed as unreadable with the
reason. A double click opens the form in the main window (a file is imported as usual, a stored
form is opened); the table goes to Excel or PDF exactly as ``python -m perfgui summary`` writes it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QObject, QSortFilterProxyModel, Qt,
                            QThread, Signal)
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QListWidget, QMessageBox, QProgressBar,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from ..review.summary import KIND_LABEL, Summary

COLUMNS = (("risk", "风险分"), ("unit", "单位"), ("kind", "类别"), ("project", "项目"), ("year", "年度"),
           ("total", "总分"), ("grade", "等级"), ("rate", "执行率(%)"), ("errors", "错误"),
           ("warnings", "警告"), ("reasons", "复核提示"), ("fingerprint", "指纹"), ("path", "文件"))
NUMERIC = {"risk", "year", "total", "rate", "errors", "warnings"}


class SummaryModel(QAbstractTableModel):
    """The rows of a ``Summary``; sorting by numbers sorts numerically."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        value = row.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "kind":
                return KIND_LABEL.get(value, value)
            if key == "reasons":
                return "；".join(value) if value else ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and key == "reasons" and value:
            return "\n".join(value)
        if role == Qt.ItemDataRole.UserRole:  # the sort key
            if key in NUMERIC:
                try:
                    return float(value) if value not in (None, "") else -1.0
                except (TypeError, ValueError):
                    return -1.0
            return "；".join(value) if isinstance(value, list) else str(value or "")
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class _Reader(QThread):
    progress = Signal(int, int, str)
    finished_with = Signal(object)

    def __init__(self, paths: list[Path], library, limits=None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths, self.library, self.limits = paths, library, limits
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        from ..review.collect import Collected, collect_files
        from ..review.summary import summarise

        collected = collect_files(self.paths, limits=self.limits, cancelled=lambda: self._cancel,
                                  progress=lambda d, t, p: self.progress.emit(d, t, p))
        if self.library is not None:
            merged = Collected(collected.records + self.library.records,
                               collected.unreadable + self.library.unreadable, collected.cancelled)
            collected = merged
        self.finished_with.emit(summarise(collected))


class SummaryView(QDialog):
    """汇总: choose folders and files (or the library), read them all, sort, filter, open, export."""

    opened = Signal(str)  # a file path or "库:<id>" the person double-clicked
    # Each file's time and memory budget (perfgui.exchange.sandbox.Limits; None: an import's).
    limits = None

    def __init__(self, window: QWidget | None = None, library=None) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("汇总多份表单"))
        self.library = library
        self.summary: Summary | None = None
        self.reader: _Reader | None = None
        self.sources = QListWidget()
        self.sources.setMaximumHeight(80)
        add_folder = QPushButton(self.tr("添加文件夹…"))
        add_files = QPushButton(self.tr("添加文件…"))
        self.use_library = QPushButton(self.tr("加入表单库中的表单"))
        self.use_library.setCheckable(True)
        self.use_library.setEnabled(library is not None)
        self.start_button = QPushButton(self.tr("开始汇总"))
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setEnabled(False)
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.bar.setFormat("%v / %m")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("筛选：单位、项目、等级、提示…"))
        self.filter.setClearButtonEnabled(True)
        self.stats = QLabel(self.tr("选择要汇总的文件夹或文件，然后点“开始汇总”。"))
        self.stats.setWordWrap(True)
        self.model = SummaryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.export_xlsx = QPushButton(self.tr("导出 Excel…"))
        self.export_pdf = QPushButton(self.tr("导出 PDF…"))
        for b in (self.export_xlsx, self.export_pdf):
            b.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(add_folder)
        top.addWidget(add_files)
        top.addWidget(self.use_library)
        top.addStretch(1)
        top.addWidget(self.start_button)
        top.addWidget(self.cancel_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.filter, 1)
        bottom.addWidget(self.export_xlsx)
        bottom.addWidget(self.export_pdf)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sources)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        layout.addWidget(self.stats)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        add_folder.clicked.connect(self._choose_folder)
        add_files.clicked.connect(self._choose_files)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.doubleClicked.connect(self._open)
        self.export_xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.export_pdf.clicked.connect(lambda: self.export("pdf"))
        self._fit_screen()

    def _fit_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(min(1200, int(screen.width() * 0.9)), min(760, int(screen.height() * 0.85)))

    # sources ------------------------------------------------------------------------------------
    def add_source(self, path: str | Path) -> None:
        self.sources.addItem(str(path))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择收到的表单所在的文件夹"))
        if folder:
            self.add_source(folder)

    def _choose_files(self) -> None:
        from .open_filter import OPEN_FILTER

        files, _ = QFileDialog.getOpenFileNames(self, self.tr("选择表单文件"), "", OPEN_FILTER)
        for f in files:
            self.add_source(f)

    # reading --------------------------------------------------------------------------------------
    def start(self) -> None:
        from ..review.collect import collect_library, find_files

        sources = [self.sources.item(i).text() for i in range(self.sources.count())]
        if not sources and not self.use_library.isChecked():
            QMessageBox.information(self, self.tr("汇总"), self.tr("请先添加文件夹或文件，或加入表单库中的表单。"))
            return
        paths = find_files(sources)
        stored = collect_library(self.library) if self.use_library.isChecked() and self.library else None
        self.bar.setRange(0, max(len(paths), 1))
        self.bar.setValue(0)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.stats.setText(self.tr("正在读取 {0} 个文件…").format(len(paths)))
        self.reader = _Reader(paths, stored, self.limits, self)
        self.reader.progress.connect(self._progress)
        self.reader.finished_with.connect(self._done)
        self.reader.start()

    def cancel(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
            self.cancel_button.setEnabled(False)
            self.stats.setText(self.tr("正在取消…"))

    def _progress(self, done: int, total: int, path: str) -> None:
        self.bar.setMaximum(total)
        self.bar.setValue(done)

    def _done(self, summary: Summary) -> None:
        self.summary = summary
        self.reader.wait()
        self.reader = None
        self.model.set_rows(summary.rows())
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.resizeColumnsToContents()
        for col, width in ((1, 240), (3, 180), (10, 360)):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), width))
        u = summary.rollup
        grades = "，".join(f"{g} {n}" for g, n in u.grades.items())
        text = self.tr("共 {0} 份表单（{1}），平均 {2} 分；{3} 个文件无法读取；{4} 条复核提示；重复报送 {5} 处。").format(
            u.forms, grades or "—", u.mean if u.mean is not None else "—", u.unreadable, len(summary.flags),
            u.duplicates)
        if summary.cancelled:
            text = self.tr("已取消：只汇总了已读取的文件。") + text
        if summary.unreadable:
            text += "\n" + self.tr("无法读取：") + "；".join(
                f"{Path(x.path).name}（{x.reason[:60]}）" for x in summary.unreadable[:5])
        self.stats.setText(text)
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        for b in (self.export_xlsx, self.export_pdf):
            b.setEnabled(True)

    def _open(self, index) -> None:
        row = self.model.rows[self.proxy.mapToSource(index).row()]
        self.opened.emit(row["path"])

    # export ---------------------------------------------------------------------------------------
    def _save_path(self, fmt: str) -> str:
        name = "汇总.xlsx" if fmt == "xlsx" else "汇总.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出汇总"), name,
                                              "Excel (*.xlsx)" if fmt == "xlsx" else "PDF (*.pdf)")
        return path

    def export(self, fmt: str) -> Path | None:
        from ..fileio import WriteError, atomic_write_bytes
        from ..review.summary import summary_pdf, summary_xlsx

        if self.summary is None:
            return None
        path = self._save_path(fmt)
        if not path:
            return None
        try:
            atomic_write_bytes(path, summary_xlsx(self.summary) if fmt == "xlsx" else summary_pdf(self.summary))
        except WriteError as exc:
            QMessageBox.warning(self, self.tr("无法导出"), exc.message)
            return None
        self.stats.setText(self.stats.text().split("\n")[0] + "\n" + self.tr("已导出：{0}").format(path))
        return Path(path)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.reader is not None:
            self.reader.cancel()
            self.reader.wait()
        super().closeEvent(event)
