"""The English interface: fixed labels of the tree, the scoring assistant and the panels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QGroupBox, QLabel

from perfgui.ui.i18n import install_translations


def _form_labels(widget) -> list[str]:
    layout = widget.findChild(QFormLayout)
    texts = []
    for row in range(layout.rowCount()):
        item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and isinstance(item.widget(), QLabel) and item.widget().text():
            texts.append(item.widget().text())
    return texts


def test_english_tree_headers_assistant_and_panels(open_window, qtbot):
    app = QApplication.instance()
    translators = install_translations(app, "en")
    try:
        assert translators, "perfgui_en.qm did not load"
        w = open_window()
        model = w.editor.view.model()
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        assert headers == ["Indicator", "Weight", "Target", "Actual", "Points", "Score",
                           "Deviation and Reasons"]
        tip = model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert "weights add up to 100" in tip

        assistant = w.editor.assistant
        assert assistant.title.text() == "Scoring Assistant"
        assert _form_labels(assistant) == ["Target", "Actual", "Rule", "Suggested"]
        rules = [assistant.rule_combo.itemText(i) for i in range(assistant.rule_combo.count())]
        assert rules == ["Auto", "Higher is better", "Equal to target", "Lower is better",
                         "Qualitative", "Manual"]
        assert assistant.accept_button.text() == "Accept"

        # Selecting a scored indicator: the title becomes its path, the labels stay English.
        form = w.doc.form
        leaf = next(n for n in form.root.walk() if n.is_scored and n.parent is not form.root)
        w.editor.view.select_index(model.index_of(leaf, 0))
        qtbot.waitUntil(lambda: assistant.node is leaf)
        assert assistant.title.text() == leaf.path()
        assert assistant.rule_combo.currentText() in rules

        w.tabs.setCurrentIndex(0)
        titles = [box.title() for box in w.page.findChildren(QGroupBox)]
        assert "Header" in titles and "Overall Goals of the Year" in titles
        assert "Result and Sign-off" in titles
        assert w.tree_actions["delete"].text() == "Delete Indicator"
        assert "suggestion" in (w.tree_actions["accept_suggestion"].statusTip()
                                + w.tree_actions["accept_suggestion"].toolTip())
    finally:
        for t in translators:
            app.removeTranslator(t)
