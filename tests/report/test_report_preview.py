"""The print preview dialog, offscreen: the real PDF shown, saved, printed to a PDF printer."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

pytest.importorskip("PySide6.QtPdfWidgets")

from pypdf import PdfReader  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox  # noqa: E402

from perfgui.model.serialize import fingerprint  # noqa: E402
from perfgui.ui import print_preview as pp  # noqa: E402

from report_pdfcheck import pages_text  # noqa: E402


def wait_rendered(qtbot, dialog):
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.document.pageCount() > 0, timeout=10000)


@pytest.fixture
def answers(monkeypatch):
    """Scripted answers to the draft question and the glyph warning, and what was asked."""
    asked = {"draft": [], "missing": []}
    state = {"draft": pp.DRAFT, "missing": True}

    def ask_draft(parent, errors):
        asked["draft"].append(errors)
        return state["draft"]

    def warn_missing(parent, chars):
        asked["missing"].append(list(chars))
        return state["missing"] if chars else True

    monkeypatch.setattr(pp, "ask_draft", ask_draft)
    monkeypatch.setattr(pp, "warn_missing", warn_missing)
    return state, asked


def test_dialog_shows_the_real_pdf(qtbot, seed_form):
    dialog = pp.PrintPreviewDialog(seed_form)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_rendered(qtbot, dialog)
    data = dialog.pdf_bytes()
    assert dialog.document.pageCount() == len(PdfReader(io.BytesIO(data)).pages) == 3
    assert dialog.page_count_label.text() == "共 3 页"
    # The seed has errors: the preview is a draft and says so.
    assert dialog.draft_box.isChecked()
    assert "草稿" in dialog.info.text() and "错误" in dialog.info.text()
    dialog.go_to_page(2)
    assert dialog.page_box.value() == 3 and not dialog.next_button.isEnabled()
    # Landscape re-renders on the worker thread: the seed takes four landscape pages.
    dialog.landscape.setChecked(True)
    wait_rendered(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.document.pageCount() == 4, timeout=10000)
    size = dialog.document.pagePointSize(0)
    assert size.width() > size.height()


def test_save_as_writes_the_confirmed_final_pdf(qtbot, seed_form, tmp_path, monkeypatch, answers):
    state, asked = answers
    state["draft"] = pp.FINAL  # 仍按正式稿打印
    target = tmp_path / "自评表"  # no suffix: .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    dialog = pp.PrintPreviewDialog(seed_form)
    qtbot.addWidget(dialog)
    wait_rendered(qtbot, dialog)
    written = dialog.save_as()
    assert written == tmp_path / "自评表.pdf" and asked["draft"] == [dialog.errors]
    data = written.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    text = "".join(pages_text(data))
    assert f"表单指纹：{fingerprint(seed_form)}" in text and "草稿" not in text
    assert not dialog.draft_box.isChecked()
    assert fingerprint(seed_form) in dialog.info.text()
    # Asked once per dialog: a second save does not ask again.
    dialog.save_as()
    assert len(asked["draft"]) == 1
    assert not list(tmp_path.glob(".*.tmp"))


def test_cancel_writes_nothing(qtbot, seed_form, tmp_path, monkeypatch, answers):
    state, asked = answers
    state["draft"] = None  # 取消
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
    state["missing"] = False  # the person stops
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "x.pdf"), "")))
    assert dialog.save_as() is None
    assert asked["missing"] == [["🎉"]] and not (tmp_path / "x.pdf").exists()


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
    assert asked["draft"] == [pp.has_errors(form)] and asked["draft"][0] > 0
    assert len(PdfReader(str(out)).pages) == len(PdfReader(io.BytesIO(pp.render_pdf(form))).pages)


def test_ask_draft_offers_the_three_choices(qtbot, monkeypatch):
    seen = {}

    def fake_exec(box):
        seen["text"] = box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        next(b for b in box.buttons() if b.text() == "仍按正式稿打印").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert pp.ask_draft(None, 3) == pp.FINAL
    assert seen["text"] == "表单仍有 3 个错误，是否打印为草稿？"
    assert sorted(seen["buttons"]) == sorted(["打印草稿", "仍按正式稿打印", "取消"])
