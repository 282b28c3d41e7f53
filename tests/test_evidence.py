"""Evidence items in the core: type from content, the original file left alone, edits logged."""

from __future__ import annotations

import hashlib
import io
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from locker.case import evidence
from tests.conftest import open_vault

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(32)
TEXT = "He said he would post it tonight. Он сказал. 他说了。\n".encode()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("screenshot.txt", PNG, "image/png"),
        ("chat-export.png", TEXT, "text/plain"),
        ("document.pdf", JPEG, "image/jpeg"),
        ("photo.jpg", PDF, "application/pdf"),
        ("no-extension", PNG, "image/png"),
        ("empty.png", b"", "application/octet-stream"),
    ],
)
def test_media_type_comes_from_content_not_the_name(
    new_vault: tuple[Path, str], tmp_path: Path, name: str, content: bytes, expected: str
) -> None:

    path, _ = new_vault
    f = tmp_path / name
    f.write_bytes(content)
    with open_vault(path) as v:
        item = evidence.add_file(v, f)
    with open_vault(path) as v:
        (stored,) = evidence.list_items(v)[0]
    assert item.media_type == stored.media_type == expected
    assert stored.original_name == name


def test_adding_leaves_the_original_file_untouched(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:

    path, _ = new_vault
    f = tmp_path / "screenshot.png"
    content = PNG + os.urandom(3 * 1024 * 1024)
    f.write_bytes(content)
    past = 1_600_000_000_123_456_789  # a fixed moment in 2020, so any change would show
    os.utime(f, ns=(past, past))
    f.chmod(0o640)
    before = f.stat()
    with open_vault(path) as v:
        item = evidence.add_file(v, f, title="Screenshot of the threat")
    after = f.stat()
    assert f.read_bytes() == content
    assert after.st_mtime_ns == before.st_mtime_ns == past
    assert after.st_size == before.st_size
    assert after.st_mode == before.st_mode
    assert after.st_ino == before.st_ino
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == [
        "case.evl",
        "screenshot.png",
    ]  # no sidecar, temp or lock file left next to it
    # The file's own modification time is recorded with the item.
    assert item.source_modified == datetime.fromtimestamp(past / 1e9, UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )


def test_update_item_changes_fields_and_logs_what_changed(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:

    path, _ = new_vault
    f = tmp_path / "post.png"
    f.write_bytes(PNG)
    with open_vault(path) as v:
        item = evidence.add_file(v, f, url="https://example.org/p/1", platform="Forum")
        log_before = v.custody_log()[0]
        updated = evidence.update_item(
            v,
            item.id,
            title="Post by the ex — منشور",
            note="Found by a friend, 3 May",
            url="https://example.org/p/1",
        )
        assert updated.title == "Post by the ex — منشور"
    with open_vault(path) as v:
        stored = evidence.find_item(v, item.id)
        entries, problems = v.custody_log()
    assert stored.title == "Post by the ex — منشور"
    assert stored.note == "Found by a friend, 3 May"
    assert stored.url == "https://example.org/p/1" and stored.platform == "Forum"
    # Content and fingerprint are not touched by an edit.
    assert (stored.sha256, stored.size, stored.blob) == (item.sha256, item.size, item.blob)
    assert not problems
    assert entries[:-1] == log_before
    last = entries[-1]
    assert last.action == "edit" and last.item == item.id
    assert "title" in last.summary and "note" in last.summary
    assert "url" not in last.summary  # given but unchanged, so not named


def test_update_item_intimate_flag_is_named_in_the_log(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:

    path, _ = new_vault
    f = tmp_path / "image.png"
    f.write_bytes(PNG)
    with open_vault(path) as v:
        item = evidence.add_file(v, f)
        evidence.update_item(v, item.id[:6], intimate=True)
        entries = v.custody_log()[0]
        assert entries[-1].action == "edit"
        assert "intimate" in entries[-1].summary and "Marked" in entries[-1].summary
        evidence.update_item(v, item.id, intimate=False)
        assert "No longer marked" in v.custody_log()[0][-1].summary
        assert evidence.find_item(v, item.id).intimate is False


def test_update_item_without_a_change_or_with_a_fixed_field_changes_nothing(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    from locker.vault import InvalidInput

    path, _ = new_vault
    f = tmp_path / "image.png"
    f.write_bytes(PNG)
    with open_vault(path) as v:
        item = evidence.add_file(v, f, title="Original title")
        count = len(v.custody_log()[0])
        evidence.update_item(v, item.id, title="Original title")
        assert len(v.custody_log()[0]) == count  # nothing changed, nothing logged
        # The fingerprint and the import facts can never be edited.
        for field, value in (
            ("sha256", "0" * 64),
            ("size", 1),
            ("added_at", "2000-01-01T00:00:00Z"),
        ):
            with pytest.raises(InvalidInput):
                evidence.update_item(v, item.id, **{field: value})
        with pytest.raises(InvalidInput):
            evidence.update_item(v, item.id, title="new", original_name="other.png")
        stored = evidence.find_item(v, item.id)
        assert stored.to_json() == item.to_json()
        assert len(v.custody_log()[0]) == count


def test_a_stream_with_only_read_is_stored_whole_and_sniffed(new_vault) -> None:  # type: ignore[no-untyped-def]
    """Pasted or captured bytes may come from a stream that only has read(), in short pieces."""

    class Trickle:
        def __init__(self, data: bytes) -> None:
            self._buf = io.BytesIO(data)

        def read(self, n: int = -1) -> bytes:
            return self._buf.read(min(n, 1000) if n > 0 else n)

    path, _ = new_vault
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 9000  # > 2 chunks
    with open_vault(path) as vault:
        item = evidence.add_stream(vault, Trickle(data), original_name="pasted.png")  # type: ignore[arg-type]
        assert b"".join(vault.read_blob(item.blob)) == data
    assert item.media_type == "image/png"
    assert item.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", None),
        ("original_name", 5),
        ("happened_at", None),
        ("account", ["@a"]),
        ("added_at", None),
        ("provenance", None),
        ("intimate", "yes"),
        ("has_thumbnail", 1),
        ("size", True),
        ("facts", []),
    ],
)
def test_a_record_with_a_field_of_the_wrong_type_is_listed_damaged_and_the_others_load(
    new_vault: tuple[Path, str], field: str, value: object
) -> None:
    # An older or newer writer may leave null or another type in a field; the timeline and
    # the incidents tab use these as text, so such an item is named damaged, not a crash.
    from locker.case import timeline

    path, _ = new_vault
    with open_vault(path) as v:
        good = evidence.add_stream(v, io.BytesIO(TEXT), original_name="chat.txt")
        bad = evidence.add_stream(v, io.BytesIO(PNG), original_name="shot.png")
        record = v.get_json(evidence.ITEM_TABLE, bad.id, "meta")
        record[field] = value
        v.put_json(evidence.ITEM_TABLE, bad.id, "meta", record)
    with open_vault(path) as v:
        items, damaged = evidence.list_items(v)
        assert [i.id for i in items] == [good.id] and damaged == [bad.id]
        assert [e.id for e in timeline.build_timeline([], items)] == [good.id]
