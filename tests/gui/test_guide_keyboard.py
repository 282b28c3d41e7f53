"""The whole shipped guide with the keyboard alone: Tab reaches every button, box and Copy of
each step in reading order, Space ticks and marks done, Alt+N goes on, Alt+B goes back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from locker.gui.guide_page import GuidePage
from locker.gui.tasks import TaskRunner
from locker.guide.progress import load_progress
from locker.vault import Vault
from tests.gui.guide_helpers import guide_page, settled, shipped_page

ALT = Qt.KeyboardModifier.AltModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(
    qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    """A key, where the focus is (as the keyboard would send it)."""
    qtbot.keyClick(focused(), key, modifier)


def tab_to(qtbot, target: QWidget, limit: int = 200) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Press Tab until ``target`` has the focus; every widget that got it on the way."""
    seen: list[QWidget] = []
    while focused() is not target:
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(focused())
        assert len(seen) < limit, "Tab never reached the target"
    return seen


def start(qtbot, page: GuidePage) -> None:  # type: ignore[no-untyped-def]
    """The window is active and the list of steps has the focus (where a click would put it)."""
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5000)
    page.step_list.setFocus(Qt.FocusReason.TabFocusReason)
    assert focused() is page.step_list


def test_every_step_of_the_shipped_guide_by_keyboard_alone(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault
) -> None:
    page = shipped_page(qtbot, runner, vault)
    guide = page.guide
    assert guide is not None
    total = len(guide.steps)
    start(qtbot, page)
    for number, step in enumerate(guide.steps, start=1):
        view = page.step_view
        assert view is not None and view.step.id == step.id
        # From the list (the first step) or the top of the step (after Alt+N), in reading
        # order: the step's own area (arrows scroll it), every button, box and Copy in it,
        # the notes, "I have finished this step".
        walk = [focused(), *tab_to(qtbot, page.done_box)]
        expected = [page.step_area, *view.focus_chain(), page.notes, page.done_box]
        assert walk == ([page.step_list] if number == 1 else []) + expected, step.id
        for _action, button in view.action_buttons:
            assert button in walk
        for box in view.checklist_boxes.values():
            assert box in walk
        for card in view.resource_cards:
            for button in card.copy_buttons.values():
                assert button in walk
            if card.open_button is not None:
                assert card.open_button in walk
        if view.checklist_boxes:  # back to the first box (Shift+Tab) and tick it with Space
            first = next(iter(view.checklist_boxes.values()))
            while focused() is not first:
                press(qtbot, Qt.Key.Key_Backtab)
            press(qtbot, Qt.Key.Key_Space)
            assert first.isChecked()
            tab_to(qtbot, page.notes)
        else:
            press(qtbot, Qt.Key.Key_Backtab)
            assert focused() is page.notes
        qtbot.keyClicks(page.notes, f"note {number}")
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is page.done_box
        press(qtbot, Qt.Key.Key_Space)
        assert page.done_box.isChecked()
        assert page.progress_label.text() == f"{number} of {total} steps done"
        press(qtbot, Qt.Key.Key_N, ALT)
        if number < total:  # (a mnemonic clicks its button a moment later, as it shows it)
            following = guide.steps[number]
            qtbot.waitUntil(
                lambda s=following: page.step_view is not None and page.step_view.step is s
            )
            assert focused() is page.step_area  # the new step is read from its top
    assert page.progress_label.text() == f"{total} of {total} steps done"
    assert all("done" in page.step_list.item(i).text() for i in range(total))

    # Alt+B goes back a step, and the arrows in the list move through the steps.
    press(qtbot, Qt.Key.Key_B, ALT)
    qtbot.waitUntil(lambda: page.step_view is not None and page.step_view.step is guide.steps[-2])
    assert page.notes.toPlainText() == f"note {total - 1}"
    page.step_list.setFocus(Qt.FocusReason.ShortcutFocusReason)  # (as Shift+Tab would)
    press(qtbot, Qt.Key.Key_Home)
    assert page.step_view is not None and page.step_view.step.id == guide.steps[0].id
    press(qtbot, Qt.Key.Key_Down)
    assert page.step_view is not None and page.step_view.step.id == guide.steps[1].id

    settled(qtbot, page, runner)
    stored = load_progress(vault)
    assert stored.done == {s.id for s in guide.steps}
    assert stored.notes == {s.id: f"note {n}" for n, s in enumerate(guide.steps, start=1)}
    assert len(stored.checked) == sum(1 for s in guide.steps if s.checklist())


def test_shift_tab_from_the_step_goes_back_to_the_list(
    qtbot, runner: TaskRunner, vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    page = guide_page(qtbot, runner, vault)
    start(qtbot, page)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.step_area
    press(qtbot, Qt.Key.Key_Backtab)
    assert focused() is page.step_list


def test_alt_letters_on_the_page(qtbot, runner: TaskRunner, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    page = guide_page(qtbot, runner, vault)
    start(qtbot, page)
    press(qtbot, Qt.Key.Key_Y, ALT)  # "Your notes for this step"
    assert focused() is page.notes
    press(qtbot, Qt.Key.Key_F, ALT)  # "I have finished this step"
    qtbot.waitUntil(page.done_box.isChecked)
    assert page.progress_label.text() == "1 of 3 steps done"

    def on(title: str) -> None:
        qtbot.waitUntil(lambda: page.step_view is not None and page.step_view.title.text() == title)

    press(qtbot, Qt.Key.Key_N, ALT)
    on("Second step")
    press(qtbot, Qt.Key.Key_N, ALT)
    on("Last step")
    assert not page.next_button.isEnabled()
    press(qtbot, Qt.Key.Key_B, ALT)
    on("Second step")
