"""The separate packet of unredacted pictures (locker.report.packet): made only when asked, it
holds the real intimate picture, says plainly how to handle it, and the summary itself still
never carries the picture."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from locker.report.context import ReportOptions
from locker.report.document import build_report
from locker.report.exhibit_pages import exhibit_story
from locker.report.marks import ExhibitMark, SectionMark
from locker.report.packet import packet_story
from locker.vault import Argon2Params
from tests.conftest import open_vault
from tests.report.pdftools import page_texts, story_pdf
from tests.report.report_vault import fill_vault, make_vault
from tests.report.test_exhibit_pages import (
    add,
    correlation,
    embedded_images,
    exhibit_of,
    flat,
    grey64,
    make_context,
    portrait,
)


def test_no_packet_unless_asked(new_vault: tuple[Path, str]) -> None:
    path, _key = new_vault
    with open_vault(path) as vault:
        add(vault, portrait(1), "a.png", intimate=True)
        default = make_context(vault)
        add(vault, portrait(2), "b.png")
    assert packet_story(default) == []


def test_no_packet_when_nothing_is_intimate(new_vault: tuple[Path, str]) -> None:
    path, _key = new_vault
    with open_vault(path) as vault:
        add(vault, portrait(2), "b.png")
        add(vault, b"\x00\x00\x00\x18ftypisom" + bytes(400), "clip.mp4", intimate=True)
        asked = make_context(vault, include_intimate=True)
    assert packet_story(asked) == []


def test_the_packet_holds_the_real_picture_and_the_summary_still_does_not(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _key = new_vault
    secret, ordinary = portrait(0), portrait(9)
    with open_vault(path) as vault:
        hidden = add(vault, secret, "photo.png", title="Shared without consent", intimate=True)
        add(vault, ordinary, "chat.png", title="Threat")
        ctx = make_context(vault, include_intimate=True)
    original = grey64(Image.open(io.BytesIO(secret)))
    label = exhibit_of(ctx, hidden.id).label
    story = packet_story(ctx)
    assert isinstance(story[0], SectionMark)
    marks = [f.exhibit for f in story if isinstance(f, ExhibitMark)]
    assert [m.label if m else None for m in marks] == [label, None]
    pdf = story_pdf(story)
    in_packet = embedded_images(pdf, tmp_path / "packet")
    assert len(in_packet) == 1  # only the intimate exhibit, not the ordinary one
    assert correlation(grey64(in_packet[0]), original) > 0.9

    summary = embedded_images(
        story_pdf(exhibit_story(ctx, exhibit_of(ctx, hidden.id))), tmp_path / "summary"
    )
    assert summary and all(abs(correlation(grey64(im), original)) < 0.2 for im in summary)

    pages = page_texts(pdf, tmp_path)
    assert len(pages) == 2
    cover = flat(pages[0])
    for words in (
        "unredacted intimate pictures",
        "Keep it separate from the summary",
        "require a motion to file intimate images under seal",
        "Ask the court clerk or an advocate",
        "this packet is not encrypted",
        label,
    ):
        assert flat(words) in cover, words
    assert hidden.sha256 in pages[0].replace("\n", "").replace(" ", "")
    assert label in pages[1] and hidden.sha256 in pages[1]
    assert "Shared without consent" in pages[1]
    summary_pdf = story_pdf(exhibit_story(ctx, exhibit_of(ctx, hidden.id)))
    summary_text = flat("\n".join(page_texts(summary_pdf, tmp_path)))
    assert flat("An unredacted copy is in the separate packet") in summary_text


def test_each_redaction_note_names_the_packet_page_holding_that_picture(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    vault = make_vault(tmp_path, floor_params, filled=False)
    with vault:
        filled = fill_vault(vault)
        second = add(vault, portrait(5), "other.png", title="Second picture", intimate=True)
        report = build_report(
            vault,
            ReportOptions(include_intimate=True),
            now=datetime(2026, 3, 10, 15, 30, tzinfo=UTC),
            floating_zone="America/Chicago",
        )
    assert report.packet is not None
    summary = [" ".join(p.split()) for p in page_texts(report.pdf, tmp_path / "summary")]
    packet = page_texts(report.packet, tmp_path / "packet")
    named = []
    for item in (filled.intimate, second):
        label = next(e.label for e in report.exhibits if e.item.id == item.id)
        # The note on this exhibit's own page: its label heads the page, its hash is printed.
        page = next(p for p in summary if p.startswith(label + " ") or f" {label} " in p[:80])
        assert item.sha256 in flat(page)
        found = re.search(r"An unredacted copy is on page (EL-U-(\d{6})) of the separate", page)
        assert found, page
        number = int(found.group(2))
        named.append(number)
        held = packet[number - 1]
        assert found.group(1) in held  # the Bates number named is that page's own
        assert label in held and item.sha256 in flat(held)
    assert len(set(named)) == 2  # each exhibit its own page, not one page for all


def test_a_title_of_thousands_of_words_is_shortened_in_the_packet_list_only(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    title = " ".join(f"w{n}" for n in range(4000))
    with open_vault(new_vault[0]) as vault:
        add(vault, portrait(3), "p.png", title=title, intimate=True)
        ctx = make_context(vault, include_intimate=True)
    pages = page_texts(story_pdf(packet_story(ctx)), tmp_path)
    listing = " ".join(pages[0].split())
    assert "w0 w1 w2" in listing and "…" in listing and "w3999" not in listing
    assert "w3999" in " ".join(" ".join(pages[1:]).split())  # the exhibit's page has it whole
