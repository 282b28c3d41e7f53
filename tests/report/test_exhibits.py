"""Exhibit order and numbering (what a court reads as Exhibit 1, 2, 3...) and exhibit file names."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from locker.case.evidence import EvidenceItem
from locker.report.exhibits import extension_for, file_name, number_exhibits
from locker.vault.errors import InvalidInput


def _item(item_id: str, added: str, happened: str = "", tz: str = "", media: str = "image/png"):
    return EvidenceItem(
        id=item_id,
        title=f"title {item_id}",
        original_name=f"secret name {item_id}.png",
        size=1,
        sha256="0" * 64,
        media_type=media,
        added_at=added,
        blob="ab",
        happened_at=happened,
        happened_tz=tz,
    )


def test_order_follows_when_it_happened_with_undated_items_placed_by_when_added() -> None:
    items = [
        _item("a", "2026-03-10T09:00:00Z", "2026-03-05"),  # happened 5 March
        _item("b", "2026-03-01T09:00:00Z"),  # no event date: placed by when added (1 March)
        _item("c", "2026-03-02T09:00:00Z", "2026-02-01T22:00", "America/Chicago"),
        _item("d", "2026-03-20T09:00:00Z", "2026-03-05"),  # same day as a, added later
        _item("e", "2026-03-20T09:00:00Z", "2026-03-05"),  # same as d: id decides
    ]
    exhibits = number_exhibits(items)
    assert [e.item.id for e in exhibits] == ["c", "b", "a", "d", "e"]
    assert [e.number for e in exhibits] == [1, 2, 3, 4, 5]
    assert [e.label for e in exhibits] == [f"Exhibit {n}" for n in range(1, 6)]
    # The same items in another order give the same numbers.
    assert [e.item.id for e in number_exhibits(reversed(items))] == ["c", "b", "a", "d", "e"]


def test_a_zone_changes_the_order_where_the_moment_differs() -> None:
    # 23:30 in Los Angeles on 1 March is after 02:00 in Berlin on 2 March.
    la = _item("la", "2026-03-05T00:00:00Z", "2026-03-01T23:30", "America/Los_Angeles")
    berlin = _item("be", "2026-03-04T00:00:00Z", "2026-03-02T02:00", "Europe/Berlin")
    assert [e.item.id for e in number_exhibits([la, berlin])] == ["be", "la"]


def test_selection_by_ids_and_date_range_is_numbered_from_one() -> None:
    items = [_item(c, f"2026-04-0{n}T09:00:00Z", f"2026-03-0{n}") for n, c in enumerate("abcd", 1)]
    chosen = number_exhibits(items, ids={"d", "b"})
    assert [(e.number, e.item.id) for e in chosen] == [(1, "b"), (2, "d")]
    ranged = number_exhibits(items, start=date(2026, 3, 2), end=date(2026, 3, 3))
    assert [(e.number, e.item.id) for e in ranged] == [(1, "b"), (2, "c")]
    # An undated item is filed under the date it was added.
    undated = _item("u", "2026-03-02T10:00:00Z")
    assert [
        e.item.id
        for e in number_exhibits([*items, undated], start=date(2026, 3, 2), end=date(2026, 3, 2))
    ] == ["b", "u"]
    with pytest.raises(InvalidInput, match="no item with that id"):
        number_exhibits(items, ids={"a", "zzzz"})


def test_file_names_come_from_the_media_type_never_the_original_name() -> None:
    exhibits = number_exhibits(
        [
            _item("a", "2026-01-01T00:00:00Z", media="image/jpeg"),
            _item("b", "2026-01-02T00:00:00Z", media="application/octet-stream"),
            _item("c", "2026-01-03T00:00:00Z", media="video/mp4"),
        ]
    )
    names = [file_name(e, len(exhibits)) for e in exhibits]
    assert names == ["exhibit-001.jpg", "exhibit-002.bin", "exhibit-003.mp4"]
    assert file_name(replace(exhibits[0], number=1000), 1000) == "exhibit-1000.jpg"
    assert file_name(exhibits[0], 1200) == "exhibit-0001.jpg"
    for media, ext in (
        ("image/png", ".png"),
        ("application/pdf", ".pdf"),
        ("audio/mpeg", ".mp3"),
        ("text/plain", ".txt"),
        ("", ".bin"),
        ("../../x/y", ".bin"),
        ("nonsense/made-up-type", ".bin"),
    ):
        assert extension_for(media) == ext, media
