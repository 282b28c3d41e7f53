"""What the guide is made of: the text shown as paragraphs and lists, country names, the
"last checked" line and when a resource is due to be checked again."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace
from datetime import date
from pathlib import Path

import pytest

from locker.guide.content import (
    ACTIONS,
    Block,
    GuideError,
    Resource,
    blocks,
    checked_on,
    checked_text,
    country_name,
    is_stale,
)
from locker.guide.load import load_guide
from locker.vault import InvalidInput
from tests.guide.samples import TODAY, write_guide


def _resource(last_checked: str = "2026-11", country: str = "US") -> Resource:
    return Resource(
        "r", "Name", "Purpose", "Who", country, (), (), "https://x.org", "", last_checked, ""
    )


def test_paragraphs_are_joined_and_bullets_become_a_list() -> None:
    text = """
    First line of a paragraph
    and its second line.

    Second paragraph.
    - one
    - two
      continued on the next line

    After the list.
    """
    assert blocks(text) == [
        Block("paragraph", ("First line of a paragraph and its second line.",)),
        Block("paragraph", ("Second paragraph.",)),
        Block("list", ("one", "two continued on the next line")),
        Block("paragraph", ("After the list.",)),
    ]


def test_blocks_of_empty_text_and_a_list_alone() -> None:
    assert blocks("") == []
    assert blocks("\n\n   \n") == []
    assert blocks("- a\n-\n- b") == [Block("list", ("a", "b"))]
    assert blocks("a\n\n\n\nb") == [Block("paragraph", ("a",)), Block("paragraph", ("b",))]
    assert blocks("-not a bullet") == [Block("paragraph", ("-not a bullet",))]


def test_country_names() -> None:
    assert country_name("US") == "United States"
    assert country_name("GB") == "United Kingdom"
    assert country_name("AU") == "Australia"
    assert country_name("WORLD") == "Anywhere"
    assert country_name("CA") == "CA"  # no name written for it: the code itself


def test_last_checked_text_and_day() -> None:
    assert checked_text(_resource("2026-11")) == "Last checked November 2026"
    assert checked_text(_resource("2025-01-31")) == "Last checked January 2025"
    assert checked_on(_resource("2026-11")) == date(2026, 11, 1)
    assert _resource("2026-05-19").checked_on() == date(2026, 5, 19)


@pytest.mark.parametrize(
    ("checked", "today", "stale"),
    [
        ("2026-11", TODAY, False),
        ("2025-11", date(2026, 11, 30), False),  # twelve months: not yet
        ("2025-11", date(2026, 12, 1), True),  # thirteen months
        ("2025-11-21", date(2026, 11, 21), False),
        ("2025-11-20", date(2026, 11, 21), True),
        ("2023-02-28", date(2024, 2, 29), False),  # a leap day does not crash the count
        ("2023-02-27", date(2024, 2, 29), True),
    ],
)
def test_a_resource_is_stale_after_twelve_months(checked: str, today: date, stale: bool) -> None:
    assert is_stale(_resource(checked), today) is stale


def test_content_is_frozen_and_the_error_is_an_input_error() -> None:
    r = _resource()
    with pytest.raises(FrozenInstanceError):
        r.name = "x"  # type: ignore[misc]
    assert replace(r, name="x").name == "x"
    error = GuideError(["a.toml: one", "b.toml: two"])
    assert isinstance(error, InvalidInput)
    assert error.problems == ["a.toml: one", "b.toml: two"]
    assert "locker guide check" in error.message
    assert "add-takedown" in ACTIONS and "open-report" in ACTIONS


def test_guide_finds_its_steps_and_what_they_hold(tmp_path: Path) -> None:
    guide = load_guide(folder=write_guide(tmp_path), today=TODAY)
    assert [s.id for s in guide.steps] == ["safety", "document", "support"]
    assert guide.index("document") == 1
    assert guide.index("nowhere") == -1
    assert guide.step("nowhere") is None
    document = guide.step("document")
    assert document is not None
    assert [c.id for c in document.checklist()] == ["date-visible", "full-url", "kept-originals"]
    assert [a.do for a in document.actions()] == ["add-files", "add-takedown", "open-report"]
    assert document.actions()[1].method == "stopncii"
    assert document.actions()[2].missing == "Not in this version yet."
    support = guide.step("support")
    assert support is not None
    assert support.resource_ids() == ("ccri-helpline", "uk-helpline", "stopncii")  # each once
    assert isinstance(support.parts, tuple) and isinstance(support.parts[0].resources, tuple)
