"""Locking (or Quick exit) while a copy is being exported stops the export: no unencrypted
copy, whole or partial, is written after the user asked the program to go away.

Real vault at the KDF floor, real worker threads. The vault's reading is held after its first
chunk until the export is told to stop (or, without a way to stop it, for a few seconds)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from locker.case import importer
from locker.gui import export_flow
from locker.gui.main_window import MainWindow
from locker.vault import Vault
from tests.gui.conftest import FakeDialogs, click, open_vault_in, wait_idle

HOLD_S = 5.0  # how long the read waits for a stop that never comes (before the fix)


def press_save_here(box: QMessageBox) -> int:
    for button in box.findChildren(QAbstractButton):
        if button.text().replace("&", "") == "Choose where to save…":
            button.click()
            return 0
    raise AssertionError("no 'Choose where to save…' on the export warning")


@pytest.fixture
def held_reads(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Vault.read_blob holds after the first chunk until its ``cancelled()`` says stop;
    returns an event set once the first chunk was read."""
    started = threading.Event()
    real = Vault.read_blob

    def read_blob(self: Vault, blob: str, cancelled=None) -> Iterator[bytes]:  # type: ignore[no-untyped-def]
        for n, chunk in enumerate(real(self, blob, cancelled)):
            yield chunk
            if n == 0:
                started.set()
                deadline = time.monotonic() + HOLD_S
                stop = threading.Event()
                while not (cancelled is not None and cancelled()):
                    if time.monotonic() > deadline:
                        break
                    stop.wait(0.005)  # polling a flag set by another thread, not a pause

    monkeypatch.setattr(Vault, "read_blob", read_blob)
    return started


@pytest.mark.parametrize("how", ["lock", "quick_exit"])
def test_stopping_during_an_export_leaves_no_copy(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    dialogs: FakeDialogs,
    new_vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    held_reads: threading.Event,
    how: str,
) -> None:
    open_vault_in(qtbot, window, dialogs, new_vault[0])
    big = tmp_path / "recording.bin"
    big.write_bytes(os.urandom(3 * 1024 * 1024 + 5))  # several chunks
    assert window.vault is not None
    item = importer.import_file(window.vault, big)
    window.vault_page.reload()
    wait_idle(qtbot, window)
    assert window.vault_page.library.select_item(item.id)
    wait_idle(qtbot, window)

    out_dir = tmp_path / "desktop"
    out_dir.mkdir()
    dialogs.export_answers.append(str(out_dir / "copy.bin"))
    monkeypatch.setattr(export_flow, "run_modal", press_save_here)
    click(qtbot, window.vault_page.detail.export_button)
    qtbot.waitUntil(held_reads.is_set, timeout=20_000)

    started = time.monotonic()
    getattr(window, how)()
    assert time.monotonic() - started < HOLD_S / 2  # it stopped; it did not run to the end
    assert window.vault is None
    assert list(out_dir.iterdir()) == []  # no copy, and no hidden partial copy either
