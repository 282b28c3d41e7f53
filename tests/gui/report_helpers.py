"""What the Summary tab's tests share: a page over a small real vault, making the summary, and
counting the custody log's "report" entries."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from locker.case import evidence
from locker.case.evidence import EvidenceItem
from locker.gui.report_page import ReportPage
from locker.gui.tasks import TaskRunner
from locker.vault import Vault
from tests.gui.case_helpers import idle, show_page
from tests.gui.conftest import click


def add_evidence(vault: Vault, folder: Path, *, intimate: bool = False) -> list[EvidenceItem]:
    """Two small items: a picture of a message (intimate if asked) and a text note."""
    folder.mkdir(exist_ok=True)
    picture = QImage(320, 200, QImage.Format.Format_RGB32)
    picture.fill(QColor("#4a7ab0"))
    assert picture.save(str(folder / "chat.png"))
    (folder / "notes.txt").write_text("He wrote to me again at 11 pm.\n", encoding="utf-8")
    return [
        evidence.add_file(
            vault, folder / "chat.png", title="Screenshot of the threat", intimate=intimate
        ),
        evidence.add_file(vault, folder / "notes.txt", title="My notes"),
    ]


def open_page(qtbot, runner: TaskRunner, vault: Vault) -> ReportPage:  # type: ignore[no-untyped-def]
    """The Summary page at the size of a laptop screen's tab, over ``vault``, its list read."""
    page = ReportPage(runner)
    show_page(qtbot, page, 1240, 700, vault)
    page.refresh()
    idle(qtbot, runner)
    return page


def make_summary(qtbot, page: ReportPage) -> None:  # type: ignore[no-untyped-def]
    """Press "Make the summary" and wait for the preview."""
    click(qtbot, page.make_button)
    qtbot.waitUntil(lambda: page.report is not None and not page.runner.busy, timeout=60_000)


def report_entries(vault: Vault) -> list[str]:
    """The summaries of the custody log's "report" entries, oldest first."""
    entries, _damaged = vault.custody_log()
    return [e.summary for e in entries if e.action == "report"]
