"""Fixtures for the GUI tests: a main window at the KDF floor, and the file dialogs replaced."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QPushButton, QWidget

from locker.gui import filedialogs
from locker.gui.main_window import MainWindow


class FakeDialogs:
    """Stands in for the file dialogs: returns the next path it was given (None = cancel)."""

    def __init__(self) -> None:
        self.save_answers: list[str | None] = []
        self.open_answers: list[str | None] = []
        self.calls: list[str] = []

    def save(self, parent: QWidget | None) -> str | None:
        self.calls.append("save")
        return self.save_answers.pop(0) if self.save_answers else None

    def open(self, parent: QWidget | None) -> str | None:
        self.calls.append("open")
        return self.open_answers.pop(0) if self.open_answers else None


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> FakeDialogs:
    fake = FakeDialogs()
    monkeypatch.setattr(filedialogs, "choose_new_vault_path", fake.save)
    monkeypatch.setattr(filedialogs, "choose_vault_to_open", fake.open)
    return fake


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
