"""Help before any vault is open: the start screen's "Where to get help" shows every help line
and website of the shipped resources.toml, by country, as the guide's cards. Copy works, a
website opens only after the note about browser history (every time: with no vault, nothing is
remembered), Quick exit closes it and nothing of it stays, and the keyboard alone gets there
and back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from locker.gui import guide_links
from locker.gui.guide_resources import ResourceCard
from locker.gui.help_dialog import HelpDialog
from locker.gui.main_window import MainWindow
from locker.guide import load
from locker.guide.content import GuideError
from locker.guide.load import load_guide
from tests.gui.case_helpers import press
from tests.gui.conftest import click
from tests.gui.test_guide_keyboard import focused, tab_to
from tests.gui.test_guide_keyboard import press as key

CCRI_NUMBER = "844-878-2274"
CCRI_SITE = "https://cybercivilrights.org"
SHIPPED = load_guide(("en",)).resources


@pytest.fixture
def clean_clipboard() -> Iterator[None]:
    QApplication.clipboard().clear()
    yield
    QApplication.clipboard().clear()


def open_help(qtbot, window: MainWindow) -> HelpDialog:  # type: ignore[no-untyped-def]
    click(qtbot, window.start_page.help_button)
    dialog = window.start_page.help_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def card(dialog: HelpDialog, name: str) -> ResourceCard:
    [found] = [c for c in dialog.cards if c.resource.name == name]
    return found


def words(widget: QWidget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def help_dialogs(window: MainWindow) -> list[HelpDialog]:
    return window.findChildren(HelpDialog)


def test_the_start_screen_offers_help_without_a_vault(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = window.start_page
    assert page.help_button.isVisible() and page.help_button.text() == "Where to get help"
    assert "no vault needed" in words(page)
    # Quieter than the vault buttons: smaller, and never the default one.
    assert page.help_button.height() < page.create_button.height()
    assert not page.help_button.isDefault()


def test_the_button_shows_the_ccri_helpline_and_copy_puts_its_number_on_the_clipboard(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, clean_clipboard: None
) -> None:
    dialog = open_help(qtbot, window)
    assert dialog.parent() is window  # over the window: Quick exit finds it
    assert dialog.windowTitle() == "Where to get help"
    assert {c.resource.id for c in dialog.cards} == set(SHIPPED)  # every one, each once
    assert len(dialog.cards) == len(SHIPPED)
    ccri = card(dialog, "CCRI Crisis Helpline")
    assert f"Call: {CCRI_NUMBER}" in words(ccri)
    click(qtbot, ccri.copy_buttons[CCRI_NUMBER])
    assert QGuiApplication.clipboard().text() == CCRI_NUMBER
    assert ccri.copied_note.text().startswith(f"Copied: {CCRI_NUMBER}")


def test_open_in_browser_asks_every_time_then_hands_the_https_address_over(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, opened_urls: list[QUrl], monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_help(qtbot, window)
    button = card(dialog, "CCRI Crisis Helpline").open_button
    assert button is not None
    seen: list[str] = []
    monkeypatch.setattr(guide_links, "run_modal", press("Cancel", seen))
    click(qtbot, button)
    assert len(seen) == 1 and "browser will keep a record" in seen[0]
    assert "(website: cybercivilrights.org)" in seen[0]  # which site is about to open
    assert "shown only once" not in seen[0] and "not see this note again" not in seen[0]
    assert opened_urls == []  # Cancel: nothing handed to the browser

    monkeypatch.setattr(guide_links, "run_modal", press("Open in browser", seen))
    click(qtbot, button)
    click(qtbot, button)
    assert len(seen) == 3  # asked again each time: no vault, nothing remembered
    assert opened_urls == [QUrl(CCRI_SITE), QUrl(CCRI_SITE)]
    assert opened_urls[0].scheme() == "https"


def test_quick_exit_closes_it_and_nothing_of_it_stays(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, clean_clipboard: None
) -> None:
    dialog = open_help(qtbot, window)
    click(qtbot, card(dialog, "CCRI Crisis Helpline").copy_buttons[CCRI_NUMBER])
    with qtbot.waitSignal(window.quick_exited, timeout=1000):
        qtbot.keyClick(dialog.close_button, Qt.Key.Key_F12)
    assert not window.isVisible() and not dialog.isVisible()
    assert QGuiApplication.clipboard().text() == ""  # the number it copied is gone too
    assert window.start_page.help_dialog is None
    qtbot.waitUntil(lambda: help_dialogs(window) == [], timeout=2000)  # deleted


def test_the_quick_exit_button_stays_in_sight_and_answers_a_click_while_help_is_open(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, clean_clipboard: None
) -> None:
    window.resize(1280, 800)
    dialog = open_help(qtbot, window)
    click(qtbot, card(dialog, "CCRI Crisis Helpline").copy_buttons[CCRI_NUMBER])
    button = window.top_bar.quick_exit_button
    assert button.isVisible() and not dialog.isModal()
    on_screen = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
    assert not dialog.frameGeometry().intersects(on_screen)  # not covered by the dialog
    with qtbot.waitSignal(window.quick_exited, timeout=1000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the mouse, not Ctrl+Q
    assert not window.isVisible() and not dialog.isVisible()
    assert QGuiApplication.clipboard().text() == ""
    assert window.start_page.help_dialog is None
    qtbot.waitUntil(lambda: help_dialogs(window) == [], timeout=2000)


def test_a_second_click_brings_the_open_one_forward(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = open_help(qtbot, window)
    click(qtbot, window.start_page.help_button)  # the window still answers: not modal
    assert window.start_page.help_dialog is dialog and help_dialogs(window) == [dialog]
    assert dialog.isVisible()


def test_by_keyboard_tab_reaches_the_button_enter_opens_escape_closes(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow
) -> None:
    page = window.start_page
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    page.create_button.setFocus(Qt.FocusReason.TabFocusReason)
    assert len(tab_to(qtbot, page.help_button, limit=6)) <= 3  # create, open, help
    key(qtbot, Qt.Key.Key_Return)
    dialog = page.help_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: focused() is dialog.list_area, timeout=2000)  # the list: arrows scroll
    key(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and page.help_dialog is None
    qtbot.waitUntil(lambda: help_dialogs(window) == [], timeout=2000)
    assert window.focusWidget() is page.help_button  # the keyboard goes on from where it was


def test_enter_in_the_list_closes_rather_than_copying(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, clean_clipboard: None
) -> None:
    dialog = open_help(qtbot, window)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is dialog.list_area, timeout=2000)
    key(qtbot, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert QGuiApplication.clipboard().text() == ""


def test_the_users_country_comes_first_and_anywhere_last(qtbot) -> None:  # type: ignore[no-untyped-def]
    resources = list(SHIPPED.values())
    in_uk = HelpDialog(resources=resources, home="GB")
    qtbot.addWidget(in_uk)
    assert list(in_uk.headings) == ["GB", "US", "AU", "WORLD"]
    assert in_uk.cards[0].resource.country == "GB"
    elsewhere = HelpDialog(resources=resources, home="DE")  # none for it: the file's order
    qtbot.addWidget(elsewhere)
    assert list(elsewhere.headings) == ["US", "GB", "AU", "WORLD"]
    assert [h.text() for h in elsewhere.headings.values()] == [
        "United States",
        "United Kingdom",
        "Australia",
        "Anywhere",
    ]
    assert elsewhere.cards[-1].resource.country == "WORLD"


@pytest.mark.parametrize(
    "failure",
    [
        GuideError(['resources.toml, resource "ccri-helpline": "url" must start with']),
        RecursionError("maximum recursion depth exceeded"),
    ],
)
def test_content_that_cannot_be_read_is_said_kindly(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    def broken(*_args: object, **_kwargs: object) -> object:
        raise failure

    monkeypatch.setattr(load, "load_guide", broken)
    dialog = open_help(qtbot, window)
    assert dialog.cards == [] and dialog.problem is not None and dialog.problem.isVisible()
    text = dialog.problem.text()
    assert "could not be read" in text and "emergency number" in text
    assert "locker guide check" in text
    click(qtbot, dialog.close_button)
    assert not dialog.isVisible() and window.start_page.help_dialog is None
