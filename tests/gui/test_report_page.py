"""The Summary tab: the choices, making the summary off the UI thread (progress, Cancel), the
preview, out-of-date after a change, the packet question, the guide's way in, and the lock."""

from __future__ import annotations

import gc
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from locker.case.without_file import add_description_only
from locker.gui import report_options, report_page
from locker.gui.main_window import MainWindow
from locker.gui.pdf_pages import PdfPages
from locker.gui.tasks import TaskRunner
from locker.guide.content import Action
from locker.report.document import Report, build_report
from locker.vault import Vault
from tests.gui.case_helpers import idle, press
from tests.gui.conftest import FakeDialogs, click, go_to, open_vault_in, wait_idle
from tests.gui.report_helpers import add_evidence, make_summary, open_page
from tests.gui.test_case_screen import MARKER, holding


def test_make_the_summary_shows_its_pages_and_what_is_in_it(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, tmp_path: Path
) -> None:
    add_evidence(vault, tmp_path / "sources")
    page = open_page(qtbot, runner, vault)
    assert not page.print_button.isEnabled() and not page.save_button.isEnabled()
    assert not page.empty_note.isVisible()

    make_summary(qtbot, page)
    report = page.report
    assert report is not None and report.pages >= 3 and len(report.exhibits) == 2
    assert page.pages is not None and page.pages.count == report.pages
    assert page.preview.page_spin.maximum() == report.pages
    words = page.stats.text()
    assert words.startswith(f"{report.pages} pages · 2 exhibits · ")
    assert words.endswith(("KB", "MB"))
    assert not page.busy.isVisible() and not page.message.isVisible()
    for button in (page.print_button, page.save_button, page.bundle_button):
        assert button.isEnabled()


def test_an_empty_vault_still_makes_a_summary_and_says_so_kindly(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault
) -> None:
    page = open_page(qtbot, runner, vault)
    assert page.empty_note.isVisible()
    assert "no evidence in the vault yet" in page.empty_note.text()
    make_summary(qtbot, page)
    assert page.report is not None and page.pages is not None and page.pages.count >= 1
    assert "0 exhibits" in page.stats.text()
    # The words above step aside for the pages; they come back once the summary is dropped.
    assert not page.empty_note.isVisible() and not page.view.intro.isVisible()
    assert page.print_button.isEnabled() and page.save_button.isEnabled()
    assert not page.bundle_button.isEnabled()  # a bundle with nothing in it helps nobody
    page.clear()
    page.refresh()
    idle(qtbot, runner)
    assert page.empty_note.isVisible() and page.view.intro.isVisible()


def test_cancel_while_making_leaves_no_summary(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_evidence(vault, tmp_path / "sources")
    page = open_page(qtbot, runner, vault)
    go_on = threading.Event()

    def held(*args, progress, **kwargs):  # type: ignore[no-untyped-def]
        def reported(done: int, total: int, words: str) -> None:
            progress(done, total, words)
            go_on.wait(30)  # the worker waits here until the test has pressed Cancel

        return build_report(*args, progress=reported, **kwargs)

    monkeypatch.setattr(report_page, "build_report", held)
    click(qtbot, page.make_button)
    qtbot.waitUntil(lambda: page.busy.isVisible() and page.stage.text() != "Getting started…")
    assert page.cancel_button.isEnabled() and not page.make_button.isEnabled()
    click(qtbot, page.cancel_button)
    go_on.set()
    idle(qtbot, runner)
    assert page.report is None and page.pages is None
    assert page.preview.stack.currentWidget() is page.preview.empty
    assert page.message.text() == "Stopped. No summary was made."
    assert not page.busy.isVisible() and page.make_button.isEnabled()
    assert not page.print_button.isEnabled()


def test_the_choices_become_the_report_options(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, tmp_path: Path
) -> None:
    items = add_evidence(vault, tmp_path / "sources")
    page = open_page(qtbot, runner, vault)
    form = page.form
    options = form.options()
    assert (options.ids, options.start, options.end) == (None, None, None)
    assert (options.paper, options.copies, options.include_journal) == ("letter", 1, False)
    assert options.include_takedowns and not options.include_declaration
    assert not options.include_intimate

    qtbot.keyClicks(form.title, "  Hearing on 3 March  ")
    form.prepared_by.setText("María (advocate)")  # (keyClicks types ASCII only)
    click(qtbot, form.date_range)
    form.end.setDate(QDate(2026, 3, 1))
    form.start.setDate(QDate(2026, 3, 31))  # the wrong way round: still the same days
    form.paper.setCurrentIndex(form.paper.findData("a4"))
    form.copies.setValue(3)
    click(qtbot, form.journal)
    click(qtbot, form.declaration)
    click(qtbot, form.takedowns)
    options = form.options()
    assert options.title == "Hearing on 3 March" and options.prepared_by == "María (advocate)"
    assert (options.start, options.end, options.ids) == (date(2026, 3, 1), date(2026, 3, 31), None)
    assert (options.paper, options.copies) == ("a4", 3)
    assert options.include_journal and options.include_declaration
    assert not options.include_takedowns

    click(qtbot, form.chosen_items)
    assert form.item_list.count() == 2 and form.item_list.isEnabled()
    assert not form.start.isEnabled()
    titles = [form.item_list.item(i).text() for i in range(2)]
    assert any(t.endswith("Screenshot of the threat") for t in titles)
    notes_row = next(i for i, t in enumerate(titles) if t.endswith("My notes"))
    form.item_list.item(notes_row).setCheckState(Qt.CheckState.Unchecked)
    options = form.options()
    assert options.ids == (items[0].id,) and options.start is None


def test_changing_a_choice_after_making_waits_for_a_new_summary(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, tmp_path: Path
) -> None:
    add_evidence(vault, tmp_path / "sources")
    page = open_page(qtbot, runner, vault)
    make_summary(qtbot, page)
    assert page.print_button.isEnabled()

    qtbot.keyClicks(page.form.title, "Court")
    assert page.out_of_date
    assert not page.print_button.isEnabled() and not page.save_button.isEnabled()
    assert not page.bundle_button.isEnabled()
    assert page.stale_note.isVisible()
    assert "Options changed" in page.stale_note.text()
    assert "make the summary again" in page.stale_note.text().lower()

    first = page.report
    make_summary(qtbot, page)
    qtbot.waitUntil(lambda: page.report is not first)
    assert not page.out_of_date and not page.stale_note.isVisible()
    assert page.print_button.isEnabled()


def test_the_unredacted_packet_is_asked_about_and_stays_off_when_refused(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_evidence(vault, tmp_path / "sources", intimate=True)
    page = open_page(qtbot, runner, vault)
    asked: list[str] = []
    monkeypatch.setattr(report_options, "run_modal", press("No", asked))
    click(qtbot, page.form.packet)
    assert not page.form.packet.isChecked() and not page.form.options().include_intimate
    assert len(asked) == 1
    for words in ("not blurred", "under seal", "separate"):
        assert words in asked[0]

    monkeypatch.setattr(report_options, "run_modal", press("Yes", asked))
    click(qtbot, page.form.packet)
    assert page.form.packet.isChecked() and page.form.options().include_intimate
    make_summary(qtbot, page)
    assert page.report is not None and page.report.packet is not None
    assert "separate packet" in page.stats.text()

    click(qtbot, page.form.packet)  # off again: no question
    assert len(asked) == 2 and not page.form.options().include_intimate


def test_the_guide_opens_the_summary_tab(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    screen = opened.case_screen
    screen.show_guide()
    assert opened.guide_actions.can_do(Action("open-report", ""))
    opened.guide_actions.run(Action("open-report", ""))
    wait_idle(qtbot, opened)
    assert opened.current_page() is screen.report
    assert screen.back_to_guide.isVisible()
    assert screen.tabText(screen.currentIndex()) == "Summary"
    assert go_to(qtbot, opened, 1) is opened.guide_page
    assert go_to(qtbot, opened, 7) is screen.report


def test_lock_drops_the_summary_and_the_choices(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = go_to(qtbot, opened, 7)
    assert page is opened.case_screen.report
    qtbot.keyClicks(page.form.title, "Hearing")
    make_summary(qtbot, page)
    pages = page.pages
    assert pages is not None and page.preview.stack.currentWidget() is page.preview.pages_area

    opened.lock()
    assert page.report is None and page.pages is None and pages.closed
    assert page.preview.stack.currentWidget() is page.preview.empty
    assert page.preview.rendered_image(0) is None
    assert page.form.title.text() == "" and page.stats.text() == ""
    assert not page.make_button.isEnabled()


def test_lock_while_making_cancels_and_keeps_nothing(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow
) -> None:
    page = go_to(qtbot, opened, 7)
    click(qtbot, page.make_button)
    opened.lock()  # cancels the job and waits for it before the vault is locked
    assert not opened.runner.busy
    assert page.report is None and page.pages is None and not page.busy.isVisible()


def test_a_refusal_from_the_core_is_a_kind_sentence_not_a_traceback(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, runner, vault)

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise KeyError("internal detail")

    monkeypatch.setattr(report_page, "build_report", broken)
    click(qtbot, page.make_button)
    idle(qtbot, runner)
    assert page.report is None and page.message.isVisible()
    assert "could not be finished" in page.message.text()
    assert "KeyError" not in page.message.text() and "internal" not in page.message.text()
    assert page.make_button.isEnabled()


def test_nothing_ticked_is_said_before_anything_is_made(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, tmp_path: Path
) -> None:
    add_evidence(vault, tmp_path / "sources")
    page = open_page(qtbot, runner, vault)
    click(qtbot, page.form.chosen_items)
    for row in range(page.form.item_list.count()):
        page.form.item_list.item(row).setCheckState(Qt.CheckState.Unchecked)
    click(qtbot, page.make_button)
    assert "No evidence is ticked" in page.message.text()
    assert page.report is None and not runner.busy


def test_quick_exit_drops_the_summary(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = go_to(qtbot, opened, 7)
    make_summary(qtbot, page)
    pages = page.pages
    assert pages is not None
    opened.quick_exit()
    assert page.report is None and page.pages is None and pages.closed
    assert page.preview.stack.currentWidget() is page.preview.empty


def test_a_change_in_the_vault_marks_the_summary_out_of_date(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, tmp_path: Path
) -> None:
    add_evidence(vault, tmp_path / "sources")
    page = open_page(qtbot, runner, vault)
    make_summary(qtbot, page)
    add_evidence(vault, tmp_path / "more")  # (the screen asks the page to read again when shown)
    page.refresh()
    idle(qtbot, runner)
    assert page.out_of_date and not page.print_button.isEnabled()
    assert "changed since this summary was made" in page.stale_note.text()
    assert page.form.item_list.count() == 4


def _cut_off(widget: QWidget, within: QWidget) -> bool:
    """True when part of ``widget`` lies outside ``within`` (to the right or below)."""
    top_left = widget.mapTo(within, QPoint(0, 0))
    return (
        top_left.x() + widget.width() > within.width()
        or top_left.y() + widget.height() > within.height()
    )


@pytest.mark.parametrize("font", ["usual", "double"])
def test_no_choice_or_button_is_cut_off_at_twice_the_font_size(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, tmp_path: Path, request, font: str
) -> None:
    """Someone who reads at 200 % sees every choice's whole words and every button whole, on a
    laptop-sized window."""
    if font == "double":
        request.getfixturevalue("double_font")
    add_evidence(vault, tmp_path / "sources")
    page = open_page(qtbot, runner, vault)
    make_summary(qtbot, page)
    viewport = page.column.scroll_area.viewport()
    for box in page.form.findChildren(QAbstractButton):
        assert box.width() >= box.sizeHint().width(), box.text()
        assert box.mapTo(viewport, QPoint(0, 0)).x() + box.width() <= viewport.width(), box.text()
    preview = page.preview
    shown = (
        page.print_button,
        page.save_button,
        page.bundle_button,
        preview.zoom_out_button,
        preview.zoom_in_button,
        preview.fit_button,
        preview.page_spin,
        preview.page_label,
    )

    def clipped() -> list[QWidget]:
        return [w for w in shown if w.width() < w.sizeHint().width() or _cut_off(w, page)]

    qtbot.waitUntil(lambda: clipped() == [])  # (once the new words are laid out)
    viewport = preview.pages_area.viewport()
    assert viewport.width() >= 400 and viewport.height() >= 300  # room to read the pages


def test_the_paper_is_remembered_by_the_vault_not_lost_to_the_auto_lock_choice(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    """An advocate outside the US makes the summary on A4 once; next time the vault is opened,
    A4 is already chosen, even after the auto-lock time was changed in between."""
    page = go_to(qtbot, opened, 7)
    assert page is opened.case_screen.report
    assert page.form.paper.currentData() == "letter"
    page.form.paper.setCurrentIndex(page.form.paper.findData("a4"))
    make_summary(qtbot, page)
    assert page.report is not None and page.report.paper == "a4"
    assert go_to(qtbot, opened, 2) is opened.vault_page
    combo = opened.vault_page.auto_lock
    combo.setCurrentIndex(combo.findData(15))
    combo.activated.emit(combo.currentIndex())  # as a choice made in its list
    opened.lock()
    assert page.form.paper.currentData() == "letter"  # nothing of the vault's is left

    open_vault_in(qtbot, opened, dialogs, new_vault[0])
    page = go_to(qtbot, opened, 7)
    qtbot.waitUntil(lambda: page.form.paper.currentData() == "a4")
    assert opened.vault_page.auto_lock_minutes() == 15
    assert not page.out_of_date and page.report is None


@pytest.mark.parametrize("how", ["lock", "quick exit"])
def test_after_a_lock_nothing_holds_the_summary_its_pages_or_the_choices(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, tmp_path: Path, how: str
) -> None:
    """The Summary tab in the window-wide check: after a lock or a Quick exit with a summary
    made and previewed, no widget shows a word of it, and no object anywhere still holds the
    summary, its PDF bytes or a drawn page."""
    vault = opened.vault
    assert vault is not None
    add_description_only(vault, title=f"Post by {MARKER}", happened_at="2026-04-02")
    page = go_to(qtbot, opened, 7)
    assert page is opened.case_screen.report
    qtbot.keyClicks(page.form.prepared_by, f"Advocate {MARKER}")
    make_summary(qtbot, page)
    page.preview.set_zoom(page.preview._zoom + 1)  # noqa: SLF001 - more pages drawn
    qtbot.waitUntil(lambda: page.preview.rendered_image(0) is not None)
    assert holding(opened, MARKER)  # shown before the lock (the list of items, the name)

    if how == "lock":
        click(qtbot, opened.lock_bar.lock_button)
    else:
        opened.quick_exit()
    assert opened.vault is None
    assert holding(opened, MARKER) == []
    assert page.report is None and page.pages is None and page.stats.text() == ""
    assert page.preview.canvas.cache == {} and page.preview.canvas.pages is None
    gc.collect()
    alive = gc.get_objects()
    assert [o for o in alive if isinstance(o, Report)] == []
    assert [o for o in alive if isinstance(o, PdfPages) and not o.closed] == []
    assert [o for o in alive if isinstance(o, QImage) and not o.isNull() and o.width() > 300] == []


def test_by_keyboard_alone_every_control_is_reached_in_screen_order_and_named(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, tmp_path: Path
) -> None:
    """Tab goes from the choices to Make, then Print / Save / bundle, then the preview; each
    stop says what it is. Enter on Make leaves the focus on the pages made — never on Lock,
    where one more Enter would lock the vault."""
    assert opened.vault is not None
    add_evidence(opened.vault, tmp_path / "sources")
    page = go_to(qtbot, opened, 7)
    assert page is opened.case_screen.report
    page.make_button.setFocus()
    qtbot.keyClick(page.make_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.report is not None and not opened.runner.busy, timeout=60_000)
    qtbot.waitUntil(lambda: page.preview.pages_area.hasFocus())

    page.form.title.setFocus()
    stops: list[QWidget] = []
    while len(stops) < 40:
        widget = QApplication.focusWidget()
        assert widget is not None
        if widget is opened.lock_bar.lock_button:
            break
        stops.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    preview = page.preview
    wanted = [
        page.form.title,
        page.form.prepared_by,
        page.form.all_items,
        page.form.takedowns,
        page.form.journal,
        page.form.declaration,
        page.form.packet,
        page.form.paper,
        page.form.copies,
        page.make_button,
        page.print_button,
        page.save_button,
        page.bundle_button,
        preview.zoom_out_button,
        preview.zoom_in_button,
        preview.page_spin,
        preview.pages_area,
    ]
    assert stops == wanted
    for widget in stops:  # what a screen reader says (a field's label counts)
        accessible = QAccessible.queryAccessibleInterface(widget)
        assert accessible is not None and accessible.text(QAccessible.Text.Name).strip(), widget
