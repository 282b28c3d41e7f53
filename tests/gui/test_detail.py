"""The detail pane: the picture (fit, zoom, pan), intimate items covered until revealed, the
facts, editing with a custody log entry, and exporting a copy after the warning.

Real vault at the KDF floor, real worker threads (TaskRunner), no sleeps."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QDate, QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget

from locker.case import evidence, fields, importer
from locker.case.evidence import EvidenceItem
from locker.gui import detail_pane, export_flow, item_preview
from locker.gui.detail_pane import DetailPane
from locker.gui.reveal import RevealState
from locker.gui.tasks import TaskRunner
from locker.vault import Vault
from tests.conftest import sha256_file
from tests.gui.conftest import FakeDialogs, click

# --- fixtures and helpers ----------------------------------------------------------------------


@pytest.fixture
def reveal() -> RevealState:
    return RevealState()


@pytest.fixture
def pane(qtbot, runner: TaskRunner, reveal: RevealState, vault: Vault) -> DetailPane:  # type: ignore[no-untyped-def]
    p = DetailPane(runner, reveal)
    qtbot.addWidget(p)
    p.resize(820, 1000)
    p.show()
    qtbot.waitExposed(p)
    p.set_vault(vault)
    return p


def idle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)


def checkerboard(path: Path, width: int = 400, height: int = 300, square: int = 10) -> Path:
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for y in range(0, height, square):
        for x in range(0, width, square):
            if (x // square + y // square) % 2:
                draw.rectangle([x, y, x + square - 1, y + square - 1], fill="black")
    image.save(path)
    return path


def solid(path: Path, colour: str, size: tuple[int, int] = (300, 200)) -> Path:
    Image.new("RGB", size, colour).save(path)
    return path


def add(vault: Vault, path: Path, **kwargs: object) -> EvidenceItem:
    return importer.import_file(vault, path, **kwargs)  # type: ignore[arg-type]


def on_screen(pane: DetailPane) -> QImage:
    """What the picture area shows right now, as pixels."""
    return pane.viewer.view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def centre_colour(pane: DetailPane) -> tuple[int, int, int]:
    image = on_screen(pane)
    colour = image.pixelColor(image.width() // 2, image.height() // 2)
    return colour.red(), colour.green(), colour.blue()


def detail(image: QImage) -> float:
    """How much neighbouring pixels differ in the middle of the picture area (0 = flat)."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    cx, cy = grey.width() // 2, grey.height() // 2
    total = count = 0
    for y in range(cy - 40, cy + 40, 3):
        for x in range(cx - 60, cx + 60):
            a = grey.pixelColor(x, y).red()
            b = grey.pixelColor(x + 1, y).red()
            total += abs(a - b)
            count += 1
    return total / count


def find_button(widget: QWidget, text: str) -> QAbstractButton:
    for button in widget.findChildren(QAbstractButton):
        if button.text().replace("&", "") == text:
            return button
    raise AssertionError(f"no button {text!r} in {widget!r}")


def press(text: str, seen: list[str] | None = None) -> Callable[[QWidget], int]:
    """A stand-in for run_modal: note what the box said, press the button named ``text``."""

    def answer(box: QWidget) -> int:
        if seen is not None and isinstance(box, QMessageBox):
            seen.append(box.text() + " " + box.informativeText())
        find_button(box, text).click()
        return 0

    return answer


def last_log(vault: Vault) -> tuple[str, str]:
    entries, problems = vault.custody_log()
    assert not problems
    return entries[-1].action, entries[-1].summary


# --- the picture ---------------------------------------------------------------------------------


def test_a_picture_is_read_from_the_vault_and_shown(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, tmp_path, monkeypatch
) -> None:
    intimate = add(vault, checkerboard(tmp_path / "private.png"), intimate=True)
    item = add(vault, solid(tmp_path / "red.png", "#d01010"))
    reads: list[str] = []
    real_read = item_preview._read_picture
    monkeypatch.setattr(
        item_preview,
        "_read_picture",
        lambda v, it, *rest: (reads.append(it.id), real_read(v, it, *rest))[1],
    )
    pane.show_item(intimate)
    idle(qtbot, runner)
    pane.show_item(item)
    idle(qtbot, runner)
    assert reads == [item.id]  # read once, and only the item that may be seen
    assert pane.viewer.isVisible() and pane.viewer.has_image()
    assert not pane.cover_box.isVisible()
    r, g, b = centre_colour(pane)
    assert r > 180 and g < 60 and b < 60
    assert pane.title_label.text() == "red.png"


def test_fit_zoom_and_actual_size_change_the_scale(qtbot, pane, runner, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    item = add(vault, checkerboard(tmp_path / "big.png", 2400, 1600, 40))
    pane.show_item(item)
    idle(qtbot, runner)
    viewer = pane.viewer
    fitted = viewer.scale()
    assert viewer.is_fitted() and 0.05 < fitted < 1
    # the whole picture fits in the pane
    assert 2400 * fitted <= viewer.view.viewport().width()
    assert 1600 * fitted <= viewer.view.viewport().height()

    click(qtbot, viewer.zoom_in_button)
    assert viewer.scale() == pytest.approx(fitted * 1.25)
    assert not viewer.is_fitted()
    click(qtbot, viewer.zoom_out_button)
    click(qtbot, viewer.zoom_out_button)
    assert viewer.scale() == pytest.approx(fitted / 1.25)

    click(qtbot, viewer.actual_button)
    assert viewer.scale() == pytest.approx(1.0)
    assert viewer.zoom_label.text() == "100 %"
    # at actual size the picture is larger than the pane: it can be dragged around
    assert viewer.view.dragMode() == viewer.view.DragMode.ScrollHandDrag
    assert viewer.view.horizontalScrollBar().maximum() > 0

    click(qtbot, viewer.fit_button)
    assert viewer.scale() == pytest.approx(fitted)


def test_ctrl_wheel_and_keys_zoom(qtbot, pane, runner, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    item = add(vault, checkerboard(tmp_path / "big.png", 2400, 1600, 40))
    pane.show_item(item)
    idle(qtbot, runner)
    viewer = pane.viewer
    fitted = viewer.scale()
    centre = QPointF(viewer.view.viewport().rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(viewer.view.viewport().mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewer.view.viewport(), wheel)
    assert viewer.scale() == pytest.approx(fitted * 1.25)

    pane.activateWindow()
    qtbot.waitActive(pane)
    viewer.view.setFocus()
    qtbot.keyClick(viewer.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert viewer.scale() == pytest.approx(1.0)
    qtbot.keyClick(viewer.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert viewer.scale() == pytest.approx(0.8)
    qtbot.keyClick(viewer.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert viewer.scale() == pytest.approx(1.0)


def test_loading_shows_while_the_picture_is_read(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, tmp_path, monkeypatch
) -> None:
    item = add(vault, solid(tmp_path / "red.png", "#d01010"))
    gate = threading.Event()
    real_read = item_preview._read_picture

    def slow_read(v: Vault, it: EvidenceItem, cancelled: object = None) -> QImage:
        assert gate.wait(20)
        return real_read(v, it)

    monkeypatch.setattr(item_preview, "_read_picture", slow_read)
    pane.show_item(item)
    assert pane.loading.isVisible() and "Loading" in pane.loading.label.text()
    assert not pane.viewer.isVisible()
    assert pane.form.title.text() == "red.png"  # the fields do not wait for the picture
    gate.set()
    idle(qtbot, runner)
    assert not pane.loading.isVisible()
    assert pane.viewer.has_image()


def test_a_result_for_an_item_left_behind_is_dropped(qtbot, pane, runner, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    red = add(vault, solid(tmp_path / "red.png", "#d01010", (3000, 2000)))
    blue = add(vault, solid(tmp_path / "blue.png", "#1010d0"))
    pane.show_item(red)
    pane.show_item(blue)  # before the red one finished loading
    idle(qtbot, runner)
    r, g, b = centre_colour(pane)
    assert b > 180 and r < 60
    assert pane.viewer.pixmap().width() == 300  # the blue picture's own size


def test_huge_pictures_are_decoded_scaled_down() -> None:
    from locker.gui.image_viewer import decode_image

    image = Image.new("RGB", (4000, 3000), "green")
    import io

    data = io.BytesIO()
    image.save(data, "PNG")
    decoded = decode_image(data.getvalue(), "image/png", max_pixels=1_000_000)
    assert decoded.width() * decoded.height() <= 1_000_000
    assert decoded.width() / decoded.height() == pytest.approx(4 / 3, rel=0.01)


# --- intimate items ------------------------------------------------------------------------------


def test_intimate_item_is_blurred_until_revealed_and_again_after(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, reveal, vault, tmp_path, monkeypatch
) -> None:
    intimate = add(vault, checkerboard(tmp_path / "private.png"), intimate=True)
    other = add(vault, solid(tmp_path / "other.png", "#10a010"))
    decoded: list[str] = []
    real_decode = item_preview.decode_image
    monkeypatch.setattr(
        item_preview,
        "decode_image",
        lambda data, media_type: (decoded.append(media_type), real_decode(data, media_type))[1],
    )

    def assert_covered() -> None:
        assert pane.cover_box.isVisible()
        assert "marked as an intimate image" in pane.cover_text.text()
        assert pane.reveal_button.isVisible()
        assert not pane.viewer.has_image()
        assert detail(on_screen(pane)) < 3  # the checkerboard's detail is gone

    pane.show_item(intimate)
    idle(qtbot, runner)
    assert_covered()
    assert decoded == []  # the original was not even decoded

    click(qtbot, pane.reveal_button)
    assert reveal.is_revealed(intimate.id)
    idle(qtbot, runner)
    assert pane.viewer.has_image() and not pane.cover_box.isVisible()
    assert detail(on_screen(pane)) > 20  # the real pixels: an edge every 10 pixels
    assert decoded == ["image/png"]
    assert pane.hide_button.isVisible()

    # moving on hides it again
    pane.show_item(other)
    idle(qtbot, runner)
    assert reveal.revealed_id is None
    pane.show_item(intimate)
    idle(qtbot, runner)
    assert_covered()

    # "Hide again"
    click(qtbot, pane.reveal_button)
    idle(qtbot, runner)
    assert pane.viewer.has_image()
    click(qtbot, pane.hide_button)
    idle(qtbot, runner)
    assert_covered()

    # lock (clear) hides it and drops the pixels
    click(qtbot, pane.reveal_button)
    idle(qtbot, runner)
    pane.clear()
    assert reveal.revealed_id is None
    assert pane.viewer.pixmap().isNull()
    assert pane.current_item() is None
    pane.show_item(intimate)
    idle(qtbot, runner)
    assert_covered()


def test_an_item_revealed_in_the_library_stays_revealed_when_selected(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, reveal, vault, tmp_path
) -> None:
    first = add(vault, checkerboard(tmp_path / "one.png"), intimate=True)
    second = add(vault, checkerboard(tmp_path / "two.png"), intimate=True)
    pane.show_item(first)
    idle(qtbot, runner)
    reveal.reveal(second.id)  # "Reveal" pressed on the second one's tile, then it is selected
    pane.show_item(second)
    idle(qtbot, runner)
    assert reveal.is_revealed(second.id)
    assert pane.viewer.has_image()


def test_ticking_intimate_covers_the_picture_at_once(qtbot, pane, runner, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    item = add(vault, checkerboard(tmp_path / "c.png"))
    pane.show_item(item)
    idle(qtbot, runner)
    assert pane.viewer.has_image()
    click(qtbot, pane.form.intimate)
    idle(qtbot, runner)
    assert pane.cover_box.isVisible() and not pane.viewer.has_image()
    click(qtbot, pane.discard_button)
    idle(qtbot, runner)
    assert pane.viewer.has_image()


# --- other kinds of items ------------------------------------------------------------------------


def test_a_pdf_gets_a_card_with_its_type_size_and_export(
    qtbot, pane, runner, vault, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 4000)
    item = add(vault, pdf)
    pane.show_item(item)
    idle(qtbot, runner)
    assert pane.card.isVisible() and not pane.viewer.isVisible()
    assert pane.card.kind.text() == "PDF document"
    assert "4009 bytes" in pane.card.size.text()
    assert "export a copy" in pane.card.text.text()
    assert pane.export_button.isVisible()


def test_a_description_only_item_has_no_file_to_export(qtbot, pane, runner, vault) -> None:  # type: ignore[no-untyped-def]
    item = importer.add_description_only(
        vault, title="Post on a forum", url="https://example.org/t/1", description="A photo"
    )
    pane.show_item(item)
    idle(qtbot, runner)
    assert pane.card.kind.text() == "A description only"
    assert not pane.export_button.isVisible()
    assert pane.form.url.text() == "https://example.org/t/1"


def test_facts_show_what_the_import_found(qtbot, pane, runner, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "photo.jpg"
    image = Image.new("RGB", (640, 480), "orange")
    exif = Image.Exif()
    exif[0x010F] = "Acme"
    exif[0x0110] = "Phone 7"
    exif.get_ifd(0x8769)[0x9003] = "2024:05:01 21:30:00"
    image.save(path, "JPEG", exif=exif)
    item = add(vault, path)
    pane.show_item(item)
    idle(qtbot, runner)
    facts = pane.facts.values
    assert facts["Type"] == "Picture (JPEG)"
    assert facts["Dimensions"] == "640 × 480 pixels"
    assert facts["Original file name"] == "photo.jpg"
    assert facts["Camera"] == "Acme Phone 7"
    assert facts["Date in the picture (EXIF)"].startswith("2024-05-01 21:30:00")
    assert facts["How it got here"] == evidence.provenance_label(item)
    assert "SHA-256 taken at import" in facts["How it got here"]
    assert facts["SHA-256"] == sha256_file(path)
    assert pane.facts.hash_field is not None
    assert pane.facts.hash_field.toPlainText() == sha256_file(path)
    assert pane.facts.hash_field.isReadOnly()


def test_hostile_names_are_cleaned(qtbot, pane, runner, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = solid(tmp_path / "x.png", "white")
    item = add(vault, path)
    item = evidence.update_item(vault, item.id, title="gnp.\u202eexe", platform="In\x1bsta")
    pane.show_item(item)
    idle(qtbot, runner)
    assert "\u202e" not in pane.title_label.text()
    assert "\u202e" not in pane.form.title.text()
    assert "\x1b" not in pane.form.platform.currentText()


def test_editing_notes_keeps_the_rest_of_the_words_exactly(
    qtbot, pane, runner, vault, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """What it shows and the notes are the user's own words: marks typed with right-to-left
    text, tabs and leading spaces survive an edit elsewhere in the same field, byte for byte."""
    words = "\u200fقال لي\u200f: سأنشرها\n\tcolumn two\n  indented"
    item = add(vault, solid(tmp_path / "w.png", "white"))
    item = evidence.update_item(vault, item.id, description=words, note=words)
    pane.show_item(item)
    idle(qtbot, runner)
    cursor = pane.form.note.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    pane.form.note.setTextCursor(cursor)
    qtbot.keyClicks(pane.form.note, " again")
    assert set(pane.form.changes()) == {"note"}
    with qtbot.waitSignal(pane.item_changed, timeout=20_000):
        click(qtbot, pane.save_button)
    idle(qtbot, runner)
    saved = evidence.find_item(vault, item.id)
    assert saved.note == words + " again"
    assert saved.description == words


# --- editing ---------------------------------------------------------------------------------------


def type_into(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def test_edits_are_saved_and_logged_with_what_changed(qtbot, pane, runner, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    item = add(vault, solid(tmp_path / "s.png", "white"))
    pane.show_item(item)
    idle(qtbot, runner)
    form = pane.form
    assert not pane.save_button.isEnabled()
    type_into(qtbot, form.title, "Message from his account")
    type_into(qtbot, form.url, "https://example.com/p/123")
    click(qtbot, form.date_unknown)
    form.date.setDate(QDate(2026, 5, 3))
    click(qtbot, form.time_unknown)
    form.time.setTime(QTime(21, 30))
    form.zone.setCurrentText("America/Chicago")
    assert pane.save_button.isEnabled()
    assert set(form.changes()) == {"title", "url", "happened_at", "happened_tz"}

    with qtbot.waitSignal(pane.item_changed, timeout=20_000) as signal:
        click(qtbot, pane.save_button)
    idle(qtbot, runner)
    saved = evidence.find_item(vault, item.id)
    assert saved.title == "Message from his account"
    assert saved.url == "https://example.com/p/123"
    assert saved.happened_at == "2026-05-03T21:30"
    assert saved.happened_tz == "America/Chicago"
    assert saved.note == "" and saved.description == ""
    assert signal.args[0].title == "Message from his account"
    action, summary = last_log(vault)
    assert action == "edit"
    for word in ("title", "web address", "when it happened", "time zone"):
        assert word in summary
    assert "notes" not in summary
    assert pane.title_label.text() == "Message from his account"
    assert "Saved" in pane.saved_label.text()
    assert not pane.save_button.isEnabled()
    assert not pane.message.isVisible()


def test_when_it_happened_takes_only_the_years_the_vault_accepts(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault
) -> None:
    """As on the case tabs: 1900 to 2100, so a slip like 3026 cannot be picked or typed (the
    core would refuse it on Save)."""
    pane.show_item(importer.add_description_only(vault, title="A call"))
    idle(qtbot, runner)
    form = pane.form
    assert (form.date.minimumDate(), form.date.maximumDate()) == (
        QDate(fields.MIN_YEAR, 1, 1),
        QDate(fields.MAX_YEAR, 12, 31),
    )
    click(qtbot, form.date_unknown)
    form.date.setFocus()
    form.date.setSelectedSection(form.date.Section.YearSection)
    qtbot.keyClicks(form.date, "3026")  # a slip of the finger for 2026
    assert form.date.date().year() <= fields.MAX_YEAR


def test_typing_does_not_use_up_references_to_true(qtbot, pane, runner, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12's Signal.emit drops a reference to True per call from Python; the form's
    per-keystroke path must not emit (a long note would otherwise crash the program)."""
    item = add(vault, solid(tmp_path / "s.png", "white"))
    pane.show_item(item)
    idle(qtbot, runner)
    qtbot.keyClicks(pane.form.note, "x")
    before = sys.getrefcount(True)
    qtbot.keyClicks(pane.form.note, "y" * 300)
    assert sys.getrefcount(True) - before > -50


def test_ctrl_s_saves(qtbot, pane, runner, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    item = add(vault, solid(tmp_path / "s.png", "white"))
    pane.show_item(item)
    idle(qtbot, runner)
    pane.activateWindow()
    qtbot.waitActive(pane)
    pane.form.note.setFocus()
    qtbot.keyClicks(pane.form.note, "He sent this at night.")
    qtbot.keyClick(pane.form.note, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, runner)
    assert evidence.find_item(vault, item.id).note == "He sent this at night."
    assert last_log(vault) == ("edit", "Changed: notes.")


def test_date_without_time(qtbot, pane, runner, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    item = add(vault, solid(tmp_path / "s.png", "white"))
    pane.show_item(item)
    idle(qtbot, runner)
    click(qtbot, pane.form.date_unknown)
    pane.form.date.setDate(QDate(2025, 12, 24))
    pane.form.zone.setCurrentText("Europe/Berlin")
    click(qtbot, pane.save_button)
    idle(qtbot, runner)
    saved = evidence.find_item(vault, item.id)
    assert (saved.happened_at, saved.happened_tz) == ("2025-12-24", "Europe/Berlin")
    # shown again as it was saved
    pane.show_item(None)
    pane.show_item(saved)
    assert not pane.form.date_unknown.isChecked() and pane.form.time_unknown.isChecked()
    assert pane.form.date.date() == QDate(2025, 12, 24)
    assert pane.form.zone.currentText() == "Europe/Berlin"


def test_an_unknown_time_zone_gets_a_message_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, tmp_path
) -> None:
    item = add(vault, solid(tmp_path / "s.png", "white"))
    pane.show_item(item)
    idle(qtbot, runner)
    entries_before = len(vault.custody_log()[0])
    click(qtbot, pane.form.date_unknown)
    pane.form.zone.setCurrentText("Mars/Olympus_Mons")
    click(qtbot, pane.save_button)
    idle(qtbot, runner)
    assert pane.message.isVisible()
    assert "time zone" in pane.message.text()
    assert "Traceback" not in pane.message.text()
    assert evidence.find_item(vault, item.id).happened_at == ""
    assert len(vault.custody_log()[0]) == entries_before
    assert pane.save_button.isEnabled()  # the user's typing is still there to fix


def test_the_core_refusal_is_shown_in_its_words(qtbot, pane, runner, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    item = add(vault, solid(tmp_path / "s.png", "white"))
    pane.show_item(item)
    idle(qtbot, runner)
    pane.form.note.setPlainText("x" * (fields.MAX_TEXT + 1))
    click(qtbot, pane.save_button)
    idle(qtbot, runner)
    assert pane.message.isVisible()
    assert "too long" in pane.message.text()
    assert evidence.find_item(vault, item.id).note == ""
    assert pane.form.isEnabled()


def test_leaving_with_unsaved_changes_asks_and_saves(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, tmp_path, monkeypatch
) -> None:
    first = add(vault, solid(tmp_path / "a.png", "white"))
    second = add(vault, solid(tmp_path / "b.png", "black"))
    seen: list[str] = []
    monkeypatch.setattr(detail_pane, "run_modal", press("Save", seen))
    pane.show_item(first)
    idle(qtbot, runner)
    type_into(qtbot, pane.form.account, "@someone_real")
    pane.show_item(second)
    idle(qtbot, runner)
    assert seen and "Save your changes" in seen[0]
    assert pane.current_item().id == second.id
    assert evidence.find_item(vault, first.id).account == "@someone_real"


def test_leaving_with_dont_save_discards(qtbot, pane, runner, vault, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = add(vault, solid(tmp_path / "a.png", "white"))
    second = add(vault, solid(tmp_path / "b.png", "black"))
    monkeypatch.setattr(detail_pane, "run_modal", press("Don't save"))
    pane.show_item(first)
    idle(qtbot, runner)
    type_into(qtbot, pane.form.account, "@someone_real")
    pane.show_item(second)
    idle(qtbot, runner)
    assert pane.current_item().id == second.id
    assert evidence.find_item(vault, first.id).account == ""


def test_leaving_with_a_problem_stays_on_the_item(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, tmp_path, monkeypatch
) -> None:
    first = add(vault, solid(tmp_path / "a.png", "white"))
    second = add(vault, solid(tmp_path / "b.png", "black"))
    monkeypatch.setattr(detail_pane, "run_modal", press("Save"))
    pane.show_item(first)
    idle(qtbot, runner)
    click(qtbot, pane.form.date_unknown)
    pane.form.zone.setCurrentText("Nowhere/Land")
    with qtbot.waitSignal(pane.keep_item_selected) as signal:
        pane.show_item(second)
    assert signal.args == [first.id]
    assert pane.current_item().id == first.id
    assert "time zone" in pane.message.text()
    assert pane.form.zone.currentText() == "Nowhere/Land"


def test_no_question_when_nothing_changed(
    qtbot, pane, runner, vault, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    first = add(vault, solid(tmp_path / "a.png", "white"))
    second = add(vault, solid(tmp_path / "b.png", "black"))
    monkeypatch.setattr(detail_pane, "run_modal", lambda box: pytest.fail("asked"))
    pane.show_item(first)
    idle(qtbot, runner)
    pane.show_item(second)
    idle(qtbot, runner)
    assert pane.current_item().id == second.id


# --- export ------------------------------------------------------------------------------------------


def test_export_writes_identical_bytes_after_the_warning(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, tmp_path, monkeypatch, dialogs: FakeDialogs
) -> None:
    source = checkerboard(tmp_path / "evidence.png")
    item = add(vault, source)
    out = tmp_path / "outside" / "copy.png"
    out.parent.mkdir()
    dialogs.export_answers = [str(out)]
    warned: list[str] = []
    monkeypatch.setattr(export_flow, "run_modal", press("Choose where to save…", warned))
    pane.show_item(item)
    idle(qtbot, runner)
    click(qtbot, pane.export_button)
    idle(qtbot, runner)
    assert "will not be encrypted" in warned[0]
    assert "Anyone using this computer could open it" in warned[0]
    assert dialogs.suggested == ["evidence.png"]
    assert out.read_bytes() == source.read_bytes()
    assert "not encrypted" in pane.message.text() and "copy.png" in pane.message.text()
    assert last_log(vault)[0] == "export"


def test_cancel_on_the_warning_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, tmp_path, monkeypatch, dialogs: FakeDialogs
) -> None:
    item = add(vault, checkerboard(tmp_path / "evidence.png"))
    out = tmp_path / "copy.png"
    dialogs.export_answers = [str(out)]
    monkeypatch.setattr(export_flow, "run_modal", press("Cancel"))
    pane.show_item(item)
    idle(qtbot, runner)
    click(qtbot, pane.export_button)
    idle(qtbot, runner)
    assert dialogs.calls == []  # not even asked where
    assert not out.exists()
    assert last_log(vault)[0] == "add"


def test_export_onto_an_existing_file_or_the_vault_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, tmp_path, monkeypatch, dialogs: FakeDialogs
) -> None:
    item = add(vault, checkerboard(tmp_path / "evidence.png"))
    existing = tmp_path / "keep-me.txt"
    existing.write_bytes(b"mine")
    vault_bytes = sha256_file(vault.path)
    dialogs.export_answers = [str(existing), str(vault.path)]
    monkeypatch.setattr(export_flow, "run_modal", press("Choose where to save…"))
    pane.show_item(item)
    idle(qtbot, runner)
    click(qtbot, pane.export_button)
    idle(qtbot, runner)
    assert existing.read_bytes() == b"mine"
    assert "already exists" in pane.message.text()
    click(qtbot, pane.export_button)
    idle(qtbot, runner)
    assert sha256_file(vault.path) == vault_bytes
    assert pane.message.isVisible() and "Traceback" not in pane.message.text()


def test_export_into_a_folder_without_permission(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, tmp_path, monkeypatch, dialogs: FakeDialogs
) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root may write anywhere")
    item = add(vault, checkerboard(tmp_path / "evidence.png"))
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    dialogs.export_answers = [str(locked / "copy.png")]
    monkeypatch.setattr(export_flow, "run_modal", press("Choose where to save…"))
    pane.show_item(item)
    idle(qtbot, runner)
    try:
        click(qtbot, pane.export_button)
        idle(qtbot, runner)
    finally:
        locked.chmod(0o700)
    assert list(locked.iterdir()) == []
    assert "could not be written" in pane.message.text()


def test_export_into_a_folder_that_is_gone(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, tmp_path, monkeypatch, dialogs: FakeDialogs
) -> None:
    item = add(vault, checkerboard(tmp_path / "evidence.png"))
    dialogs.export_answers = [str(tmp_path / "usb-pulled" / "copy.png")]
    monkeypatch.setattr(export_flow, "run_modal", press("Choose where to save…"))
    pane.show_item(item)
    idle(qtbot, runner)
    click(qtbot, pane.export_button)
    idle(qtbot, runner)
    assert not (tmp_path / "usb-pulled").exists()
    assert "could not be written" in pane.message.text()
    assert pane.export_button.isEnabled()  # and the user can try again
