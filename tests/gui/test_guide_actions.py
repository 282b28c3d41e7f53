"""The guide's actions in place open the program's real flows: the file dialog of "Add files…",
a paste, a screen capture, the description dialog, a new incident, a new takedown report (with
the method the guide names), and the tabs. The printable summary (issue 6) is not offered yet."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from locker.case.evidence import PROVENANCE_CAPTURED, PROVENANCE_PASTED
from locker.gui import capture
from locker.gui.guide_actions import GuideActions
from locker.gui.main_window import MainWindow
from tests.gui.conftest import FakeDialogs, wait_idle
from tests.gui.import_helpers import good_pngs

WAIT_MS = 30_000


@dataclass(frozen=True)
class Act:
    do: str
    label: str = ""
    method: str = ""
    missing: str = ""


@pytest.fixture
def actions(opened: MainWindow) -> GuideActions:
    return opened.guide_actions


@pytest.fixture
def clean_clipboard() -> Iterator[None]:
    QApplication.clipboard().clear()
    yield
    QApplication.clipboard().clear()


def library_items(win: MainWindow) -> list:  # type: ignore[type-arg]
    return win.vault_page.model.items()


def test_add_files_opens_the_file_dialog_and_the_files_arrive(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, actions: GuideActions, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    files = good_pngs(tmp_path, 2)
    dialogs.add_answers.append([str(p) for p in files])
    opened.case_screen.setCurrentWidget(opened.journal_page)
    actions.run(Act("add-files"))
    assert dialogs.calls[-1] == "add"
    assert opened.current_page() is opened.vault_page
    qtbot.waitUntil(lambda: len(library_items(opened)) == 2, timeout=WAIT_MS)
    assert sorted(i.original_name for i in library_items(opened)) == ["good-1.png", "good-2.png"]


def test_paste_adds_the_copied_picture(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, actions: GuideActions, clean_clipboard: None
) -> None:
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor(20, 120, 60))
    QApplication.clipboard().setImage(image)
    with qtbot.waitSignal(opened.vault_page.import_flow.finished, timeout=WAIT_MS):
        actions.run(Act("paste"))
    assert opened.current_page() is opened.vault_page
    [item] = library_items(opened)
    assert item.provenance == PROVENANCE_PASTED


def test_capture_screen_hides_the_window_and_adds_the_screens(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, actions: GuideActions, monkeypatch: pytest.MonkeyPatch
) -> None:
    visible_at_grab: list[bool] = []
    real = capture.grab_screens

    def grab() -> list[QImage]:
        visible_at_grab.append(opened.isVisible())
        return real()

    monkeypatch.setattr(capture, "grab_screens", grab)
    with qtbot.waitSignal(opened.vault_page.import_flow.finished, timeout=WAIT_MS):
        actions.run(Act("capture-screen"))
    assert visible_at_grab == [False]
    qtbot.waitUntil(opened.isVisible)
    assert opened.current_page() is opened.vault_page
    items = library_items(opened)
    assert len(items) == len(QGuiApplication.screens())
    assert {i.provenance for i in items} == {PROVENANCE_CAPTURED}


def test_add_description_opens_the_description_dialog(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, actions: GuideActions
) -> None:
    actions.run(Act("add-description"))
    dialog = opened.vault_page.import_flow.description_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.title_edit.text() == "" and dialog.url_edit.text() == ""
    assert opened.current_page() is opened.vault_page


def test_log_incident_shows_an_empty_new_incident(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, actions: GuideActions
) -> None:
    actions.run(Act("log-incident"))
    page = opened.incidents_page
    assert opened.current_page() is page
    assert page.form.isVisible() and page.form.title.text() == ""
    qtbot.waitUntil(page.form.title.hasFocus)


@pytest.mark.parametrize(("method", "label"), [("stopncii", "StopNCII"), ("", "")])
def test_add_takedown_shows_a_new_report_with_the_method(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, actions: GuideActions, method: str, label: str
) -> None:
    actions.run(Act("add-takedown", method=method))
    page = opened.takedowns_page
    assert opened.current_page() is page
    assert page.editor.isVisible() and page.form.url.text() == ""
    assert page.form_title.text() == "Add a report"
    if method:
        assert page.form.method.currentData() == method
        assert label in page.form.method.currentText()
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
    opened.case_screen.setCurrentWidget(
        opened.timeline_page if do == "open-evidence" else opened.vault_page
    )
    actions.run(Act(do))
    wait_idle(qtbot, opened)
    assert opened.current_page() is getattr(opened, tab)


def test_what_can_be_done(actions: GuideActions) -> None:
    offered = [
        "add-files",
        "paste",
        "capture-screen",
        "add-description",
        "log-incident",
        "add-takedown",
        "open-evidence",
        "open-incidents",
        "open-takedowns",
        "open-timeline",
        "open-journal",
    ]
    for do in offered:
        assert actions.can_do(Act(do)), do
    assert not actions.can_do(Act("open-report"))  # the printable summary is issue 6
    assert not actions.can_do(Act("make-coffee"))


def test_an_action_that_cannot_be_done_does_nothing(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, actions: GuideActions
) -> None:
    shown = opened.current_page()
    actions.run(Act("open-report"))
    actions.run(Act("make-coffee"))
    assert opened.current_page() is shown
