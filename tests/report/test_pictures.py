"""What each exhibit page will show, made from the vault before layout (locker.report.pictures).

A court notices a picture missing without a word why, an intimate picture printed where only the
block should be, a report that dies on one damaged file, and a PDF exhibit printed as nothing.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from locker.case import evidence
from locker.case.without_file import add_description_only, remove_original
from locker.report.exhibits import Exhibit, number_exhibits
from locker.report.pictures import PICTURE_SHARE, picture_box, prepare_pictures
from locker.vault import Vault
from locker.vault.errors import Cancelled
from tests.conftest import open_vault
from tests.helpers_tamper import fetch, flip, sql
from tests.report.test_exhibit_pages import FRAME, add, correlation, grey64, portrait

BOX = picture_box(FRAME)


def pdf_bytes() -> bytes:
    """A one-page Letter PDF: the top half black, the bottom half white, a second page grey."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(612, 792))
    c.rect(0, 396, 612, 396, stroke=0, fill=1)
    c.showPage()
    c.setFillGray(0.5)
    c.rect(0, 0, 612, 792, stroke=0, fill=1)
    c.showPage()
    c.save()
    return out.getvalue()


def decoded(jpeg: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(jpeg))
    im.load()
    return im.convert("L")


def mean(im: Image.Image) -> float:
    data = im.tobytes()
    return sum(data) / len(data)


def exhibits_of(vault: Vault) -> list[Exhibit]:
    items, damaged = evidence.list_items(vault)
    assert damaged == []
    return number_exhibits(items, floating_zone="UTC")


def by_id(exhibits: list[Exhibit], item_id: str) -> Exhibit:
    return next(e for e in exhibits if e.item.id == item_id)


def test_picture_box_is_the_frame_width_and_under_half_its_height() -> None:
    width, height = picture_box((468.0, 648.0))
    assert width == 468.0 and height == pytest.approx(648.0 * PICTURE_SHARE)
    assert 0.4 <= PICTURE_SHARE <= 0.55


def test_pictures_intimate_and_packet(new_vault: tuple[Path, str]) -> None:
    path, _key = new_vault
    secret = portrait(1)
    with open_vault(path) as vault:
        plain = add(vault, portrait(2), "a.png")
        hidden = add(vault, secret, "b.png", intimate=True)
        exhibits = exhibits_of(vault)
        default = prepare_pictures(vault, exhibits, BOX)
        packet = prepare_pictures(vault, exhibits, BOX, include_intimate=True)
    n_plain, n_hidden = by_id(exhibits, plain.id).number, by_id(exhibits, hidden.id).number
    shown = default[n_plain].shown
    assert shown is not None and not shown.redacted and default[n_plain].unredacted is None
    assert shown.size_pt[0] <= BOX[0] + 1e-6 and shown.size_pt[1] <= BOX[1] + 1e-6
    block = default[n_hidden]
    assert block.shown is not None and block.shown.redacted and block.unredacted is None
    assert packet[n_hidden].shown == block.shown  # the page shows the same block either way
    real = packet[n_hidden].unredacted
    assert real is not None and not real.redacted
    original = grey64(Image.open(io.BytesIO(secret)))
    assert correlation(grey64(decoded(real.jpeg)), original) > 0.9
    assert abs(correlation(grey64(decoded(block.shown.jpeg)), original)) < 0.2
    assert block.shown.size_pt == pytest.approx(real.size_pt)


def test_a_pdf_shows_its_first_page_redacted_when_intimate(new_vault: tuple[Path, str]) -> None:
    path, _key = new_vault
    with open_vault(path) as vault:
        doc = add(vault, pdf_bytes(), "letter.pdf")
        private = add(vault, pdf_bytes(), "private.pdf", intimate=True)
        broken = add(vault, b"%PDF-1.7\n" + bytes(300), "broken.pdf")
        exhibits = exhibits_of(vault)
        pictures = prepare_pictures(vault, exhibits, BOX)
    assert doc.media_type == "application/pdf"
    first = pictures[by_id(exhibits, doc.id).number].shown
    assert first is not None and not first.redacted
    page = decoded(first.jpeg)
    w, h = page.size
    assert abs(w / h - 612 / 792) < 0.02  # the page's own proportions
    top = mean(page.crop((0, 0, w, h // 2 - 5)))
    low = mean(page.crop((0, h // 2 + 5, w, h)))
    assert top < 40 and low > 215  # page 1 (black over white), not page 2 (grey)
    hidden = pictures[by_id(exhibits, private.id).number].shown
    assert hidden is not None and hidden.redacted
    note = pictures[by_id(exhibits, broken.id).number]
    assert note.shown is None and "first page of this PDF can't be shown" in note.note


def test_files_that_cannot_be_shown_get_a_plain_note(new_vault: tuple[Path, str]) -> None:
    path, _key = new_vault
    png = portrait(3)
    with open_vault(path) as vault:
        video = add(vault, b"\x00\x00\x00\x18ftypisom" + bytes(400), "clip.mp4")
        sound = add(vault, b"ID3" + bytes(400), "call.mp3")
        text = add(vault, b"just some words\n" * 10, "chat.txt")
        heic = add(vault, b"\x00\x00\x00\x18ftypheic" + bytes(400), "IMG_0001.HEIC")
        only = add_description_only(vault, title="Voicemail (not kept)")
        removed = remove_original(vault, add(vault, png, "gone.png").id)
        cut = add(vault, png[: len(png) // 2], "cut.png")
        exhibits = exhibits_of(vault)
        pictures = prepare_pictures(vault, exhibits, BOX)

    def note(item: evidence.EvidenceItem) -> str:
        exhibit = by_id(exhibits, item.id)
        picture = pictures[exhibit.number]
        assert picture.shown is None and picture.unredacted is None
        return picture.note

    n = by_id(exhibits, video.id).number
    assert note(video) == (
        "A video file. It cannot be shown on paper; it is in the originals bundle as "
        f"exhibit-{n:03d}.mp4."
    )
    assert note(sound).startswith("A sound recording. It cannot be shown on paper;")
    assert note(sound).endswith(".mp3.")
    assert note(text).startswith("A file of a kind that cannot be shown on paper;")
    assert note(heic).startswith("A picture in a format the program cannot show on paper;")
    assert note(heic).endswith(".heic.")
    assert note(only) == "Only a description was recorded for this exhibit; no file was kept."
    assert "removed from the vault at the user's request" in note(removed)
    assert "can't be shown in the report" in note(cut)


def test_a_damaged_or_changed_original_is_a_note_and_the_others_still_show(
    new_vault: tuple[Path, str],
) -> None:
    path, _key = new_vault
    with open_vault(path) as vault:
        damaged = add(vault, portrait(4), "a.png")
        good = add(vault, portrait(5), "b.png")
        changed = add(vault, portrait(6), "c.png")
    stored = fetch(path, "SELECT data FROM chunk WHERE blob = ? AND idx = 0", (damaged.blob,))
    data = stored[0][0]
    assert isinstance(data, bytes)
    sql(path, "UPDATE chunk SET data = ? WHERE blob = ?", (flip(data, 40), damaged.blob))
    with open_vault(path) as vault:
        exhibits = [
            replace(e, item=replace(e.item, sha256="0" * 64)) if e.item.id == changed.id else e
            for e in exhibits_of(vault)
        ]
        pictures = prepare_pictures(vault, exhibits, BOX)
    broken = pictures[by_id(exhibits, damaged.id).number]
    assert broken.shown is None and "could not be read back intact" in broken.note
    assert "FAIL" in broken.note
    assert pictures[by_id(exhibits, good.id).number].shown is not None
    altered = pictures[by_id(exhibits, changed.id).number]
    assert altered.shown is None and "no longer matches the SHA-256" in altered.note


def test_progress_and_cancel(new_vault: tuple[Path, str]) -> None:
    path, _key = new_vault
    with open_vault(path) as vault:
        for seed in range(3):
            add(vault, portrait(seed), f"{seed}.png")
        exhibits = exhibits_of(vault)
        seen: list[tuple[int, int]] = []
        prepare_pictures(vault, exhibits, BOX, progress=lambda d, t: seen.append((d, t)))
        assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
        with pytest.raises(Cancelled):
            prepare_pictures(vault, exhibits, BOX, cancelled=lambda: True)
        asked = 0

        def after_one() -> bool:
            nonlocal asked
            asked += 1
            return bool(seen) and asked > 2

        seen.clear()
        with pytest.raises(Cancelled):
            prepare_pictures(
                vault, exhibits, BOX, cancelled=after_one, progress=lambda d, t: seen.append((d, t))
            )
        assert seen[-1][0] < 3


def test_nothing_is_written_to_disk(
    new_vault: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _key = new_vault
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.chdir(scratch)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv("TMPDIR", str(scratch))
    with open_vault(path) as vault:
        add(vault, portrait(7), "a.png", intimate=True)
        add(vault, pdf_bytes(), "b.pdf")
        before = sorted(os.listdir(path.parent))
        pictures = prepare_pictures(vault, exhibits_of(vault), BOX, include_intimate=True)
        assert sorted(os.listdir(path.parent)) == before
    assert len(pictures) == 2 and os.listdir(scratch) == []
