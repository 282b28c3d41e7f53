"""The guide's "Keep what I add hidden (intimate images)" (action ``hide-new``): a check box in
the step, not a button, and the very same option as the Evidence tab's box. Ticking it asks the
minors question; both boxes always show what the option is; what the guide's "Add files…" adds
next is stored as an intimate image and shown hidden. A lock, or an answer that leads away from
keeping files, leaves both unticked."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QPushButton

from locker.gui import guide_page, minors_guard
from locker.gui.library_model import HIDDEN_ROLE, LibraryModel
from locker.gui.main_window import MainWindow
from locker.guide.content import Action, Guide
from locker.guide.load import load_guide
from tests.gui.conftest import FakeDialogs, click, open_vault_in, wait_idle
from tests.gui.import_helpers import good_pngs
from tests.gui.test_hide_new import Press

WAIT_MS = 30_000
LABEL = "Keep what I add hidden (intimate images)"


def with_option(guide: Guide) -> Guide:
    """The shipped guide, with the option just before "Add files…" if its files do not offer
    it (so these tests do not wait on the wording of the content)."""
    if any(a.do == "hide-new" for step in guide.steps for a in step.actions()):
        return guide
    steps = []
    for step in guide.steps:
        parts = []
        for part in step.parts:
            actions = []
            for action in part.actions:
                if action.do == "add-files":
                    actions.append(Action("hide-new", LABEL))
                actions.append(action)
            parts.append(replace(part, actions=tuple(actions)))
        steps.append(replace(step, parts=tuple(parts)))
    return replace(guide, steps=tuple(steps))


GUIDE = with_option(load_guide(("en",)))
STEP = next(s.id for s in GUIDE.steps if any(a.do == "hide-new" for a in s.actions()))


@pytest.fixture
def win(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """The window over a new vault, its guide offering the option (patched before the window
    is made)."""
    monkeypatch.setattr(guide_page, "read_guide", lambda: (GUIDE, None))
    opened: MainWindow = request.getfixturevalue("opened")
    return opened


def guide_step(qtbot, win: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The guide shown (a click on its tab), at the step that offers the option."""
    page, bar = win.guide_page, win.case_screen.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    assert win.current_page() is page
    qtbot.waitUntil(lambda: page.step_view is not None)
    page.show_step(STEP)


def guide_box(qtbot, win: MainWindow) -> QCheckBox:  # type: ignore[no-untyped-def]
    guide_step(qtbot, win)
    view = win.guide_page.step_view
    assert view is not None
    [(action, box)] = view.option_boxes
    assert action.do == "hide-new"
    assert all(a.do != "hide-new" for a, _button in view.action_buttons)  # not a button
    assert box.accessibleName() == action.label
    return box


def add_button(win: MainWindow) -> QPushButton:
    view = win.guide_page.step_view
    assert view is not None
    return next(button for action, button in view.action_buttons if action.do == "add-files")


def test_ticked_in_the_guide_the_evidence_tab_agrees_and_what_is_added_is_hidden(  # type: ignore[no-untyped-def]
    qtbot, win: MainWindow, dialogs: FakeDialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = Press("No")  # "Was the person shown under 18?" No.
    monkeypatch.setattr(minors_guard, "run_modal", answers)
    box = guide_box(qtbot, win)
    assert not box.isChecked() and not win.vault_page.hide_new.isChecked()
    click(qtbot, box)
    assert answers.buttons == []  # the minors question was asked
    assert box.isChecked()
    assert win.vault_page.hide_new.isChecked()  # the Evidence tab's own box

    [picture] = good_pngs(tmp_path, 1)
    dialogs.add_answers.append([str(picture)])
    click(qtbot, add_button(win))
    assert win.current_page() is win.vault_page
    model = win.vault_page.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT_MS)
    wait_idle(qtbot, win)
    [item] = model.items()
    assert item.intimate  # stored as an intimate image
    assert model.index(0, LibraryModel.GRID).data(HIDDEN_ROLE) is True  # drawn hidden
    assert model.index(0, LibraryModel.PRIVACY).data() == "intimate, hidden"
    assert win.vault_page.hide_new.isChecked()  # still on for the next one


def test_the_evidence_tabs_box_shows_in_the_guide_and_unticking_asks_nothing(  # type: ignore[no-untyped-def]
    qtbot, win: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(minors_guard, "run_modal", Press("No"))
    click(qtbot, win.vault_page.hide_new)  # on the Evidence tab, where an opened vault starts
    box = guide_box(qtbot, win)
    assert box.isChecked()
    monkeypatch.setattr(minors_guard, "run_modal", lambda d: pytest.fail("asked"))
    click(qtbot, box)
    assert not box.isChecked() and not win.vault_page.hide_new.isChecked()
    assert not win.vault_page.import_flow.hide_new.on


def test_the_words_beside_the_box_tick_it_too(  # type: ignore[no-untyped-def]
    qtbot, win: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(minors_guard, "run_modal", Press("No"))
    box = guide_box(qtbot, win)
    words = box.parentWidget().label  # type: ignore[union-attr]
    assert words.text() == LABEL
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    assert box.isChecked() and win.vault_page.hide_new.isChecked()


def test_a_lock_unticks_both(  # type: ignore[no-untyped-def]
    qtbot,
    win: MainWindow,
    dialogs: FakeDialogs,
    new_vault: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(minors_guard, "run_modal", Press("No"))
    click(qtbot, guide_box(qtbot, win))
    assert win.vault_page.hide_new.isChecked()
    win.lock()
    assert not win.vault_page.hide_new.isChecked()
    open_vault_in(qtbot, win, dialogs, new_vault[0])  # the next person starts with it off
    assert not win.vault_page.hide_new.isChecked()
    assert not guide_box(qtbot, win).isChecked()


@pytest.mark.parametrize(
    "answers",
    [
        ("Yes", "Add only a description and the link"),
        ("I'm not sure", "Add only a description and the link"),
        ("Go back",),
    ],
)
def test_an_answer_that_leads_away_from_keeping_files_leaves_both_unticked(  # type: ignore[no-untyped-def]
    qtbot, win: MainWindow, monkeypatch: pytest.MonkeyPatch, answers: tuple[str, ...]
) -> None:
    monkeypatch.setattr(minors_guard, "run_modal", Press(*answers))
    box = guide_box(qtbot, win)
    click(qtbot, box)
    assert not box.isChecked()
    assert not win.vault_page.hide_new.isChecked()
    assert not win.vault_page.import_flow.hide_new.on
    dialog = win.vault_page.import_flow.description_dialog
    if answers[-1].startswith("Add only a description"):  # what was recommended is offered
        qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
        dialog.done(0)  # type: ignore[union-attr]
