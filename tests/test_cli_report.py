"""`locker report VAULT OUT.pdf`: what a clerk reads in the PDF (every exhibit number, SHA-256,
Bates number, "Page X of Y", notes in Spanish, Arabic and Chinese as typed), the intimate picture
only in the separate packet, what it prints, the custody entry, and the options refused before
the passphrase is asked. poppler-utils (pdftotext, pdfimages) read the PDFs; .ci/run installs it.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.conftest import PW, one_line, run_locker
from tests.helpers_tamper import fetch, flip, sql
from tests.report.pdftools import page_texts, poppler, text_lines

SPANISH = "Niño señaló el daño"
ARABIC = "مرحبا بالعالم"
CHINESE = "你好，世界"
WRONG = "not the passphrase\n"  # a checked option must be refused before this is tried (exit 3)

# 4 x 3 blocks of 16 px, each a plain colour: survives JPEG and downscaling when compared block
# by block, and the two pictures are nothing alike.
PHOTO_COLOURS = [(200, 30, 30), (30, 30, 200), (240, 240, 40), (20, 20, 20)] * 3
INTIMATE_COLOURS = [(230, 0, 230), (0, 200, 60), (0, 220, 220), (250, 140, 0)] * 3


def blocks_png(path: Path, colours: list[tuple[int, int, int]]) -> Path:
    image = Image.new("RGB", (64, 48))
    for n, colour in enumerate(colours):
        x, y = (n % 4) * 16, (n // 4) * 16
        image.paste(colour, (x, y, x + 16, y + 16))
    image.save(path)
    return path


def blocks(image: Image.Image) -> list[tuple[int, ...]]:
    """The picture's 4 x 3 block colours (each block averaged)."""
    small = image.convert("RGB").resize((4, 3), Image.Resampling.BOX)
    return [small.getpixel((x, y)) for y in range(3) for x in range(4)]  # type: ignore[misc]


def distance(a: Image.Image, b: Image.Image) -> float:
    """Mean difference per channel (0..255) between two pictures' block colours."""
    pairs = zip(blocks(a), blocks(b), strict=True)
    return sum(abs(p - q) for x, y in pairs for p, q in zip(x, y, strict=True)) / 36


def pictures_in(pdf: Path, workdir: Path) -> list[Image.Image]:
    """Every picture embedded in the PDF (pdfimages -png)."""
    workdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([poppler("pdfimages"), "-png", str(pdf), str(workdir / "img")], check=True)
    found = []
    for png in sorted(workdir.glob("img-*.png")):
        with Image.open(png) as image:
            found.append(image.convert("RGB"))
    return found


def add(vault: Path, *files: Path, options: tuple[str, ...] = ()) -> list[str]:
    r = run_locker("add", vault, *files, *options, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    return r.stdout.split()


def listing(vault: Path) -> dict[str, dict[str, Any]]:
    r = run_locker("list", vault, "--json", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    return {i["id"]: i for i in json.loads(r.stdout)}


def log_actions(vault: Path) -> list[dict[str, Any]]:
    r = run_locker("log", vault, "--json", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    return list(json.loads(r.stdout))


def note_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    return path


@dataclass
class Case:
    folder: Path
    vault: Path
    photo: Path  # a plain picture (its exhibit shows it)
    intimate: Path  # marked intimate: redacted in the summary, unredacted only in the packet
    ids: dict[str, str]  # "photo", "intimate", "spanish", "arabic", "chinese" -> item id


def make_case(folder: Path, new_vault: tuple[Path, str]) -> Case:
    vault, _key = new_vault
    photo = blocks_png(folder / "photo.png", PHOTO_COLOURS)
    intimate = blocks_png(folder / "private.png", INTIMATE_COLOURS)
    ids = {"photo": add(vault, photo, options=("--title", "Screenshot of the post"))[0]}
    ids["intimate"] = add(vault, intimate, options=("--intimate",))[0]
    for key, text in (("spanish", SPANISH), ("arabic", ARABIC), ("chinese", CHINESE)):
        ids[key] = add(vault, note_file(folder, f"{key}.txt", key), options=("--note", text))[0]
    return Case(folder, vault, photo, intimate, ids)


@pytest.fixture
def case(tmp_path: Path, new_vault: tuple[Path, str]) -> Case:
    return make_case(tmp_path, new_vault)


@dataclass
class Written:
    out: Path
    packet: Path
    run: subprocess.CompletedProcess[str]


@pytest.fixture
def written(case: Case) -> Iterator[Written]:
    out = case.folder / "hearing-may.pdf"
    r = run_locker(
        "report",
        case.vault,
        out,
        "--include-intimate",
        "--title",
        "Case of R. v. S.",
        "--prepared-by",
        "Dana Advocate, legal aid",
        "--copies",
        "3",
        "--passphrase-stdin",
        stdin=PW,
    )
    assert r.returncode == 0, r.stderr
    yield Written(out, case.folder / "hearing-may-unredacted-packet.pdf", r)


def test_the_pdf_shows_every_exhibit_hash_bates_number_and_page_x_of_y(
    case: Case, written: Written
) -> None:
    pages = page_texts(written.out, case.folder / "text")
    text = "\n".join(pages)
    items = listing(case.vault)
    for n in range(1, len(items) + 1):
        assert re.search(rf"\bExhibit {n}\b", text), f"Exhibit {n}"
    for item in items.values():
        assert item["sha256"] in text, item["title"]
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert f"EL-{number:06d}" in page
        assert "Case of R. v. S." in page  # the title given, on every page
    assert "Dana Advocate, legal aid" in pages[0]
    # What stdout says matches the file: where, how many pages and exhibits, its size.
    lines = written.run.stdout.splitlines()
    assert lines[0] == str(written.out)
    assert f"{len(pages)} pages, {len(items)} exhibits" in lines[1]
    assert re.search(r"\d+\.\d MB", lines[1])
    assert "NOT encrypted" in written.run.stderr
    # Three copies is a print setting: said once, the pages are not repeated.
    assert "Copies to print: 3." in written.run.stdout
    assert sum(1 for page in pages if "Prepared by" in page) == 1  # one cover


def test_notes_in_spanish_arabic_and_chinese_come_out_as_typed(
    case: Case, written: Written
) -> None:
    lines = text_lines(written.out, case.folder / "text")
    whole = "\n".join(lines)
    assert SPANISH in whole
    assert CHINESE in whole
    # pdftotext rebuilds Arabic's logical order itself; a line may hold a label beside it.
    assert any(ARABIC in line for line in lines), [line for line in lines if "مرحبا" in line]


def test_the_intimate_picture_is_only_in_the_separate_packet(case: Case, written: Written) -> None:
    assert written.packet.is_file()
    with Image.open(case.intimate) as original, Image.open(case.photo) as photo:
        in_summary = pictures_in(written.out, case.folder / "summary-images")
        in_packet = pictures_in(written.packet, case.folder / "packet-images")
        # The comparison can find a picture: the plain photo is in the summary.
        assert min(distance(photo, p) for p in in_summary) < 20
        assert min(distance(original, p) for p in in_packet) < 20
        assert min(distance(original, p) for p in in_summary) > 60
    assert "UNREDACTED" in written.run.stderr and "under seal" in written.run.stderr
    assert str(written.packet) in written.run.stdout
    # Neutral name: nothing of the case title or of anyone's name.
    assert written.packet.name == "hearing-may-unredacted-packet.pdf"


def test_the_custody_log_gains_a_report_entry_naming_no_file(case: Case, written: Written) -> None:
    entries = log_actions(case.vault)
    reports = [e for e in entries if e["action"] == "report"]
    assert len(reports) == 1
    assert reports[0]["item"] is None
    summary = str(reports[0]["summary"])
    for name in ("hearing", str(case.folder), "photo", "private", ".pdf"):
        assert name not in summary, summary
    # The PDF's own SHA-256 is logged, so a printed or filed copy can be matched to the entry.
    assert hashlib.sha256(written.out.read_bytes()).hexdigest() in summary


def test_an_existing_pdf_is_kept_unless_force(case: Case, written: Written) -> None:
    before = written.out.read_bytes()
    r = run_locker("report", case.vault, written.out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2 and "already exists" in one_line(r.stderr)
    assert written.out.read_bytes() == before
    # The packet too, when --include-intimate is asked for again.
    written.out.unlink()
    r = run_locker(
        "report", case.vault, written.out, "--include-intimate", "--passphrase-stdin", stdin=PW
    )
    assert r.returncode == 2 and "unredacted-packet" in one_line(r.stderr)
    assert not written.out.exists()
    r = run_locker(
        "report",
        case.vault,
        written.out,
        "--include-intimate",
        "--force",
        "--passphrase-stdin",
        stdin=PW,
    )
    assert r.returncode == 0, r.stderr
    assert written.out.is_file() and written.packet.is_file()


def test_a_selection_numbers_only_the_chosen_exhibits(case: Case) -> None:
    out = case.folder / "two.pdf"
    chosen = [case.ids["photo"][:8], case.ids["chinese"]]
    r = run_locker(
        "report",
        case.vault,
        out,
        "--exhibit",
        *chosen,
        "--paper",
        "A4",
        "--passphrase-stdin",
        stdin=PW,
    )
    assert r.returncode == 0, r.stderr
    assert "2 exhibits" in r.stdout
    assert "Copies to print" not in r.stdout  # one copy: nothing to say
    info = subprocess.run([poppler("pdfinfo"), str(out)], capture_output=True, text=True).stdout
    assert "(A4)" in info
    text = "\n".join(page_texts(out, case.folder / "text"))
    items = listing(case.vault)
    assert items[case.ids["photo"]]["sha256"] in text
    assert items[case.ids["chinese"]]["sha256"] in text
    assert items[case.ids["spanish"]]["sha256"] not in text
    assert not re.search(r"\bExhibit 3\b", text)
    assert "penalty of perjury" not in text  # the declaration page only when asked
    # No intimate exhibit chosen: no packet, and the user is told why.
    r = run_locker(
        "report",
        case.vault,
        case.folder / "one.pdf",
        "--exhibit",
        case.ids["photo"],
        "--include-intimate",
        "--declaration",
        "--passphrase-stdin",
        stdin=PW,
    )
    assert r.returncode == 0, r.stderr
    assert "no separate packet was needed" in r.stderr
    assert not (case.folder / "one-unredacted-packet.pdf").exists()
    lines = text_lines(case.folder / "one.pdf", case.folder / "text")
    assert any("penalty of perjury" in line for line in lines)


def test_an_empty_vault_gives_a_short_sensible_summary(
    tmp_path: Path, new_vault: tuple[Path, str]
) -> None:
    vault, _key = new_vault
    out = tmp_path / "empty.pdf"
    r = run_locker("report", vault, out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    assert "0 exhibits" in r.stdout
    pages = page_texts(out, tmp_path / "text")
    assert 1 <= len(pages) <= 6
    assert f"Page 1 of {len(pages)}" in pages[0] and "EL-000001" in pages[0]
    assert "Exhibit 1" not in "\n".join(pages)
    assert [e["action"] for e in log_actions(vault)].count("report") == 1


BAD_OPTIONS = [
    (["--from", "2026-13-01"], "--from"),
    (["--to", "yesterday"], "--to"),
    (["--from", "2026-05-02", "--to", "2026-05-01"], "after --to"),
    (["--paper", "legal"], "--paper"),
    (["--copies", "0"], "--copies"),
    (["--copies", "11"], "--copies"),
    (["--copies", "two"], "--copies"),
    (["--exhibit", " "], "--exhibit"),
]


@pytest.mark.parametrize(("options", "says"), BAD_OPTIONS)
def test_bad_options_are_refused_before_the_passphrase(
    tmp_path: Path, new_vault: tuple[Path, str], options: list[str], says: str
) -> None:
    vault, _key = new_vault
    before = sorted(tmp_path.rglob("*"))
    r = run_locker(
        "report", vault, tmp_path / "out.pdf", *options, "--passphrase-stdin", stdin=WRONG
    )
    assert r.returncode == 2, r.stderr
    assert says in one_line(r.stderr)
    assert r.stdout == ""
    assert sorted(tmp_path.rglob("*")) == before


def test_bad_output_names_are_refused_before_the_passphrase(
    tmp_path: Path, new_vault: tuple[Path, str]
) -> None:
    vault, _key = new_vault
    (tmp_path / "folder.pdf").mkdir()
    (tmp_path / "taken.pdf").write_bytes(b"someone's file")
    (tmp_path / "x-unredacted-packet.pdf").write_bytes(b"an older packet")
    cases = [
        (tmp_path / "summary.txt", [], ".pdf"),
        (tmp_path / "missing" / "summary.pdf", [], "does not exist"),
        (tmp_path / "folder.pdf", [], "folder"),
        (tmp_path / "taken.pdf", [], "already exists"),
        (tmp_path / "x.pdf", ["--include-intimate"], "already exists"),
    ]
    before = sorted(tmp_path.rglob("*"))
    for out, options, says in cases:
        r = run_locker("report", vault, out, *options, "--passphrase-stdin", stdin=WRONG)
        assert r.returncode == 2, (out, r.stderr)
        assert says in one_line(r.stderr), (out, r.stderr)
    assert sorted(tmp_path.rglob("*")) == before
    assert (tmp_path / "taken.pdf").read_bytes() == b"someone's file"


def test_wrong_passphrase_and_unknown_exhibit_write_nothing(
    tmp_path: Path, new_vault: tuple[Path, str]
) -> None:
    vault, _key = new_vault
    out = tmp_path / "summary.pdf"
    r = run_locker("report", vault, out, "--passphrase-stdin", stdin=WRONG)
    assert r.returncode == 3
    one_line(r.stderr)
    r = run_locker("report", vault, out, "--exhibit", "0000ffff", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2 and "0000ffff" in one_line(r.stderr)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert "report" not in [e["action"] for e in log_actions(vault)]  # nothing recorded


def test_a_changed_original_is_reported_as_fail_with_exit_1(
    tmp_path: Path, new_vault: tuple[Path, str]
) -> None:
    vault, _key = new_vault
    add(vault, note_file(tmp_path, "a.txt", "alpha"))
    blob = fetch(vault, "SELECT blob FROM chunk LIMIT 1")[0][0]
    data = fetch(vault, "SELECT data FROM chunk WHERE blob = ? AND idx = 0", (blob,))[0][0]
    assert isinstance(data, bytes)
    sql(vault, "UPDATE chunk SET data = ? WHERE blob = ?", (flip(data, len(data) // 2), blob))
    out = tmp_path / "summary.pdf"
    r = run_locker("report", vault, out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 1, r.stderr
    assert "Exhibit 1 no longer matches" in r.stderr and "FAIL" in r.stderr
    # The summary is still written, and says so itself.
    assert re.search(r"\bFAIL\b", "\n".join(page_texts(out, tmp_path / "text")))


def test_stopped_while_the_packet_is_written_leaves_neither_file(
    case: Case, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C after the summary is saved but while its packet is written: the summary is taken
    back too (no summary pointing to a packet that is not there), one plain line, exit 2."""
    from locker import cli
    from locker.report import record

    real_write = record.write_pdf
    calls: list[Path] = []

    def interrupted(path: Path, data: bytes, **kwargs: object) -> Path:
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_write(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(record, "write_pdf", interrupted)
    monkeypatch.setattr("sys.stdin", io.StringIO(PW))
    out = case.folder / "stopped.pdf"
    code = cli.main(
        ["report", str(case.vault), str(out), "--include-intimate", "--passphrase-stdin"]
    )
    assert code == 2
    assert calls == [out, case.folder / "stopped-unredacted-packet.pdf"]
    captured = capsys.readouterr()
    assert "Stopped" in one_line(captured.err) and captured.out == ""
    assert not [p for p in case.folder.iterdir() if p.name.startswith(("stopped", "."))]
    assert "report" not in [e["action"] for e in log_actions(case.vault)]


def test_stopped_while_the_custody_entry_is_written_leaves_no_file(
    case: Case, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C after the summary is saved, before the custody log records it: no summary is left
    that the log does not know about."""
    from locker import cli
    from locker.report import record

    def interrupted(*args: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(record, "record_report", interrupted)
    monkeypatch.setattr("sys.stdin", io.StringIO(PW))
    out = case.folder / "stopped.pdf"
    assert cli.main(["report", str(case.vault), str(out), "--passphrase-stdin"]) == 2
    assert "Stopped" in one_line(capsys.readouterr().err)
    assert not [p for p in case.folder.iterdir() if p.name.startswith(("stopped", "."))]


def test_a_custody_log_that_cannot_be_written_is_said_and_the_pdf_is_kept(
    case: Case, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from locker import cli
    from locker.vault import StorageError
    from locker.vault.vault import Vault

    def full(*args: object, **kwargs: object) -> None:
        raise StorageError("The disk is full.")

    monkeypatch.setattr(Vault, "append_log", full)
    monkeypatch.setattr("sys.stdin", io.StringIO(PW))
    out = case.folder / "kept.pdf"
    assert cli.main(["report", str(case.vault), str(out), "--passphrase-stdin"]) == 0
    err = capsys.readouterr().err
    assert "could not be recorded in the custody log: The disk is full." in err
    assert "NOT encrypted" in err
    assert out.read_bytes().startswith(b"%PDF")
