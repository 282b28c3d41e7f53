"""What the tests of the case tabs (Incidents, Takedowns, Journal) share: a page shown over the
vault, waiting for the worker threads, and answering a question box. (The ``runner``, ``vault``
and ``opened`` fixtures are in conftest.py, for every GUI test.)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QWidget

from locker.gui.tasks import TaskRunner
from locker.vault import Vault


def show_page(qtbot, page: QWidget, width: int, height: int, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    """Show ``page`` at that size (closed after the test) and give it the vault."""
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    page.set_vault(vault)  # type: ignore[attr-defined]


def idle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)


def find_button(widget: QWidget, text: str) -> QAbstractButton:
    for button in widget.findChildren(QAbstractButton):
        if button.text().replace("&", "") == text:
            return button
    raise AssertionError(f"no button {text!r} in {widget!r}")


def press(text: str, seen: list[str] | None = None) -> Callable[[QWidget], int]:
    """A stand-in for run_modal on a question: note what the box said, press the button
    named ``text``."""

    def answer(box: QWidget) -> int:
        assert isinstance(box, QMessageBox)
        if seen is not None:
            seen.append(box.text() + " " + box.informativeText())
        find_button(box, text).click()
        return 0

    return answer


Labels = list[tuple[Qt.TextFormat, str]]


def keep_it(asked: list[Labels]) -> Callable[[QWidget], int]:
    """A stand-in for run_modal on a delete question: note each label's format and words,
    press "Keep it"."""

    def answer(box: QWidget) -> int:
        asked.append([(lb.textFormat(), lb.text()) for lb in box.findChildren(QLabel) if lb.text()])
        find_button(box, "Keep it").click()
        return 0

    return answer
