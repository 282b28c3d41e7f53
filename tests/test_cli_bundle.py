"""`locker bundle VAULT OUT.zip`: what it prints, the NOT-encrypted note, its exit codes, the
summary PDF inside numbered as the manifest is, the selection options, and the real
`sha256sum -c` on the extracted bundle."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import PW, one_line, run_locker
from tests.helpers_tamper import fetch, flip, sql
from tests.report.pdftools import page_texts
from tests.test_cli_report import distance, listing, log_actions, make_case, pictures_in


def _add(path: Path, tmp_path: Path) -> list[str]:
    files = []
    for n in range(2):
        f = tmp_path / f"private name {n}.txt"
        f.write_bytes(f"message {n}\n".encode())
        files.append(f)
    r = run_locker("add", path, *files, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    return r.stdout.split()


def test_bundle_writes_the_zip_and_says_it_is_not_encrypted(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    _add(path, tmp_path)
    out = tmp_path / "bundle.zip"
    r = run_locker("bundle", path, out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    assert "NOT encrypted" in r.stderr
    assert str(out) in r.stdout and "2 exhibits" in r.stdout
    with zipfile.ZipFile(out) as zf:
        assert "exhibits/exhibit-001.txt" in zf.namelist()
        assert not any("private name" in n for n in zf.namelist())
    log = run_locker("log", path, "--json", "--passphrase-stdin", stdin=PW)
    assert [e["action"] for e in json.loads(log.stdout)].count("bundle") == 1

    # OUT exists: refused (2) unless --force.
    r = run_locker("bundle", path, out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2 and "already exists" in r.stderr
    r = run_locker("bundle", path, out, "--force", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr


def test_bundle_exit_codes(new_vault: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = new_vault
    out = tmp_path / "b.zip"
    r = run_locker("bundle", path, out, "--passphrase-stdin", stdin=PW)  # empty vault
    assert r.returncode == 2 and "no exhibits" in r.stderr
    r = run_locker("bundle", path, out, "--passphrase-stdin", stdin="wrong passphrase\n")
    assert r.returncode == 3
    r = run_locker("bundle", path, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2 and "usage:" in r.stderr
    ids = _add(path, tmp_path)
    blob = fetch(path, "SELECT blob FROM chunk LIMIT 1")[0][0]
    data = fetch(path, "SELECT data FROM chunk WHERE blob = ? AND idx = 0", (blob,))[0][0]
    sql(path, "UPDATE chunk SET data = ? WHERE blob = ?", (flip(bytes(data), len(data) // 2), blob))
    r = run_locker("bundle", path, out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 4 and "Exhibit" in r.stderr and "not written" in r.stderr
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert len(ids) == 2


SHA256SUM = shutil.which("sha256sum")


def _manifest(zf: zipfile.ZipFile) -> list[dict[str, str]]:
    text = zf.read("manifest.csv").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_bundle_with_a_selection_holds_the_summary_numbered_the_same(
    tmp_path: Path, new_vault: tuple[Path, str]
) -> None:
    case = make_case(tmp_path, new_vault)
    out = tmp_path / "court.zip"
    chosen = [case.ids["photo"][:8], case.ids["intimate"], case.ids["arabic"]]
    r = run_locker(
        "bundle",
        case.vault,
        out,
        "--exhibit",
        *chosen,
        "--title",
        "Hearing bundle",
        "--paper",
        "a4",
        "--passphrase-stdin",
        stdin=PW,
    )
    assert r.returncode == 0, r.stderr
    assert "NOT encrypted" in r.stderr
    assert "1 intimate picture" in r.stderr and "NOT redacted" in r.stderr
    assert "3 exhibits" in r.stdout and "summary.pdf" in r.stdout
    with zipfile.ZipFile(out) as zf:
        rows = _manifest(zf)
        summary = tmp_path / "summary.pdf"
        summary.write_bytes(zf.read("summary.pdf"))
    assert len(rows) == 3
    # Each exhibit's own pages in the summary carry the label the manifest gives its file.
    pages = page_texts(summary, tmp_path / "text")
    hashes = {row["sha256"] for row in rows}
    for row in rows:
        own = [p for p in pages if [h for h in hashes if h in p] == [row["sha256"]]]
        assert own, row["exhibit"]
        assert all(re.search(rf"\b{row['exhibit']}\b", p) for p in own), row["exhibit"]
    items = listing(case.vault)
    assert {row["sha256"] for row in rows} == {
        items[case.ids[k]]["sha256"] for k in ("photo", "intimate", "arabic")
    }
    # The summary inside shows the intimate picture redacted; the original is in the zip as is.
    with Image.open(case.intimate) as original:
        assert min(distance(original, p) for p in pictures_in(summary, tmp_path / "img")) > 60
    # One custody entry for the bundle, one for the summary put in it.
    actions = [e["action"] for e in log_actions(case.vault)]
    assert actions.count("bundle") == 1 and actions.count("report") == 1


@pytest.mark.skipif(SHA256SUM is None, reason="sha256sum (GNU coreutils) is not installed")
def test_sha256sum_checks_the_extracted_bundle_and_catches_one_changed_byte(
    tmp_path: Path, new_vault: tuple[Path, str]
) -> None:
    case = make_case(tmp_path, new_vault)
    out = tmp_path / "court.zip"
    r = run_locker("bundle", case.vault, out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    folder = tmp_path / "extracted"
    with zipfile.ZipFile(out) as zf:
        zf.extractall(folder)
    check = [str(SHA256SUM), "-c", "SHA256SUMS"]
    ok = subprocess.run(check, cwd=folder, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.count(": OK") == len(listing(case.vault))
    victim = sorted((folder / "exhibits").iterdir())[1]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))
    bad = subprocess.run(check, cwd=folder, capture_output=True, text=True)
    assert bad.returncode != 0
    assert f"exhibits/{victim.name}: FAILED" in bad.stdout
    assert bad.stdout.count(": OK") == len(listing(case.vault)) - 1


def test_bundle_options_are_checked_before_the_passphrase(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    before = sorted(tmp_path.rglob("*"))
    wrong = "not the passphrase\n"
    for options, says in (
        (["--from", "2026-05-02", "--to", "2026-05-01"], "after --to"),
        (["--paper", "legal"], "--paper"),
        (["--exhibit", ""], "--exhibit"),
    ):
        r = run_locker(
            "bundle", path, tmp_path / "b.zip", *options, "--passphrase-stdin", stdin=wrong
        )
        assert r.returncode == 2 and says in one_line(r.stderr), r.stderr
    r = run_locker("bundle", path, tmp_path / "b.pdf", "--passphrase-stdin", stdin=wrong)
    assert r.returncode == 2 and ".zip" in one_line(r.stderr)
    # The bundle holds the originals themselves; the unredacted packet is the report's option.
    r = run_locker(
        "bundle", path, tmp_path / "b.zip", "--include-intimate", "--passphrase-stdin", stdin=wrong
    )
    assert r.returncode == 2 and "usage:" in r.stderr
    assert sorted(tmp_path.rglob("*")) == before


def test_a_date_range_that_holds_nothing_writes_no_bundle(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    _add(path, tmp_path)
    out = tmp_path / "b.zip"
    r = run_locker(
        "bundle",
        path,
        out,
        "--from",
        "2001-01-01",
        "--to",
        "2001-12-31",
        "--passphrase-stdin",
        stdin=PW,
    )
    assert r.returncode == 2 and "no exhibits" in one_line(r.stderr)
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    actions = [e["action"] for e in log_actions(path)]
    assert "bundle" not in actions and "report" not in actions
