"""The shared "when" field: date, time and zone as a person remembers them; the night the
clocks went back asks which of the two times was meant; a time that never happened is refused
in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QTime

from locker.gui.item_form import local_zone
from locker.gui.when_edit import WhenEdit
from tests.gui.conftest import click


@pytest.fixture
def edit(qtbot) -> WhenEdit:  # type: ignore[no-untyped-def]
    w = WhenEdit("when it started")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def choose_zone(qtbot, edit: WhenEdit, zone: str) -> None:  # type: ignore[no-untyped-def]
    edit.zone.lineEdit().selectAll()
    qtbot.keyClicks(edit.zone.lineEdit(), zone)


def set_moment(qtbot, edit: WhenEdit, day: str, hhmm: str, zone: str) -> None:  # type: ignore[no-untyped-def]
    if edit.date_unknown.isChecked():
        click(qtbot, edit.date_unknown)
    if edit.time_unknown.isChecked():
        click(qtbot, edit.time_unknown)
    edit.date.setDate(QDate.fromString(day, "yyyy-MM-dd"))
    edit.time.setTime(QTime.fromString(hhmm, "HH:mm"))
    choose_zone(qtbot, edit, zone)


def test_empty_means_not_known(edit: WhenEdit) -> None:
    assert edit.date_unknown.isChecked()
    assert not edit.date.isEnabled()
    assert edit.values() == ("", "", "")
    assert edit.problem() == ""
    assert edit.zone.currentText() == local_zone()  # a new moment starts in this computer's zone


def test_a_moment_round_trips_and_edits_are_reported(qtbot, edit: WhenEdit) -> None:  # type: ignore[no-untyped-def]
    edits: list[int] = []
    edit.load("2026-05-03T21:30", "Europe/Berlin", "+02:00")
    edit.on_edited = lambda: edits.append(1)
    assert edit.values() == ("2026-05-03T21:30", "Europe/Berlin", "+02:00")
    assert not edit.twice.isVisible() and not edit.gap_label.isVisible()
    assert edits == []  # loading is not an edit
    click(qtbot, edit.time_unknown)
    assert edits
    assert edit.values() == ("2026-05-03", "Europe/Berlin", "")
    assert not edit.time.isEnabled()


def test_a_stored_moment_without_zone_shows_none(edit: WhenEdit) -> None:
    edit.load("2026-05-03", "")
    assert edit.zone.currentText() == ""
    assert edit.values() == ("2026-05-03", "", "")
    assert edit.problem() == ""


def test_the_night_the_clocks_went_back_asks_which_time(qtbot, edit: WhenEdit) -> None:  # type: ignore[no-untyped-def]
    set_moment(qtbot, edit, "2026-11-01", "01:30", "America/New_York")
    qtbot.waitUntil(edit.twice.isVisible)
    assert edit.first.text() == "the first 01:30 (UTC\u221204:00)"
    assert edit.second.text() == "the second (UTC\u221205:00)"
    assert edit.values() == ("2026-11-01T01:30", "America/New_York", "-04:00")
    click(qtbot, edit.second)
    assert edit.values() == ("2026-11-01T01:30", "America/New_York", "-05:00")
    assert edit.problem() == ""
    # Loading the second one shows it chosen.
    edit.load("2026-11-01T01:30", "America/New_York", "-05:00")
    assert edit.second.isChecked() and edit.twice.isVisible()
    edit.time.setTime(QTime(3, 0))
    assert not edit.twice.isVisible()
    assert edit.values()[2] == "-05:00"


def test_a_time_that_did_not_happen_gets_a_gentle_message(qtbot, edit: WhenEdit) -> None:  # type: ignore[no-untyped-def]
    set_moment(qtbot, edit, "2026-03-08", "02:30", "America/New_York")
    qtbot.waitUntil(edit.gap_label.isVisible)
    problem = edit.problem()
    assert "02:30" in problem and "America/New_York" in problem
    assert edit.gap_label.text() == problem
    edit.time.setTime(QTime(3, 30))
    assert not edit.gap_label.isVisible()
    assert edit.problem() == ""


def test_an_unknown_zone_is_a_problem(qtbot, edit: WhenEdit) -> None:  # type: ignore[no-untyped-def]
    set_moment(qtbot, edit, "2026-05-03", "10:00", "Atlantis/Lost")
    assert "Atlantis/Lost" in edit.problem()


def test_date_only_hides_time_and_zone(edit: WhenEdit) -> None:
    edit.set_date_only(True)
    edit.load("2026-05-03", "")
    assert not edit.time.isVisible() and not edit.zone.isVisible()
    assert edit.values() == ("2026-05-03", "", "")


def test_only_the_years_the_vault_accepts_can_be_chosen(qtbot, edit: WhenEdit) -> None:  # type: ignore[no-untyped-def]
    assert (edit.date.minimumDate(), edit.date.maximumDate()) == (
        QDate(1900, 1, 1),
        QDate(2100, 12, 31),
    )
    edit.date.setFocus()
    edit.date.setSelectedSection(edit.date.Section.YearSection)
    qtbot.keyClicks(edit.date, "3026")  # a slip of the finger for 2026
    assert edit.date.date().year() <= 2100


def test_the_choice_between_two_times_is_emptied_with_the_moment(edit: WhenEdit) -> None:
    edit.load("2026-11-01T01:30", "America/New_York", "-05:00")
    assert edit.twice.isVisible() and "01:30" in edit.first.text()
    edit.load("", "")  # another record, or a lock
    assert not edit.twice.isVisible()
    assert (edit.first.text(), edit.second.text()) == ("", "")
