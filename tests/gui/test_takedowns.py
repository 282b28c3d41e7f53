"""The Takedowns page: reports added through the form, follow-ups that are overdue, the US 48-hour
deadline, the StopNCII PIN warning, the status history, deleting after a question, a missing URL
refused, and nothing left after a lock.

Real vault at the KDF floor, real worker threads (TaskRunner), no sleeps. The page's clock is
set by the tests where a date matters, so the outcome does not depend on the day they run.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from locker.case import takedowns
from locker.case.takedowns import Takedown
from locker.gui import editor_pane
from locker.gui.takedown_table import ATTENTION_ROLE, TakedownModel
from locker.gui.takedowns_page import TakedownsPage
from locker.gui.tasks import TaskRunner
from locker.vault import Vault
from tests.conftest import open_vault
from tests.gui.case_helpers import Labels, idle, keep_it, press, show_page
from tests.gui.conftest import click, open_vault_in, wait_idle

TODAY = date(2026, 6, 3)
NOW = datetime(2026, 6, 3, 12, 0, tzinfo=UTC)
COL = TakedownModel

# --- fixtures and helpers ----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Day and month names as the assertions write them ("Fri 5 Jun")."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def page(qtbot, runner: TaskRunner, vault: Vault) -> TakedownsPage:  # type: ignore[no-untyped-def]
    p = TakedownsPage(runner)
    p.clock = lambda: (TODAY, NOW)
    show_page(qtbot, p, 1300, 900, vault)
    return p


def refresh(qtbot, page: TakedownsPage) -> None:  # type: ignore[no-untyped-def]
    page.refresh()
    idle(qtbot, page.runner)


def cell(page: TakedownsPage, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
    """What the table shows in that row (as sorted on screen) and column."""
    return page.proxy.index(row, column).data(role)


def row_with(page: TakedownsPage, url: str) -> int:
    for row in range(page.proxy.rowCount()):
        if cell(page, row, COL.URL) == url:
            return row
    raise AssertionError(f"no row for {url!r}")


def choose(qtbot, page: TakedownsPage, url: str, shown_at_once: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Click the report's row, like a user."""
    index = page.proxy.index(row_with(page, url), COL.STATUS)
    page.table.scrollTo(index)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if shown_at_once:
        assert page.form.url.text() == url


def type_text(widget: QWidget, text: str) -> None:
    """Type like a user with an input method: one key event per character, any script
    (QTest's keyClicks knows only ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def add(vault: Vault, url: str, **fields: object) -> Takedown:
    return takedowns.add_takedown(vault, url, **fields)  # type: ignore[arg-type]


def log_actions(vault: Vault) -> list[str]:
    entries, problems = vault.custody_log()
    assert not problems
    return [e.action for e in entries]


# --- adding ------------------------------------------------------------------------------------


def test_a_report_added_through_the_form_is_stored_and_listed(qtbot, page, vault) -> None:  # type: ignore[no-untyped-def]
    refresh(qtbot, page)
    assert page.summary.text() == "No reports yet."
    click(qtbot, page.add_button)
    form = page.form
    assert form.isVisible() and not page.delete_button.isEnabled()  # nothing to delete yet
    type_text(form.url, "https://vk.example/фото/42")
    form.platform.setCurrentText("")
    type_text(form.platform.lineEdit(), "ВКонтакте")
    form.method.setCurrentIndex(form.method.findData("email"))
    type_text(form.ticket, "Обращение 7781")
    type_text(form.note, "私の写真 — נא להסיר")
    with qtbot.waitSignal(page.changed, timeout=20_000):
        click(qtbot, page.save_button)
    idle(qtbot, page.runner)

    stored, damaged = takedowns.list_takedowns(vault)
    assert not damaged and len(stored) == 1
    t = stored[0]
    assert (t.url, t.platform, t.method, t.ticket) == (
        "https://vk.example/фото/42",
        "ВКонтакте",
        "email",
        "Обращение 7781",
    )
    assert t.note == "私の写真 — נא להסיר"
    assert t.follow_up == (TODAY + timedelta(days=7)).isoformat()  # a week later, suggested
    assert log_actions(vault)[-1] == "takedown-add"
    assert page.proxy.rowCount() == 1
    assert cell(page, 0, COL.PLATFORM) == "ВКонтакте"
    assert cell(page, 0, COL.STATUS) == takedowns.status_label("reported")
    assert cell(page, 0, COL.TICKET) == "Обращение 7781"
    assert page.summary.text() == "1 report"
    assert "Saved" in page.saved_label.text()
    assert not page.has_unsaved_changes()
    assert page.delete_button.isEnabled()


def test_an_empty_url_is_refused_and_nothing_is_saved(qtbot, page, vault) -> None:  # type: ignore[no-untyped-def]
    refresh(qtbot, page)
    before = log_actions(vault)
    click(qtbot, page.add_button)
    qtbot.keyClicks(page.form.platform.lineEdit(), "Reddit")
    qtbot.keyClicks(page.form.url, "   ")
    click(qtbot, page.save_button)
    idle(qtbot, page.runner)
    assert page.form_message.isVisible()
    assert "Please write the address (URL)" in page.form_message.text()
    assert "Nothing was saved" in page.form_message.text()
    assert takedowns.list_takedowns(vault) == ([], [])
    assert log_actions(vault) == before
    assert page.has_unsaved_changes()  # what was typed is still there to fix


# --- follow-ups and the 48-hour deadline -------------------------------------------------------


def test_overdue_follow_ups_are_marked_in_words_and_by_highlight(qtbot, page, vault) -> None:  # type: ignore[no-untyped-def]
    past = (TODAY - timedelta(days=3)).isoformat()
    future = (TODAY + timedelta(days=3)).isoformat()
    add(vault, "https://a.example/late", follow_up=past, platform="Reddit")
    add(vault, "https://b.example/later", follow_up=future, platform="Tumblr")
    add(vault, "https://c.example/gone", follow_up=past, status="removed")
    add(vault, "https://d.example/today", follow_up=TODAY.isoformat())
    refresh(qtbot, page)

    assert page.summary.text() == "4 reports · 1 follow-up overdue · 1 follow-up due today"
    # overdue first, then by follow-up date
    assert cell(page, 0, COL.URL) == "https://a.example/late"
    assert cell(page, 1, COL.URL) == "https://d.example/today"
    late = row_with(page, "https://a.example/late")
    text = cell(page, late, COL.FOLLOW_UP)
    assert "overdue" in text and past in text and text.startswith("\u26a0")
    assert cell(page, late, COL.FOLLOW_UP, ATTENTION_ROLE) == "overdue"
    assert cell(page, late, COL.FOLLOW_UP, Qt.ItemDataRole.FontRole).bold()
    assert cell(page, late, COL.FOLLOW_UP, Qt.ItemDataRole.BackgroundRole) is not None
    # What to do next, in words: in the cell's tooltip and the summary's.
    advice = "check the page, then update its status or set a new follow-up date"
    assert f"overdue — {advice}" in cell(page, late, COL.FOLLOW_UP, Qt.ItemDataRole.ToolTipRole)
    assert advice in page.summary.toolTip()
    today = row_with(page, "https://d.example/today")
    assert "due today" in cell(page, today, COL.FOLLOW_UP)
    for url in ("https://b.example/later", "https://c.example/gone"):
        row = row_with(page, url)
        assert "overdue" not in cell(page, row, COL.FOLLOW_UP)
        assert cell(page, row, COL.FOLLOW_UP, ATTENTION_ROLE) == ""
        assert cell(page, row, COL.FOLLOW_UP, Qt.ItemDataRole.FontRole) is None
        assert cell(page, row, COL.FOLLOW_UP, Qt.ItemDataRole.BackgroundRole) is None

    # A day later the clock is read again: the one due today is overdue now.
    page.clock = lambda: (TODAY + timedelta(days=1), NOW + timedelta(days=1))
    refresh(qtbot, page)
    assert page.summary.text() == "4 reports · 2 follow-ups overdue"


def test_the_48_hour_deadline_of_a_us_platform(qtbot, page, vault) -> None:  # type: ignore[no-untyped-def]
    add(vault, "https://x.example/running", us_platform=True, platform="X (Twitter)",
        reported_at="2026-06-03T10:00", reported_tz="UTC")  # fmt: skip
    add(vault, "https://x.example/passed", us_platform=True,
        reported_at="2026-05-30T09:15", reported_tz="UTC")  # fmt: skip
    add(vault, "https://x.example/not-us", reported_at="2026-05-30T09:15", reported_tz="UTC")
    add(vault, "https://x.example/stopncii", us_platform=True, method="stopncii",
        reported_at="2026-05-30T09:15", reported_tz="UTC")  # fmt: skip
    refresh(qtbot, page)

    running = row_with(page, "https://x.example/running")
    assert cell(page, running, COL.DEADLINE).startswith("due by Fri 5 Jun 10:00")
    assert cell(page, running, COL.DEADLINE, ATTENTION_ROLE) == ""
    passed = row_with(page, "https://x.example/passed")
    assert cell(page, passed, COL.DEADLINE) == "\u26a0 48 hours passed"
    assert cell(page, passed, COL.DEADLINE, ATTENTION_ROLE) == "passed"
    assert cell(page, passed, COL.DEADLINE, Qt.ItemDataRole.FontRole).bold()
    assert cell(page, passed, COL.DEADLINE, Qt.ItemDataRole.BackgroundRole) is not None
    tip = cell(page, passed, COL.DEADLINE, Qt.ItemDataRole.ToolTipRole)
    assert "If your request met the law's requirements" in tip  # never an accusation
    assert "Federal Trade Commission" in tip
    assert passed == 0  # what needs attention comes first
    assert page.summary.text() == "4 reports · 1 deadline passed"
    for url in ("https://x.example/not-us", "https://x.example/stopncii"):
        assert cell(page, row_with(page, url), COL.DEADLINE) == ""
    # Entered as already removed: nothing can be said about the 48 hours.
    add(vault, "https://x.example/gone", us_platform=True, status="removed",
        reported_at="2026-05-30T09:15", reported_tz="UTC")  # fmt: skip
    refresh(qtbot, page)
    gone = row_with(page, "https://x.example/gone")
    assert cell(page, gone, COL.DEADLINE) == "removed (when not recorded)"
    assert "cannot be checked" in cell(page, gone, COL.DEADLINE, Qt.ItemDataRole.ToolTipRole)
    assert page.summary.text() == "5 reports · 1 deadline passed"

    choose(qtbot, page, "https://x.example/running")
    assert "must remove it by Fri 5 Jun 10:00" in page.form.deadline.text()
    choose(qtbot, page, "https://x.example/stopncii")
    assert "No 48-hour deadline" in page.form.deadline.text()
    # Ticking the box shows the deadline at once, before saving.
    choose(qtbot, page, "https://x.example/not-us")
    assert "No 48-hour deadline" in page.form.deadline.text()
    click(qtbot, page.form.us_platform)
    assert "48 hours passed" in page.form.deadline.text()
    assert page.form.deadline.font().bold()


def test_the_deadline_cell_is_short_and_its_tooltip_names_the_zone(qtbot, page, vault) -> None:  # type: ignore[no-untyped-def]
    add(vault, "https://x.example/chicago", us_platform=True, platform="X (Twitter)",
        reported_at="2026-06-03T05:00", reported_tz="America/Chicago")  # fmt: skip
    refresh(qtbot, page)
    row = row_with(page, "https://x.example/chicago")
    # In the report's own zone, as the Reported column shows it; the zone is in the tooltip.
    assert cell(page, row, COL.DEADLINE) == "due by Fri 5 Jun 05:00"
    assert cell(page, row, COL.REPORTED) == "2026-06-03 05:00"
    tip = cell(page, row, COL.DEADLINE, Qt.ItemDataRole.ToolTipRole)
    assert "Fri 5 Jun 05:00 (America/Chicago)" in tip
    choose(qtbot, page, "https://x.example/chicago")
    assert "by Fri 5 Jun 05:00 (America/Chicago)" in page.form.deadline.text()


def test_a_date_only_deadline_runs_to_the_end_of_the_local_day(qtbot, page, vault) -> None:  # type: ignore[no-untyped-def]
    add(vault, "https://x.example/date-only", us_platform=True, reported_at="2026-06-01")
    # 3 June is still the local date, although it is already 4 June in UTC (west of UTC).
    late_evening = datetime(2026, 6, 4, 2, 0, tzinfo=UTC)
    page.clock = lambda: (date(2026, 6, 3), late_evening)
    refresh(qtbot, page)
    row = row_with(page, "https://x.example/date-only")
    assert cell(page, row, COL.DEADLINE) == "due by end of Wed 3 Jun"
    assert cell(page, row, COL.DEADLINE, ATTENTION_ROLE) == ""
    page.clock = lambda: (date(2026, 6, 4), late_evening + timedelta(hours=22))
    refresh(qtbot, page)
    assert cell(page, row, COL.DEADLINE) == "\u26a0 48 hours passed"


def test_a_deadline_for_a_report_with_an_offset_only_is_on_that_clock(qtbot, page, vault) -> None:  # type: ignore[no-untyped-def]
    """A report written as 10:00 at UTC−05:00 (no zone): due at 10:00 two days later on that
    clock, and the tooltip says which clock, not this computer's time unnamed."""
    add(vault, "https://offset.example/", us_platform=True, reported_at="2026-06-02T10:00",
        reported_offset="-05:00")  # fmt: skip
    refresh(qtbot, page)
    assert cell(page, 0, COL.DEADLINE) == "due by Thu 4 Jun 10:00"
    tip = cell(page, 0, COL.DEADLINE, Qt.ItemDataRole.ToolTipRole)
    assert "Thu 4 Jun 10:00 (UTC\u221205:00)" in tip


def test_newest_report_first_and_the_reported_column_in_real_order(qtbot, page, vault) -> None:  # type: ignore[no-untyped-def]
    """With nothing to follow up, the newest report comes first; across zones "newest" is the
    real moment: 23:00 in Los Angeles on 1 June is after 07:00 in Berlin on 2 June."""
    add(vault, "https://la.example/", reported_at="2026-06-01T23:00",
        reported_tz="America/Los_Angeles")  # fmt: skip
    add(vault, "https://berlin.example/", reported_at="2026-06-02T07:00",
        reported_tz="Europe/Berlin")  # fmt: skip
    add(vault, "https://older.example/", reported_at="2026-05-20")
    refresh(qtbot, page)
    urls = lambda: [cell(page, r, COL.URL) for r in range(3)]  # noqa: E731
    assert urls() == ["https://la.example/", "https://berlin.example/", "https://older.example/"]
    page.table.sortByColumn(COL.REPORTED, Qt.SortOrder.AscendingOrder)
    assert urls() == ["https://older.example/", "https://berlin.example/", "https://la.example/"]


def test_a_page_left_open_over_midnight_shows_the_new_days_states(qtbot, page, vault) -> None:  # type: ignore[no-untyped-def]
    add(vault, "https://tomorrow.example/", follow_up=(TODAY + timedelta(days=1)).isoformat())
    refresh(qtbot, page)
    assert page.summary.text() == "1 report"
    assert page.midnight.isActive()  # set for just after the next midnight
    assert page.midnight.remainingTime() <= 25 * 3600 * 1000
    page.clock = lambda: (TODAY + timedelta(days=2), NOW + timedelta(days=2))
    page.midnight.start(0)  # midnight comes (twice) while nobody touches the page
    qtbot.waitUntil(lambda: page.summary.text() == "1 report · 1 follow-up overdue")
    assert cell(page, 0, COL.FOLLOW_UP, ATTENTION_ROLE) == "overdue"
    assert page.midnight.isActive()  # and again the night after
    page.clear()
    assert not page.midnight.isActive()


def test_the_form_is_put_away_when_no_report_is_open(qtbot, page, vault) -> None:  # type: ignore[no-untyped-def]
    add(vault, "https://a.example/1", platform="Reddit", ticket="RD-1")
    refresh(qtbot, page)
    # Nothing chosen: the table has the whole width, every column in view.
    assert not page.editor.isVisible()
    header = page.table.horizontalHeader()
    assert header.sectionViewportPosition(COL.URL) + 40 < page.table.viewport().width()
    choose(qtbot, page, "https://a.example/1")
    assert page.editor.isVisible() and page.form.ticket.text() == "RD-1"
    assert page.table.width() >= page.width() // 2  # the table keeps most of the room
    # The history says which clock its times are on.
    assert "your time" in page.form.history.headerItem().text(0)
    close = page.editor.close_button
    assert close.isVisible() and close.isEnabled()
    qtbot.keyClick(close, Qt.Key.Key_Space)  # (past the offscreen screen's edge for a mouse)
    assert not page.editor.isVisible() and page.table.selectionModel().selectedRows() == []
    click(qtbot, page.add_button)
    assert page.editor.isVisible() and page.form.url.hasFocus()


def test_stopncii_shows_the_pin_warning_strongly_and_dmca_the_caution(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    refresh(qtbot, page)
    click(qtbot, page.add_button)
    form = page.form
    note = form.ticket_note
    assert note.isVisible() and "never the PIN" in note.text()
    assert not note.font().bold()  # always there, quietly
    assert not form.dmca_caution.isVisible()
    form.method.setCurrentIndex(form.method.findData("stopncii"))
    assert note.isVisible() and note.font().bold()
    # One text in the program and the core: never the PIN, keep it private, it cannot be
    # recovered if lost.
    assert note.text() == takedowns.TICKET_NOTE
    assert "recover" in note.text() and "private" in note.text()
    assert "never the PIN" in form.ticket.placeholderText()
    form.method.setCurrentIndex(form.method.findData("dmca"))
    assert not note.font().bold()
    assert form.dmca_caution.isVisible()
    assert "contact details" in form.dmca_caution.text()


# --- changing and deleting ---------------------------------------------------------------------


def test_a_status_change_is_kept_in_the_history_with_its_note(qtbot, page, vault) -> None:  # type: ignore[no-untyped-def]
    t = add(vault, "https://forum.example/t/9", platform="Forum", follow_up="2026-05-01")
    refresh(qtbot, page)
    assert page.summary.text() == "1 report · 1 follow-up overdue"
    choose(qtbot, page, "https://forum.example/t/9")
    form = page.form
    assert form.history.topLevelItemCount() == 1
    assert not form.history_note.isVisible()
    form.status.setCurrentIndex(form.status.findData("removed"))
    assert form.history_note.isVisible()  # the short note is asked for
    type_text(form.history_note, "Убрали после второго письма")
    assert page.has_unsaved_changes()
    page.activateWindow()
    qtbot.waitActive(page)
    form.history_note.setFocus()
    with qtbot.waitSignal(page.changed, timeout=20_000):
        qtbot.keyClick(form.history_note, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, page.runner)

    stored = takedowns.find_takedown(vault, t.id)
    assert stored.status == "removed"
    assert [(c.status, c.note) for c in stored.history] == [
        ("reported", ""),
        ("removed", "Убрали после второго письма"),
    ]
    assert form.history.topLevelItemCount() == 2
    last = form.history.topLevelItem(1)
    assert last.text(1) == takedowns.status_label("removed")
    assert last.text(2) == "Убрали после второго письма"
    assert not form.history_note.isVisible()
    assert cell(page, 0, COL.STATUS) == takedowns.status_label("removed")
    assert page.summary.text() == "1 report"  # removed: never overdue
    assert log_actions(vault)[-1] == "takedown-edit"


def test_delete_asks_first(qtbot, page, vault, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    add(vault, "https://keep.example/1")
    add(vault, "https://delete.example/2")
    refresh(qtbot, page)
    choose(qtbot, page, "https://delete.example/2")
    seen: list[str] = []
    monkeypatch.setattr(editor_pane, "run_modal", press("Keep it", seen))
    click(qtbot, page.delete_button)
    idle(qtbot, page.runner)
    assert "Delete this report" in seen[0] and "https://delete.example/2" in seen[0]
    assert len(takedowns.list_takedowns(vault)[0]) == 2
    assert page.proxy.rowCount() == 2

    monkeypatch.setattr(editor_pane, "run_modal", press("Delete", seen))
    with qtbot.waitSignal(page.changed, timeout=20_000):
        click(qtbot, page.delete_button)
    idle(qtbot, page.runner)
    assert [t.url for t in takedowns.list_takedowns(vault)[0]] == ["https://keep.example/1"]
    assert page.proxy.rowCount() == 1
    assert page.form_pages.currentIndex() == 0  # nothing chosen
    assert log_actions(vault)[-1] == "takedown-delete"


def test_moving_on_with_unsaved_changes_asks(qtbot, page, vault, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    add(vault, "https://one.example/")
    add(vault, "https://two.example/")
    refresh(qtbot, page)
    choose(qtbot, page, "https://one.example/")
    qtbot.keyClicks(page.form.ticket, "T-1")
    seen: list[str] = []
    monkeypatch.setattr(editor_pane, "run_modal", press("Save", seen))
    choose(qtbot, page, "https://two.example/", shown_at_once=False)
    assert page.form.url.text() == "https://one.example/"  # until it is stored
    idle(qtbot, page.runner)
    assert "Save your changes" in seen[0]
    by_url = {t.url: t for t in takedowns.list_takedowns(vault)[0]}
    assert by_url["https://one.example/"].ticket == "T-1"
    # The saved one does not come back into the form: the user moved on.
    assert page.form.url.text() == "https://two.example/"
    assert cell(page, page.table.currentIndex().row(), COL.URL) == "https://two.example/"
    assert cell(page, row_with(page, "https://one.example/"), COL.TICKET) == "T-1"


def test_sorting_by_a_column(qtbot, page, vault) -> None:  # type: ignore[no-untyped-def]
    add(vault, "https://1.example/", platform="Tumblr")
    add(vault, "https://2.example/", platform="bumble")
    add(vault, "https://3.example/", platform="Reddit")
    refresh(qtbot, page)
    page.table.sortByColumn(COL.PLATFORM, Qt.SortOrder.AscendingOrder)
    assert [cell(page, r, COL.PLATFORM) for r in range(3)] == ["bumble", "Reddit", "Tumblr"]
    page.table.sortByColumn(COL.PLATFORM, Qt.SortOrder.DescendingOrder)
    assert [cell(page, r, COL.PLATFORM) for r in range(3)] == ["Tumblr", "Reddit", "bumble"]


# --- lock ----------------------------------------------------------------------------------------


def test_lock_clears_the_table_and_the_form(qtbot, page, vault) -> None:  # type: ignore[no-untyped-def]
    add(vault, "https://secret.example/p", platform="Instagram", note="private words")
    refresh(qtbot, page)
    assert page.summary.accessibleDescription() == "1 report"
    choose(qtbot, page, "https://secret.example/p")
    qtbot.keyClicks(page.form.ticket, "unsaved")
    page.refresh()  # a result on its way when the vault locks is dropped
    page.clear()
    page.set_vault(None)
    idle(qtbot, page.runner)
    assert page.model.rowCount() == 0
    assert page.form_pages.currentIndex() == 0
    assert page.form.url.text() == "" and page.form.ticket.text() == ""
    assert page.form.note.toPlainText() == ""
    assert page.form.history.topLevelItemCount() == 0
    assert page.summary.text() == "" and page.summary.accessibleDescription() == ""
    assert not page.has_unsaved_changes()
    assert not page.add_button.isEnabled()


# --- in the main window ------------------------------------------------------------------------


def test_the_takedowns_tab_of_the_main_window(qtbot, window, dialogs, new_vault) -> None:  # type: ignore[no-untyped-def]
    vault = open_vault(new_vault[0])
    try:
        overdue = (date.today() - timedelta(days=2)).isoformat()  # the real clock this time
        add(vault, "https://tumblr.example/post/1", platform="Tumblr", follow_up=overdue)
    finally:
        vault.lock()
    open_vault_in(qtbot, window, dialogs, new_vault[0])
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    page = window.takedowns_page
    assert window.case_screen.currentWidget() is page
    assert page.summary.text() == "1 report · 1 follow-up overdue"

    click(qtbot, page.add_button)
    qtbot.keyClicks(page.form.url, "https://bing.example/search?q=me")
    page.form.platform.setCurrentText("Bing")
    page.form.method.setCurrentIndex(page.form.method.findData("search-engine"))
    click(qtbot, page.save_button)
    wait_idle(qtbot, window)
    assert page.summary.text() == "2 reports · 1 follow-up overdue"

    window.lock()
    assert window.vault is None
    assert page.model.rowCount() == 0
    assert page.form.url.text() == ""
    assert page.summary.text() == ""


def test_an_edit_keeps_every_other_character_and_nothing_is_shortened(  # type: ignore[no-untyped-def]
    qtbot, page, vault
) -> None:
    """The form shows each field whole and as stored (bidi marks, tabs, a long platform or
    ticket); a change in one place saves nothing else differently."""
    url = "https://example.com/\u200fpath\tx"
    platform = "\u200fمنصة\tX " + "p" * 240
    ticket = "\u202eT-1\t2 " + "9" * 230
    note = " \u200fnote\tcol\n  indented\u00a0x\x01y"
    t = add(vault, url, platform=platform, ticket=ticket, note=note)
    refresh(qtbot, page)
    page.table.selectRow(0)
    form = page.form
    assert (form.url.text(), form.platform.currentText(), form.ticket.text()) == (
        url,
        platform,
        ticket,
    )
    assert "\u202e" not in cell(page, 0, COL.TICKET)  # the table shows it cleaned
    assert not page.has_unsaved_changes()
    form.ticket.setFocus()
    form.ticket.end(False)
    qtbot.keyClicks(form.ticket, "0")
    form.note.setFocus()
    form.note.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(form.note, " later")
    with qtbot.waitSignal(page.changed, timeout=20_000):
        click(qtbot, page.save_button)
    idle(qtbot, page.runner)
    stored = takedowns.find_takedown(vault, t.id)
    assert (stored.url, stored.platform) == (url, platform)
    assert stored.ticket == ticket + "0"
    assert stored.note == note + " later"


def test_save_on_moving_on_that_the_core_refuses_keeps_the_words_on_the_same_report(  # type: ignore[no-untyped-def]
    qtbot, page, vault, monkeypatch
) -> None:
    one = add(vault, "https://one.example/")
    add(vault, "https://two.example/")
    refresh(qtbot, page)
    choose(qtbot, page, "https://one.example/")
    pasted = "the whole chat, pasted " + "x" * 100_000  # more than the core keeps in one field
    page.form.note.setFocus()
    page.form.note.insertPlainText(pasted)
    seen: list[str] = []
    monkeypatch.setattr(editor_pane, "run_modal", press("Save", seen))
    choose(qtbot, page, "https://two.example/", shown_at_once=False)
    idle(qtbot, page.runner)
    assert "Save your changes" in seen[0]
    assert page.form.url.text() == "https://one.example/"
    assert page.form.note.toPlainText() == pasted
    assert page.form_message.isVisible() and "too long" in page.form_message.text()
    assert cell(page, page.table.currentIndex().row(), COL.URL) == "https://one.example/"
    assert takedowns.find_takedown(vault, one.id).note == ""
    assert page.has_unsaved_changes() and page.save_button.isEnabled()

    # Shortened, the same move goes on once it is stored.
    page.form.note.setPlainText("the first lines of the chat")
    choose(qtbot, page, "https://two.example/", shown_at_once=False)
    idle(qtbot, page.runner)
    assert page.form.url.text() == "https://two.example/"
    assert takedowns.find_takedown(vault, one.id).note == "the first lines of the chat"


def test_an_address_or_platform_that_looks_like_markup_is_shown_as_written(  # type: ignore[no-untyped-def]
    qtbot, page, vault, monkeypatch
) -> None:
    """Tags in a report's text are shown as typed, never drawn as markup: the heading, the
    table's tooltips, the delete question."""
    from PySide6 import QtGui

    url = "https://x.example/<img src=x>"
    add(vault, url, platform="<b>Bold</b>")
    refresh(qtbot, page)
    page.table.selectRow(0)
    assert page.form_title.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Bold</b>" in page.form_title.text()
    tip = cell(page, 0, COL.PLATFORM, Qt.ItemDataRole.ToolTipRole)
    document = QtGui.QTextDocument()
    document.setHtml(tip)
    assert document.toPlainText() == "<b>Bold</b>"  # drawn as the characters, not bold
    asked: list[Labels] = []
    monkeypatch.setattr(editor_pane, "run_modal", keep_it(asked))
    click(qtbot, page.delete_button)
    assert any(url in text for _format, text in asked[0])
    assert {text_format for text_format, _text in asked[0]} == {Qt.TextFormat.PlainText}


def test_a_method_or_status_this_program_does_not_know_is_shown_for_that_report_only(  # type: ignore[no-untyped-def]
    qtbot,
) -> None:
    """A record from a newer program may say "carrier-pigeon": it is shown while that report is
    open, and gone from the choices once another one (or none, after a lock) is shown."""
    from locker.gui.takedown_form import TakedownForm

    form = TakedownForm()
    qtbot.addWidget(form)
    odd = Takedown(id="ab" * 8, url="https://a.example/", method="carrier-pigeon", status="held")
    form.load(odd)
    assert form.method.currentData() == "carrier-pigeon" and form.status.currentData() == "held"
    form.load(None)
    methods = [form.method.itemData(i) for i in range(form.method.count())]
    statuses = [form.status.itemData(i) for i in range(form.status.count())]
    assert (methods, statuses) == (list(takedowns.METHODS), list(takedowns.STATUSES))
    assert not form.is_dirty()


def test_a_new_report_made_in_the_second_0130_of_the_night_the_clocks_go_back(  # type: ignore[no-untyped-def]
    qtbot, page, vault, monkeypatch
) -> None:
    """ "Reported now" at 01:30 EST (06:30 UTC), after the clocks went back: the second 01:30,
    so the 48-hour deadline is not an hour early."""
    from locker.gui import takedown_form

    monkeypatch.setattr(takedown_form, "local_zone", lambda: "America/New_York")
    page.clock = lambda: (date(2026, 11, 1), datetime(2026, 11, 1, 6, 30, tzinfo=UTC))
    refresh(qtbot, page)
    click(qtbot, page.add_button)
    reported = page.form.reported
    assert reported.values() == ("2026-11-01T01:30", "America/New_York", "-05:00")
    assert reported.twice.isVisible() and reported.second.isChecked()
    qtbot.keyClicks(page.form.url, "https://late.example/")
    with qtbot.waitSignal(page.changed, timeout=20_000):
        click(qtbot, page.save_button)
    idle(qtbot, page.runner)
    (stored,), _ = takedowns.list_takedowns(vault)
    assert stored.reported_offset == "-05:00"
