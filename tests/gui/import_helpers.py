"""Shared by the tests of the ways in (add files, paste, capture): a page hosting an ImportFlow
on a real vault at the KDF floor with a real (threaded) TaskRunner, and image files to add."""

from __future__ import annotations

import functools
import io
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtWidgets import QVBoxLayout, QWidget

from locker.case.evidence import EvidenceItem, list_items
from locker.case.importer import ImportSummary
from locker.case.integrity import check_items
from locker.gui.import_flow import ImportFlow
from locker.gui.tasks import TaskRunner
from locker.vault import Vault


@dataclass
class Harness:
    flow: ImportFlow
    page: QWidget
    runner: TaskRunner
    vault: Vault
    added: list[EvidenceItem] = field(default_factory=list)  # from items_added
    summaries: list[ImportSummary] = field(default_factory=list)  # from finished

    def close(self) -> None:
        self.flow.cancel()
        self.runner.cancel_all()
        self.runner.wait()
        self.flow.set_vault(None)


def make_harness(qtbot: Any, vault: Vault) -> Harness:
    """A shown page with the flow's progress row at the bottom, as the vault page places it."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    runner = TaskRunner()
    flow = ImportFlow(runner, page)
    layout.addWidget(flow.progress_widget)
    qtbot.addWidget(page)
    page.resize(700, 420)
    page.show()
    qtbot.waitExposed(page)
    flow.set_vault(vault)
    h = Harness(flow, page, runner, vault)
    flow.items_added.connect(h.added.extend)
    flow.finished.connect(h.summaries.append)
    return h


@functools.lru_cache(maxsize=4)
def _noise_png(size: tuple[int, int]) -> bytes:
    """Noise does not compress: a PNG that takes real work to check (made once, it is slow)."""
    out = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(out, "PNG")
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (64, 48), *, noise: bool = False, seed: int = 0) -> bytes:
    if noise:
        return _noise_png(size)
    image = Image.new("RGB", size, (40 + seed * 20 % 200, 90, 160))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def good_pngs(
    folder: Path, n: int, *, size: tuple[int, int] = (64, 48), noise: bool = False
) -> list[Path]:
    paths = []
    for i in range(n):
        path = folder / f"good-{i + 1}.png"
        path.write_bytes(png_bytes(size, noise=noise, seed=i))
        paths.append(path)
    return paths


def broken_png(path: Path) -> Path:
    """A real PNG cut off half way (as from an interrupted download)."""
    data = png_bytes((200, 150), noise=True)
    path.write_bytes(data[: len(data) // 2])
    return path


def bomb_png(path: Path, width: int = 30000, height: int = 30000) -> Path:
    """A decompression bomb: a valid 1-bit PNG of 900 million pixels, about 100 KB on disk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + the packed pixels
    packer = zlib.compressobj(9)
    block = row * 1000
    idat = b"".join(packer.compress(block) for _ in range(height // 1000)) + packer.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
    return path


def items_in(vault: Vault) -> list[EvidenceItem]:
    items, damaged = list_items(vault)
    assert damaged == []
    return items


def assert_whole(vault: Vault) -> None:
    """Nothing half-written: no stored file without an item, every item in the custody log
    once, and the log's "add" entries match the items one for one."""
    log, problems = vault.custody_log()
    assert problems == []
    assert check_items(vault, log) == []
    adds = sorted(entry.item for entry in log if entry.action == "add" and entry.item)
    assert adds == sorted(item.id for item in items_in(vault))
