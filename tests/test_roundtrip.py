"""Files go in and come out bit-exact, through the `locker` command and through the core.

Sizes straddle the 1 MiB chunk boundary (0, 1, CHUNK_SIZE-1, CHUNK_SIZE, CHUNK_SIZE+1) plus one
file over 50 MB; `list --json` must show each one's true size and SHA-256 and the describing
fields exactly as given, non-Latin text included.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from locker.vault.crypto import CHUNK_SIZE
from tests.conftest import PASSPHRASE, open_vault, run_locker

PW = PASSPHRASE + "\n"
CONTRACT_FIELDS = {
    "id",
    "title",
    "original_name",
    "size",
    "sha256",
    "media_type",
    "added_at",
    "intimate",
    "url",
    "platform",
    "account",
}
SIZES = (0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1)
BIG_SIZE = 50 * 1024 * 1024 + 12_345  # over 50 MB, not a whole number of chunks

META = {
    "title": "لقطة شاشة للرسالة — 截图",
    "note": "他在群里发了这张照片 📸, قال إنه سينشرها",
    "url": "https://例子.测试/帖子?id=١٢٣&ref=🔥",
    "platform": "微博 / Weibo",
    "account": "@مستخدم_😀",
}


class Sample:
    def __init__(self, path: Path) -> None:
        self.path = path
        data = hashlib.sha256()
        with open(path, "rb") as f:
            while block := f.read(CHUNK_SIZE):
                data.update(block)
        self.sha256 = data.hexdigest()
        self.size = path.stat().st_size


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> list[Sample]:
    """Random files of the boundary sizes and one big one. Each non-empty one starts with a
    NUL byte so its media type is deterministically "application/octet-stream"."""
    folder = tmp_path_factory.mktemp("samples")
    out: list[Sample] = []
    for size in SIZES:
        path = folder / f"size-{size}.bin"
        path.write_bytes((b"\x00" + os.urandom(size))[:size])
        out.append(Sample(path))
    big = folder / "big-video.bin"
    with open(big, "wb") as f:
        f.write(b"\x00")
        remaining = BIG_SIZE - 1
        while remaining:
            n = min(remaining, 4 * CHUNK_SIZE)
            f.write(os.urandom(n))
            remaining -= n
    out.append(Sample(big))
    assert [s.size for s in out] == [*SIZES, BIG_SIZE]
    return out


def _added_at_is_now(value: str, start: datetime) -> None:
    at = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert start - timedelta(seconds=2) <= at <= datetime.now(UTC) + timedelta(seconds=2)


def test_cli_round_trip_with_metadata(
    new_vault: tuple[Path, str], samples: list[Sample], tmp_path: Path
) -> None:
    vault, _ = new_vault
    start = datetime.now(UTC)
    options = [x for k, v in META.items() for x in (f"--{k}", v)]
    # A zero-byte file is bad input (PRODUCT.md): named on stderr, the others still go in.
    r = run_locker(
        "add",
        vault,
        *[s.path for s in samples],
        *options,
        "--intimate",
        "--passphrase-stdin",
        stdin=PW,
    )
    assert r.returncode == 2, r.stderr
    assert "size-0.bin" in r.stderr and "empty (0 bytes)" in r.stderr
    samples = [s for s in samples if s.size]
    ids = r.stdout.splitlines()
    assert len(ids) == len(samples) == len(set(ids))

    r = run_locker("list", vault, "--json", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    listed = {item["id"]: item for item in json.loads(r.stdout)}
    assert set(listed) == set(ids)
    for item_id, sample in zip(ids, samples, strict=True):
        item = listed[item_id]
        assert set(item) >= CONTRACT_FIELDS, CONTRACT_FIELDS - set(item)
        assert item["original_name"] == sample.path.name
        assert item["size"] == sample.size
        assert item["sha256"] == sample.sha256
        assert item["media_type"] == "application/octet-stream"
        assert item["intimate"] is True
        for key in ("title", "url", "platform", "account"):
            assert item[key] == META[key], key
        _added_at_is_now(item["added_at"], start)

    # The note is not part of `list --json`, but it was stored as given.
    with open_vault(vault) as v:
        from locker.case import evidence

        items, damaged = evidence.list_items(v)
    assert not damaged
    assert {i.note for i in items} == {META["note"]}

    for item_id, sample in zip(ids, samples, strict=True):
        out = tmp_path / f"exported-{sample.size}.bin"
        r = run_locker("export", vault, item_id, out, "--passphrase-stdin", stdin=PW)
        assert r.returncode == 0, r.stderr
        assert out.stat().st_size == sample.size
        assert filecmp.cmp(out, sample.path, shallow=False), sample.path.name
        out.unlink()

    r = run_locker("verify", vault, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stdout
    assert f"Checked {len(samples)} files" in r.stdout


def test_cli_add_without_options_uses_plain_defaults(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    vault, _ = new_vault
    f = tmp_path / "رسالة 消息 💬.txt"
    f.write_text("hello, this is the message text\n", encoding="utf-8")
    r = run_locker("add", vault, f, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    (item,) = json.loads(run_locker("list", vault, "--json", "--passphrase-stdin", stdin=PW).stdout)
    assert item["id"] == r.stdout.strip()
    assert item["title"] == item["original_name"] == "رسالة 消息 💬.txt"
    assert item["intimate"] is False
    assert item["url"] == item["platform"] == item["account"] == ""
    assert item["media_type"] == "text/plain"
    assert item["sha256"] == hashlib.sha256(f.read_bytes()).hexdigest()


def test_core_round_trip_with_metadata(
    new_vault: tuple[Path, str], samples: list[Sample], tmp_path: Path
) -> None:
    from locker.case import evidence, export
    from locker.vault import verify

    vault, _ = new_vault
    start = datetime.now(UTC)
    added = {}
    with open_vault(vault) as v:
        for n, sample in enumerate(samples):
            item = evidence.add_file(v, sample.path, **META, intimate=n % 2 == 0)
            added[item.id] = (sample, n % 2 == 0)
    # Reopened from disk: what was stored is what comes back.
    with open_vault(vault) as v:
        items, damaged = evidence.list_items(v)
        assert not damaged
        assert {i.id for i in items} == set(added)
        for item in items:
            sample, intimate = added[item.id]
            assert item.original_name == sample.path.name
            assert item.size == sample.size
            assert item.sha256 == sample.sha256
            assert item.media_type == "application/octet-stream"
            assert item.intimate is intimate
            for key, value in META.items():
                assert getattr(item, key) == value, key
            _added_at_is_now(item.added_at, start)
            out = tmp_path / "out.bin"
            export.export_item(v, item.id, out)
            assert out.stat().st_size == sample.size
            assert filecmp.cmp(out, sample.path, shallow=False), sample.path.name
            out.unlink()
        report = verify(v)
        assert report.ok, report.problems
        assert report.blobs == len(samples)
        assert report.bytes_checked == sum(s.size for s in samples)
