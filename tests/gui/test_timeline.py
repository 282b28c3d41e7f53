"""The Timeline tab: incidents and evidence in the order they happened (undated at the end),
filters by platform and account that narrow the list and the chart, the chart's bars (counts,
pixels), week/month, opening a row, and nothing left after a lock.

Real vault at the KDF floor, real worker threads (TaskRunner), no sleeps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage

from locker.case import evidence, incidents, timeline, without_file
from locker.case.timeline import ChartBucket
from locker.gui import item_form
from locker.gui.incident_chart import IncidentChart, nice_step
from locker.gui.tasks import TaskRunner
from locker.gui.timeline_model import ID_ROLE, TimelineModel
from locker.gui.timeline_page import TimelinePage
from locker.vault import Vault
from tests.gui.conftest import click, open_vault_in, wait_idle

# --- fixtures and helpers ----------------------------------------------------------------------


@pytest.fixture
def page(qtbot, runner: TaskRunner, vault: Vault) -> TimelinePage:  # type: ignore[no-untyped-def]
    p = TimelinePage(runner)
    qtbot.addWidget(p)
    p.resize(1100, 800)
    p.show()
    qtbot.waitExposed(p)
    p.set_vault(vault)
    return p


def idle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)


def refreshed(qtbot, page: TimelinePage, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    page.refresh()
    idle(qtbot, runner)


@dataclass
class Case:
    ids: dict[str, str]  # short name -> incident or item id


def make_case(vault: Vault) -> Case:
    """Incidents in three weeks of March 2026 (3, then 0, then 2), one across the night New York
    moved its clocks forward, a series, one with no date; evidence with and without a date."""
    ny, london = "America/New_York", "Europe/London"
    ids: dict[str, str] = {}

    def incident(name: str, **fields: object) -> None:
        ids[name] = incidents.add_incident(vault, **fields).id  # type: ignore[arg-type]

    # Week of Monday 2 March: three incidents (the third after the clocks jumped, on Sunday 8th).
    incident("first", title="First message", start_at="2026-03-02T09:00", start_tz=ny,
             platform="Instagram", accounts=["@ex_partner"])  # fmt: skip
    incident("second", title="Second message", start_at="2026-03-04T22:00", start_tz=ny,
             platform="Instagram", accounts=["@ex_partner"])  # fmt: skip
    incident("posted", title="Posted the photo", start_at="2026-03-08T03:30", start_tz=ny,
             platform="Forum", accounts=["anon123"])  # fmt: skip
    # Week of 9 March: nothing. Week of 16 March: a series and a date-only incident.
    incident("series", title="Messages every night", start_at="2026-03-16T21:00",
             start_tz=london, end_at="2026-03-20T23:00", end_tz=london, platform="Instagram",
             accounts=["@ex_partner", "@second_account"])  # fmt: skip
    incident("dateonly", title="Call at work", start_at="2026-03-17", platform="WhatsApp")
    # No date at all.
    incident("undated", title="Threats at school", platform="Forum", accounts=["anon123"])

    ids["shot"] = without_file.add_description_only(
        vault, title="Screenshot of the post", happened_at="2026-03-08T04:00", happened_tz=ny,
        platform="Forum", account="anon123",
    ).id  # fmt: skip
    ids["saved"] = without_file.add_description_only(
        vault, title="Saved messages", platform="Instagram", account="@ex_partner"
    ).id
    return Case(ids)


def expected_entries(vault: Vault) -> list[timeline.TimelineEntry]:
    found, _ = incidents.list_incidents(vault)
    items, _ = evidence.list_items(vault)
    return timeline.build_timeline(found, items, floating_zone=item_form.local_zone())


def counts(chart: IncidentChart) -> list[int]:
    return [b.count for b in chart.buckets()]


def row_of(page: TimelinePage, entry_id: str) -> int:
    model = page.model
    for row in range(model.rowCount()):
        if model.index(row, 0).data(ID_ROLE) == entry_id:
            return row
    raise AssertionError(f"{entry_id} is not in the list")


def text(page: TimelinePage, row: int, column: int) -> str:
    return str(page.model.index(row, column).data())


def is_dark(image: QImage, x: int, y: int) -> bool:
    return QColor(image.pixel(x, y)).lightness() < 128


def dark_in_column(image: QImage, x: int, top: int, bottom: int) -> int:
    return sum(is_dark(image, x, y) for y in range(top, bottom))


# --- the list ----------------------------------------------------------------------------------


def test_empty_vault_says_kindly_what_will_appear(qtbot, page, runner) -> None:  # type: ignore[no-untyped-def]
    refreshed(qtbot, page, runner)
    assert page.pages.currentWidget() is page.empty
    assert "Nothing on the timeline yet" in page.empty_label.text()
    assert page.empty_label.isVisible()
    assert page.model.rowCount() == 0
    assert page.has_unsaved_changes() is False


def test_list_is_in_the_order_things_happened_undated_last(qtbot, page, runner, vault) -> None:  # type: ignore[no-untyped-def]
    case = make_case(vault)
    refreshed(qtbot, page, runner)

    assert page.pages.currentWidget() is not page.empty
    expected = expected_entries(vault)
    assert [e.id for e in page.entries()] == [e.id for e in expected]
    ids = case.ids
    order = [e.id for e in page.entries()]
    # DST: 2026-03-08 03:30 in New York is after the clocks jumped; the screenshot half an hour later
    assert order.index(ids["second"]) < order.index(ids["posted"]) < order.index(ids["shot"])
    assert order.index(ids["shot"]) < order.index(ids["series"]) < order.index(ids["dateonly"])
    assert order[-1] == ids["undated"]  # no date: at the end

    # A heading row right before the undated incident, spanning the row, not choosable.
    heading = page.model.heading_row()
    assert heading == row_of(page, ids["undated"]) - 1
    assert text(page, heading, TimelineModel.WHEN) == "Date not known"
    assert page.view.columnSpan(heading, 0) == page.model.columnCount()
    assert not page.model.flags(page.model.index(heading, 0)) & Qt.ItemFlag.ItemIsSelectable

    # What each row says.
    posted = row_of(page, ids["posted"])
    assert text(page, posted, TimelineModel.WHEN) == (
        "2026-03-08 03:30 (America/New_York, UTC−04:00)"
    )
    assert text(page, posted, TimelineModel.KIND) == "Incident"
    assert text(page, posted, TimelineModel.TITLE) == "Posted the photo"
    assert text(page, posted, TimelineModel.PLATFORM) == "Forum"
    assert text(page, posted, TimelineModel.ACCOUNTS) == "anon123"
    first = row_of(page, ids["first"])
    assert "UTC−05:00" in text(page, first, TimelineModel.WHEN)  # before the clocks jumped

    series = text(page, row_of(page, ids["series"]), TimelineModel.WHEN)
    assert series.startswith("2026-03-16 21:00 to 2026-03-20 23:00 (Europe/London")
    assert text(page, row_of(page, ids["series"]), TimelineModel.ACCOUNTS) == (
        "@ex_partner, @second_account"
    )

    shot = row_of(page, ids["shot"])
    assert text(page, shot, TimelineModel.KIND) == "Evidence"
    assert text(page, shot, TimelineModel.WHEN).startswith("2026-03-08 04:00 (America/New_York")
    saved = text(page, row_of(page, ids["saved"]), TimelineModel.WHEN)
    assert "(date added — when it happened is not recorded)" in saved
    assert "Date not known" in text(page, row_of(page, ids["undated"]), TimelineModel.WHEN)
    assert page.count_label.text() == "Showing 8 of 8"


def test_untrusted_text_is_cleaned(qtbot, page, runner, vault) -> None:  # type: ignore[no-untyped-def]
    incidents.add_incident(
        vault, title="evil\u202egnp.exe", start_at="2026-01-05", platform="X\x1b[2J"
    )
    refreshed(qtbot, page, runner)
    assert text(page, 0, TimelineModel.TITLE) == "evil\ufffdgnp.exe"
    assert "\x1b" not in text(page, 0, TimelineModel.PLATFORM)
    assert "\x1b" not in page.platform_box.itemText(1)


# --- filters -----------------------------------------------------------------------------------


def test_filters_narrow_the_list_and_the_chart(qtbot, page, runner, vault) -> None:  # type: ignore[no-untyped-def]
    case = make_case(vault)
    refreshed(qtbot, page, runner)
    boxes = page.platform_box, page.account_box
    assert [boxes[0].itemText(i) for i in range(boxes[0].count())] == [
        "All platforms", "Forum", "Instagram", "WhatsApp",
    ]  # fmt: skip
    assert boxes[1].itemText(0) == "All accounts"
    assert counts(page.chart) == [3, 0, 2]

    page.platform_box.setCurrentIndex(page.platform_box.findText("Instagram"))
    ids = case.ids
    assert [e.id for e in page.entries()] == [
        ids["first"], ids["second"], ids["series"], ids["saved"],
    ]  # fmt: skip
    assert page.count_label.text() == "Showing 4 of 8"
    assert counts(page.chart) == [2, 0, 1]
    assert page.chart.undated() == 0

    page.platform_box.setCurrentIndex(0)
    page.account_box.setCurrentIndex(page.account_box.findText("anon123"))
    assert [e.id for e in page.entries()] == [ids["posted"], ids["shot"], ids["undated"]]
    assert counts(page.chart) == [1, 0, 0]  # the same weeks as the whole timeline: comparable
    assert page.chart.undated() == 1
    assert "1 incident has no date and is not counted." in page.chart.accessibleDescription()

    # Both at once: nothing matches; the page says how to see everything again.
    page.platform_box.setCurrentIndex(page.platform_box.findText("WhatsApp"))
    assert page.entries() == []
    assert page.chart.buckets() == []
    assert page.filtered_label.isVisible()
    assert page.count_label.text() == "Showing 0 of 8"

    # A refresh keeps the user's choice.
    page.account_box.setCurrentIndex(0)
    refreshed(qtbot, page, runner)
    assert page.platform_box.currentText() == "WhatsApp"
    assert [e.id for e in page.entries()] == [ids["dateonly"]]


# --- the chart ---------------------------------------------------------------------------------


def test_chart_counts_per_week_with_bars_where_there_are_incidents(
    qtbot, page, runner, vault
) -> None:  # type: ignore[no-untyped-def]
    make_case(vault)
    refreshed(qtbot, page, runner)
    chart = page.chart
    assert chart.period() == "week"  # three weeks: weekly is the natural choice
    assert page.week_button.isChecked()
    assert [(b.start, b.count) for b in chart.buckets()] == [
        (date(2026, 3, 2), 3), (date(2026, 3, 9), 0), (date(2026, 3, 16), 2),
    ]  # fmt: skip
    assert chart.title() == "Incidents per week (2 Mar – 22 Mar 2026)"
    assert chart.undated_text() == "1 incident has no date and is not counted."

    width, height = 640, 220
    image = chart.render_to_image(width, height)
    bars = chart.bar_rects(width, height)
    plot_bottom = int(bars[1].bottom())
    plot_top = int(min(r.top() for r in bars))
    for bar, count in zip(bars, (3, 0, 2), strict=True):
        x = int(bar.center().x())
        dark = dark_in_column(image, x, plot_top + 2, plot_bottom - 3)
        if count:
            assert dark >= bar.height() - 6, (count, dark)
        else:
            assert dark == 0  # gridlines are light; no bar
    assert bars[0].height() > bars[2].height() > 0
    assert bars[1].height() == 0
    # White around the bars: the space between two bars has no dark pixels.
    gap_x = int((bars[0].right() + bars[1].left()) / 2)
    assert dark_in_column(image, gap_x, plot_top + 2, plot_bottom - 3) == 0

    # In words: the tooltip and the description.
    tip = chart.tooltip_at(QPoint(int(bars[0].center().x()), int(bars[0].center().y())))
    assert tip == "Week of 2 Mar 2026: 3 incidents"
    description = chart.accessibleDescription()
    assert "Week of 9 Mar 2026: no incidents" in description
    assert "Week of 16 Mar 2026: 2 incidents" in description


def test_week_month_toggle_changes_the_buckets(qtbot, page, runner, vault) -> None:  # type: ignore[no-untyped-def]
    make_case(vault)
    refreshed(qtbot, page, runner)
    click(qtbot, page.month_button)
    assert page.chart.period() == "month"
    assert [(b.start, b.count) for b in page.chart.buckets()] == [(date(2026, 3, 1), 5)]
    assert page.chart.title().startswith("Incidents per month (Mar 2026")
    refreshed(qtbot, page, runner)
    assert page.chart.period() == "month"  # the user's choice stays
    click(qtbot, page.week_button)
    assert counts(page.chart) == [3, 0, 2]


def test_toggle_redraws_only_the_chart_and_rows_match_the_model(qtbot, page, runner, vault) -> None:  # type: ignore[no-untyped-def]
    """The rows are prepared on the worker: the same texts as the model works out itself; the
    week/month toggle leaves the list alone (no reset of 2,500 rows for a chart's buckets)."""
    make_case(vault)
    refreshed(qtbot, page, runner)
    shown = [page.model.row_texts(r) for r in range(page.model.rowCount())]
    own = TimelineModel()
    found, _ = incidents.list_incidents(vault)
    own.set_entries(expected_entries(vault), {i.id: i for i in found})
    assert [own.row_texts(r) for r in range(own.rowCount())] == shown
    resets: list[int] = []
    page.model.modelReset.connect(lambda: resets.append(1))
    click(qtbot, page.month_button)
    assert page.chart.period() == "month"
    click(qtbot, page.week_button)
    assert counts(page.chart) == [3, 0, 2]
    assert resets == []
    page.platform_box.setCurrentIndex(page.platform_box.findData("Forum"))
    assert resets == [1]  # a filter does narrow the list
    assert {e.platform for e in page.entries()} == {"Forum"}


def test_a_long_span_is_counted_per_month(qtbot, page, runner, vault) -> None:  # type: ignore[no-untyped-def]
    for day in ("2026-01-10", "2026-01-20", "2026-04-02", "2026-07-30"):
        incidents.add_incident(vault, title="Message", start_at=day)
    refreshed(qtbot, page, runner)
    assert page.chart.period() == "month"
    assert page.month_button.isChecked()
    assert counts(page.chart) == [2, 0, 0, 1, 0, 0, 1]


def test_a_very_long_span_shows_the_newest_bars_and_says_what_is_left_out(  # type: ignore[no-untyped-def]
    qtbot, page, runner, vault
) -> None:
    incidents.add_incident(vault, title="Long ago", start_at="1950-03-01")
    for month in (5, 6, 7):
        incidents.add_incident(vault, title=f"Recent {month}", start_at=f"2026-0{month}-10")
    refreshed(qtbot, page, runner)
    chart = page.chart
    assert chart.period() == "month"
    assert len(chart.buckets()) == 120  # not 917 bars a pixel wide
    assert chart.buckets()[-1].start.isoformat() == "2026-07-01"
    assert counts(chart)[-3:] == [1, 1, 1]
    assert chart.note_text() == "1 older incident is before the first bar and not shown."
    assert chart.note_text() in chart.accessibleDescription()


def test_chart_steps_and_many_bars(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert [nice_step(n) for n in (0, 1, 3, 5, 6, 12, 40, 230)] == [1, 1, 1, 1, 2, 5, 10, 50]
    chart = IncidentChart()
    qtbot.addWidget(chart)
    assert chart.sizeHint().width() >= 600
    monday = date(2025, 1, 6)
    buckets = [
        ChartBucket(date.fromordinal(monday.toordinal() + 7 * i),
                    date.fromordinal(monday.toordinal() + 7 * i + 6), f"W{i}", i % 4)
        for i in range(60)
    ]  # fmt: skip
    chart.set_data(buckets, "week", 0)
    image = chart.render_to_image(640, 220)
    bars = chart.bar_rects(640, 220)
    tallest = bars[3]
    assert dark_in_column(image, int(tallest.center().x()), int(tallest.top()) + 2,
                          int(tallest.bottom()) - 2) > 0  # fmt: skip
    chart.clear()
    assert chart.buckets() == []
    assert "No incidents with a date" in chart.accessibleDescription()


# --- opening a row, lock -----------------------------------------------------------------------


def test_double_click_or_enter_opens_the_row(qtbot, page, runner, vault) -> None:  # type: ignore[no-untyped-def]
    case = make_case(vault)
    refreshed(qtbot, page, runner)
    view = page.view
    rect = view.visualRect(page.model.index(row_of(page, case.ids["posted"]), 2))
    with qtbot.waitSignal(page.open_incident, timeout=2000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [case.ids["posted"]]

    view.setFocus()
    view.setCurrentIndex(page.model.index(row_of(page, case.ids["shot"]), 0))
    with qtbot.waitSignal(page.open_item, timeout=2000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [case.ids["shot"]]


def test_lock_clears_everything(qtbot, page, runner, vault) -> None:  # type: ignore[no-untyped-def]
    make_case(vault)
    refreshed(qtbot, page, runner)
    assert page.model.rowCount() > 0
    page.set_vault(None)
    assert page.model.rowCount() == 0
    assert page.entries() == []
    assert page.chart.buckets() == []
    assert page.platform_box.count() == 1 and page.account_box.count() == 1
    assert page.pages.currentWidget() is page.empty


def test_a_late_result_after_a_lock_is_dropped(qtbot, page, runner, vault) -> None:  # type: ignore[no-untyped-def]
    make_case(vault)
    page.refresh()
    page.clear()
    idle(qtbot, runner)
    assert page.model.rowCount() == 0
    assert page.chart.buckets() == []


# --- in the window -----------------------------------------------------------------------------


def test_an_incident_added_shows_on_the_timeline_tab(  # type: ignore[no-untyped-def]
    qtbot, window, dialogs, new_vault
) -> None:
    open_vault_in(qtbot, window, dialogs, new_vault[0])
    first = incidents.add_incident(
        window.vault, title="Posted the photo", start_at="2026-03-08T03:30",
        start_tz="America/New_York", platform="Forum", accounts=["anon123"],
    )  # fmt: skip
    incidents.add_incident(window.vault, title="Second post", start_at="2026-03-18")
    page = window.timeline_page
    tabs = window.case_screen
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(page)).center())
    assert tabs.currentWidget() is page
    wait_idle(qtbot, window)
    assert [e.title for e in page.entries()] == ["Posted the photo", "Second post"]
    assert counts(page.chart) == [1, 0, 1]
    assert page.chart.isVisible()

    # Double-click: the incident opens on its own tab.
    rect = page.view.visualRect(page.model.index(row_of(page, first.id), TimelineModel.TITLE))
    with qtbot.waitSignal(page.open_incident, timeout=2000):
        qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tabs.currentWidget() is window.incidents_page

    click(qtbot, window.lock_bar.lock_button)
    assert page.model.rowCount() == 0
    assert page.chart.buckets() == []
