"""The guide's "Add to takedown tracker" starts a new report with StopNCII chosen; that choice
is where the report starts, not something the user changed. Leaving the untouched report asks
nothing (a "Save your changes?" about words never typed, and then "the address is missing",
would only confuse); once the user types, leaving asks, and Save stores the method chosen."""

from __future__ import annotations

import pytest

from locker.case.takedowns import list_takedowns
from locker.gui import editor_pane
from locker.gui.main_window import MainWindow
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
