"""The evidence library: thumbnails in a grid, a list, sort, search, intimate items hidden,
and nothing decrypted left behind after clear() (lock)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QDateTime, QPoint, Qt
from PySide6.QtGui import QImage, QPixmap

from locker.case import evidence, importer
from locker.case.evidence import EvidenceItem
from locker.gui.library_model import HIDDEN_ROLE, LibraryModel, SortMode
from locker.gui.library_view import LibraryView
from locker.gui.reveal import RevealState
from locker.gui.thumbnails import LOADING, NO_PICTURE
from tests.conftest import open_vault
from tests.gui.conftest import click

DECORATION = Qt.ItemDataRole.DecorationRole
RED, GREEN, BLUE = (220, 20, 20), (20, 200, 40), (30, 40, 230)


# --- helpers -----------------------------------------------------------------------------------


def png(path: Path, colour: tuple[int, int, int] = RED, size: tuple[int, int] = (640, 360)) -> Path:
    Image.new("RGB", size, colour).save(path, "PNG")
    return path


def checkerboard(path: Path, square: int = 16) -> Path:
    """A picture that is nothing but detail: black and white squares."""
    im = Image.new("RGB", (640, 480), "white")
    draw = ImageDraw.Draw(im)
    for y in range(0, 480, square):
        for x in range(0, 640, square):
            if (x // square + y // square) % 2:
                draw.rectangle((x, y, x + square - 1, y + square - 1), fill="black")
    im.save(path, "PNG")
    return path


def item(item_id: str, **fields: object) -> EvidenceItem:
    """A record as the core would give it (for tests of order and columns only)."""
    values: dict[str, object] = {
        "title": item_id,
        "original_name": f"{item_id}.png",
        "size": 1000,
        "sha256": "0" * 64,
        "media_type": "image/png",
        "added_at": "2026-11-21T10:00:00Z",
        "blob": "",
    }
    values.update(fields)
    return EvidenceItem(id=item_id, **values)  # type: ignore[arg-type]


def picture(view: LibraryView, item_id: str) -> QPixmap:
    row = view.model.row_of(item_id)
    assert row is not None
    index = view.proxy.mapFromSource(view.model.index(row, LibraryModel.GRID))
    value = index.data(DECORATION)
    assert isinstance(value, QPixmap)
    return value


def centre(pixmap: QPixmap) -> tuple[int, int, int]:
    image = pixmap.toImage()
    colour = image.pixelColor(image.width() // 2, image.height() // 2)
    return colour.red(), colour.green(), colour.blue()


def near(a: tuple[int, int, int], b: tuple[int, int, int], tolerance: int = 30) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def contrast(pixmap: QPixmap) -> int:
    """The spread of grey levels in the middle of a picture: ~255 for a sharp checkerboard,
    small once nothing of it is left."""
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    w, h = image.width(), image.height()
    levels = [
        image.pixelColor(x, y).red()
        for y in range(h // 4, 3 * h // 4, 3)
        for x in range(w // 4, 3 * w // 4, 3)
    ]
    return max(levels) - min(levels)


def titles(view: LibraryView) -> list[str]:
    proxy = view.proxy
    return [proxy.index(r, LibraryModel.TITLE).data() for r in range(proxy.rowCount())]


def loaded(view: LibraryView, item_id: str) -> bool:
    """The grid has the item's real picture (not the placeholder shown while it loads)."""
    return view.thumbs.lookup(item_id, view.model.is_hidden(item_id)) not in (LOADING, NO_PICTURE)


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture
def vault(new_vault):  # type: ignore[no-untyped-def]
    path, _key = new_vault
    v = open_vault(path)
    yield v
    if not v.is_locked:
        v.lock()


@pytest.fixture
def reveal() -> RevealState:
    return RevealState()


@pytest.fixture
def library(qtbot, reveal: RevealState) -> Iterator[LibraryView]:  # type: ignore[no-untyped-def]
    view = LibraryView(reveal)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    yield view
    view.clear()
    view.thumbs.wait()


def open_library(library: LibraryView, vault) -> list[EvidenceItem]:  # type: ignore[no-untyped-def]
    items, damaged = evidence.list_items(vault)
    library.set_vault(vault)
    library.show_items(items, damaged)
    return items


# --- the grid ----------------------------------------------------------------------------------


def test_grid_shows_each_image_as_its_thumbnail(qtbot, library, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    colours = {}
    for name, colour in (("red", RED), ("green", GREEN), ("blue", BLUE)):
        added = importer.import_file(vault, png(tmp_path / f"{name}.png", colour))
        colours[added.id] = colour
    open_library(library, vault)

    assert library.views.currentWidget() is library.grid
    for item_id, colour in colours.items():
        qtbot.waitUntil(lambda i=item_id, c=colour: near(centre(picture(library, i)), c))
        assert not picture(library, item_id).isNull()
    assert library.grid.accessibleName()


def test_only_what_is_on_screen_is_decrypted(qtbot, library, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for n in range(24):
        importer.import_file(vault, png(tmp_path / f"{n}.png", (n * 10, 80, 80), (64, 48)))
    library.resize(420, 260)  # room for a couple of cells
    items = open_library(library, vault)
    qtbot.waitUntil(lambda: library.thumbs.cached_count() > 0 and not library.thumbs.busy)
    assert 0 < library.thumbs.cached_count() < len(items) // 2


def test_items_without_a_picture_get_a_drawn_type_tile(qtbot, library, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% a letter\n%%EOF\n")
    added = importer.import_file(vault, pdf)
    note = importer.add_description_only(vault, title="Post on a forum", url="https://x.example/1")
    open_library(library, vault)

    for item_id in (added.id, note.id):
        tile = picture(library, item_id)
        assert not tile.isNull()
        assert tile.cacheKey() != library.tiles.tile("loading", "").cacheKey()
    assert library.thumbs.cached_count() == 0  # nothing was read from the vault for them
    row = library.model.row_of(added.id)
    assert library.model.index(row, LibraryModel.TYPE).data() == "PDF document"
    row = library.model.row_of(note.id)
    assert library.model.index(row, LibraryModel.TYPE).data() == "Description only"


def test_intimate_item_is_blurred_until_revealed(qtbot, library, reveal, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    board = importer.import_file(vault, checkerboard(tmp_path / "board.png"))
    board = evidence.update_item(vault, board.id, intimate=True)
    plain = importer.import_file(vault, checkerboard(tmp_path / "plain.png"))
    open_library(library, vault)

    # The same picture, not flagged: sharp. Flagged: nothing of the pattern is left.
    qtbot.waitUntil(lambda: loaded(library, plain.id) and loaded(library, board.id))
    assert contrast(picture(library, plain.id)) > 200
    assert contrast(picture(library, board.id)) < 40
    assert not library.thumbs.has_sharp_picture(board.id)  # not even kept in memory
    row = library.model.row_of(board.id)
    index = library.model.index(row, LibraryModel.GRID)
    assert index.data(HIDDEN_ROLE) is True  # the grid draws "Hidden — intimate image" on it
    assert "intimate, hidden" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert library.model.index(row, LibraryModel.PRIVACY).data() == "intimate, hidden"

    reveal.reveal(board.id)
    qtbot.waitUntil(lambda: contrast(picture(library, board.id)) > 200)
    assert library.model.index(row, LibraryModel.PRIVACY).data() == "intimate, shown"
    assert index.data(HIDDEN_ROLE) is False

    reveal.hide_all()  # blurred again at once, and the sharp copy is gone
    assert not library.thumbs.has_sharp_picture(board.id)
    assert contrast(picture(library, board.id)) < 40
    assert library.model.index(row, LibraryModel.PRIVACY).data() == "intimate, hidden"


def test_flagging_an_item_intimate_hides_its_picture(qtbot, library, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    added = importer.import_file(vault, checkerboard(tmp_path / "board.png"))
    open_library(library, vault)
    qtbot.waitUntil(lambda: loaded(library, added.id))
    assert contrast(picture(library, added.id)) > 200

    library.replace_item(evidence.update_item(vault, added.id, intimate=True))
    qtbot.waitUntil(lambda: loaded(library, added.id))
    assert contrast(picture(library, added.id)) < 40


# --- search and sort -----------------------------------------------------------------------------


def test_search_looks_in_notes_links_and_accounts(qtbot, library, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a = importer.import_file(vault, png(tmp_path / "first.png"))
    evidence.update_item(vault, a.id, note="Sent by my ex on Tuesday", platform="Instagram")
    b = importer.import_file(vault, png(tmp_path / "second.png"))
    evidence.update_item(vault, b.id, url="https://forum.example/t/9931", account="@Alice_92")
    importer.import_file(vault, png(tmp_path / "third.png"))
    open_library(library, vault)

    qtbot.keyClicks(library.search, "tuesday")
    assert titles(library) == ["first.png"]
    library.search.setText("ALICE_92")  # case does not matter
    assert titles(library) == ["second.png"]
    library.search.setText("forum.example/t/9931")
    assert titles(library) == ["second.png"]
    library.search.setText("instagram ex")  # every word, in any field
    assert titles(library) == ["first.png"]
    library.search.setText("third")  # the original file name
    assert titles(library) == ["third.png"]
    assert "Showing 1 of 3 items" in library.count_label.text()

    library.search.setText("nowhere to be found")
    assert library.views.currentWidget() is library.no_match
    assert "No items match" in library.no_match_text.text()
    click(qtbot, library.clear_search_button)
    assert library.search.text() == ""
    assert len(titles(library)) == 3
    assert library.views.currentWidget() is library.grid


def test_sort_orders(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    library.show_items(
        [
            item(
                "b-old",
                title="Bravo",
                added_at="2026-01-01T10:00:00Z",
                size=50,
                media_type="application/pdf",
                happened_at="2025-12-01T09:00",
                happened_tz="Europe/Berlin",
            ),
            item("c-new", title="charlie", added_at="2026-03-01T10:00:00Z", size=7000),
            item(
                "a-mid",
                title="alpha",
                added_at="2026-02-01T10:00:00Z",
                size=300,
                media_type="video/mp4",
                happened_at="2026-02-20",
            ),
        ],
        [],
    )
    expected = {
        SortMode.NEWEST_ADDED: ["charlie", "alpha", "Bravo"],
        SortMode.OLDEST_ADDED: ["Bravo", "alpha", "charlie"],
        # charlie has no "happened": its added time stands in.
        SortMode.HAPPENED_NEWEST: ["charlie", "alpha", "Bravo"],
        SortMode.HAPPENED_OLDEST: ["Bravo", "alpha", "charlie"],
        SortMode.TITLE: ["alpha", "Bravo", "charlie"],
        SortMode.TYPE: ["Bravo", "charlie", "alpha"],  # PDF document, PNG image, Video
        SortMode.SIZE: ["charlie", "alpha", "Bravo"],
    }
    assert titles(library) == expected[SortMode.NEWEST_ADDED]  # the default
    for mode, order in expected.items():
        library.set_sort(mode)
        assert titles(library) == order, mode


def test_sort_by_happened_uses_the_time_zone(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    library.show_items(
        [
            # 09:00 in Chicago is 15:00 UTC; 12:00 in Berlin is 11:00 UTC: Berlin came first.
            item("chicago", happened_at="2026-05-01T09:00", happened_tz="America/Chicago"),
            item("berlin", happened_at="2026-05-01T12:00", happened_tz="Europe/Berlin"),
        ],
        [],
    )
    library.set_sort(SortMode.HAPPENED_OLDEST)
    assert titles(library) == ["berlin", "chicago"]


def test_edited_item_is_sorted_again_and_stays_selected(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    library.show_items([item("one", title="Apple"), item("two", title="Banana")], [])
    library.set_sort(SortMode.TITLE)
    library.search.setText("apple")
    assert library.select_item("one")
    edited = item("one", title="Zucchini")
    library.replace_item(edited)
    # Still in view (no sudden vanishing mid-edit), still selected, with its new title.
    assert titles(library) == ["Zucchini"]
    assert library.current_item() is edited
    library.search.setText("")
    assert titles(library) == ["Banana", "Zucchini"]
    assert library.current_item() is edited


# --- the list ------------------------------------------------------------------------------------


def test_list_columns(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    library.show_items(
        [
            item(
                "x1",
                title="Screenshot of the post",
                platform="Reddit",
                happened_at="2026-11-20T21:40",
                added_at="2026-11-21T14:03:00Z",
                size=1_500_000,
                intimate=True,
            ),
            item("x2", title="Letter", media_type="application/pdf", size=2048),
            item("x3", title="Voice note", media_type="audio/ogg"),
            item("x4", title="Clip", media_type="video/mp4"),
        ],
        [],
    )
    click(qtbot, library.list_button)
    assert library.views.currentWidget() is library.table
    table = library.table
    headers = [
        table.model().headerData(c, Qt.Orientation.Horizontal)
        for c in range(table.model().columnCount())
        if not table.isColumnHidden(c)
    ]
    assert headers == ["Title", "Platform", "When it happened", "Added", "Type", "Size", "Intimate"]
    library.set_sort(SortMode.TITLE)
    rows = {
        table.model().index(r, LibraryModel.TITLE).data(): [
            table.model().index(r, c).data() for c in range(2, table.model().columnCount())
        ]
        for r in range(table.model().rowCount())
    }
    added = QDateTime.fromString("2026-11-21T14:03:00Z", Qt.DateFormat.ISODate)
    assert rows["Screenshot of the post"] == [
        "Reddit",
        "2026-11-20 21:40",
        added.toLocalTime().toString("yyyy-MM-dd HH:mm"),
        "PNG image",
        "1.5 MB",
        "intimate, hidden",
    ]
    assert rows["Letter"][3:5] == ["PDF document", "2.0 kB"]
    assert rows["Voice note"][3] == "Audio"
    assert rows["Clip"][3] == "Video"
    for c in range(1, table.model().columnCount()):  # no picture anywhere in the list
        assert table.model().index(0, c).data(DECORATION) is None


def test_untrusted_titles_are_cleaned(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    library.show_items([item("evil", title="photo\u202egnp.exe\nsecond line")], [])
    shown = titles(library)[0]
    assert "\u202e" not in shown and "\n" not in shown


# --- selection and switching ---------------------------------------------------------------------


def test_selection_is_shared_and_survives_adding(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    library.show_items([item("a", added_at="2026-01-01T00:00:00Z"), item("b")], [])
    with qtbot.waitSignal(library.current_item_changed) as changed:
        assert library.select_item("a")
    assert changed.args[0].id == "a"
    assert library.current_item().id == "a"

    click(qtbot, library.list_button)  # the list shows the same selection
    selected = library.table.selectionModel().selectedRows(LibraryModel.TITLE)
    assert [i.data() for i in selected] == ["a"]

    library.add_items([item("c", added_at="2027-01-01T00:00:00Z")])
    assert titles(library) == ["c", "b", "a"]  # sorted in, newest first
    assert library.current_item().id == "a"

    click(qtbot, library.grid_button)
    library.grid.setFocus()
    with qtbot.waitSignal(library.current_item_changed) as changed:
        qtbot.keyClick(library.grid, Qt.Key.Key_Home)
    assert changed.args[0].id == "c"
    with qtbot.waitSignal(library.current_item_changed) as changed:
        qtbot.keyClick(library.grid, Qt.Key.Key_Right)
    assert changed.args[0].id == "b"


def test_empty_vault_says_what_to_do(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    library.show_items([], [])
    assert library.views.currentWidget() is library.empty_state
    assert library.empty_state.isVisible()
    assert "Ctrl+V" in library.empty_text.text()
    assert not library.search.isVisible()


def test_damaged_items_are_named(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    library.show_items([item("a")], ["dead"])
    assert library.damaged_notice.isVisible()
    assert "damaged" in library.damaged_notice.text()


# --- lock ----------------------------------------------------------------------------------------


def test_clear_leaves_no_decrypted_data(qtbot, library, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ids = [importer.import_file(vault, png(tmp_path / f"{n}.png")).id for n in range(3)]
    open_library(library, vault)
    qtbot.waitUntil(lambda: all(loaded(library, i) for i in ids))
    qtbot.keyClicks(library.search, "png")
    library.select_item(ids[0])

    with qtbot.waitSignal(library.current_item_changed) as changed:
        library.clear()
    assert changed.args == [None]
    assert library.model.rowCount() == 0
    assert library.thumbs.cached_count() == 0
    assert library.search.text() == "" and not library.search.isUndoAvailable()
    assert library.current_item() is None
    assert library.views.currentWidget() is library.empty_state


def test_pictures_arriving_after_clear_are_dropped(qtbot, library, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    added = importer.import_file(vault, png(tmp_path / "late.png"))
    open_library(library, vault)
    picture(library, added.id)  # asks for it
    assert library.thumbs.busy
    library.clear()
    qtbot.waitUntil(lambda: not library.thumbs.busy)  # delivered, and thrown away
    assert library.thumbs.cached_count() == 0
    assert library.model.rowCount() == 0


def test_no_picture_when_the_vault_is_locked(qtbot, library, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    added = importer.import_file(vault, png(tmp_path / "a.png"))
    open_library(library, vault)
    vault.lock()  # e.g. locked by another path first: the tile is shown, nothing fails
    qtbot.waitUntil(lambda: library.thumbs.lookup(added.id, False) is NO_PICTURE)
    assert not picture(library, added.id).isNull()


def test_keyboard_from_search_to_results(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    library.show_items([item("a", title="alpha"), item("b", title="beta")], [])
    library.search.setFocus()
    qtbot.keyClicks(library.search, "bet")
    with qtbot.waitSignal(library.current_item_changed) as changed:
        qtbot.keyClick(library.search, Qt.Key.Key_Down)  # on to the first result
    assert changed.args[0].id == "b"
    assert library.grid.hasFocus()
    library.search.setFocus()
    qtbot.keyClick(library.search, Qt.Key.Key_Escape)  # Esc empties the search
    assert library.search.text() == ""
    assert len(titles(library)) == 2


def test_list_header_chooses_the_sort(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    library.show_items([item("b", title="beta", size=1), item("a", title="alpha", size=9)], [])
    library.set_mode("list")
    header = library.table.horizontalHeader()

    def click_header(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )

    click_header(LibraryModel.TITLE)
    assert library.sort.currentData() == SortMode.TITLE
    assert titles(library) == ["alpha", "beta"]
    click_header(LibraryModel.ADDED)
    assert library.sort.currentData() == SortMode.NEWEST_ADDED
    click_header(LibraryModel.ADDED)  # again: the other way round
    assert library.sort.currentData() == SortMode.OLDEST_ADDED


def test_titles_stay_readable_in_a_narrow_list_and_fill_a_wide_one(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    library.show_items([item("n1", title="Screenshot of the threat on Instagram")], [])
    click(qtbot, library.list_button)
    header = library.table.horizontalHeader()
    library.resize(700, 500)  # the pane beside the detail view, on a small laptop
    qtbot.waitUntil(lambda: header.sectionSize(LibraryModel.TITLE) >= 220)
    library.resize(1600, 500)
    qtbot.waitUntil(
        lambda: (
            header.length() >= library.table.viewport().width() - 2
            and header.sectionSize(LibraryModel.TITLE) > 300
        )
    )
