"""核对纸质版…: the window's dialog finds the saved revision from a typed fingerprint or a file."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QFileDialog  # noqa: E402

from perfgui.exchange import outputs  # noqa: E402
from perfgui.model.serialize import fingerprint  # noqa: E402
from perfgui.store import open_library  # noqa: E402
from perfgui.ui.export_actions import VerifyDialog  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def test_verify_dialog_answers_for_a_typed_fingerprint_and_a_picked_file(qtbot, tmp_path, seed_form, monkeypatch):
    with open_library(str(tmp_path / "lib")) as lib:
        fid = lib.create(seed_form, note="导入")
        fp = fingerprint(lib.load(fid))
        dialog = VerifyDialog(lib)
        qtbot.addWidget(dialog)
        dialog.entry.setText(fp.lower().replace("-", " "))
        dialog.check_text()
        assert f"编号 {fid}）第 1 版" in dialog.result.text() and "当前版本" in dialog.result.text()
        dialog.entry.setText(fp[:-1] + ("A" if fp[-1] != "A" else "B"))
        assert "校验字符" in dialog.check_text()
        xlsx = tmp_path / "表.xlsx"
        xlsx.write_bytes(outputs.xlsx_bytes(lib.load(fid), outputs.saved_of(lib, fid)))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(xlsx), "")))
        assert f"指纹 {fp} 对应" in dialog.pick_file()


def test_the_window_menu_opens_the_verify_dialog_over_its_library(qtbot, tmp_path, monkeypatch):
    import argparse

    from perfgui.app import build_window
    from perfgui.ui import export_actions

    monkeypatch.setenv("PERFGUI_SETTINGS_FILE", str(tmp_path / "settings.ini"))
    shown = []
    monkeypatch.setattr(VerifyDialog, "exec", lambda self: shown.append(self.library) or 0)
    window = build_window(argparse.Namespace(target=None, data_dir=str(tmp_path / "lib"), lang=None))
    qtbot.addWidget(window)
    try:
        action = window.action_set["verify"]
        assert action.text() == "核对纸质版…"
        assert action in window.menuBar().actions()[0].menu().actions()
        action.trigger()
        assert shown == [window.library]
        assert export_actions.verify_paper_dialog is not None
    finally:
        window.close()
        window.library.close()
