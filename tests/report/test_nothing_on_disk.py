"""Nothing readable at rest: making a summary (pictures, a PDF exhibit's first page, the
unredacted packet) happens in memory only. No file or folder appears in the test's temp, home
and XDG folders, and the thread making the summary opens no file for writing and creates no
folder anywhere while it works (reportlab's image cache, a library's temporary file, a
font cache would all show here)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from locker.report.context import ReportOptions
from locker.report.document import build_report
from locker.vault import Argon2Params
from tests.report.report_vault import fill_vault, make_vault
from tests.report.test_exhibit_pages import add
from tests.report.test_pictures import pdf_bytes

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
WRITE_EVENTS = {"os.mkdir", "os.rename", "os.replace", "os.symlink", "os.link", "shutil.copyfile"}
# (thread id, the writes seen) while a test is watching; else empty. Only the watching thread is
# watched (build_report starts none), so a thread left running by an earlier test in the same
# process cannot make this test fail.
_watching: list[tuple[int, list[str]]] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if not _watching or _watching[-1][0] != threading.get_ident():
        return
    writes = _watching[-1][1]
    if event == "open":
        path, mode, flags = args
        writing = isinstance(flags, int) and flags & WRITE_FLAGS
        if isinstance(mode, str):
            writing = writing or any(c in mode for c in "wax+")
        if writing and not isinstance(path, int):
            writes.append(f"open for writing: {path!r}")
    elif event in WRITE_EVENTS or event == "tempfile.mkstemp" or event == "tempfile.mkdtemp":
        writes.append(f"{event}: {args!r}")


sys.addaudithook(_audit)  # hooks cannot be removed; it does nothing unless a test is watching


def _files(root: Path) -> set[str]:
    found: set[str] = set()
    for folder, dirs, names in os.walk(root):
        found.update(os.path.join(folder, d) + "/" for d in dirs)
        found.update(os.path.join(folder, n) for n in names)
    return found


@contextmanager
def _watch() -> Iterator[list[str]]:
    """Within the block, every write anywhere in this process is listed."""
    watch: tuple[int, list[str]] = (threading.get_ident(), [])
    _watching.append(watch)
    try:
        yield watch[1]
    finally:
        _watching.remove(watch)


def test_a_summary_with_pictures_a_pdf_and_the_packet_leaves_nothing_on_disk(
    tmp_path: Path, floor_params: Argon2Params, isolated_home: Path
) -> None:
    roots = [tmp_path, isolated_home, Path(os.environ["TMPDIR"])]
    vault = make_vault(tmp_path, floor_params, filled=False)
    with vault:
        filled = fill_vault(vault)
        add(vault, pdf_bytes(), "letter.pdf", title="A letter", intimate=True)
        before = set().union(*(_files(root) for root in roots))
        with _watch() as writes:
            report = build_report(
                vault,
                ReportOptions(include_intimate=True, include_journal=True, copies=3),
                now=datetime(2026, 3, 10, 15, 30, tzinfo=UTC),
                floating_zone="America/Chicago",
            )
        after = set().union(*(_files(root) for root in roots))
    assert after == before
    assert writes == []
    # It was a real summary: pictures were drawn, the PDF exhibit and the intimate picture too.
    assert report.packet is not None and report.packet_pages >= 3
    assert len(report.exhibits) == len(filled.items) + 1
    assert report.pdf.count(b"/Subtype /Image") >= 3


def test_the_watch_does_see_a_file_written(tmp_path: Path) -> None:
    """The same watch catches a write, so the test above can fail."""
    with _watch() as writes:
        (tmp_path / "home" / "tmp" / "x.bin").write_bytes(b"x")
        os.mkdir(tmp_path / "d")
    assert any("x.bin" in w for w in writes) and any("os.mkdir" in w for w in writes)
