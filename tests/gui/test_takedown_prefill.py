"""The guide's "Add to takedown tracker" starts a new report with StopNCII chosen; that choice
is where the report starts, not something the user changed. Leaving the untouched report asks
nothing (a "Save your changes?" about words never typed, and then "the address is missing",
would only confuse); once the user types, leaving asks, and Save stores the method chosen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from locker.case.takedowns import list_takedowns
from locker.gui import editor_pane
from locker.gui.main_window import MainWindow
from locker.gui.takedown_form import TakedownForm
from locker.gui.widgets import WrappingLabel
from tests.gui.case_helpers import press as answer
from tests.gui.conftest import click, go_to, wait_idle
from tests.gui.test_guide_actions import press


def questions(monkeypatch: pytest.MonkeyPatch, button: str) -> list[str]:
    """Every question box the pages ask from now on (answered with ``button``)."""
    seen: list[str] = []
    monkeypatch.setattr(editor_pane, "run_modal", answer(button, seen))
    return seen


def test_leaving_the_untouched_report_asks_nothing(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = questions(monkeypatch, "Don't save")
    press(qtbot, opened, "add-takedown", "stopncii")
    page = opened.takedowns_page
    assert opened.current_page() is page
    assert page.form.method.currentData() == "stopncii"
    assert not page.has_unsaved_changes()

    assert go_to(qtbot, opened, 2) is opened.vault_page
    assert seen == []
    assert go_to(qtbot, opened, 1) is opened.guide_page  # back to the guide: still nothing
    assert seen == []
    assert page.form_message.text() == ""  # no "please write the address" either


def test_typing_an_address_then_leaving_asks_and_save_stores_stopncii(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = questions(monkeypatch, "Save")
    press(qtbot, opened, "add-takedown", "stopncii")
    page = opened.takedowns_page
    qtbot.waitUntil(page.form.url.hasFocus)
    qtbot.keyClicks(page.form.url, "https://example.com/post/123")
    assert page.has_unsaved_changes()

    go_to(qtbot, opened, 2)
    assert len(seen) == 1 and "Save your changes to this report?" in seen[0]
    wait_idle(qtbot, opened)
    assert opened.vault is not None
    stored, damaged = list_takedowns(opened.vault)
    assert damaged == []
    assert [(t.url, t.method) for t in stored] == [("https://example.com/post/123", "stopncii")]
    qtbot.waitUntil(lambda: opened.current_page() is opened.vault_page)  # then it went on


def test_the_add_button_still_starts_with_the_usual_method(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = questions(monkeypatch, "Don't save")
    assert go_to(qtbot, opened, 4) is opened.takedowns_page
    click(qtbot, opened.takedowns_page.add_button)
    assert opened.takedowns_page.form.method.currentData() == "form"
    assert go_to(qtbot, opened, 2) is opened.vault_page
    assert seen == []


# --- the form as it looks -------------------------------------------------------------------------


def cut_off(form: TakedownForm) -> list[str]:
    """The notes shown shorter than their words need (cut off at the top and bottom)."""
    return [
        label.text()[:40]
        for label in form.findChildren(WrappingLabel)
        if label.isVisible() and label.height() < label.heightForWidth(label.width())
    ]


def settled(label: WrappingLabel) -> bool:
    return label.height() == label.heightForWidth(label.width())


def test_the_pin_note_is_whole_after_stopncii_and_then_another_way(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions(monkeypatch, "Don't save")
    opened.resize(1280, 800)
    press(qtbot, opened, "add-takedown", "stopncii")
    page = opened.takedowns_page
    form = page.form
    qtbot.waitUntil(lambda: settled(form.ticket_note))
    assert form.ticket_note.font().bold() and cut_off(form) == []

    click(qtbot, page.add_button)  # another report, the usual way: the note is quiet again
    assert form.method.currentData() == "form" and not form.ticket_note.font().bold()
    qtbot.waitUntil(lambda: settled(form.ticket_note))
    assert cut_off(form) == []

    form.method.setCurrentIndex(form.method.findData("stopncii"))  # chosen in the form
    qtbot.waitUntil(lambda: settled(form.ticket_note))
    form.method.setCurrentIndex(form.method.findData("other"))
    qtbot.waitUntil(lambda: settled(form.ticket_note))
    assert cut_off(form) == []


def test_at_200_percent_the_form_fits_and_every_button_reads_whole(  # type: ignore[no-untyped-def]
    qtbot, double_font: None, opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions(monkeypatch, "Don't save")
    opened.resize(1280, 800)
    press(qtbot, opened, "add-takedown", "stopncii")
    page = opened.takedowns_page
    form = page.form
    form.method.setCurrentIndex(form.method.findData("dmca"))  # the caution box shows too
    qtbot.waitUntil(lambda: settled(form.ticket_note))
    assert form.rows.stacked()  # the labels above the fields
    assert not page.scroll.horizontalScrollBar().isVisible()
    assert page.scroll.widget().width() <= page.scroll.viewport().width()
    assert cut_off(form) == []
    buttons = [b for b in page.editor.findChildren(QPushButton) if b.isVisible()]
    assert {b.text() for b in buttons} >= {"Save", "Discard changes", "Delete…", "Close"}
    for button in buttons:
        words = button.text().replace("&", "")
        assert button.fontMetrics().horizontalAdvance(words) <= button.width(), words
        assert button.width() >= button.sizeHint().width(), words  # never squeezed (elided)
