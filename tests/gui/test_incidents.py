"""The Incidents tab and the "Incidents" box of the detail pane, driven like a user: typing,
clicking, choosing evidence in the picker (titles only), saving, deleting after a question, and
nothing decrypted left in the widgets after a lock.

Real vault at the KDF floor, real worker threads (TaskRunner), no sleeps."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTreeWidget,
    QWidget,
)

from locker.case import incidents, without_file
from locker.case.evidence import EvidenceItem
from locker.gui import evidence_picker, incident_form, item_incidents
from locker.gui.detail_pane import DetailPane
from locker.gui.evidence_picker import EvidencePicker
from locker.gui.incidents_page import IncidentsPage
from locker.gui.reveal import RevealState
from locker.gui.tasks import TaskRunner
from locker.gui.when_edit import WhenEdit
from locker.vault import Vault
from tests.conftest import open_vault
from tests.gui.case_helpers import Labels, find_button, idle, keep_it, press, show_page
from tests.gui.conftest import click

TITLE = "Публикация на форуме 论坛"  # non-Latin text must survive the whole way
WHAT = "Он выложил фото без согласия. 他未经同意发布了照片。"

# --- fixtures and helpers ----------------------------------------------------------------------


def make_page(qtbot, runner: TaskRunner, vault: Vault) -> IncidentsPage:  # type: ignore[no-untyped-def]
    p = IncidentsPage(runner)
    show_page(qtbot, p, 1100, 900, vault)
    p.refresh()
    idle(qtbot, runner)
    return p


@pytest.fixture
def page(qtbot, runner: TaskRunner, vault: Vault) -> IncidentsPage:  # type: ignore[no-untyped-def]
    return make_page(qtbot, runner, vault)


def item(vault: Vault, title: str, **kwargs: str) -> EvidenceItem:
    return without_file.add_description_only(vault, title=title, **kwargs)


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a user: keys for plain letters, an input method's commit for other scripts
    (as a Russian or Chinese keyboard delivers them), Return between lines."""
    for n, line in enumerate(text.split("\n")):
        if n:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if line.isascii():
            qtbot.keyClicks(widget, line)
        else:
            event = QInputMethodEvent()
            event.setCommitString(line)
            QApplication.sendEvent(widget, event)


def type_into(qtbot, edit: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    edit.selectAll()  # type: ignore[attr-defined]
    type_text(qtbot, edit, text)


def set_when(qtbot, edit: WhenEdit, day: QDate, time: QTime | None, zone: str) -> None:  # type: ignore[no-untyped-def]
    if edit.date_unknown.isChecked():
        click(qtbot, edit.date_unknown)
    edit.date.setDate(day)
    if time is not None:
        if edit.time_unknown.isChecked():
            click(qtbot, edit.time_unknown)
        edit.time.setTime(time)
    type_into(qtbot, edit.zone.lineEdit(), zone)


def type_cell(qtbot, table: QTableWidget, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Double-click-like editing of one cell: open its editor, type, press Enter."""
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert editors, "no cell editor open"
    type_text(qtbot, editors[-1], text)
    qtbot.keyClick(editors[-1], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == text)


def choose_in_picker(qtbot, search: str, titles: list[str], seen: list[list[str]]) -> Callable:  # type: ignore[no-untyped-def, type-arg]
    """A stand-in for the picker's run_modal: search, select ``titles``, press Link."""

    def answer(dialog: QWidget) -> int:
        assert isinstance(dialog, EvidencePicker)
        assert no_pictures(dialog)
        seen.append(dialog.visible_titles())
        if search:
            qtbot.keyClicks(dialog.search, search)
            seen.append(dialog.visible_titles())
        dialog.select_titles(titles)
        find_button(dialog, "Link").click()
        return dialog.result()

    return answer


def no_pictures(root: QWidget) -> bool:
    """Titles only: no label in the tree shows a picture."""
    return all(label.pixmap().isNull() for label in root.findChildren(QLabel))


def row_of(widget: QListWidget, text_part: str) -> int:
    for r in range(widget.count()):
        if text_part in widget.item(r).text():
            return r
    raise AssertionError(
        f"{text_part!r} not in {[widget.item(i).text() for i in range(widget.count())]}"
    )


def click_row(qtbot, widget: QListWidget, text_part: str) -> None:  # type: ignore[no-untyped-def]
    row = widget.item(row_of(widget, text_part))
    widget.scrollToItem(row)
    rect = widget.visualItemRect(row)
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def every_text(root: QWidget) -> str:
    """Everything a widget tree shows or holds as text."""
    parts: list[str] = []
    for w in root.findChildren(QWidget):
        if isinstance(w, QLineEdit):
            parts.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            parts.append(w.toPlainText())
        elif isinstance(w, QLabel):
            parts.append(w.text())
        elif isinstance(w, QComboBox):
            parts.append(w.currentText())
        elif isinstance(w, QTableWidget):
            for r in range(w.rowCount()):
                for c in range(w.columnCount()):
                    cell = w.item(r, c)
                    parts.append(cell.text() if cell else "")
        elif isinstance(w, QListWidget):
            parts.extend(w.item(r).text() for r in range(w.count()))
        elif isinstance(w, QTreeWidget):
            for r in range(w.topLevelItemCount()):
                parts.extend(w.topLevelItem(r).text(c) for c in range(w.columnCount()))
    return "\n".join(parts)


def last_log(vault: Vault) -> tuple[str, str]:
    entries, problems = vault.custody_log()
    assert not problems
    return entries[-1].action, entries[-1].summary


# --- adding, round trip --------------------------------------------------------------------------


def test_a_new_incident_with_non_latin_text_a_zone_and_a_series_round_trips(  # type: ignore[no-untyped-def]
    qtbot, page: IncidentsPage, runner, vault
) -> None:
    assert page.list.count() == 0
    click(qtbot, page.new_button)
    form = page.form
    type_into(qtbot, form.title, TITLE)
    set_when(qtbot, form.start, QDate(2026, 11, 1), QTime(1, 30), "America/New_York")
    qtbot.waitUntil(form.start.twice.isVisible)  # 01:30 happened twice that night
    click(qtbot, form.start.second)
    click(qtbot, form.is_series)
    set_when(qtbot, form.end, QDate(2026, 11, 20), None, "America/New_York")
    type_into(qtbot, form.platform.lineEdit(), "ВКонтакте")
    type_into(qtbot, form.urls, "https://example.com/a\nhttps://example.com/b")
    type_into(qtbot, form.accounts, "@настоящий_аккаунт\n+7 900 000-00-00")
    type_into(qtbot, form.responsible, "Иван")
    type_into(qtbot, form.relationship.lineEdit(), "ex-partner")
    type_into(qtbot, form.description, WHAT)
    click(qtbot, form.witnesses.add_button)
    type_cell(qtbot, form.witnesses.table, 0, 0, "Мария")
    type_cell(qtbot, form.witnesses.table, 0, 1, "maria@example.org")
    click(qtbot, form.reports.add_button)
    type_cell(qtbot, form.reports.table, 0, 0, "Police")
    type_cell(qtbot, form.reports.table, 0, 1, "2026-11-21")
    type_cell(qtbot, form.reports.table, 0, 2, "A-123")
    assert page.has_unsaved_changes()

    with qtbot.waitSignal(page.changed, timeout=20_000):
        click(qtbot, page.save_button)
    idle(qtbot, runner)
    assert "Saved" in page.saved_label.text()
    assert not page.has_unsaved_changes()
    (stored,), damaged = incidents.list_incidents(vault)
    assert not damaged
    assert stored.title == TITLE and stored.description == WHAT
    assert (stored.start_at, stored.start_tz, stored.start_offset) == (
        "2026-11-01T01:30",
        "America/New_York",
        "-05:00",
    )
    assert (stored.end_at, stored.end_tz) == ("2026-11-20", "America/New_York")
    assert stored.platform == "ВКонтакте"
    assert stored.urls == ["https://example.com/a", "https://example.com/b"]
    assert stored.accounts == ["@настоящий_аккаунт", "+7 900 000-00-00"]
    assert (stored.responsible, stored.relationship) == ("Иван", "ex-partner")
    assert [(w.name, w.contact) for w in stored.witnesses] == [("Мария", "maria@example.org")]
    assert [(r.to, r.date, r.number, r.officer) for r in stored.reports] == [
        ("Police", "2026-11-21", "A-123", "")
    ]
    assert last_log(vault)[0] == "incident-add"
    # It stays selected, and the list says when, what and where.
    assert page.current_incident() is not None and page.current_incident().id == stored.id
    assert page.list.current_id() == stored.id
    row = page.list.currentItem().text()
    assert TITLE in row and "ВКонтакте" in row and "0 linked items" in row and "2026" in row

    # A fresh page (as after a lock and unlock) shows the same.
    again = make_page(qtbot, runner, vault)
    click_row(qtbot, again.list, TITLE)
    f = again.form
    assert f.title.text() == TITLE
    assert f.description.toPlainText() == WHAT
    assert f.start.values() == ("2026-11-01T01:30", "America/New_York", "-05:00")
    assert f.start.second.isChecked()
    assert f.is_series.isChecked() and f.end.values()[:2] == ("2026-11-20", "America/New_York")
    assert f.accounts.toPlainText() == "@настоящий_аккаунт\n+7 900 000-00-00"
    assert f.witnesses.values() == [{"name": "Мария", "contact": "maria@example.org"}]
    assert f.reports.values()[0]["number"] == "A-123"
    assert not again.has_unsaved_changes()
    assert not again.save_button.isEnabled()


def test_the_list_is_in_order_with_undated_at_the_end(qtbot, page, runner, vault) -> None:  # type: ignore[no-untyped-def]
    incidents.add_incident(vault, title="Later", start_at="2026-06-01")
    incidents.add_incident(vault, title="No date")
    incidents.add_incident(
        vault, title="Earlier", start_at="2026-05-03T21:30", start_tz="Europe/Berlin"
    )
    page.refresh()
    idle(qtbot, runner)
    rows = page.list.row_texts()
    assert "No date" in rows[-1]
    assert (
        row_of(page.list, "Earlier")
        < row_of(page.list, "Later")
        < row_of(page.list, "Date not known")
    )
    assert row_of(page.list, "Date not known") < row_of(page.list, "No date")
    assert "21:30" in rows[row_of(page.list, "Earlier")]


def test_the_list_has_a_heading_for_each_month_that_cannot_be_chosen(  # type: ignore[no-untyped-def]
    qtbot, page, runner, vault
) -> None:
    incidents.add_incident(vault, title="In May", start_at="2026-05-30")
    incidents.add_incident(vault, title="Late September", start_at="2026-09-28T22:40")
    incidents.add_incident(vault, title="Early September", start_at="2026-09-02")
    incidents.add_incident(vault, title="No date")
    page.refresh()
    idle(qtbot, runner)
    months = [t for t in page.list.row_texts() if "\n" not in t and "·" not in t]
    assert months == ["May 2026", "September 2026", "Date not known"]  # no empty months
    september = row_of(page.list, "September 2026")
    assert september < row_of(page.list, "Early September") < row_of(page.list, "Late September")
    heading = page.list.item(september)
    assert not heading.flags() & Qt.ItemFlag.ItemIsSelectable
    # The arrow keys step over the headings, from May's incident to September's first.
    click_row(qtbot, page.list, "In May")
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    assert page.current_incident() is not None
    assert page.current_incident().title == "Early September"


def test_a_time_that_did_not_happen_is_refused_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    qtbot, page, runner, vault
) -> None:
    click(qtbot, page.new_button)
    type_into(qtbot, page.form.title, "Message at night")
    set_when(qtbot, page.form.start, QDate(2026, 3, 8), QTime(2, 30), "America/New_York")
    qtbot.waitUntil(page.form.start.gap_label.isVisible)
    click(qtbot, page.save_button)
    idle(qtbot, runner)
    assert page.message.isVisible()
    assert "did not happen" in page.message.text() and "02:30" in page.message.text()
    assert incidents.list_incidents(vault)[0] == []
    assert page.has_unsaved_changes()  # what the user typed is still there


def test_the_core_refusal_is_shown_kindly(qtbot, page, runner, vault) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, page.new_button)
    type_into(qtbot, page.form.platform.lineEdit(), "Instagram")  # no title, no description
    click(qtbot, page.save_button)
    idle(qtbot, runner)
    assert page.message.isVisible() and page.message.text()
    assert "Traceback" not in page.message.text()
    assert incidents.list_incidents(vault)[0] == []


# --- linking -------------------------------------------------------------------------------------


def test_link_two_items_with_the_picker_and_unlink_one(  # type: ignore[no-untyped-def]
    qtbot, page, runner, vault, monkeypatch
) -> None:
    a = item(vault, "Screenshot of the post")
    b = item(vault, "Screenshot of the comments")
    item(vault, "Bank statement")
    inc = incidents.add_incident(vault, title="Posted on a forum")
    page.refresh()
    idle(qtbot, runner)
    click_row(qtbot, page.list, "Posted on a forum")
    seen: list[list[str]] = []
    monkeypatch.setattr(
        evidence_picker,
        "run_modal",
        choose_in_picker(
            qtbot, "screenshot", ["Screenshot of the post", "Screenshot of the comments"], seen
        ),
    )
    with qtbot.waitSignal(page.changed, timeout=20_000):
        click(qtbot, page.form.link_button)
    idle(qtbot, runner)
    assert set(seen[0]) == {
        "Screenshot of the post",
        "Screenshot of the comments",
        "Bank statement",
    }
    assert set(seen[1]) == {"Screenshot of the post", "Screenshot of the comments"}
    shown = [page.form.evidence.item(r).text() for r in range(page.form.evidence.count())]
    assert shown == ["Screenshot of the post", "Screenshot of the comments"]
    assert incidents.find_incident(vault, inc.id).evidence == [a.id, b.id]
    assert "2 linked items" in page.list.currentItem().text()
    assert last_log(vault)[0] == "link"

    # The picker offers only what is not linked yet.
    seen.clear()
    monkeypatch.setattr(evidence_picker, "run_modal", choose_in_picker(qtbot, "", [], seen))
    click(qtbot, page.form.link_button)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] == ["Bank statement"]

    click_row(qtbot, page.form.evidence, "Screenshot of the post")
    with qtbot.waitSignal(page.changed, timeout=20_000):
        click(qtbot, page.form.unlink_button)
    idle(qtbot, runner)
    shown = [page.form.evidence.item(r).text() for r in range(page.form.evidence.count())]
    assert shown == ["Screenshot of the comments"]
    assert incidents.find_incident(vault, inc.id).evidence == [b.id]
    assert last_log(vault)[0] == "unlink"


def test_evidence_chosen_for_a_new_incident_is_linked_when_it_is_saved(  # type: ignore[no-untyped-def]
    qtbot, page, runner, vault, monkeypatch
) -> None:
    a = item(vault, "Voicemail")
    click(qtbot, page.new_button)
    type_into(qtbot, page.form.title, "Threatening call")
    monkeypatch.setattr(
        evidence_picker, "run_modal", choose_in_picker(qtbot, "", ["Voicemail"], [])
    )
    click(qtbot, page.form.link_button)
    qtbot.waitUntil(lambda: page.form.evidence.count() == 1)
    assert incidents.list_incidents(vault)[0] == []  # nothing written before Save
    click(qtbot, page.save_button)
    idle(qtbot, runner)
    (stored,) = incidents.list_incidents(vault)[0]
    assert stored.evidence == [a.id]
    assert page.form.evidence.item(0).text() == "Voicemail"
    entries, _problems = vault.custody_log()
    assert [e.action for e in entries][-1] == "incident-add"  # one entry, the link in it
    assert "link" not in [e.action for e in entries]


# --- the evidence side ---------------------------------------------------------------------------


def test_link_from_the_evidence_side_and_see_it_on_the_incident(  # type: ignore[no-untyped-def]
    qtbot, runner, vault, monkeypatch
) -> None:
    photo = item(vault, "Photo of the wall")
    incidents.add_incident(vault, title="Graffiti on the house", start_at="2026-05-03")
    incidents.add_incident(vault, title="Another incident")
    pane = DetailPane(runner, RevealState())
    qtbot.addWidget(pane)
    pane.resize(820, 1000)
    pane.show()
    pane.set_vault(vault)
    pane.show_item(photo)
    idle(qtbot, runner)
    box = pane.incidents
    assert box.none_label.isVisible() and box.list.count() == 0

    def choose(dialog: QWidget) -> int:
        chooser = dialog.chooser  # type: ignore[attr-defined]
        click_row(qtbot, chooser, "Graffiti on the house")
        find_button(dialog, "Link").click()
        return dialog.result()  # type: ignore[attr-defined]

    monkeypatch.setattr(item_incidents, "run_modal", choose)
    with qtbot.waitSignal(box.changed, timeout=20_000):
        click(qtbot, box.link_button)
    qtbot.waitUntil(lambda: box.list.count() == 1)
    assert "Graffiti on the house" in box.list.item(0).text()
    assert not box.none_label.isVisible()

    page = make_page(qtbot, runner, vault)
    click_row(qtbot, page.list, "Graffiti on the house")
    assert page.form.evidence.item(0).text() == "Photo of the wall"

    click_row(qtbot, box.list, "Graffiti on the house")
    with qtbot.waitSignal(box.changed, timeout=20_000):
        click(qtbot, box.unlink_button)
    qtbot.waitUntil(lambda: box.list.count() == 0)
    assert incidents.incidents_for_item(vault, photo.id) == []

    pane.clear()
    assert box.list.count() == 0 and not box.link_button.isEnabled()


def test_the_evidence_side_reads_the_links_again_when_shown_again(  # type: ignore[no-untyped-def]
    qtbot, runner, vault
) -> None:
    photo = item(vault, "Photo of the car")
    inc = incidents.add_incident(vault, title="Followed home")
    pane = DetailPane(runner, RevealState())
    qtbot.addWidget(pane)
    pane.show()
    pane.set_vault(vault)
    pane.show_item(photo)
    idle(qtbot, runner)
    assert pane.incidents.list.count() == 0
    pane.hide()  # another tab is shown, where the link is made
    incidents.link_evidence(vault, inc.id, [photo.id])
    pane.show()
    qtbot.waitUntil(lambda: "Followed home" in " ".join(pane.incidents.list.row_texts()))


# --- moving on, deleting, locking ----------------------------------------------------------------


def test_moving_to_another_incident_asks_about_unsaved_changes(  # type: ignore[no-untyped-def]
    qtbot, page, runner, vault, monkeypatch
) -> None:
    first = incidents.add_incident(vault, title="First")
    incidents.add_incident(vault, title="Second")
    page.refresh()
    idle(qtbot, runner)
    click_row(qtbot, page.list, "First")
    type_into(qtbot, page.form.responsible, "his brother")
    seen: list[str] = []
    monkeypatch.setattr(incident_form, "run_modal", press("Save", seen))
    click_row(qtbot, page.list, "Second")
    idle(qtbot, runner)
    assert seen and "Save your changes" in seen[0]
    assert page.current_incident().title == "Second"
    assert incidents.find_incident(vault, first.id).responsible == "his brother"

    type_into(qtbot, page.form.responsible, "nobody")
    monkeypatch.setattr(incident_form, "run_modal", press("Don't save"))
    click_row(qtbot, page.list, "First")
    idle(qtbot, runner)
    assert page.current_incident().title == "First"
    assert all(i.responsible != "nobody" for i in incidents.list_incidents(vault)[0])


def test_delete_asks_first(qtbot, page, runner, vault, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    photo = item(vault, "Kept photo")
    inc = incidents.add_incident(vault, title="To be deleted")
    incidents.link_evidence(vault, inc.id, [photo.id])
    page.refresh()
    idle(qtbot, runner)
    click_row(qtbot, page.list, "To be deleted")
    seen: list[str] = []
    monkeypatch.setattr(incident_form, "run_modal", press("Keep it", seen))
    click(qtbot, page.delete_button)
    idle(qtbot, runner)
    assert "To be deleted" in seen[0] and "evidence itself stays" in seen[0]
    assert incidents.list_incidents(vault)[0]

    monkeypatch.setattr(incident_form, "run_modal", press("Delete"))
    with qtbot.waitSignal(page.changed, timeout=20_000):
        click(qtbot, page.delete_button)
    idle(qtbot, runner)
    assert incidents.list_incidents(vault)[0] == []
    assert page.list.count() == 0 and page.current_incident() is None
    assert last_log(vault)[0] == "incident-delete"
    assert incidents.incidents_for_item(vault, photo.id) == []


def test_show_incident_selects_it(qtbot, page, runner, vault) -> None:  # type: ignore[no-untyped-def]
    incidents.add_incident(vault, title="One")
    two = incidents.add_incident(vault, title="Two")
    page.show_incident(two.id)  # not read yet: after the next read
    idle(qtbot, runner)
    assert page.current_incident().id == two.id
    assert page.form.title.text() == "Two"


def test_clear_leaves_no_decrypted_text_in_the_widgets(  # type: ignore[no-untyped-def]
    qtbot, page, runner, vault, monkeypatch
) -> None:
    item(vault, "Secret evidence title")
    click(qtbot, page.new_button)
    type_into(qtbot, page.form.title, TITLE)
    type_into(qtbot, page.form.description, WHAT)
    type_into(qtbot, page.form.responsible, "Иван")
    click(qtbot, page.form.witnesses.add_button)
    type_cell(qtbot, page.form.witnesses.table, 0, 0, "Мария")
    monkeypatch.setattr(
        evidence_picker, "run_modal", choose_in_picker(qtbot, "", ["Secret evidence title"], [])
    )
    click(qtbot, page.form.link_button)
    qtbot.waitUntil(lambda: page.form.evidence.count() == 1)
    click(qtbot, page.save_button)
    idle(qtbot, runner)
    assert TITLE in every_text(page)
    # Something typed and not saved yet goes too.
    type_into(qtbot, page.form.accounts, "@unsaved_handle")

    page.set_vault(None)
    page.clear()
    shown = every_text(page)
    for secret in (TITLE, WHAT, "Иван", "Мария", "Secret evidence title", "@unsaved_handle"):
        assert secret not in shown
    assert page.list.count() == 0
    assert not page.has_unsaved_changes()
    assert page.current_incident() is None and not page.new_button.isEnabled()


def test_a_late_result_after_clear_is_dropped(qtbot, page, runner, vault) -> None:  # type: ignore[no-untyped-def]
    incidents.add_incident(vault, title="Late one")
    page.refresh()
    page.clear()  # the lock comes before the read is delivered
    idle(qtbot, runner)
    assert page.list.count() == 0
    assert "Late one" not in every_text(page)


def test_picker_lists_titles_only(qtbot, vault) -> None:  # type: ignore[no-untyped-def]
    items = [item(vault, "Intimate photo", description="x"), item(vault, "Chat log")]
    dialog = EvidencePicker(items, set())
    qtbot.addWidget(dialog)
    assert dialog.visible_titles() == ["Intimate photo", "Chat log"]
    assert no_pictures(dialog)
    dialog.search.setText("chat")
    assert dialog.visible_titles() == ["Chat log"]
    assert not dialog.link_button.isEnabled()
    dialog.select_titles(["Chat log"])
    assert dialog.link_button.isEnabled()
    assert dialog.chosen() == [items[1].id]


# --- through the main window ---------------------------------------------------------------------


def test_in_the_window_an_incident_is_kept_through_a_lock_and_gone_from_the_screen(  # type: ignore[no-untyped-def]
    qtbot, window, dialogs, new_vault
) -> None:
    from tests.gui.conftest import open_vault_in, wait_idle

    open_vault_in(qtbot, window, dialogs, new_vault[0])
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.incidents_page
    assert isinstance(page, IncidentsPage) and window.current_page() is page
    wait_idle(qtbot, window)
    click(qtbot, page.new_button)
    type_into(qtbot, page.form.title, TITLE)
    type_into(qtbot, page.form.description, WHAT)
    qtbot.keyClick(page.form.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    assert "Saved" in page.saved_label.text()
    type_into(qtbot, page.form.responsible, "Иван")  # typed, not saved

    click(qtbot, window.lock_bar.lock_button)
    assert window.current_page() is window.start_page
    shown = every_text(page)
    for secret in (TITLE, WHAT, "Иван"):
        assert secret not in shown

    open_vault_in(qtbot, window, dialogs, new_vault[0])
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    click_row(qtbot, page.list, TITLE)
    assert page.form.title.text() == TITLE
    assert page.form.description.toPlainText() == WHAT
    assert page.form.responsible.text() == ""


def test_a_lock_while_the_picker_is_open_closes_it_and_links_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, dialogs, new_vault
) -> None:
    from PySide6.QtCore import QTimer

    from tests.gui.conftest import open_vault_in, wait_idle

    open_vault_in(qtbot, window, dialogs, new_vault[0])
    item(window.vault, "Private photo")
    incidents.add_incident(window.vault, title="Shared without consent")
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    page = window.incidents_page
    click_row(qtbot, page.list, "Shared without consent")
    seen: list[list[str]] = []

    def auto_lock_while_open() -> None:  # the auto-lock fires while the user is choosing
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, EvidencePicker):
            timer.stop()
            seen.append(dialog.visible_titles())
            dialog.select_titles(["Private photo"])
            window.auto_lock()

    timer = QTimer()
    timer.timeout.connect(auto_lock_while_open)
    timer.start(10)
    click(qtbot, page.form.link_button)
    qtbot.waitUntil(lambda: window.vault is None, timeout=20_000)
    timer.stop()
    assert seen == [["Private photo"]]
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert not any(
        isinstance(w, EvidencePicker) and w.isVisible() for w in QApplication.topLevelWidgets()
    )
    assert "Shared without consent" not in every_text(page)

    open_vault_in(qtbot, window, dialogs, new_vault[0])
    (stored,) = incidents.list_incidents(window.vault)[0]
    assert stored.evidence == []


@pytest.mark.parametrize("when", ["while it is read", "once it was read"])
def test_a_lock_before_the_incident_chooser_opens_never_shows_it(  # type: ignore[no-untyped-def]
    qtbot, window, dialogs, new_vault, monkeypatch, when
) -> None:
    """The "Link to an incident…" button reads the incidents first; a lock (auto-lock, F12)
    landing then must not open the chooser on the locked screen, nor link anything."""
    from PySide6.QtCore import QTimer

    from tests.gui.conftest import open_vault_in, wait_idle

    vault = open_vault(new_vault[0])
    photo = item(vault, "Photo to link")
    incidents.add_incident(vault, title="Secret incident title")
    vault.lock()
    open_vault_in(qtbot, window, dialogs, new_vault[0])
    window.vault_page.library.select_item(photo.id)
    wait_idle(qtbot, window)
    box = window.vault_page.detail.incidents
    opened: list[str] = []

    def chooser_opened(dialog: QWidget) -> int:
        chooser = dialog.chooser  # type: ignore[attr-defined]
        opened.append(" ".join(chooser.row_texts()))
        click_row(qtbot, chooser, "Secret incident title")
        find_button(dialog, "Link").click()
        return dialog.result()  # type: ignore[attr-defined]

    monkeypatch.setattr(item_incidents, "run_modal", chooser_opened)
    click(qtbot, box.link_button)
    if when == "once it was read":
        window.runner.wait()  # delivered; the chooser would open on the next turn
    window.auto_lock()
    assert window.vault is None
    turned: list[bool] = []
    QTimer.singleShot(0, lambda: turned.append(True))  # after anything queued before it
    qtbot.waitUntil(lambda: bool(turned))
    wait_idle(qtbot, window)
    assert opened == []
    assert "Secret incident title" not in every_text(window)

    open_vault_in(qtbot, window, dialogs, new_vault[0])
    assert incidents.incidents_for_item(window.vault, photo.id) == []


def test_an_edit_keeps_the_survivors_other_characters_exactly(  # type: ignore[no-untyped-def]
    qtbot, page, runner, vault
) -> None:
    """Right-to-left marks, an override, tabs, leading spaces and control characters in the
    survivor's words are shown and saved back as written: only what was typed changes."""
    title = "\u200fرسائل\u200f\tمن \u202eحساب"
    what = " \u200fقال لي\u200f:\tcolumn2\n  indented\u00a0line \u202e x\x01y"
    responsible = "\u200eНиколай\u200f\tX"
    inc = incidents.add_incident(
        vault,
        title=title,
        description=what,
        responsible=responsible,
        accounts=["@a\u200fb\tc"],
        witnesses=[{"name": "\u200fمريم\tA", "contact": "old"}],
    )
    page.refresh()
    idle(qtbot, runner)
    page.show_incident(inc.id)
    form = page.form
    assert form.title.text() == title and form.responsible.text() == responsible
    assert "\u202e" not in " ".join(page.list.row_texts())  # the list shows it cleaned
    assert "\u202e" not in page.editor.title.text()  # and the heading
    assert not page.has_unsaved_changes()

    form.title.setFocus()
    form.title.end(False)
    qtbot.keyClicks(form.title, "!")
    form.description.setFocus()
    form.description.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(form.description, " more")
    form.accounts.setFocus()
    form.accounts.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(form.accounts, Qt.Key.Key_Return)
    qtbot.keyClicks(form.accounts, "@second")
    type_cell(qtbot, form.witnesses.table, 0, 1, "new@example.org")
    with qtbot.waitSignal(page.changed, timeout=20_000):
        click(qtbot, page.save_button)
    idle(qtbot, runner)
    stored = incidents.find_incident(vault, inc.id)
    assert stored.title == title + "!"
    assert stored.description == what + " more"
    assert stored.responsible == responsible
    assert stored.accounts == ["@a\u200fb\tc", "@second"]
    assert [(w.name, w.contact) for w in stored.witnesses] == [("\u200fمريم\tA", "new@example.org")]


def test_save_on_moving_on_that_the_core_refuses_keeps_the_words_on_the_same_incident(  # type: ignore[no-untyped-def]
    qtbot, page, runner, vault, monkeypatch
) -> None:
    first = incidents.add_incident(vault, title="First", start_at="2026-05-10")
    incidents.add_incident(vault, title="Second")
    page.refresh()
    idle(qtbot, runner)
    click_row(qtbot, page.list, "First")
    type_into(qtbot, page.form.description, "He waited outside every evening")
    click(qtbot, page.form.is_series)
    set_when(qtbot, page.form.end, QDate(2026, 5, 1), None, "")  # before the start
    seen: list[str] = []
    monkeypatch.setattr(incident_form, "run_modal", press("Save", seen))
    click_row(qtbot, page.list, "Second")
    idle(qtbot, runner)
    assert seen and "Save your changes" in seen[0]
    # Still on the first incident, the words still there, the reason over them.
    assert page.current_incident().id == first.id
    assert page.list.current_id() == first.id
    assert page.form.description.toPlainText() == "He waited outside every evening"
    assert page.message.isVisible() and "end comes before the start" in page.message.text()
    assert incidents.find_incident(vault, first.id).description == ""
    assert page.has_unsaved_changes() and page.save_button.isEnabled()

    # Put right, the same move goes on once it is stored.
    page.form.end.date.setDate(QDate(2026, 5, 20))
    click_row(qtbot, page.list, "Second")
    idle(qtbot, runner)
    assert len(seen) == 2
    assert page.current_incident().title == "Second"
    stored = incidents.find_incident(vault, first.id)
    assert stored.description == "He waited outside every evening"
    assert stored.end_at == "2026-05-20"


def shown_tip(tip: str) -> str:
    """A tooltip as Qt draws it: rich text when it looks like HTML, else as it is."""
    from PySide6 import QtGui

    if QtGui.Qt.mightBeRichText(tip):
        document = QtGui.QTextDocument()
        document.setHtml(tip)
        return document.toPlainText()
    return tip


def test_a_title_that_looks_like_markup_is_shown_as_written(  # type: ignore[no-untyped-def]
    qtbot, page, runner, vault, monkeypatch
) -> None:
    """Tags in a record's text are shown as the characters typed, never drawn as bold text or
    a picture (an <img> tag would load a file): the heading, the row's tooltip, the question."""
    title = "<b>Bold</b> <img src=x>"
    inc = incidents.add_incident(vault, title=title, platform="<i>Forum</i>")
    page.refresh()
    idle(qtbot, runner)
    page.show_incident(inc.id)
    heading = page.editor.title
    assert heading.textFormat() == Qt.TextFormat.PlainText and title in heading.text()
    assert title in shown_tip(page.list.currentItem().toolTip())
    asked: list[Labels] = []
    monkeypatch.setattr(incident_form, "run_modal", keep_it(asked))
    click(qtbot, page.delete_button)
    assert any(title in text for _format, text in asked[0])
    assert {text_format for text_format, _text in asked[0]} == {Qt.TextFormat.PlainText}


def test_a_time_in_another_zone_names_it_so_the_list_reads_in_order(  # type: ignore[no-untyped-def]
    qtbot, runner, vault, monkeypatch
) -> None:
    """On a computer in Berlin, 23:00 on 1 May in Los Angeles comes after 07:00 on 2 May in
    Berlin: the list says which zone, so the order makes sense; this computer's zone is not
    repeated on every row."""
    from locker.gui import incident_list

    monkeypatch.setattr(incident_list, "local_zone", lambda: "Europe/Berlin")
    incidents.add_incident(
        vault, title="Call from LA", start_at="2026-05-01T23:00", start_tz="America/Los_Angeles"
    )
    incidents.add_incident(
        vault, title="Note on the door", start_at="2026-05-02T07:00", start_tz="Europe/Berlin"
    )
    incidents.add_incident(
        vault, title="Message with an offset", start_at="2026-05-03T10:00", start_offset="+05:30"
    )
    page = make_page(qtbot, runner, vault)
    rows = page.list.row_texts()
    door, call = row_of(page.list, "Note on the door"), row_of(page.list, "Call from LA")
    assert door < call
    assert "23:00 (America/Los_Angeles)" in rows[call]
    assert "07:00" in rows[door] and "(" not in rows[door].split("\n")[0]
    assert "10:00 (UTC+05:30)" in rows[row_of(page.list, "Message with an offset")]
