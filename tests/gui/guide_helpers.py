"""What the tests of the guide page share: a small guide written in the test (so the tests do
not depend on the shipped wording), the page shown over a vault, and waiting until everything
the page started is stored."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from locker.gui.guide_page import GuidePage
from locker.gui.tasks import TaskRunner
from locker.guide.content import Action, CheckItem, Guide, Part, Phone, Resource, Step
from locker.vault import Vault
from tests.gui.case_helpers import show_page

HELPLINE = Resource(
    id="helpline",
    name="Test Helpline",
    purpose="Free help for people in a test.",
    who="Anyone who is testing.",
    country="US",
    phones=(Phone("844-878-2274", "844-878-TEST"), Phone("988")),
    texts=(Phone("988"), Phone("741741")),
    url="https://example.org/help/for-people/who-are-testing/a-rather-long-address/of-a-page",
    hours="24 hours a day",
    last_checked="2026-11",
    source="",
)
OLD_SITE = Resource(
    id="old-site",
    name="Old Site",
    purpose="A site checked long ago.",
    who="Everyone.",
    country="WORLD",
    phones=(),
    texts=(),
    url="https://old.example.org",
    hours="",
    last_checked="2020-01",
    source="",
)
ADD = Action("add-files", "Add a screenshot…")
REPORT = Action("open-report", "Open the summary", missing="The summary comes in a later version.")
HIDDEN = Action("open-timeline", "Open the timeline")  # no words for when it cannot be done


def small_guide() -> Guide:
    first = Step(
        "first",
        "First things",
        "Where to begin.",
        "A paragraph that the file\nwraps over two lines.\n\n- Item one\n- Item two\n\nAfter.",
        (
            Part(
                "Call someone",
                "Words of the part.",
                ("helpline", "old-site"),
                (ADD, REPORT, HIDDEN),
                (CheckItem("a", "I did the first thing."), CheckItem("b", "I did the second.")),
            ),
        ),
    )
    second = Step("second", "Second step", "The middle.", "Second text.", ())
    third = Step(
        "third",
        "Last step",
        "The end.",
        "Done " * 80,
        (Part("", "", (), (), (CheckItem("c", "A last box with a long text " * 6),)),),
    )
    return Guide(
        "en",
        "A test guide",
        "What this guide is.",
        (first, second, third),
        {"helpline": HELPLINE, "old-site": OLD_SITE},
    )


def settled(qtbot, page: GuidePage, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    """Everything the page changed is stored (notes included) and every result delivered."""
    page.flush()
    qtbot.waitUntil(lambda: not runner.busy and not page.store.busy, timeout=20_000)


def guide_page(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault | None, guide: Guide | None = None
) -> GuidePage:
    """A guide page (the small guide unless told) at 1024×700 over ``vault``, its progress read."""
    page = GuidePage(runner, guide=guide or small_guide())
    page.set_action_check(lambda _action: True)
    show_page(qtbot, page, 1024, 700, vault)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)
    layout_done()
    return page


def shipped_page(qtbot, runner: TaskRunner, vault: Vault) -> GuidePage:  # type: ignore[no-untyped-def]
    """A guide page with the guide the program ships (assets/guide/), every action possible."""
    page = GuidePage(runner)
    page.set_action_check(lambda _action: True)
    show_page(qtbot, page, 1024, 700, vault)
    qtbot.waitUntil(lambda: page.step_view is not None, timeout=20_000)
    layout_done()
    return page


def layout_done() -> None:
    """Let Qt finish laying out (a word-wrapped label settles its height in a second pass)."""
    for _ in range(4):
        QApplication.processEvents()


def list_rows(page: GuidePage) -> list[str]:
    return [page.step_list.item(i).text() for i in range(page.step_list.count())]
