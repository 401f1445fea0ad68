"""What the window prints and exports carries the saved revision, as the command line's export does.

The footer prints the saved time and revision (not the print date), the PDF's date is the saved
time and the QR code names the revision: a paper from the window matches a saved version the same
way a paper from ``python -m perfgui export`` does. What was typed a moment ago is saved first; a
copy that is no saved revision (the save failed) is said before it goes out.
"""

from __future__ import annotations

import email
import email.policy
import io
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog, QMessageBox

from perfgui.exchange.xlsx_format import DATA_SHEET
from perfgui.model.serialize import fingerprint
from perfgui.model.stamp import parse_qr
from perfgui.report.pdf import pdf_date
from perfgui.store import StoreError
from perfgui.ui import export_actions as ea
from perfgui.ui import print_preview as pp
from tests.report.report_pdfcheck import needs_poppler, pages_text, qr_texts
from tests.ui.conftest import type_chinese

ROOT = Path(__file__).resolve().parents[2]

pytestmark = needs_poppler


@pytest.fixture
def quiet(monkeypatch, tmp_path):
    """The message boxes answered (recorded), the desktop not opened, exports into tmp_path."""
    said = []
    monkeypatch.setattr(ea, "_go_on", lambda parent, title, text: said.append(("ask", text)) or True)
    monkeypatch.setattr(ea, "_done", lambda parent, title, text, folder, problem=False: said.append(("done", text)))
    monkeypatch.setattr(ea, "_inform", lambda parent, title, text: said.append(("info", text)))
    monkeypatch.setattr(ea, "_warn", lambda parent, title, text: said.append(("warn", text)))
    monkeypatch.setattr(ea, "_open_url", lambda url: True)
    monkeypatch.setattr(ea, "default_export_dir", lambda: tmp_path / "导出")
    return said


def export_pdf_from_window(w, monkeypatch, folder: Path, formats=("pdf",)) -> dict[str, Path]:
    """File › 另存为/导出… with the dialog filled in as a person would; returns the files by suffix."""
    def fill(dialog):
        for fmt, box in dialog.checks.items():
            box.setChecked(fmt in formats)
        dialog.folder.edit.setText(str(folder))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ea.ExportDialog, "exec", fill)
    w.action_set["export"].trigger()
    return {p.suffix: p for p in folder.iterdir()}


def current_revision(w):
    return w.library.revisions(w.doc.form_id)[0]


def assert_stamped_with(pdf: bytes, revision, tmp_path: Path) -> None:
    """Every page says the saved time and revision; the PDF's date and QR code agree."""
    when = revision.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
    for page in pages_text(pdf):
        assert f"保存时间：{when}（第 {revision.number} 版）" in page
        assert "打印日期" not in page
    for text in qr_texts(pdf, tmp_path):
        assert parse_qr(text)["revision"] == str(revision.number)
    assert f"/CreationDate ({pdf_date(revision.saved_at)})".encode() in pdf


def cli_pdf(data_dir: Path, form_id: str, out: Path) -> bytes:
    proc = subprocess.run([sys.executable, "-m", "perfgui", "export", form_id, "--pdf", str(out),
                           "--data-dir", str(data_dir)], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    return out.read_bytes()


def test_an_export_from_the_window_saves_first_and_is_the_command_lines_export(
        open_window, data_dir, quiet, monkeypatch, tmp_path):
    w = open_window()
    before = current_revision(w).number
    type_chinese(w.page.fields["header.unit"], "（改）")
    assert not w.doc.is_saved  # typed a moment ago: the autosave has not run yet
    files = export_pdf_from_window(w, monkeypatch, tmp_path / "窗口", formats=("pdf", "xlsx"))
    assert w.doc.is_saved
    revision = current_revision(w)
    assert revision.number == before + 1
    pdf = files[".pdf"].read_bytes()
    assert w.library.load(w.doc.form_id).header.unit.endswith("（改）")
    assert_stamped_with(pdf, revision, tmp_path / "qr")
    wb = load_workbook(files[".xlsx"])
    stored = dict(wb[DATA_SHEET].iter_rows(min_row=1, max_col=2, values_only=True))
    assert stored["revision"] == str(revision.number)
    assert stored["fingerprint"] == fingerprint(w.doc.form)
    # The command line's export of the same saved form, from the same library: the same bytes.
    form_id = w.doc.form_id
    w.close()
    w.library.close()
    assert cli_pdf(data_dir, form_id, tmp_path / "命令行.pdf") == pdf


def test_print_preview_and_email_carry_the_saved_revision(open_window, quiet, monkeypatch, tmp_path):
    w = open_window()
    type_chinese(w.page.fields["header.unit"], "甲")
    shown = []
    monkeypatch.setattr(pp.PrintPreviewDialog, "exec", lambda dialog: shown.append(dialog.pdf_bytes()) or 0)
    w.action_set["preview"].trigger()
    revision = current_revision(w)
    assert_stamped_with(shown[0], revision, tmp_path / "preview")
    # Nothing changed since: the email's attachments are that revision too (no new save).
    w.action_set["send_email"].trigger()
    assert current_revision(w).number == revision.number
    eml = next((tmp_path / "导出").glob("*.eml"))
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    attached = {part.get_filename(): part.get_content() for part in msg.iter_attachments()}
    pdf = next(data for name, data in attached.items() if name.endswith(".pdf"))
    assert_stamped_with(pdf, revision, tmp_path / "email")
    xlsx = next(data for name, data in attached.items() if name.endswith(".xlsx"))
    stored = dict(load_workbook(io.BytesIO(xlsx))[DATA_SHEET].iter_rows(min_row=1, max_col=2, values_only=True))
    assert stored["revision"] == str(revision.number)


def test_a_stored_form_selected_in_the_library_and_a_batch_carry_their_own_revisions(
        open_window, quiet, monkeypatch, tmp_path):
    w = open_window()
    seed_id = w.doc.form_id
    other = w.library.create(w.library.load(seed_id))
    form = w.library.load(other)
    form.header.unit += "（乙）"
    w.library.save(form)  # revision 2 of the other form, not open in the window
    w.library_panel.refresh()
    assert w.library_panel.select(other)
    files = export_pdf_from_window(w, monkeypatch, tmp_path / "选中")
    theirs = w.library.revisions(other)[0]
    assert theirs.number == 2
    assert_stamped_with(files[".pdf"].read_bytes(), theirs, tmp_path / "qr1")

    def choose(dialog):
        for fmt, box in dialog.checks.items():
            box.setChecked(fmt == "pdf")
        dialog.folder.edit.setText(str(tmp_path / "批量"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ea.BatchDialog, "exec", choose)
    w.action_set["batch_export"].trigger()
    pdfs = sorted((tmp_path / "批量").glob("*.pdf"))
    assert len(pdfs) == 2
    by_revision = {}
    for i, path in enumerate(pdfs):
        data = path.read_bytes()
        fields = parse_qr(qr_texts(data, tmp_path / f"qr-batch-{i}")[0])
        by_revision[fields["form_id"]] = (fields["revision"], data)
    assert by_revision[other][0] == "2"
    assert_stamped_with(by_revision[other][1], theirs, tmp_path / "qr2")
    assert_stamped_with(by_revision[seed_id][1], w.library.revisions(seed_id)[0], tmp_path / "qr3")


def test_a_copy_that_could_not_be_saved_says_it_prints_the_print_date(open_window, quiet, monkeypatch, tmp_path):
    w = open_window()
    monkeypatch.setattr(w.library, "save", lambda form, **kw: (_ for _ in ()).throw(StoreError("磁盘空间不足。")))
    type_chinese(w.page.fields["header.unit"], "丙")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, title, text, *a: asked.append(text) or QMessageBox.StandardButton.No)
    dialogs = []
    monkeypatch.setattr(ea.ExportDialog, "exec", lambda dialog: dialogs.append(dialog) or QDialog.DialogCode.Rejected)
    w.action_set["export"].trigger()
    assert dialogs == []  # the person stopped at the question: nothing asked further, nothing written
    assert len(asked) == 1
    assert "磁盘空间不足" in asked[0] and "打印日期" in asked[0] and "版本号" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    files = export_pdf_from_window(w, monkeypatch, tmp_path / "仍然")
    pdf = files[".pdf"].read_bytes()
    assert all("打印日期：" in page and "保存时间" not in page for page in pages_text(pdf))
    assert {parse_qr(t)["revision"] for t in qr_texts(pdf, tmp_path / "qr")} == {""}
    assert "丙" in pages_text(pdf)[0]  # what was typed is what is printed
    monkeypatch.undo()  # the disk has room again: closing the window saves
    assert w.close()


def test_a_package_from_the_window_carries_the_finalised_revision(open_window, quiet, monkeypatch, tmp_path):
    from perfgui.model import Status
    from perfgui.ui import package_actions

    w = open_window()
    w.doc.set_attr(w.doc.form, "status", Status.FINAL, "定稿", "status", mergeable=False)
    out = tmp_path / "报送"
    out.mkdir()
    monkeypatch.setattr(ea, "_choose_folder", lambda parent, start: str(out))
    monkeypatch.setattr(package_actions, "_ask_zip", lambda parent: False)
    w.action_set["package"].trigger()
    revision = current_revision(w)
    assert revision.status == "final"
    pdf = next(p for p in next(out.iterdir()).iterdir() if p.suffix == ".pdf" and "清单" not in p.name)
    assert_stamped_with(pdf.read_bytes(), revision, tmp_path / "qr")
