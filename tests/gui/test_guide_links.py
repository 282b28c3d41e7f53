"""Phone numbers and addresses in the guide: Copy puts them on the clipboard (emptied on lock,
as everything this program copied), and a website opens in the browser only after a one-time
note about browser history, remembered in the vault. The program itself opens no socket."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from locker.gui import clipboard, guide_links
from locker.gui.guide_links import web_address
from locker.gui.guide_page import GuidePage
from locker.gui.guide_resources import ResourceCard
from locker.gui.main_window import MainWindow
from locker.gui.tasks import TaskRunner
from locker.guide.progress import load_progress
from locker.vault import Vault
from tests.conftest import NetworkUsed, open_vault
from tests.gui.case_helpers import find_button, press
from tests.gui.conftest import click, go_to
from tests.gui.guide_helpers import HELPLINE, guide_page, settled

URL = HELPLINE.url
NOT_PLAIN = (
    "data:text/html,<script>alert(1)</script>",
    "javascript:alert(1)//https://example.org",
    "https://a@evil.org",
    "https://cybercivilrights.org@evil.org/",  # shows the real name, goes to evil.org
    "https://user:secret@evil.org",
    "https://cybercivilr\u0456ghts.org",  # a Cyrillic "і": looks exactly like the real one
    "https://xn--e1afmkfd.xn--p1ai.\u0440\u0444",
    "https://example.org/\x07bell",
    "https://example.org/\u202egpj.exe",  # turns the rest of the line around
    "https://exa mple.org",
    "https://example.org/" + "a" * 2_100,
)


@pytest.fixture
def page(qtbot, runner: TaskRunner, vault: Vault) -> GuidePage:  # type: ignore[no-untyped-def]
    return guide_page(qtbot, runner, vault)


def helpline_card(page: GuidePage) -> ResourceCard:
    assert page.step_view is not None
    card = page.step_view.resource_cards[0]
    assert card.resource.id == "helpline"
    return card


def test_copy_puts_the_number_on_the_clipboard_until_the_lock(  # type: ignore[no-untyped-def]
    qtbot, page: GuidePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(guide_links, "COPIED_MS", 200)
    card = helpline_card(page)
    click(qtbot, card.copy_buttons["844-878-2274"])
    board = QGuiApplication.clipboard()
    assert board.text() == "844-878-2274"  # the number only, not its other spelling
    assert card.copied_note.isVisible()
    assert card.copied_note.text().startswith("Copied: 844-878-2274")
    click(qtbot, card.copy_buttons[URL])
    assert board.text() == URL
    # The note goes by itself after a few seconds.
    qtbot.waitUntil(lambda: not card.copied_note.isVisible(), timeout=3000)
    # Locking empties what this program put on the clipboard.
    clipboard.clear_if_ours()
    assert board.text() == ""


def test_the_browser_note_is_shown_once_per_vault(  # type: ignore[no-untyped-def]
    qtbot,
    page: GuidePage,
    runner: TaskRunner,
    vault: Vault,
    new_vault: tuple[Path, str],
    opened_urls: list[QUrl],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[str] = []
    monkeypatch.setattr(guide_links, "run_modal", press("Open in browser", seen))
    card = helpline_card(page)
    assert card.open_button is not None
    click(qtbot, card.open_button)
    assert len(seen) == 1
    note = seen[0]
    assert "history of the pages you visit" in note
    assert "Anyone who can use this computer" in note
    assert "Copy button" in note and "safer" in note
    assert f"(website: {QUrl(URL).host()})" in note  # which site is about to open
    # Said only where it is true: after "Open in browser" it does not come back.
    assert "not see this note again for this vault after you choose Open in browser" in note
    assert "shown only once" not in note
    assert [u.toString() for u in opened_urls] == [URL]  # exactly the https address
    settled(qtbot, page, runner)
    assert load_progress(vault).link_note_seen is True

    click(qtbot, card.open_button)  # straight to the browser now
    assert len(seen) == 1 and len(opened_urls) == 2

    # After a lock and on opening the vault again (a new page, as after a restart): no note.
    page.set_vault(None)
    runner.wait()
    vault.lock()
    again = open_vault(new_vault[0])
    try:
        other = guide_page(qtbot, runner, again)
        other_card = helpline_card(other)
        assert other_card.open_button is not None
        click(qtbot, other_card.open_button)
        assert len(seen) == 1 and len(opened_urls) == 3
        runner.wait()
    finally:
        again.lock()
    # The guard against sockets was on all along, and nothing tripped it.
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


def test_cancel_opens_nothing_and_asks_again_next_time(  # type: ignore[no-untyped-def]
    qtbot,
    page: GuidePage,
    runner: TaskRunner,
    vault: Vault,
    opened_urls: list[QUrl],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    boxes: list[tuple[str, str, str]] = []

    def cancel(box: QWidget) -> int:
        assert isinstance(box, QMessageBox)
        default, escape = box.defaultButton(), box.escapeButton()
        assert default is not None and escape is not None
        boxes.append((box.windowTitle(), default.text(), escape.text()))
        find_button(box, "Cancel").click()
        return 0

    monkeypatch.setattr(guide_links, "run_modal", cancel)
    card = helpline_card(page)
    assert card.open_button is not None
    click(qtbot, card.open_button)
    # Enter and Esc pick Cancel: the safe answer.
    assert boxes == [("Before you open the website", "Cancel", "Cancel")]
    assert opened_urls == []
    settled(qtbot, page, runner)
    assert load_progress(vault).link_note_seen is False
    click(qtbot, card.open_button)
    assert len(boxes) == 2 and opened_urls == []


def test_only_plain_https_addresses_go_to_the_browser(  # type: ignore[no-untyped-def]
    page: GuidePage, opened_urls: list[QUrl], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    monkeypatch.setattr(guide_links, "run_modal", press("Open in browser", seen))
    for bad in ("http://example.org", "file:///etc/passwd", "javascript:alert(1)", "https://"):
        assert web_address(bad) is None
        assert page.links.open(bad) is False
    for bad in NOT_PLAIN:
        assert web_address(bad) is None, bad
        assert page.links.open(bad) is False, bad
    assert seen == [] and opened_urls == []
    assert page.links.open(URL) is True
    assert [u.toString() for u in opened_urls] == [URL]


def test_a_plain_address_with_a_path_and_query_still_opens(opened_urls: list[QUrl]) -> None:
    long_enough = "https://www.example.org/help/a-page?lang=en&x=1#part-" + "a" * 1_800
    for good in (URL, "https://xn--bcher-kva.example/", long_enough):
        address = web_address(good)
        assert address is not None and address.toString() == good


@pytest.fixture
def empty_clipboard(qtbot):  # type: ignore[no-untyped-def]
    QGuiApplication.clipboard().clear()
    yield
    QGuiApplication.clipboard().clear()


@pytest.mark.parametrize("how", ["lock", "quick exit"])
def test_a_number_copied_in_the_window_is_gone_after_a_lock(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, empty_clipboard: None, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """The real Copy button in the real window, then the real Lock or Quick exit. The clipboard
    is taken as not ours (as on platforms that do not say whose text it holds), so it is what
    Copy remembered that empties it."""
    monkeypatch.setattr(QClipboard, "ownsClipboard", lambda _self: False)
    page = go_to(qtbot, opened, 1)
    assert page is opened.guide_page and opened.guide_page.guide is not None
    qtbot.waitUntil(lambda: opened.guide_page.step_view is not None)
    for step in opened.guide_page.guide.steps:  # the first step with a card that has a number
        opened.guide_page.show_step(step.id)
        view = opened.guide_page.step_view
        assert view is not None
        numbers = [n for c in view.resource_cards for n in c.copy_buttons if "://" not in n]
        if numbers:
            break
    card = next(c for c in view.resource_cards if numbers[0] in c.copy_buttons)
    click(qtbot, card.copy_buttons[numbers[0]])
    assert QGuiApplication.clipboard().text() == numbers[0]
    if how == "lock":
        opened.lock()
    else:
        with qtbot.waitSignal(opened.quick_exited, timeout=2000):
            opened.quick_exit()
    assert opened.vault is None
    assert QGuiApplication.clipboard().text() == ""
