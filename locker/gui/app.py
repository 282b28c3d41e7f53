"""``main()``: the QApplication and the main window (``python -m locker``, ``evidence-locker``)."""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from locker.gui.filedialogs import keep_qt_settings_off_disk
from locker.gui.main_window import MainWindow
from locker.gui.tasks import code_locations
from locker.paths import assets_dir

APP_NAME = "Evidence Locker"
DESKTOP_FILE_NAME = "evidence-locker"


def _quiet_excepthook(
    kind: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """Unexpected errors in Qt slots: log code locations only (messages may hold file names)."""
    sys.stderr.write(f"evidence-locker: unexpected {kind.__name__}\n" + code_locations(tb))


def _install_translators(app: QApplication) -> None:
    locale = QLocale()
    translators = []
    for name, folder in (
        ("evidence-locker", str(assets_dir() / "locale")),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            translators.append(translator)


def app_icon() -> QIcon:
    return QIcon(str(assets_dir() / "icons" / "evidence-locker.svg"))


def main(argv: list[str] | None = None) -> int:
    """Start the GUI; returns the exit code."""
    sys.excepthook = _quiet_excepthook
    # Before any QFileDialog exists: its history must never reach the disk.
    keep_qt_settings_off_disk()
    args = list(sys.argv if argv is None else argv)
    # argv[0] becomes the X11 WM_CLASS instance name; under `python -m locker` it would be
    # "__main__.py", which no .desktop file matches.
    args[:1] = [DESKTOP_FILE_NAME]
    app = QApplication(args)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(app_icon())
    _install_translators(app)
    window = MainWindow()
    # Quick exit has already hidden the window, locked the vault and cleared our traces:
    # all that is left is to leave.
    window.quick_exited.connect(app.quit)
    window.show()
    return app.exec()
