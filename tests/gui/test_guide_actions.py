"""The guide's actions in place open the program's real flows: the file dialog of "Add files…",
a paste, a screen capture, the description dialog, a new incident, a new takedown report (with
the method the guide names), and the tabs, the printable summary's included.

The first tests press the buttons of the shipped guide, as a user would; the mapping table is
then checked through :meth:`GuideActions.run` itself. Also here: where a vault opens (a new one
on the guide's first step, an opened one on its evidence) and Ctrl+1 … Ctrl+7."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QPushButton

from locker.case.evidence import PROVENANCE_CAPTURED, PROVENANCE_PASTED, EvidenceItem
from locker.gui import capture
from locker.gui.guide_actions import GuideActions
from locker.gui.main_window import MainWindow
from locker.guide.content import ACTIONS, Action
from locker.guide.load import load_guide
from locker.guide.progress import load_progress
from tests.gui.conftest import FakeDialogs, click, go_to, tab_pages, wait_idle
from tests.gui.import_helpers import good_pngs
from tests.gui.test_create import make_vault_and_wait_for_key

WAIT_MS = 30_000
SHIPPED = load_guide(("en",))


@pytest.fixture
def clean_clipboard() -> Iterator[None]:
    QApplication.clipboard().clear()
    yield
    QApplication.clipboard().clear()


def library_items(win: MainWindow) -> list[EvidenceItem]:
    return win.vault_page.model.items()


def step_with(do: str, method: str = "") -> str:
    """The id of the shipped step that offers that action."""
    for step in SHIPPED.steps:
        for action in step.actions():
            if action.do == do and (not method or action.method == method):
                return step.id
    raise AssertionError(f"no step offers {do} {method}")


def guide_button(qtbot, win: MainWindow, do: str, method: str = "") -> QPushButton:  # type: ignore[no-untyped-def]
    """The guide shown (Ctrl+1) at the step that offers the action; that action's button."""
    page = win.guide_page
    assert go_to(qtbot, win, 1) is page
    qtbot.waitUntil(lambda: page.step_view is not None)
    page.show_step(step_with(do, method))
    view = page.step_view
    assert view is not None
    for action, button in view.action_buttons:
        if action.do == do and (not method or action.method == method):
            return button
    raise AssertionError(f"no button for {do} {method}")


def press(qtbot, win: MainWindow, do: str, method: str = "") -> None:  # type: ignore[no-untyped-def]
    click(qtbot, guide_button(qtbot, win, do, method))


# --- the guide's buttons --------------------------------------------------------------------------


def test_add_a_screenshot_opens_the_file_dialog_and_the_files_arrive(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    files = good_pngs(tmp_path, 2)
    dialogs.add_answers.append([str(p) for p in files])
    press(qtbot, opened, "add-files")
    assert dialogs.calls[-1] == "add"
    assert opened.current_page() is opened.vault_page  # what is added is seen arriving
    qtbot.waitUntil(lambda: len(library_items(opened)) == 2, timeout=WAIT_MS)
    assert sorted(i.original_name for i in library_items(opened)) == ["good-1.png", "good-2.png"]


def test_paste_adds_the_copied_picture(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, clean_clipboard: None
) -> None:
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor(20, 120, 60))
    QApplication.clipboard().setImage(image)
    button = guide_button(qtbot, opened, "paste")
    with qtbot.waitSignal(opened.vault_page.import_flow.finished, timeout=WAIT_MS):
        click(qtbot, button)
    assert opened.current_page() is opened.vault_page
    [item] = library_items(opened)
    assert item.provenance == PROVENANCE_PASTED


def test_capture_the_screen_hides_the_window_and_adds_the_screens(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    visible_at_grab: list[bool] = []
    real = capture.grab_screens

    def grab() -> list[QImage]:
        visible_at_grab.append(opened.isVisible())
        return real()

    monkeypatch.setattr(capture, "grab_screens", grab)
    button = guide_button(qtbot, opened, "capture-screen")
    with qtbot.waitSignal(opened.vault_page.import_flow.finished, timeout=WAIT_MS):
        click(qtbot, button)
    assert visible_at_grab == [False]  # the window was out of the picture
    qtbot.waitUntil(opened.isVisible)
    assert opened.current_page() is opened.vault_page
    items = library_items(opened)
    assert len(items) == len(QGuiApplication.screens())
    assert {i.provenance for i in items} == {PROVENANCE_CAPTURED}


def test_describe_something_opens_the_description_dialog(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, opened, "add-description")
    dialog = opened.vault_page.import_flow.description_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.title_edit.text() == "" and dialog.url_edit.text() == ""
    assert opened.current_page() is opened.vault_page


def test_log_an_incident_shows_an_empty_new_incident_ready_for_its_title(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow
) -> None:
    press(qtbot, opened, "log-incident")
    page = opened.incidents_page
    assert opened.current_page() is page
    assert page.form.isVisible() and page.form.title.text() == ""
    qtbot.waitUntil(page.form.title.hasFocus)


def test_add_to_the_takedown_tracker_with_stopncii_chosen(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, opened, "add-takedown", "stopncii")
    page = opened.takedowns_page
    assert opened.current_page() is page
    assert page.editor.isVisible() and page.form_title.text() == "Add a report"
    assert page.form.url.text() == ""
    assert page.form.method.currentData() == "stopncii"
    assert "StopNCII" in page.form.method.currentText()
    qtbot.waitUntil(page.form.url.hasFocus)


def test_write_in_the_journal_shows_the_journal(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, opened, "open-journal")
    assert opened.current_page() is opened.journal_page


def test_the_printable_summary_is_offered(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = opened.guide_page
    go_to(qtbot, opened, 1)
    qtbot.waitUntil(lambda: page.step_view is not None)
    step_id = step_with("open-report")
    page.show_step(step_id)
    view = page.step_view
    assert view is not None and view.step.id == step_id
    [button] = [b for action, b in view.action_buttons if action.do == "open-report"]
    click(qtbot, button)
    wait_idle(qtbot, opened)
    assert opened.current_page() is opened.case_screen.report


# --- the mapping table ----------------------------------------------------------------------------


@pytest.fixture
def actions(opened: MainWindow) -> GuideActions:
    return opened.guide_actions


@pytest.mark.parametrize(("method", "label"), [("dmca", "DMCA"), ("", "")])
def test_add_takedown_prefills_the_method_named_or_keeps_the_default(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, actions: GuideActions, method: str, label: str
) -> None:
    actions.run(Action("add-takedown", "", method=method))
    page = opened.takedowns_page
    assert opened.current_page() is page and page.form_title.text() == "Add a report"
    if method:
        assert page.form.method.currentData() == method
        assert label in page.form.method.currentText()
        assert page.form.dmca_caution.isVisible()  # as when chosen by hand
    else:
        assert page.form.method.currentData() == "form"  # the page's own default


@pytest.mark.parametrize(
    ("do", "tab"),
    [
        ("open-evidence", "vault_page"),
        ("open-incidents", "incidents_page"),
        ("open-takedowns", "takedowns_page"),
        ("open-timeline", "timeline_page"),
        ("open-journal", "journal_page"),
    ],
)
def test_open_actions_show_their_tab(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, actions: GuideActions, do: str, tab: str
) -> None:
    opened.case_screen.show_guide()
    actions.run(Action(do, ""))
    wait_idle(qtbot, opened)
    assert opened.current_page() is getattr(opened, tab)


def test_what_can_be_done(actions: GuideActions) -> None:
    # Every action the files may name: a new one without a handler fails here.
    for do in ACTIONS:
        assert actions.can_do(Action(do, "")), do
    assert not actions.can_do(Action("make-coffee", ""))
    # "Keep what I add hidden" is the Evidence tab's own option (a check box in the guide);
    # every other action is a button.
    hide_new = actions.screen.evidence.import_flow.hide_new.action
    assert actions.option_for(Action("hide-new", "")) is hide_new
    assert all(actions.option_for(Action(do, "")) is None for do in ACTIONS if do != "hide-new")


def test_an_action_that_cannot_be_done_does_nothing(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, actions: GuideActions
) -> None:
    opened.case_screen.show_guide()
    actions.run(Action("make-coffee", ""))
    assert opened.current_page() is opened.guide_page


def test_an_action_asks_about_unsaved_words_on_the_tab_shown_first(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, actions: GuideActions, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from another tab, an action changes tabs as the user would: the question about
    an incident not saved yet comes first, and "Don't save" goes on to the new report."""
    from locker.gui import incident_form
    from tests.gui.case_helpers import press as answer

    go_to(qtbot, opened, 3)
    click(qtbot, opened.incidents_page.new_button)
    qtbot.keyClicks(opened.incidents_page.form.title, "Not saved yet")
    seen: list[str] = []
    monkeypatch.setattr(incident_form, "run_modal", answer("Don't save", seen))
    actions.run(Action("add-takedown", "", method="stopncii"))
    assert len(seen) == 1 and "Save your changes to this incident?" in seen[0]
    assert opened.current_page() is opened.takedowns_page
    assert opened.takedowns_page.form.method.currentData() == "stopncii"


# --- where a vault opens, and the keys to the tabs ------------------------------------------------


def test_a_new_vault_opens_on_the_guides_first_step_under_its_recovery_key(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    dialog = make_vault_and_wait_for_key(qtbot, window, dialogs, vault_dir / "case.evl")
    assert dialog is not None and dialog.isVisible()  # the key is still asked about first
    page = window.guide_page
    assert window.current_page() is page
    qtbot.waitUntil(lambda: page.step_view is not None)
    assert page.step_view is not None and page.step_view.step.id == SHIPPED.steps[0].id
    assert page.step_list.currentRow() == 0
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not page.store.busy)
    assert window.vault is not None
    assert load_progress(window.vault).current == SHIPPED.steps[0].id  # resumes there


def test_an_opened_vault_opens_on_its_evidence(opened: MainWindow) -> None:
    assert opened.current_page() is opened.vault_page
    assert opened.focusWidget() is opened.vault_page.add_button


def test_ctrl_1_to_7_go_to_the_seven_tabs(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    pages = tab_pages(opened)
    for number in (1, 6, 3, 7, 2, 5, 4, 1):
        assert go_to(qtbot, opened, number) is pages[number - 1]
    screen = opened.case_screen
    assert screen.tabText(0) == "&Guide"
    assert screen.tabToolTip(0) == "What to do if your image is shared, step by step (Ctrl+1)"
    assert [screen.tabToolTip(i)[-8:] for i in range(7)] == [f"(Ctrl+{n})" for n in range(1, 8)]
    qtbot.keyClick(opened, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(opened, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # the tab's letter
    assert opened.current_page() is opened.guide_page
