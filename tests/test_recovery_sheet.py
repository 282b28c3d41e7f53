"""The recovery sheet PDF: the whole key in its groups, the date, the guidance, no vault path."""

from __future__ import annotations

import base64
import os
import re
import stat
import zlib
from datetime import date
from pathlib import Path

import pytest

from locker.report import recovery_sheet
from locker.vault import InvalidInput, StorageError, WrongKey
from locker.vault.kdf import format_recovery_key, new_recovery_key

MADE_ON = date(2026, 11, 21)


def pdf_text(data: bytes) -> str:
    """The text shown on the pages: every string drawn in the content streams.

    No PDF library is installed; reportlab writes page content as ASCII85 + Flate streams of
    standard-font text, which is simple to undo here.
    """
    assert data.startswith(b"%PDF-")
    shown: list[str] = []
    for match in re.finditer(rb"<<(.*?)>>\s*stream\r?\n(.*?)endstream", data, re.S):
        header, stream = match.group(1), match.group(2).strip()
        if b"/ASCII85Decode" in header:
            stream = base64.a85decode(stream.removesuffix(b"~>"), adobe=False)
        if b"/FlateDecode" in header:
            stream = zlib.decompress(stream)
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", stream):
            shown.append(re.sub(rb"\\(.)", rb"\1", literal).decode("cp1252"))
    return " ".join(shown)


@pytest.fixture
def key() -> str:
    return format_recovery_key(new_recovery_key())


def test_the_sheet_has_every_group_of_the_key_and_what_to_do(key: str) -> None:
    text = pdf_text(recovery_sheet.render_pdf(key, MADE_ON))
    groups = key.split("-")
    assert len(groups) == 9
    for group in groups:
        assert re.search(rf"\b{group}\b", text), group
    assert "Evidence Locker: recovery key" in text
    assert "2026-11-21" in text
    assert "forget your passphrase" in text
    assert "only once" in text
    assert "Keep this sheet somewhere safe" in text
    assert "Where the vault is kept" in text


def test_groups_read_in_order_three_to_a_row(key: str) -> None:
    rows = recovery_sheet.key_rows(key)
    assert [g for row in rows for g in row] == key.split("-")
    assert [len(row) for row in rows] == [3, 3, 3]
    text = pdf_text(recovery_sheet.render_pdf(key, MADE_ON))
    positions = [text.index(group) for group in key.split("-")]
    assert positions == sorted(positions)


def test_a_key_typed_loosely_is_printed_in_its_canonical_form(key: str) -> None:
    loose = key.lower().replace("-", " ")
    assert recovery_sheet.key_groups(loose) == key.split("-")


def test_only_a_whole_key_is_printed() -> None:
    with pytest.raises(WrongKey):
        recovery_sheet.render_pdf("ABCD-EFGH", MADE_ON)


def test_write_pdf_leaves_one_private_file_and_no_path_in_it(key: str, tmp_path: Path) -> None:
    stick = tmp_path / "usb stick"
    stick.mkdir()
    target = stick / "recovery sheet.pdf"
    recovery_sheet.write_pdf(target, key, MADE_ON)
    assert os.listdir(stick) == ["recovery sheet.pdf"]  # no partial file left behind
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    data = target.read_bytes()
    for group in key.split("-"):
        assert group in pdf_text(data)
    assert b"usb stick" not in data and str(tmp_path).encode() not in data
    assert b".evl" not in data


def test_write_pdf_replaces_a_file_the_user_chose_to_overwrite(key: str, tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"old")
    recovery_sheet.write_pdf(target, key, MADE_ON)
    assert target.read_bytes().startswith(b"%PDF-")


def test_write_pdf_refuses_a_folder_and_explains_a_failure(key: str, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="folder"):
        recovery_sheet.write_pdf(tmp_path, key, MADE_ON)
    with pytest.raises(StorageError, match="could not be saved there"):
        recovery_sheet.write_pdf(tmp_path / "missing" / "sheet.pdf", key, MADE_ON)
    assert sorted(os.listdir(tmp_path)) == ["home"]
