"""A mistyped year (0026, 1752, 2206) is refused with a kind message for every date a person
writes: an incident's start and end, a report's date, when a takedown was reported, its
follow-up, a journal day and when an item happened. Nothing is stored; 1900 and 2100 are fine."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from locker.case import evidence, incidents, journal, takedowns, without_file
from locker.vault import Vault
from locker.vault.errors import InvalidInput


def _item(v: Vault, **kw: Any) -> Any:
    return without_file.add_description_only(v, title="A message", **kw)


WRITES: list[tuple[str, Callable[[Vault, str], Any]]] = [
    ("when it started", lambda v, d: incidents.add_incident(v, title="t", start_at=d)),
    (
        "when it ended",
        lambda v, d: incidents.add_incident(v, title="t", start_at="1900-01-01", end_at=d),
    ),
    (
        "the date of a report",
        lambda v, d: incidents.add_incident(v, title="t", reports=[{"to": "Police", "date": d}]),
    ),
    (
        "when it was reported",
        lambda v, d: takedowns.add_takedown(v, "https://a.example", reported_at=d),
    ),
    (
        "the follow-up date",
        lambda v, d: takedowns.add_takedown(v, "https://a.example", follow_up=d),
    ),
    ("the day of a journal entry", lambda v, d: journal.add_entry(v, "words", d)),
    ("when it happened", lambda v, d: _item(v, happened_at=d)),
]


@pytest.mark.parametrize(("what", "write"), WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize(
    "day", ["0026-05-03", "1752-09-14", "1899-12-31", "2101-01-01", "9999-12-31"]
)
def test_a_year_out_of_range_is_refused_kindly_and_nothing_is_stored(
    vault: Vault, what: str, write: Callable[[Vault, str], Any], day: str
) -> None:
    before = len(vault.custody_log()[0])
    with pytest.raises(InvalidInput) as refused:
        write(vault, day)
    message = str(refused.value)
    assert message.startswith("Please check the year: ")
    assert f"only years from 1900 to 2100 can be recorded for {what}." in message
    assert day[:4] not in message.replace("1900", "").replace("2100", "")  # no value echoed
    assert len(vault.custody_log()[0]) == before


@pytest.mark.parametrize(("what", "write"), WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("day", ["1900-01-01", "2100-12-31"])
def test_the_first_and_last_years_are_fine(
    vault: Vault, what: str, write: Callable[[Vault, str], Any], day: str
) -> None:
    write(vault, day)


def test_editing_to_a_mistyped_year_changes_nothing(vault: Vault) -> None:
    i = incidents.add_incident(vault, title="t", start_at="2026-05-03")
    t = takedowns.add_takedown(vault, "https://a.example", follow_up="2026-06-01")
    e = journal.add_entry(vault, "words", "2026-05-03")
    item = _item(vault, happened_at="2026-05-03")
    for change in (
        lambda: incidents.update_incident(vault, i.id, start_at="0026-05-03"),
        lambda: takedowns.update_takedown(vault, t.id, follow_up="2206-06-01"),
        lambda: journal.update_entry(vault, e.id, day="1026-05-03"),
        lambda: evidence.update_item(vault, item.id, happened_at="0202-05-03T10:00"),
    ):
        with pytest.raises(InvalidInput, match="Please check the year"):
            change()
    assert incidents.find_incident(vault, i.id).start_at == "2026-05-03"
    assert takedowns.find_takedown(vault, t.id).follow_up == "2026-06-01"
    assert journal.find_entry(vault, e.id).day == "2026-05-03"
    assert evidence.find_item(vault, item.id).happened_at == "2026-05-03"
