"""After a guide action took the user to another tab, "← Back to the guide" beside the tabs
takes them back to the step they were reading. It is there only after such an action, and goes
once the guide is shown again (by the button or its tab) or the vault locks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from locker.gui.main_window import MainWindow
from tests.gui.conftest import FakeDialogs, click, go_to, open_vault_in, wait_idle
from tests.gui.test_guide_actions import SHIPPED, guide_button, step_with

ADD_STEP = step_with("add-files")


def add_files_cancelled(qtbot, win: MainWindow, dialogs: FakeDialogs) -> None:  # type: ignore[no-untyped-def]
    """The guide's "Add files…" pressed, and the file dialog cancelled."""
    click(qtbot, guide_button(qtbot, win, "add-files"))
    assert dialogs.calls[-1] == "add"  # (no answer given: the user cancelled)
    wait_idle(qtbot, win)


def click_guide_tab(qtbot, win: MainWindow) -> None:  # type: ignore[no-untyped-def]
    bar = win.case_screen.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())


def test_back_to_the_guide_after_a_cancelled_add_goes_to_the_step_that_was_read(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, dialogs: FakeDialogs
) -> None:
    back = opened.case_screen.back_to_guide
    assert not back.isVisible()  # an opened vault starts on Evidence: nothing to go back to
    add_files_cancelled(qtbot, opened, dialogs)
    assert opened.current_page() is opened.vault_page
    assert back.isVisible() and back.isEnabled()
    assert back.text() == "← Back to the guide"
    assert back.accessibleName() == "Back to the guide"
    number, title = SHIPPED.index(ADD_STEP) + 1, SHIPPED.step(ADD_STEP).title  # type: ignore[union-attr]
    assert number == 3
    assert f"step {number}" in back.toolTip() and title in back.toolTip()
    assert back.accessibleDescription() == back.toolTip()  # (read out too)

    click(qtbot, back)
    page = opened.guide_page
    assert opened.current_page() is page
    assert page.step_view is not None and page.step_view.step.id == ADD_STEP  # same step
    assert not back.isVisible()
    qtbot.waitUntil(page.step_area.hasFocus)  # reading on where they were


@pytest.mark.parametrize(
    ("do", "tab"),
    [("log-incident", "incidents_page"), ("open-journal", "journal_page")],
)
def test_other_tabs_an_action_opens_offer_the_way_back_too(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, do: str, tab: str
) -> None:
    click(qtbot, guide_button(qtbot, opened, do))
    assert opened.current_page() is getattr(opened, tab)
    assert opened.case_screen.back_to_guide.isVisible()


def test_it_stays_on_other_tabs_and_goes_when_the_guide_tab_is_chosen(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, dialogs: FakeDialogs
) -> None:
    back = opened.case_screen.back_to_guide
    add_files_cancelled(qtbot, opened, dialogs)
    assert go_to(qtbot, opened, 3) is opened.incidents_page
    assert back.isVisible()  # still the way back to where they were reading
    click_guide_tab(qtbot, opened)
    assert opened.current_page() is opened.guide_page
    assert not back.isVisible()
    assert go_to(qtbot, opened, 2) is opened.vault_page  # by hand: not from the guide
    assert not back.isVisible()


def test_a_lock_takes_it_away(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    back = opened.case_screen.back_to_guide
    add_files_cancelled(qtbot, opened, dialogs)
    assert back.isVisible()
    opened.lock()
    assert not back.isVisible()
    open_vault_in(qtbot, opened, dialogs, new_vault[0])
    assert opened.current_page() is opened.vault_page
    assert not back.isVisible()


def test_it_is_reached_with_tab_and_pressed_with_the_keyboard(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, dialogs: FakeDialogs
) -> None:
    back = opened.case_screen.back_to_guide
    add_files_cancelled(qtbot, opened, dialogs)
    opened.vault_page.add_button.setFocus()
    for _ in range(80):  # Tab through the page until the button beside the tabs
        if back.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert back.hasFocus()
    qtbot.keyClick(back, Qt.Key.Key_Return)
    assert opened.current_page() is opened.guide_page
    assert not back.isVisible()
