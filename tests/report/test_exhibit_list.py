"""The exhibit list as a clerk uses it: a list running over several pages still sends every
exhibit to the page its section starts on, and the cover counts the pages there really are."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from locker.case.without_file import add_description_only
from locker.report import document
from locker.report.context import ReportOptions
from locker.report.document import build_report
from locker.report.exhibit_list import exhibit_list_story
from locker.report.exhibit_pages import exhibit_story
from locker.report.pages import Layout, build_pdf
from locker.vault import Argon2Params
from tests.conftest import open_vault
from tests.report.pdftools import page_texts, story_pdf
from tests.report.report_vault import make_vault
from tests.report.test_exhibit_pages import make_context


def _head(page: str) -> str:
    return " ".join(" ".join(page.splitlines()[:3]).split())


@pytest.mark.parametrize("count", [6, 45])
def test_a_long_list_points_every_exhibit_at_its_page(
    tmp_path: Path, floor_params: Argon2Params, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    """Short one-line rows: without page numbers the list is shorter than with them, so a list
    laid out before the pages are known would point every later exhibit one page off. 6
    exhibits: the summary's page count goes from one digit to two (cover and list agree)."""
    passes: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> tuple[bytes, Layout]:
        result = build_pdf(*args, **kwargs)
        passes.append(result[1].pages)
        return result

    monkeypatch.setattr(document, "build_pdf", counted)
    with make_vault(tmp_path, floor_params, filled=False) as vault:
        for n in range(count):
            add_description_only(vault, title=f"M{n}", description="x")
        report = build_report(
            vault,
            ReportOptions(),
            now=datetime(2026, 3, 10, 15, 30, tzinfo=UTC),
            floating_zone="UTC",
        )
    pages = page_texts(report.pdf, tmp_path / "pdf")
    assert len(pages) == report.pages
    cover = " ".join(pages[0].split())
    assert re.search(rf"Pages {report.pages}\b", cover), cover
    listing = [p for p in pages if "Exhibit list" in _head(p)]
    listed = {
        int(m.group(1)): int(m.group(2))
        for page in listing
        for m in re.finditer(r"^\s*Exhibit (\d+)\s+M\d+\s.*?\s(\d+)\s*$", page, re.M)
    }
    assert sorted(listed) == list(range(1, count + 1))
    for number, page in listed.items():
        assert re.search(rf"Exhibit {number}\b", _head(pages[page - 1])), (number, page)
        assert f"EL-{page:06d}" in pages[page - 1]
    if count > 40:
        assert len(listing) >= 2  # the list really runs over pages
    else:
        assert report.pages >= 10
    # The first pass measures with stand-in numbers of the same shape, so one more settles it.
    assert len(passes) == 2, passes


def test_a_title_of_thousands_of_words_is_shortened_in_the_list_only(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    """A title may be up to 100,000 characters (a whole message pasted in); no table row can hold
    that on one page, so the list shows its start and says so; the exhibit's page prints it."""
    long_title = " ".join(f"palabra{n}" for n in range(3000))
    with open_vault(new_vault[0]) as vault:
        add_description_only(vault, title=long_title, description="x", platform="P" * 500)
        short = add_description_only(vault, title="Voicemail", description="x", platform="Phone")
        ctx = make_context(vault)
    text = " ".join(" ".join(page_texts(story_pdf(exhibit_list_story(ctx)), tmp_path)).split())
    assert "palabra0 palabra1" in text and "palabra2999" not in text
    assert "Long titles and platform names are shortened here" in text
    assert "Voicemail" in text and "Phone" in text
    exhibit = next(e for e in ctx.data.exhibits if e.item.id != short.id)
    whole = " ".join(" ".join(page_texts(story_pdf(exhibit_story(ctx, exhibit)), tmp_path)).split())
    assert "palabra2999" in whole


def test_short_titles_are_kept_whole_and_no_note_is_added(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    with open_vault(new_vault[0]) as vault:
        add_description_only(vault, title=" ".join(["alpha"] * 26), description="x")
        ctx = make_context(vault)
    text = " ".join(page_texts(story_pdf(exhibit_list_story(ctx)), tmp_path))
    assert text.count("alpha") == 26 and "…" not in text  # 155 characters: kept whole
    assert "shortened" not in text
