"""FORMAT.md is the contract: its test vectors match the code, and a reader written only from
FORMAT.md (below, using sqlite3 + cryptography directly, no locker.vault) reads a real vault."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import struct
import unicodedata
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from locker.case import evidence
from locker.vault import container, crypto, custody, kdf, keyslots
from tests.conftest import PASSPHRASE, open_vault

FORMAT_MD = Path(__file__).resolve().parent.parent / "locker" / "vault" / "FORMAT.md"


def vectors() -> dict[str, str]:
    text = FORMAT_MD.read_text(encoding="utf-8")
    block = re.search(r"```vectors\n(.*?)```", text, re.S)
    assert block, "FORMAT.md has no vectors block"
    out = {}
    for line in block.group(1).splitlines():
        if line.strip():
            name, _, value = line.partition(" = ")
            out[name.strip()] = value.strip()
    return out


V = vectors()
VID = bytes(range(16))
MK = bytes(range(32))
BLOB = bytes(range(16, 32))
SALT = bytes(range(16))


def h(name: str) -> bytes:
    return bytes.fromhex(V[name])


def test_vectors_block_is_complete() -> None:
    assert len(V) >= 25


def test_record_vectors() -> None:
    ad = crypto.associated_data(VID, "item", "0123456789abcdef", "meta")
    assert ad == h("ad_item_meta")
    rk = crypto.record_key(MK, VID)
    assert rk == h("record_key")
    sealed = crypto.seal(rk, h("record_plain"), ad, nonce=h("record_nonce"))
    assert sealed == h("record_sealed")
    assert crypto.open_sealed(rk, sealed, ad) == b'{"title":"Screenshot 1"}'


def test_chunk_vectors() -> None:
    assert crypto.blob_key(MK, VID, BLOB) == h("blob_key")
    assert crypto.associated_data(VID, "chunk", BLOB.hex(), "0") == h("chunk_ad_0")
    assert crypto.chunk_nonce(0, False) == h("chunk_nonce_0")
    assert crypto.chunk_nonce(1, True) == h("chunk_nonce_1_final")
    cipher = crypto.ChunkCipher(MK, VID, BLOB)
    assert cipher.encrypt(0, b"hello ", False) == h("chunk_0")
    assert cipher.encrypt(1, b"world", True) == h("chunk_1_final")
    # The final flag is authenticated: chunk 1 read as "not final" fails.
    with pytest.raises(crypto.AuthenticationFailed):
        cipher.decrypt(1, h("chunk_1_final"), final=False)


def test_key_slot_vectors() -> None:
    params = kdf.Argon2Params.floor()
    kek = kdf.argon2id(PASSPHRASE, SALT, params)
    assert kek == h("argon2id_kek")
    text = kdf.params_json("passphrase", SALT, params)
    assert text == V["slot_params"]
    ad = keyslots.slot_ad(VID, 1, "passphrase", text)
    assert ad == h("slot_ad")
    wrapped = crypto.seal(kek, MK, ad, nonce=h("slot_nonce"))
    assert wrapped == h("wrapped")
    assert container.slot_checksum(VID, 1, "passphrase", text, wrapped) == h("slot_checksum")
    assert container.header_checksum(1, VID) == h("header_checksum")


def test_recovery_and_passphrase_vectors() -> None:
    key = bytes(range(20))
    assert kdf.format_recovery_key(key) == V["recovery_text"]
    assert kdf.parse_recovery_key(V["recovery_text"].lower().replace("-", " ")) == key
    assert kdf.recovery_kek(key, SALT, VID) == h("recovery_kek")
    assert kdf.normalize_passphrase("cafe\u0301") == h("nfc_passphrase_cafe")


def test_custody_vectors() -> None:
    e1 = custody.entry_plaintext(
        1, "2026-11-21T07:00:00Z", "vault-created", None, "Vault created.", custody.GENESIS_HASH
    )
    assert e1.decode() == V["entry_1"]
    assert custody.entry_hash(e1) == V["entry_1_hash"]
    record = hashlib.sha256(h("record_plain")).hexdigest()  # the item record this add wrote
    e2 = custody.entry_plaintext(
        2,
        "2026-11-21T07:01:00Z",
        "add",
        "0123456789abcdef",
        "Added \u00e9",
        V["entry_1_hash"],
        record,
    )
    assert e2.decode() == V["entry_2"]
    assert custody.entry_hash(e2) == V["entry_2_hash"]


# --- an independent reader, written from FORMAT.md only --------------------------------------


def _lp(s: str) -> bytes:
    b = s.encode()
    return struct.pack(">H", len(b)) + b


def _ad(vid: bytes, table: str, rid: str, field: str) -> bytes:
    return b"EVLK" + struct.pack(">H", 1) + vid + _lp(table) + _lp(rid) + _lp(field)


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def _open(key: bytes, data: bytes, ad: bytes) -> bytes:
    return AESGCM(key).decrypt(data[:12], data[12:], ad)


def independent_read(
    path: Path, passphrase: str, extras: dict | None = None
) -> tuple[dict[str, bytes], list[dict]]:
    """Return {original_name: bytes} and the custody entries, using FORMAT.md's rules only.

    ``extras`` (if given) receives the §9 records that are not files: "thumbs" {title: JPEG},
    "no_blob" [item objects without a stored original], "settings" (the §9.4 object or None)."""
    extras = {} if extras is None else extras
    extras.update(thumbs={}, no_blob=[], settings=None)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == 0x45564C4B
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    magic, version, vid = db.execute(
        "SELECT magic, format_version, vault_id FROM header"
    ).fetchone()
    assert (magic, version) == ("evidence-locker vault", 1)
    kind, params_text, wrapped = db.execute(
        "SELECT kind, params, wrapped FROM key_slot WHERE slot = 1"
    ).fetchone()
    params = json.loads(params_text)
    assert kind == "passphrase" and params["kdf"] == "argon2id"
    kek = Argon2id(
        salt=bytes.fromhex(params["salt"]),
        length=32,
        iterations=params["t"],
        lanes=params["p"],
        memory_cost=params["m"],
    ).derive(unicodedata.normalize("NFC", passphrase).encode())
    mk = _open(kek, wrapped, _ad(vid, "key_slot", "1:passphrase", params_text))
    rk = _hkdf(mk, vid, b"EVLK record key v1")
    files = {}
    for item_id, data in db.execute(
        "SELECT id, data FROM record WHERE tbl='item' AND field='meta'"
    ):
        item = json.loads(_open(rk, data, _ad(vid, "item", item_id, "meta")))
        if item.get("has_thumbnail", False):
            (tdata,) = db.execute(
                "SELECT data FROM record WHERE tbl='item' AND id=? AND field='thumb'", (item_id,)
            ).fetchone()
            extras["thumbs"][item["title"]] = _open(rk, tdata, _ad(vid, "item", item_id, "thumb"))
        blob_hex = item["blob"]
        if not blob_hex:  # description-only, or the original was removed (§9.1, §9.3)
            extras["no_blob"].append(item)
            continue
        (info_data,) = db.execute(
            "SELECT data FROM record WHERE tbl='blob' AND id=? AND field='info'", (blob_hex,)
        ).fetchone()
        info = json.loads(_open(rk, info_data, _ad(vid, "blob", blob_hex, "info")))
        bk = _hkdf(mk, vid, b"EVLK blob key v1" + bytes.fromhex(blob_hex))
        out = b""
        for i in range(info["chunks"]):
            (cdata,) = db.execute(
                "SELECT data FROM chunk WHERE blob=? AND idx=?", (blob_hex, i)
            ).fetchone()
            nonce = i.to_bytes(11, "big") + (b"\x01" if i == info["chunks"] - 1 else b"\x00")
            out += AESGCM(bk).decrypt(nonce, cdata, _ad(vid, "chunk", blob_hex, str(i)))
        assert hashlib.sha256(out).hexdigest() == info["sha256"] == item["sha256"]
        files[item["original_name"]] = out
    entries, prev = [], "0" * 64
    for seq, data in db.execute("SELECT seq, data FROM custody ORDER BY seq"):
        plain = _open(rk, data, _ad(vid, "custody", str(seq), "entry"))
        entry = json.loads(plain)
        assert entry["prev"] == prev
        prev = hashlib.sha256(plain).hexdigest()
        entries.append(entry)
    (head_data,) = db.execute(
        "SELECT data FROM record WHERE tbl='meta' AND id='custody' AND field='head'"
    ).fetchone()
    head = json.loads(_open(rk, head_data, _ad(vid, "meta", "custody", "head")))
    assert head == {"seq": len(entries), "hash": prev}
    row = db.execute(
        "SELECT data FROM record WHERE tbl='settings' AND id='app' AND field='prefs'"
    ).fetchone()
    if row:
        extras["settings"] = json.loads(_open(rk, row[0], _ad(vid, "settings", "app", "prefs")))
    db.close()
    return files, entries


def test_independent_reader_reads_a_real_vault(new_vault, tmp_path: Path) -> None:
    path, _ = new_vault
    contents = {
        "empty.txt": b"",
        "exact.bin": bytes(range(256)) * 4096,  # exactly 1 MiB: one chunk, no empty extra
        "long.bin": b"\x07" * (crypto.CHUNK_SIZE * 2 + 5),
    }
    with open_vault(path) as vault:
        for name, data in contents.items():
            f = tmp_path / name
            f.write_bytes(data)
            evidence.add_file(vault, f)
        assert [r[0] for r in vault.query("SELECT count(*) FROM chunk")] == [1 + 1 + 3]
    files, entries = independent_read(path, PASSPHRASE)
    assert files == contents
    assert [e["action"] for e in entries] == ["vault-created", "add", "add", "add"]


def test_independent_reader_reads_thumbnails_removed_originals_and_settings(
    new_vault, tmp_path: Path
) -> None:
    """§9.1-9.4 from FORMAT.md alone: a thumbnail record is a JPEG, a description-only item and
    a removed original have no blob (and their log entries hash the records), settings read."""
    import io

    from PIL import Image

    from locker.case import importer
    from locker.case.settings import Settings, save_settings

    path, _ = new_vault
    shot, gone = tmp_path / "shot.png", tmp_path / "gone.png"
    Image.new("RGB", (640, 480), (200, 10, 10)).save(shot)
    Image.new("RGB", (100, 100), (10, 10, 200)).save(gone)
    with open_vault(path) as vault:
        kept = importer.import_file(vault, shot, title="Kept")
        removed = importer.import_file(vault, gone, title="Removed")
        importer.remove_original(vault, removed.id)
        importer.add_description_only(vault, title="Only words", url="https://example.org/x")
        save_settings(vault, Settings(auto_lock_minutes=10))
    extras: dict = {}
    files, entries = independent_read(path, PASSPHRASE, extras)
    assert files == {"shot.png": shot.read_bytes()}
    assert set(extras["thumbs"]) == {"Kept"}
    with Image.open(io.BytesIO(extras["thumbs"]["Kept"])) as thumb:
        assert thumb.format == "JPEG" and thumb.size == (320, 240)
    no_blob = {i["title"]: i for i in extras["no_blob"]}
    assert no_blob["Removed"]["original_removed"] and no_blob["Removed"]["sha256"] == removed.sha256
    assert no_blob["Only words"]["provenance"] == "description-only"
    assert no_blob["Only words"]["sha256"] == "" and no_blob["Only words"]["size"] == 0
    assert extras["settings"] == {"auto_lock_minutes": 10}
    actions = [e["action"] for e in entries]
    assert actions == ["vault-created", "add", "add", "original-removed", "add"]
    assert kept.facts == {"width": 640, "height": 480, "format": "PNG"}
