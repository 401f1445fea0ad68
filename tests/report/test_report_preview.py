"""The print preview dialog, offscreen: the real PDF shown, saved, printed to a PDF printer."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

pytest.importorskip("PySide6.QtPdfWidgets")

from pypdf import PdfReader  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox  # noqa: E402

from perfgui.model import Status  # noqa: E402
from perfgui.model.serialize import fingerprint  # noqa: E402
from perfgui.report import DRAFT_WARNING, output_warnings  # noqa: E402
from perfgui.ui import print_preview as pp  # noqa: E402

from report_pdfcheck import pages_text  # noqa: E402


def wait_rendered(qtbot, dialog):
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.document.pageCount() > 0, timeout=10000)


@pytest.fixture
def answers(monkeypatch):
    """Scripted answers to the shared output warnings, and what was shown."""
    asked = {"warnings": []}
    state = {"go_on": True}

    def confirm_warnings(parent, warnings):
        asked["warnings"].append(list(warnings))
        return state["go_on"] if warnings else True

    monkeypatch.setattr(pp, "confirm_warnings", confirm_warnings)
    return state, asked


def test_dialog_shows_the_real_pdf(qtbot, seed_form):
    dialog = pp.PrintPreviewDialog(seed_form)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_rendered(qtbot, dialog)
    data = dialog.pdf_bytes()
    assert dialog.document.pageCount() == len(PdfReader(io.BytesIO(data)).pages) == 3
    assert dialog.page_count_label.text() == "共 3 页"
    # The seed is a draft with errors: the preview says so.
    assert "草稿" in dialog.info.text() and "错误" in dialog.info.text()
    dialog.go_to_page(2)
    assert dialog.page_box.value() == 3 and not dialog.next_button.isEnabled()
    # Landscape re-renders on the worker thread: the seed takes four landscape pages.
    dialog.landscape.setChecked(True)
    wait_rendered(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.document.pageCount() == 4, timeout=10000)
    size = dialog.document.pagePointSize(0)
    assert size.width() > size.height()


def test_save_as_writes_the_final_pdf_of_a_final_form(qtbot, seed_form, tmp_path, monkeypatch, answers):
    state, asked = answers
    seed_form.status = Status.FINAL
    target = tmp_path / "自评表"  # no suffix: .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    dialog = pp.PrintPreviewDialog(seed_form)
    qtbot.addWidget(dialog)
    wait_rendered(qtbot, dialog)
    written = dialog.save_as()
    assert written == tmp_path / "自评表.pdf" and asked["warnings"] == [[]]
    data = written.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    text = "".join(pages_text(data))
    assert f"表单指纹：{fingerprint(seed_form)}" in text and "非正式版本" not in text
    assert fingerprint(seed_form) in dialog.info.text() and "正式稿" in dialog.info.text()
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_draft_is_saved_as_a_draft_after_the_shared_warning(qtbot, seed_form, tmp_path, monkeypatch,
                                                               answers):
    state, asked = answers
    target = tmp_path / "草稿.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    dialog = pp.PrintPreviewDialog(seed_form)
    qtbot.addWidget(dialog)
    wait_rendered(qtbot, dialog)
    assert dialog.save_as() == target
    assert asked["warnings"] == [output_warnings(seed_form)] and DRAFT_WARNING in asked["warnings"][0]
    assert "非正式版本" in "".join(pages_text(target.read_bytes()))
    # Warned once per dialog: a second save does not ask again.
    dialog.save_as()
    assert len(asked["warnings"]) == 1


def test_cancel_writes_nothing(qtbot, seed_form, tmp_path, monkeypatch, answers):
    state, asked = answers
    state["go_on"] = False  # 取消
    called = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: called.append(1)))
    dialog = pp.PrintPreviewDialog(seed_form)
    qtbot.addWidget(dialog)
    wait_rendered(qtbot, dialog)
    assert dialog.save_as() is None and not called


def test_missing_glyphs_are_listed_and_warned(qtbot, seed_form, tmp_path, monkeypatch, answers):
    state, asked = answers
    seed_form.sections[1].children[0].children[0].reason = "有表情🎉"
    dialog = pp.PrintPreviewDialog(seed_form)
    qtbot.addWidget(dialog)
    wait_rendered(qtbot, dialog)
    assert "🎉" in dialog.info.text() and "□" in dialog.info.text()
    state["go_on"] = False  # the person stops
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "x.pdf"), "")))
    assert dialog.save_as() is None
    assert len(asked["warnings"]) == 1 and "🎉（U+1F389）" in asked["warnings"][0][-1]
    assert not (tmp_path / "x.pdf").exists()


def test_print_to_a_pdf_printer_prints_every_page(qtbot, seed_form, tmp_path, answers):
    dialog = pp.PrintPreviewDialog(seed_form)
    qtbot.addWidget(dialog)
    wait_rendered(qtbot, dialog)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert dialog.print_to(printer)
    assert len(PdfReader(str(out)).pages) == dialog.document.pageCount() == 3


def test_print_form_goes_through_the_print_dialog(qtbot, tmp_path, monkeypatch, answers):
    from bench.common import big_form

    form = big_form(40)
    form.sections[0].weight = Decimal(31)  # weights now add up to 101: the question is asked
    out = tmp_path / "direct.pdf"

    class FakePrintDialog:
        def __init__(self, printer, parent=None):
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(pp, "QPrintDialog", FakePrintDialog)
    monkeypatch.setattr(pp, "MAX_PRINT_DPI", 72)
    state, asked = answers
    assert pp.print_form(form, None)
    assert asked["warnings"] == [[DRAFT_WARNING]]
    assert len(PdfReader(str(out)).pages) == len(PdfReader(io.BytesIO(pp.render_pdf(form))).pages)


def test_the_shared_warning_box_lists_every_warning(qtbot, monkeypatch):
    seen = {}

    def fake_warning(parent, title, text, *args):
        seen["text"] = text
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", fake_warning)
    assert pp.confirm_warnings(None, ["甲", "乙"]) is False
    assert seen["text"].startswith("甲\n\n乙")
    assert pp.confirm_warnings(None, []) is True
