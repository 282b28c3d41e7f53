"""A small vault for the report tests: three pictures (one intimate), a description only,
incidents, a takedown, journal entries, with notes in Spanish, Arabic and Chinese.

The pictures are generated (gradients and shapes, each seed its own colours and layout), so a
page rendered to PNG shows a recognisable picture rather than a flat block, and stay small so
the tests are fast. Vaults are made at the KDF floor.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from locker.case import evidence, incidents, journal, takedowns
from locker.case.evidence import EvidenceItem
from locker.case.without_file import add_description_only
from locker.vault import Argon2Params, Vault
from tests.conftest import PASSPHRASE

TITLE_ES = "Mensaje de él — amenaza «te voy a encontrar»"
NOTE_AR = "رسالة تهديد من الحساب المزيف"
NOTE_ZH = "他说他知道我住在哪里。"
URL = "https://www.instagram.com/p/Cx9_aBc/?igshid=MzRlODBiNWFlZA%3D%3D&utm=1"


def png_bytes(w: int = 160, h: int = 120, seed: int = 1) -> bytes:
    """A PNG of ``w``×``h`` pixels: a diagonal gradient with circles and bars in colours chosen
    by ``seed`` (different seeds give visibly different pictures and different SHA-256)."""
    rnd = random.Random(seed)
    base = [rnd.randrange(40, 220) for _ in range(3)]
    image = Image.new("RGB", (w, h))
    pixels = image.load()
    assert pixels is not None
    for y in range(h):
        for x in range(w):
            t = (x + y) / max(w + h - 2, 1)
            pixels[x, y] = (
                int(base[0] * (1 - t) + 255 * t) % 256,
                int(base[1] * t + 30) % 256,
                int(base[2] * (1 - t / 2)) % 256,
            )
    draw = ImageDraw.Draw(image)
    for _ in range(4):
        r = rnd.randrange(max(w, h) // 12 + 2, max(w, h) // 5 + 3)
        cx, cy = rnd.randrange(w), rnd.randrange(h)
        colour = tuple(rnd.randrange(256) for _ in range(3))
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour, outline=(0, 0, 0))
    for i in range(3):
        top = (i + 1) * h // 5
        draw.rectangle((w // 10, top, w // 10 + w // 3, top + max(h // 30, 2)), fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@dataclass(frozen=True)
class Filled:
    """What :func:`fill_vault` added: the items, in the order they happen."""

    first: EvidenceItem  # picture, happened 2026-03-01
    intimate: EvidenceItem  # intimate picture, happened 2026-03-02
    description: EvidenceItem  # description only, happened 2026-03-03
    last: EvidenceItem  # picture, happened 2026-03-05

    @property
    def items(self) -> list[EvidenceItem]:
        return [self.first, self.intimate, self.description, self.last]


def fill_vault(vault: Vault) -> Filled:
    """Add the standard report test case to an open vault."""
    first = evidence.add_stream(
        vault,
        io.BytesIO(png_bytes(180, 320, seed=1)),
        original_name="captura_de_pantalla.png",
        title=TITLE_ES,
        note=f"Él lo borró después.\n{NOTE_AR}\n{NOTE_ZH}",
        url=URL,
        platform="Instagram",
        account="@fake.account_2026",
    )
    evidence.update_item(
        vault, first.id, happened_at="2026-03-01T21:30", happened_tz="America/Chicago"
    )
    intimate = evidence.add_stream(
        vault,
        io.BytesIO(png_bytes(200, 150, seed=2)),
        original_name="photo.png",
        title="Picture shared without consent",
        platform="Telegram",
        intimate=True,
    )
    evidence.update_item(vault, intimate.id, happened_at="2026-03-02")
    description = add_description_only(
        vault,
        title="Voicemail (not kept)",
        description="Llamó tres veces y dejó un mensaje de voz.",
        happened_at="2026-03-03",
    )
    last = evidence.add_stream(
        vault,
        io.BytesIO(png_bytes(240, 160, seed=3)),
        original_name="chat.png",
        title="威胁信息",
        platform="WhatsApp",
        note=NOTE_AR,
    )
    evidence.update_item(vault, last.id, happened_at="2026-03-05T08:15", happened_tz="UTC")
    incidents.add_incident(
        vault,
        title="Threats after the break-up",
        start_at="2026-03-01",
        description=f"Mensajes amenazantes. {NOTE_ZH}",
        link=[first.id, last.id],
    )
    incidents.add_incident(vault, title="تهديد عبر الهاتف", start_at="2026-03-03")
    takedowns.add_takedown(vault, URL, platform="Instagram", note="Pedido de retiro enviado.")
    journal.add_entry(vault, f"Hoy tuve miedo. {NOTE_AR}", day="2026-03-02")
    refreshed = {item.id: item for item in evidence.list_items(vault)[0]}
    return Filled(
        refreshed[first.id], refreshed[intimate.id], refreshed[description.id], refreshed[last.id]
    )


def make_vault(tmp_path: Path, floor_params: Argon2Params, *, filled: bool = True) -> Vault:
    """A new open vault at ``tmp_path/report.evl`` (KDF floor), with :func:`fill_vault`'s
    case in it unless ``filled`` is False. The caller closes it (``with`` or ``lock()``)."""
    vault, _recovery = Vault.create(tmp_path / "report.evl", PASSPHRASE, floor_params)
    if filled:
        fill_vault(vault)
    return vault
