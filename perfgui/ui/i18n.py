"""Language and fonts: Qt translators and the bundled CJK font.

Source strings are Chinese, so the Chinese interface needs no translation file of ours, only
Qt's own (``qtbase_zh_CN.qm``) for the standard dialogs' buttons. English loads
``resources/translations/perfgui_en.qm``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase

from ..resources import CJK_FONT, resource_path

# Preferred interface families, in order; the first one present is used. On Windows the
# system's YaHei UI reads best; elsewhere the bundled WenQuanYi Micro Hei is always there.
PREFERRED_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC",
                      "Noto Sans CJK SC", "Source Han Sans SC")


def load_cjk_font() -> list[str]:
    """Register the bundled CJK font with Qt; returns its families ([] if it could not load)."""
    path = resource_path(*CJK_FONT)
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        return []
    return list(QFontDatabase.applicationFontFamilies(font_id))


def apply_app_font(app, bundled: list[str]) -> QFont:
    """Make a CJK family the application font, with the bundled one as fallback."""
    available = set(QFontDatabase.families())
    families = [f for f in PREFERRED_FAMILIES if f in available]
    families += [f for f in bundled if not f.endswith("Mono")]
    font = QFont(app.font())
    if families:
        font.setFamilies(families)
    if sys.platform != "win32" and font.pointSizeF() < 10:
        # Chinese glyphs at 9 pt are hard to read on the default Linux DPI.
        font.setPointSizeF(10)
    app.setFont(font)
    return font


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators for ``language`` ("zh" or "en"); returns them (keep a reference)."""
    installed: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        ours = QTranslator(app)
        if ours.load(str(resource_path("translations", "perfgui_en.qm"))):
            app.installTranslator(ours)
            installed.append(ours)
        return installed
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt = QTranslator(app)
    # From source, PySide6's own folder; frozen, the bundle may carry a copy in resources/.
    for directory in (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
                      str(resource_path("translations"))):
        if qt.load("qtbase_zh_CN", directory):
            app.installTranslator(qt)
            installed.append(qt)
            break
    return installed
