"""The remembered vault path: only when asked, private, atomic, and harmless when damaged."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from locker import paths, remembered


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_nothing_is_remembered_by_default(isolated_home: Path) -> None:
    assert remembered.remembered_vault() is None
    assert [p for p in isolated_home.rglob("*") if p.is_file()] == []


def test_round_trip_permissions_and_forget(tmp_path: Path) -> None:
    vault = tmp_path / "usb" / "case.evl"
    remembered.remember_vault(vault)
    assert remembered.remembered_vault() == vault
    folder = paths.config_dir()
    stored = folder / remembered.FILE_NAME
    assert _mode(folder) == 0o700 and _mode(stored) == 0o600
    assert os.listdir(folder) == [remembered.FILE_NAME]  # no temporary file left behind
    remembered.remember_vault(tmp_path / "other.evl")  # replaced, not added to
    assert remembered.remembered_vault() == tmp_path / "other.evl"
    remembered.forget_vault()
    assert remembered.remembered_vault() is None
    assert os.listdir(folder) == []
    remembered.forget_vault()  # forgetting twice is fine


def test_a_relative_path_is_remembered_as_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    remembered.remember_vault("case.evl")
    assert remembered.remembered_vault() == tmp_path / "case.evl"


def test_an_open_folder_is_made_private(tmp_path: Path) -> None:
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    remembered.remember_vault(tmp_path / "case.evl")
    assert _mode(folder) == 0o700


def test_non_utf8_vault_path(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"d\xe9p\xf4t.evl")
    remembered.remember_vault(os.fsdecode(raw))
    back = remembered.remembered_vault()
    assert back is not None and os.fsencode(back) == raw


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00",
        b"[]",
        b'{"vault": 3}',
        b'{"vault": ""}',
        b'{"vault": "a\\u0000b"}',
        b'{"other": "/x"}',
        b"[" * 100_000,
        b'{"vault": "/x"}' + b" " * (70 * 1024),
    ],
    ids=[
        "empty",
        "text",
        "binary",
        "list",
        "number",
        "blank",
        "nul",
        "no-key",
        "deep",
        "too-big",
    ],
)
def test_a_damaged_file_means_nothing_remembered(content: bytes) -> None:
    folder = paths.config_dir(create=True)
    (folder / remembered.FILE_NAME).write_bytes(content)
    assert remembered.remembered_vault() is None
    remembered.remember_vault("/media/usb/case.evl")  # and it can be written again
    assert remembered.remembered_vault() == Path("/media/usb/case.evl")


def test_a_planted_symlink_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"vault": "/planted.evl"}')
    folder = paths.config_dir(create=True)
    (folder / remembered.FILE_NAME).symlink_to(elsewhere)
    assert remembered.remembered_vault() is None
    remembered.remember_vault(tmp_path / "mine.evl")  # replaces the link, not its target
    assert elsewhere.read_text() == '{"vault": "/planted.evl"}'
    assert not (folder / remembered.FILE_NAME).is_symlink()
