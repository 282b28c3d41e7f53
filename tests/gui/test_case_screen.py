"""The open vault's screen of tabs: Guide, Evidence, Incidents, Takedowns, Timeline, Journal —
going between them, one tab's change seen on another, and nothing left on any of them after a
lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from locker.case import incidents, journal, takedowns, without_file
from locker.gui import detail_pane, editor_pane, incident_form, journal_page
from locker.gui.main_window import MainWindow
from locker.gui.timeline_model import KIND_ROLE, TimelineModel
from tests.conftest import open_vault
from tests.gui.conftest import FakeDialogs, click, go_to, open_vault_in, tab_pages, wait_idle
from tests.gui.import_helpers import good_pngs
from tests.gui.test_drop import drop_on, mime_with, urls_of

MARKER = "Quokka5126Marker"
TABS = ["Guide", "Evidence", "Incidents", "Takedowns", "Timeline", "Journal", "Summary"]
ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.EditRole,
)


def _model_texts(model: QAbstractItemModel, parent: QModelIndex, out: list[str]) -> None:
    # List and table models are flat (the binding makes hasChildren, and a list's
    # columnCount, private there).
    flat = isinstance(model, QAbstractListModel | QAbstractTableModel)
    columns = 1 if isinstance(model, QAbstractListModel) else max(1, model.columnCount(parent))
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in ROLES:
                value = model.data(index, role)
                if value is not None:
                    out.append(str(value))
            if column == 0 and not flat and model.hasChildren(index):
                _model_texts(model, index, out)


def all_texts(win: QWidget) -> list[str]:
    """Every string the window's widgets hold: fields, labels, buttons, tool tips, accessible
    names, tab texts, and every row of every model (lists, tables, combo boxes)."""
    out: list[str] = [win.windowTitle()]
    widgets = [win, *win.findChildren(QWidget)]
    for widget in widgets:
        out += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLineEdit):
            out.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            out.append(widget.toPlainText())
        elif isinstance(widget, QLabel | QAbstractButton):
            out.append(widget.text())
        elif isinstance(widget, QTabWidget):
            out += [widget.tabText(i) for i in range(widget.count())]
    models = {id(m): m for m in win.findChildren(QAbstractItemModel)}
    for view in win.findChildren(QAbstractItemView):
        if view.model() is not None:
            models[id(view.model())] = view.model()
    for model in models.values():
        _model_texts(model, QModelIndex(), out)
    return [t for t in out if t]


def holding(win: QWidget, needle: str) -> list[str]:
    return [t for t in all_texts(win) if needle in t]


@pytest.fixture
def full_vault(new_vault: tuple[Path, str]) -> Path:
    """A vault with one of everything, each carrying the marker."""
    vault = open_vault(new_vault[0])
    try:
        item = without_file.add_description_only(
            vault, title=f"Post by {MARKER}", happened_at="2026-04-02T10:00", happened_tz="UTC"
        )
        incident = incidents.add_incident(
            vault, title=f"Threats from {MARKER}", start_at="2026-04-01", start_tz="UTC"
        )
        incidents.link_evidence(vault, incident.id, [item.id])
        takedowns.add_takedown(vault, f"https://example.com/{MARKER}", platform="Example")
        journal.add_entry(vault, f"I felt afraid of {MARKER}", "2026-04-03")
    finally:
        vault.lock()
    return new_vault[0]


def add_incident(qtbot, win: MainWindow, title: str) -> str:  # type: ignore[no-untyped-def]
    page = go_to(qtbot, win, 3)
    assert page is win.incidents_page
    click(qtbot, page.new_button)
    qtbot.keyClicks(page.form.title, title)
    click(qtbot, page.save_button)
    wait_idle(qtbot, win)
    current = page.current_incident()
    assert current is not None and current.title == title
    return current.id


def test_the_seven_tabs_in_order(opened: MainWindow) -> None:
    screen = opened.case_screen
    assert opened.stack.currentWidget() is screen
    assert [screen.tabText(i).replace("&", "") for i in range(screen.count())] == TABS
    assert screen.pages() == tab_pages(opened)
    assert screen.guide is opened.guide_page and screen.evidence is opened.vault_page
    assert screen.journal is opened.journal_page
    assert opened.current_page() is opened.vault_page  # an open vault starts on its evidence
    # Alt+letter marks, each used once on the whole screen.
    letters = [t.split("&")[1][0].lower() for t in map(screen.tabText, range(7)) if "&" in t]
    assert len(letters) == len(set(letters)) == 5


def test_ctrl_and_a_number_go_to_the_tabs(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert go_to(qtbot, opened, 3) is opened.incidents_page
    assert go_to(qtbot, opened, 6) is opened.journal_page
    assert go_to(qtbot, opened, 4) is opened.takedowns_page
    assert go_to(qtbot, opened, 5) is opened.timeline_page
    assert go_to(qtbot, opened, 2) is opened.vault_page
    assert go_to(qtbot, opened, 1) is opened.guide_page
    # Alt+J too (the tab's underlined letter).
    qtbot.keyClick(opened, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
    assert opened.current_page() is opened.journal_page


def test_the_timeline_shows_an_incident_added_on_the_incidents_tab(
    qtbot, opened: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    timeline = go_to(qtbot, opened, 5)
    assert timeline is opened.timeline_page and opened.timeline_page.entries() == []
    incident_id = add_incident(qtbot, opened, "Messages from the old account")
    go_to(qtbot, opened, 5)
    entries = opened.timeline_page.entries()
    assert [(e.kind, e.id, e.title) for e in entries] == [
        ("incident", incident_id, "Messages from the old account")
    ]


def test_a_double_click_on_the_timeline_opens_the_incident_or_the_item(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, dialogs: FakeDialogs, full_vault: Path
) -> None:
    open_vault_in(qtbot, window, dialogs, full_vault)
    page = go_to(qtbot, window, 5)
    assert page is window.timeline_page
    view = window.timeline_page.view
    model = view.model()
    kinds = [e.kind for e in window.timeline_page.entries()]
    assert sorted(kinds) == ["evidence", "incident"]

    def double_click(kind: str) -> None:
        row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(KIND_ROLE) == kind)
        rect = view.visualRect(model.index(row, TimelineModel.TITLE))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        wait_idle(qtbot, window)

    double_click("incident")
    assert window.current_page() is window.incidents_page
    shown = window.incidents_page.current_incident()
    assert shown is not None and shown.title == f"Threats from {MARKER}"

    go_to(qtbot, window, 5)
    double_click("evidence")
    assert window.current_page() is window.vault_page
    item = window.vault_page.library.current_item()
    assert item is not None and item.title == f"Post by {MARKER}"


def type_a_guide_note(qtbot, win: MainWindow, words: str) -> None:  # type: ignore[no-untyped-def]
    """On the Guide tab, words typed into the notes of the step shown (not saved yet: typing
    has not paused)."""
    page = go_to(qtbot, win, 1)
    assert page is win.guide_page
    qtbot.waitUntil(lambda: win.guide_page.step_view is not None)
    qtbot.keyClicks(win.guide_page.notes, words)


@pytest.mark.parametrize("tab", [1, 2, 3, 4, 5, 6])
def test_lock_from_any_tab_goes_back_to_the_start_and_clears_every_page(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, dialogs: FakeDialogs, full_vault: Path, tab: int
) -> None:
    open_vault_in(qtbot, window, dialogs, full_vault)
    window.vault_page.library.select_item(window.vault_page.model.item(0).id)
    type_a_guide_note(qtbot, window, f"my note about {MARKER}")
    for number in (3, 4, 5, 6):  # every page reads the vault
        go_to(qtbot, window, number)
    assert window.vault is not None
    found, _ = incidents.list_incidents(window.vault)
    window.case_screen.show_incident(found[0].id)
    window.journal_page.entry_list.setCurrentRow(0)
    assert holding(window, MARKER)  # shown on the pages before the lock
    go_to(qtbot, window, tab)
    click(qtbot, window.lock_bar.lock_button)
    assert window.vault is None
    assert window.current_page() is window.start_page
    assert holding(window, MARKER) == []


def test_questions_answered_before_a_lock_leave_nothing_behind(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, dialogs: FakeDialogs, full_vault: Path, monkeypatch
) -> None:
    """Every delete and save question names what it is about (a title, an address, a day).
    Once answered, the box is gone: a lock afterwards finds none of them, hidden or not."""
    open_vault_in(qtbot, window, dialogs, full_vault)
    asked: list[str] = []

    def answer(box: QWidget) -> int:
        assert isinstance(box, QMessageBox)
        asked.append(f"{box.text()} {box.informativeText()}")
        wanted = {"Don't save", "Keep it"}
        next(b for b in box.buttons() if b.text() in wanted).click()
        return 0

    for module in (detail_pane, incident_form, editor_pane, journal_page):
        monkeypatch.setattr(module, "run_modal", answer)

    # Evidence: an item's title changed, then another tab ("Save your changes…?").
    window.vault_page.library.select_item(window.vault_page.model.item(0).id)
    wait_idle(qtbot, window)
    qtbot.keyClicks(window.vault_page.detail.form.title, " (edited)")
    incidents_page = go_to(qtbot, window, 3)
    assert incidents_page is window.incidents_page
    # Incidents: Delete… (kept), then a change left unsaved.
    assert window.vault is not None
    window.case_screen.show_incident(incidents.list_incidents(window.vault)[0][0].id)
    wait_idle(qtbot, window)
    click(qtbot, window.incidents_page.delete_button)
    qtbot.keyClicks(window.incidents_page.form.responsible, "someone")
    assert go_to(qtbot, window, 4) is window.takedowns_page
    # Takedowns: the same.
    window.takedowns_page.table.selectRow(0)
    click(qtbot, window.takedowns_page.delete_button)
    qtbot.keyClicks(window.takedowns_page.form.ticket, "123")
    assert go_to(qtbot, window, 6) is window.journal_page
    # Journal: the same.
    window.journal_page.entry_list.setCurrentRow(0)
    click(qtbot, window.journal_page.delete_button)
    window.journal_page.text.insertPlainText("more words")
    assert go_to(qtbot, window, 2) is window.vault_page

    assert len(asked) == 7
    assert sum(MARKER in question for question in asked) == 3  # item, incident, address
    assert any("2026-04-03" in question for question in asked)  # the journal entry's day
    qtbot.waitUntil(lambda: not window.findChildren(QMessageBox))
    click(qtbot, window.lock_bar.lock_button)
    assert window.vault is None
    assert holding(window, MARKER) == []
    assert holding(window, "2026-04-03") == []


def test_a_guide_note_typed_just_before_a_lock_is_kept_and_shown_again(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    open_vault_in(qtbot, window, dialogs, new_vault[0])
    type_a_guide_note(qtbot, window, f"called the helpline {MARKER}")
    step = window.guide_page.step_view
    assert step is not None
    click(qtbot, window.lock_bar.lock_button)  # at once: typing never paused
    assert holding(window, MARKER) == []
    open_vault_in(qtbot, window, dialogs, new_vault[0])
    type_a_guide_note(qtbot, window, "")
    shown = window.guide_page.step_view
    assert shown is not None and shown.step.id == step.step.id
    assert window.guide_page.notes.toPlainText() == f"called the helpline {MARKER}"


def quick_exit_leaves_nothing(qtbot, win: MainWindow, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Q in ``widget``: the window is gone, the vault locked, no text holds the marker."""
    vault = win.vault
    assert vault is not None
    with qtbot.waitSignal(win.quick_exited, timeout=2000):
        qtbot.keyClick(widget, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not win.isVisible()
    assert vault.is_locked and win.vault is None
    assert holding(win, MARKER) == []


def test_quick_exit_from_the_guide_tab(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    type_a_guide_note(qtbot, opened, f"not saved yet {MARKER}")
    quick_exit_leaves_nothing(qtbot, opened, opened.guide_page.notes)


def test_quick_exit_from_the_journal_tab(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = go_to(qtbot, opened, 6)
    assert page is opened.journal_page
    opened.journal_page.text.setFocus()
    opened.journal_page.text.moveCursor(QTextCursor.MoveOperation.End)
    opened.journal_page.text.insertPlainText(f"not saved yet {MARKER}")
    quick_exit_leaves_nothing(qtbot, opened, opened.journal_page.text)


def test_files_dropped_while_the_journal_shows_are_added_and_evidence_shown(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, tmp_path: Path
) -> None:
    files = good_pngs(tmp_path, 2)
    go_to(qtbot, opened, 6)
    drop = drop_on(opened.journal_page.text, mime_with(urls_of(files)))
    assert drop.isAccepted()
    assert opened.current_page() is opened.vault_page
    qtbot.waitUntil(lambda: opened.vault_page.model.rowCount() == 2, timeout=30_000)
    assert opened.journal_page.text.toPlainText() == ""  # no file path typed into the journal


def test_leaving_a_tab_with_unsaved_changes_asks_first(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    go_to(qtbot, opened, 3)
    click(qtbot, opened.incidents_page.new_button)
    qtbot.keyClicks(opened.incidents_page.form.title, "Not saved yet")
    asked: list[str] = []

    def save(box: QWidget) -> int:
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        for button in box.buttons():
            if button.text() == "Save":
                button.click()
        return 0

    monkeypatch.setattr(incident_form, "run_modal", save)
    assert go_to(qtbot, opened, 5) is opened.timeline_page
    assert asked == ["Save your changes to this incident?"]
    assert [e.title for e in opened.timeline_page.entries()] == ["Not saved yet"]


def test_a_link_undone_on_the_incidents_tab_shows_on_the_evidence_tab(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, dialogs: FakeDialogs, full_vault: Path
) -> None:
    open_vault_in(qtbot, window, dialogs, full_vault)
    window.vault_page.library.select_item(window.vault_page.model.item(0).id)
    wait_idle(qtbot, window)
    box = window.vault_page.detail.incidents
    assert box.list.count() == 1  # the item is linked to the incident

    go_to(qtbot, window, 3)
    assert window.vault is not None
    window.case_screen.show_incident(incidents.list_incidents(window.vault)[0][0].id)
    form = window.incidents_page.form
    form.evidence.setCurrentRow(0)
    click(qtbot, form.unlink_button)
    wait_idle(qtbot, window)
    assert form.evidence.count() == 0

    assert go_to(qtbot, window, 2) is window.vault_page
    assert box.list.count() == 0 and box.none_label.isVisible()


def test_titles_that_look_like_markup_read_as_written_in_every_tooltip(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    """A title such as "<img src=x> <b>photo</b>" (a file name can be one) is shown as typed
    when the mouse rests on it, in the evidence list and on the timeline: never drawn as bold
    text or a picture (an <img> tooltip would load a file)."""
    from PySide6 import QtGui

    title = "<img src=x> <b>photo</b>"
    vault = open_vault(new_vault[0])
    try:
        without_file.add_description_only(vault, title=title, happened_at="2026-04-02")
        incidents.add_incident(vault, title=title, start_at="2026-04-01")
    finally:
        vault.lock()
    open_vault_in(qtbot, window, dialogs, new_vault[0])

    def drawn(tip: str) -> str:
        if not QtGui.Qt.mightBeRichText(tip):
            return tip
        document = QtGui.QTextDocument()
        document.setHtml(tip)
        return document.toPlainText()

    def tips(model: QAbstractItemModel) -> list[str]:
        cells = [model.index(r, c) for r in range(model.rowCount()) for c in range(5)]
        return [str(i.data(Qt.ItemDataRole.ToolTipRole)) for i in cells if i.isValid()]

    evidence_tips = [t for t in tips(window.vault_page.model) if "photo" in t]
    go_to(qtbot, window, 5)
    timeline_tips = [t for t in tips(window.timeline_page.view.model()) if "photo" in t]
    assert evidence_tips and len(timeline_tips) == 2
    for tip in evidence_tips + timeline_tips:
        assert title in drawn(tip)
