"""The guide page: what a step shows, a kind word when the guide's files cannot be read, and
every step readable at twice the font size. (Its progress in the vault: test_guide_progress.py.)"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from locker.gui.guide_page import GuidePage
from locker.gui.help_dialog import HelpDialog
from locker.gui.tasks import TaskRunner
from locker.guide import load
from locker.guide.content import GuideError
from locker.guide.progress import load_progress
from locker.vault import Vault
from tests.gui.case_helpers import show_page
from tests.gui.conftest import click, files_under
from tests.gui.guide_helpers import (
    ADD,
    HELPLINE,
    REPORT,
    layout_done,
    list_rows,
    settled,
    shipped_page,
    small_guide,
)
from tests.gui.guide_helpers import guide_page as make_page

MARKER = "Zebra5521Marker"


@pytest.fixture
def page(qtbot, runner: TaskRunner, vault: Vault) -> GuidePage:  # type: ignore[no-untyped-def]
    return make_page(qtbot, runner, vault)


def texts_in(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.text()]


def test_a_vault_with_no_progress_starts_on_the_first_step(page: GuidePage) -> None:
    assert list_rows(page) == ["1. First things", "2. Second step", "3. Last step"]
    assert page.step_list.currentRow() == 0
    assert page.progress_label.text() == "0 of 3 steps done"
    view = page.step_view
    assert view is not None and view.title.text() == "First things"
    words = texts_in(view)
    assert "Step 1 of 3" in words
    assert "What this guide is." in words  # the intro, before the first step
    # The file's wrapped lines are one paragraph; "- " lines are a bulleted list.
    assert "A paragraph that the file wraps over two lines." in words
    assert "Item one" in words and "Item two" in words and words.count("•") == 2
    assert "Call someone" in words and "Words of the part." in words
    assert not page.back_button.isEnabled() and page.next_button.isEnabled()
    assert not page.done_box.isChecked() and page.notes.toPlainText() == ""


def test_everything_is_plain_text_that_wraps(page: GuidePage) -> None:
    view = page.step_view
    assert view is not None
    for label in view.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
        assert label.wordWrap() or label.text() == "•", label.text()


def test_the_resource_card_says_what_who_when_where_and_how(page: GuidePage) -> None:
    assert page.step_view is not None
    card, old = page.step_view.resource_cards
    words = texts_in(card)
    assert words[0] == "Test Helpline"
    assert card.findChildren(QLabel)[0].font().bold()
    for expected in (
        "Free help for people in a test.",
        "For: Anyone who is testing.",
        "When: 24 hours a day",
        "Where: United States",
        "Call: 844-878-2274 (844-878-TEST)",
        "Call or text: 988",  # called and texted: one row, one Copy
        "Text: 741741",
        "Website: https://example.org/help/for-people/who-are-testing/a-rather-long-address/of-a-page",
        "Last checked November 2026",
    ):
        assert expected in words, expected
    assert list(card.copy_buttons) == [
        "844-878-2274",
        "988",
        "741741",
        "https://example.org/help/for-people/who-are-testing/a-rather-long-address/of-a-page",
    ]
    names = [b.accessibleName() for b in card.copy_buttons.values()]
    assert names == [
        "Copy the phone number 844-878-2274 (844-878-TEST) of Test Helpline",
        "Copy the call or text number 988 of Test Helpline",
        "Copy the text number 741741 of Test Helpline",
        f"Copy the web address {HELPLINE.url} of Test Helpline",
    ]
    assert card.open_button is not None and card.open_button.text() == "Open in browser…"
    # Checked long ago: it says that numbers may have changed. Anywhere: "Anywhere".
    stale = next(t for t in texts_in(old) if t.startswith("Last checked January 2020"))
    assert "may have changed" in stale
    assert "Where: Anywhere" in texts_in(old)


def test_actions_are_buttons_or_say_why_not(qtbot, page: GuidePage) -> None:  # type: ignore[no-untyped-def]
    page.set_action_check(lambda action: action.do == "add-files")
    view = page.step_view
    assert view is not None
    assert [(a, b.text()) for a, b in view.action_buttons] == [(ADD, "Add a screenshot…")]
    words = texts_in(view)
    assert REPORT.missing in words  # said instead of a button
    assert not [b for b in view.findChildren(QAbstractButton) if "timeline" in b.text()]
    with qtbot.waitSignal(page.action_requested) as signal:
        click(qtbot, view.action_buttons[0][1])
    assert signal.args == [ADD]


def test_words_being_typed_stay_when_the_actions_are_checked_again(  # type: ignore[no-untyped-def]
    qtbot, page: GuidePage, runner: TaskRunner, vault: Vault
) -> None:
    qtbot.keyClicks(page.notes, "half a thought")
    page.set_action_check(lambda _action: False)  # the step is built again
    assert page.notes.toPlainText() == "half a thought"
    settled(qtbot, page, runner)
    assert load_progress(vault).notes == {"first": "half a thought"}


def test_ticks_done_and_the_step_are_saved_in_the_vault(  # type: ignore[no-untyped-def]
    qtbot, page: GuidePage, runner: TaskRunner, vault: Vault
) -> None:
    view = page.step_view
    assert view is not None
    click(qtbot, view.checklist_boxes["b"])
    click(qtbot, page.done_box)
    assert list_rows(page)[0] == "✓ 1. First things (done)"
    assert page.progress_label.text() == "1 of 3 steps done"
    click(qtbot, page.next_button)
    assert page.step_view is not None and page.step_view.title.text() == "Second step"
    assert page.step_list.currentRow() == 1 and page.back_button.isEnabled()
    settled(qtbot, page, runner)
    stored = load_progress(vault)
    assert (stored.current, stored.done, stored.checked) == ("second", {"first"}, {"first/b"})
    # The words of a checklist row tick its box too; its accessible name is the words.
    click(qtbot, page.back_button)
    assert page.step_view is not None
    box = page.step_view.checklist_boxes["a"]
    assert box.accessibleName() == "I did the first thing."
    label = next(
        lb for lb in page.step_view.findChildren(QLabel) if lb.text() == box.accessibleName()
    )
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    assert box.isChecked()
    settled(qtbot, page, runner)
    assert load_progress(vault).checked == {"first/a", "first/b"}


def test_arrows_in_the_list_change_the_step(qtbot, page: GuidePage) -> None:  # type: ignore[no-untyped-def]
    page.step_list.setFocus()
    qtbot.keyClick(page.step_list, Qt.Key.Key_Down)
    assert page.step_view is not None and page.step_view.title.text() == "Second step"
    assert page.step_list.hasFocus()  # the list keeps the focus while the user looks around
    qtbot.keyClick(page.step_list, Qt.Key.Key_Up)
    assert page.step_view is not None and page.step_view.title.text() == "First things"


def test_guide_files_that_cannot_be_read_leave_a_kind_message(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    problem = 'resources.toml, resource "x": "url" must start with https://'

    def broken(*_args: object, **_kwargs: object) -> None:
        raise GuideError([problem, "guide.en.toml: step 2 has no text"])

    monkeypatch.setattr(load, "load_guide", broken)
    page = GuidePage(runner)
    show = page.broken
    show_page(qtbot, page, 1024, 700, vault)
    runner.wait()
    assert show.isVisible() and not page.step_list.isVisible()
    assert "your evidence is not affected" in show.explanation.text()
    assert "locker guide check" in show.explanation.text()
    assert show.problems.toPlainText().splitlines() == [
        problem,
        "guide.en.toml: step 2 has no text",
    ]
    assert show.problems.isReadOnly()
    # The rest of the page contract still works.
    page.show_step("first")
    page.flush()
    assert page.confirm_leave() and not page.has_unsaved_changes()
    page.clear()
    page.set_vault(None)


def test_a_guide_file_that_breaks_the_reader_leaves_the_kind_message_too(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file nested too deep makes the TOML reader give up with RecursionError: the program
    must still start, with the evidence reachable and the guide saying what happened."""

    def too_deep(*_args: object, **_kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(load, "load_guide", too_deep)
    page = GuidePage(runner)
    show_page(qtbot, page, 1024, 700, vault)
    runner.wait()
    assert page.guide is None and page.broken.isVisible() and not page.step_list.isVisible()
    assert "your evidence is not affected" in page.broken.explanation.text()
    (problem,) = page.broken.problems.toPlainText().splitlines()
    assert "Something unexpected happened while reading the guide's files" in problem
    assert "locker guide check" in problem and "Traceback" not in problem


def test_parts_of_the_files_left_out_are_mentioned_quietly(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault
) -> None:
    guide = small_guide()
    assert not make_page(qtbot, runner, vault, guide).files_note.isVisible()
    # Guide.problems: what the loader left out (a resource with a mistake, a translation).
    guide = replace(guide, problems=('resources.toml, resource "x": no way to reach it',))
    page = make_page(qtbot, runner, vault, guide)
    note = page.files_note
    assert note.isVisible() and note.textFormat() == Qt.TextFormat.PlainText
    assert note.text().startswith("Some information in the guide could not be read")
    assert '"locker guide check"' in note.text() and "resources.toml" not in note.text()
    assert page.step_view is not None  # the rest of the guide is shown as usual


def test_a_tooltip_from_the_files_is_never_markup(qtbot, runner: TaskRunner, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    name = "<img src='file:///etc/hostname'>WomensLaw"
    guide = small_guide()
    guide = replace(guide, resources={**guide.resources, "helpline": replace(HELPLINE, name=name)})
    page = make_page(qtbot, runner, vault, guide)
    assert page.step_view is not None
    card = page.step_view.resource_cards[0]
    tips = [b.toolTip() for b in card.focus_chain()]
    assert len(tips) == 5 and not [t for t in tips if "<img" in t]
    assert all(b.accessibleName().endswith(name) for b in card.copy_buttons.values())


def mnemonics(widget: QWidget) -> list[str]:
    letters = []
    for child in widget.findChildren(QWidget):
        text = child.text() if isinstance(child, QAbstractButton | QLabel) else ""
        letters += [m.upper() for m in re.findall(r"&([^&\s])", text.replace("&&", ""))]
    return letters


def test_alt_letters_do_not_clash_with_the_tabs_or_each_other(page: GuidePage) -> None:
    letters = mnemonics(page)
    assert sorted(letters) == ["B", "F", "N", "Y"]
    assert not set(letters) & set("GEIKJ")  # the tab bar's letters


def test_nothing_is_written_outside_the_vault(  # type: ignore[no-untyped-def]
    qtbot, page: GuidePage, runner: TaskRunner, isolated_home: Path
) -> None:
    assert page.step_view is not None
    click(qtbot, page.step_view.checklist_boxes["a"])
    qtbot.keyClicks(page.notes, MARKER)
    click(qtbot, page.next_button)
    settled(qtbot, page, runner)
    assert files_under(isolated_home) == []


def no_overflow(page: GuidePage) -> None:
    """The step fits the width: no horizontal scrolling, every label inside the view."""
    layout_done()
    scroll = page.step_area
    assert scroll.horizontalScrollBar().maximum() == 0
    width = scroll.viewport().width()
    column = scroll.widget()
    for widget in column.findChildren(QWidget):
        if widget.isVisible():
            right = widget.mapTo(column, widget.rect().topRight()).x()
            assert right <= width, (type(widget).__name__, getattr(widget, "text", str)())


READABLE = (60, 85)  # average characters a line of the step's words may hold: not cramped, not long


def widest_line(page: GuidePage) -> float:
    """The widest line of words in the step shown (its widest label), in average characters
    of the application's font (so the same at twice the font size)."""
    layout_done()
    view = page.step_view
    assert view is not None
    labels = [label for label in view.findChildren(QLabel) if label.isVisible() and label.text()]
    average = QFontMetrics(QApplication.font()).averageCharWidth()
    return max(label.width() for label in labels) / average


def test_lines_keep_to_a_readable_length_in_a_wide_window(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault
) -> None:
    """At 1280 px the words once ran about 150 characters a line; now about 80, on the left,
    with the scroll area still filling the pane and Next under the words' right edge."""
    page = shipped_page(qtbot, runner, vault)
    page.resize(1280, 800)
    assert page.guide is not None
    for step in page.guide.steps:
        page.show_step(step.id)
        assert READABLE[0] <= widest_line(page) <= READABLE[1], step.id
        no_overflow(page)
    pane = page.step_area.parentWidget()
    assert page.step_area.width() == pane.width()  # the wheel scrolls anywhere beside the words
    column_right = page.notes.mapTo(page, page.notes.rect().topRight()).x()
    next_right = page.next_button.mapTo(page, page.next_button.rect().topRight()).x()
    assert abs(next_right - column_right) <= 2


@pytest.mark.parametrize("which", ["small", "shipped"])
def test_every_step_fits_at_twice_the_font_size(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, double_font: None, which: str
) -> None:
    page = (
        make_page(qtbot, runner, vault) if which == "small" else shipped_page(qtbot, runner, vault)
    )
    assert page.guide is not None
    for step in page.guide.steps:
        page.show_step(step.id)
        no_overflow(page)
        assert widest_line(page) <= READABLE[1], step.id
    assert page.step_list.horizontalScrollBar().maximum() == 0


def test_the_shipped_guide_builds_every_step(qtbot, runner: TaskRunner, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    page = shipped_page(qtbot, runner, vault)
    guide = page.guide
    assert guide is not None and len(guide.steps) >= 7
    assert not page.message.isVisible()
    for number, step in enumerate(guide.steps, start=1):
        page.show_step(step.id)
        view = page.step_view
        assert view is not None and view.title.text() == step.title
        assert f"Step {number} of {len(guide.steps)}" in texts_in(view)
        assert list(view.checklist_boxes) == [item.id for item in step.checklist()]
        assert [a for a, _b in view.action_buttons] == list(step.actions())
        assert [c.resource.id for c in view.resource_cards] == [
            r for part in step.parts for r in part.resources
        ]
        for card in view.resource_cards:
            assert card.copy_buttons, card.resource.id  # a way to reach it, copyable
    assert page.progress_label.text() == f"0 of {len(guide.steps)} steps done"


def test_a_screen_reader_hears_that_the_number_was_copied(  # type: ignore[no-untyped-def]
    qtbot, page: GuidePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The focus stays on the Copy button, so the note under the card is announced: a screen
    # reader running (offscreen there is none: stood in for) is sent the note's words.
    heard: list[str] = []

    def update(event: object) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            heard.append(event.message())

    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(update))
    assert page.step_view is not None
    card = page.step_view.resource_cards[0]
    click(qtbot, card.copy_buttons["741741"])
    note = card.copied_note
    assert note.isVisible() and note.text().startswith("Copied: 741741")
    assert note.accessibleDescription() == note.text()
    assert heard == [note.text()]


def interactive_names(widget: QWidget) -> list[str]:
    """What a screen reader calls each thing Tab reaches in ``widget``."""
    return [
        child.accessibleName() or (child.text() if isinstance(child, QAbstractButton) else "")
        for child in widget.findChildren(QWidget)
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isVisibleTo(widget)
    ]


def test_no_two_buttons_sound_alike_in_a_step_or_in_where_to_get_help(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault
) -> None:
    # A voice line and a TTY line on one card: each Copy button says which number it copies.
    page = shipped_page(qtbot, runner, vault)
    assert page.guide is not None
    alike: list[tuple[str, str]] = []
    for step in page.guide.steps:
        page.show_step(step.id)
        assert page.step_view is not None and page.step_view.step.id == step.id
        names = interactive_names(page.step_view)
        alike += [(step.id, name) for name in set(names) if names.count(name) > 1]
    dialog = HelpDialog(home="US")
    qtbot.addWidget(dialog)
    names = interactive_names(dialog)
    alike += [("help", name) for name in set(names) if names.count(name) > 1]
    assert alike == []
    hotline = next(c for c in dialog.cards if c.resource.id == "ndv-hotline")
    assert [b.accessibleName() for b in hotline.copy_buttons.values()][:2] == [
        "Copy the phone number 1-800-799-7233 of National Domestic Violence Hotline",
        "Copy the phone number 1-800-787-3224 (TTY) of National Domestic Violence Hotline",
    ]


def test_a_step_taken_away_never_shows_as_a_window_of_its_own(  # type: ignore[no-untyped-def]
    qtbot, page: GuidePage
) -> None:
    """A lock (clear) or a step change takes the shown step away: it must vanish, not pop up
    for a moment as a window of its own (that steals the focus from the main window, and the
    program's shortcuts with it)."""
    assert page.step_view is not None and page.step_view.isVisible()
    shown_before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    page.next_button.click()
    qtbot.waitUntil(lambda: page.step_list.currentRow() == 1)
    page.clear()
    layout_done()
    strays = {w for w in QApplication.topLevelWidgets() if w.isVisible()} - shown_before
    assert strays == set()
