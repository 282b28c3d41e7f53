"""Fixtures for the GUI tests: a main window at the KDF floor, the file dialogs replaced, and
the browser replaced (``opened_urls``)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)

from locker.gui import filedialogs
from locker.gui.main_window import MainWindow
from locker.gui.tasks import TaskRunner
from locker.vault import Vault
from tests.conftest import open_vault


class FakeDialogs:
    """Stands in for the file dialogs: returns the next answer it was given (None or [] =
    the user cancelled). ``calls`` lists which dialogs were asked for, in order;
    ``suggested`` the names the save dialogs proposed."""

    def __init__(self) -> None:
        self.save_answers: list[str | None] = []
        self.open_answers: list[str | None] = []
        self.add_answers: list[list[str]] = []
        self.export_answers: list[str | None] = []
        self.pdf_answers: list[str | None] = []
        self.calls: list[str] = []
        self.suggested: list[str] = []

    def save(self, parent: QWidget | None) -> str | None:
        self.calls.append("save")
        return self.save_answers.pop(0) if self.save_answers else None

    def open(self, parent: QWidget | None) -> str | None:
        self.calls.append("open")
        return self.open_answers.pop(0) if self.open_answers else None

    def add(self, parent: QWidget | None) -> list[str]:
        self.calls.append("add")
        return list(self.add_answers.pop(0)) if self.add_answers else []

    def export(self, parent: QWidget | None, suggested_name: str) -> str | None:
        self.calls.append("export")
        self.suggested.append(suggested_name)
        return self.export_answers.pop(0) if self.export_answers else None

    def bundle(self, parent: QWidget | None, suggested_name: str) -> str | None:
        """The originals bundle's save dialog: answered from ``export_answers`` like the
        export's (both save a copy that leaves the vault)."""
        self.calls.append("bundle")
        self.suggested.append(suggested_name)
        return self.export_answers.pop(0) if self.export_answers else None

    def pdf(self, parent: QWidget | None, suggested_name: str) -> str | None:
        self.calls.append("pdf")
        self.suggested.append(suggested_name)
        return self.pdf_answers.pop(0) if self.pdf_answers else None


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> FakeDialogs:
    """Every file dialog replaced (callers must use ``filedialogs.choose_…``, not import
    the functions by name, so that this takes effect)."""
    fake = FakeDialogs()
    monkeypatch.setattr(filedialogs, "choose_new_vault_path", fake.save)
    monkeypatch.setattr(filedialogs, "choose_vault_to_open", fake.open)
    monkeypatch.setattr(filedialogs, "choose_files_to_add", fake.add)
    monkeypatch.setattr(filedialogs, "choose_export_path", fake.export)
    monkeypatch.setattr(filedialogs, "choose_pdf_path", fake.pdf)
    monkeypatch.setattr(filedialogs, "choose_bundle_path", fake.bundle)
    return fake


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """QDesktopServices.openUrl replaced: what would have gone to the browser."""
    handed: list[QUrl] = []

    def fake(url: QUrl) -> bool:
        handed.append(QUrl(url))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", fake)
    return handed


Factory = Callable[[int], MainWindow]  # a window whose auto-lock "minute" is that many ms


@pytest.fixture
def make_window(qtbot, floor_params) -> Iterator[Factory]:  # type: ignore[no-untyped-def]
    """Makes main windows with a short auto-lock unit (closed after the test)."""
    made: list[MainWindow] = []

    def make(unit_ms: int) -> MainWindow:
        win = MainWindow(kdf_params=floor_params, autolock_unit_ms=unit_ms)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win

    yield make
    for win in made:
        win.close()


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    """A real runner (worker threads); waited for at the end of the test."""
    r = TaskRunner()
    yield r
    r.wait()


@pytest.fixture
def vault(new_vault: tuple[Path, str], runner: TaskRunner) -> Iterator[Vault]:
    """The test's new vault, open; locked at the end, once nothing is reading it any more."""
    v = open_vault(new_vault[0])
    yield v
    runner.wait()
    v.lock()


@pytest.fixture
def opened(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window over a new vault, opened like a user."""
    open_vault_in(qtbot, window, dialogs, new_vault[0])
    return window


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    """Where tests keep vaults: outside the isolated HOME, so HOME can be checked for traces."""
    path = tmp_path / "usb-stick"
    path.mkdir()
    return path


@pytest.fixture
def window(qtbot, floor_params, dialogs: FakeDialogs) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(kdf_params=floor_params)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def click(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Click like a user would: the widget must be visible and enabled."""
    assert widget.isVisible(), widget
    assert widget.isEnabled(), widget
    if (
        isinstance(widget, QAbstractButton)
        and widget.isCheckable()
        and not isinstance(widget, QPushButton)
    ):
        # A check box stretched across a layout only reacts on its box and its label.
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(6, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def wait_idle(qtbot, win: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Wait until every background task has been delivered."""
    qtbot.waitUntil(lambda: not win.runner.busy, timeout=30_000)


def go_to(qtbot, win: MainWindow, number: int) -> QWidget:  # type: ignore[no-untyped-def]
    """Ctrl+``number`` (1 to 7) on the case screen: the page shown then."""
    key = getattr(Qt.Key, f"Key_{number}")
    qtbot.keyClick(win, key, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, win)
    return win.current_page()


def tab_pages(win: MainWindow) -> list[QWidget]:
    """The seven tabs' pages in the order the tabs stand, written out (not asked of the screen)."""
    return [
        win.guide_page,
        win.vault_page,
        win.incidents_page,
        win.takedowns_page,
        win.timeline_page,
        win.journal_page,
        win.case_screen.report,
    ]


class FileDialogAnswerer:
    """Waits (on the event loop, no sleeping) for the next real Qt file dialog and answers it
    like a user: optionally goes to ``folder``, types ``text`` into the file name field, and
    presses the accept button. Keep a reference to it while the dialog runs (it owns the timer).
    """

    def __init__(self, text: str | Path, folder: Path | None = None) -> None:
        self.text = str(text)
        self.folder = folder
        self.seen: list[QFileDialog] = []
        self.native: list[bool] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._poll)
        self.timer.start(10)

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            return
        self.timer.stop()
        self.seen.append(dialog)
        self.native.append(not dialog.testOption(QFileDialog.Option.DontUseNativeDialog))
        if self.folder is not None:
            dialog.setDirectory(str(self.folder))
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        assert edit is not None, "expected Qt's own (widget) file dialog"
        edit.setText(self.text)
        dialog.accept()


def files_under(root: Path) -> list[Path]:
    """Every file below ``root`` (the test's HOME holds the XDG and TMPDIR folders too)."""
    return [Path(d) / f for d, _, names in os.walk(root) for f in names]


def open_vault_in(qtbot, win: MainWindow, dialogs: FakeDialogs, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Open the vault at ``path`` through the start and open screens, like a user."""
    from tests.conftest import PASSPHRASE

    dialogs.open_answers.append(str(path))
    click(qtbot, win.start_page.open_button)
    wait_idle(qtbot, win)
    qtbot.keyClicks(win.unlock_page.secret, PASSPHRASE)
    click(qtbot, win.unlock_page.open_button)
    wait_idle(qtbot, win)
    assert win.vault is not None


@pytest.fixture
def double_font(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The program's font at twice its size (as someone who needs large text sets it); put back
    after the test."""
    before = QFont(QApplication.font())
    font = QFont(before)
    font.setPointSizeF(before.pointSizeF() * 2)
    QApplication.setFont(font)
    yield
    QApplication.setFont(before)
