"""The real Qt file dialogs (not the test stand-ins) leave no history on the computer.

Qt's own dialog would save its history and last folder in QtProject.conf; GTK's native dialog
would add each file to recently-used.xbel. Each test opens a dialog offscreen, chooses like a
user, and then looks for either file (or anything else) under the test's HOME and XDG folders.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from locker.gui import filedialogs
from tests.gui.conftest import FileDialogAnswerer, files_under

TRACE_NAMES = ("QtProject.conf", "recently-used.xbel")


def no_history(home: Path) -> None:
    found = files_under(home)
    assert [p for p in found if p.name in TRACE_NAMES] == []
    assert found == []


@pytest.fixture
def evidence_files(vault_dir: Path) -> list[Path]:
    folder = vault_dir / "screenshots"
    folder.mkdir()
    paths = [folder / "first shot.png", folder / "second shot.png"]
    for path in paths:
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + path.name.encode())
    return paths


def test_choose_files_to_add_returns_several_and_leaves_no_history(
    qtbot, isolated_home: Path, evidence_files: list[Path]
) -> None:
    folder = evidence_files[0].parent
    answer = FileDialogAnswerer(" ".join(f'"{p.name}"' for p in evidence_files), folder)
    chosen = filedialogs.choose_files_to_add(None)
    assert sorted(chosen) == sorted(str(p) for p in evidence_files)
    assert answer.native == [False]
    no_history(isolated_home)


def test_choose_files_to_add_one_file(
    qtbot, isolated_home: Path, evidence_files: list[Path]
) -> None:
    answer = FileDialogAnswerer(evidence_files[0])
    assert filedialogs.choose_files_to_add(None) == [str(evidence_files[0])]
    assert answer.seen
    no_history(isolated_home)


def test_choose_export_path_suggests_the_name_and_leaves_no_history(
    qtbot, isolated_home: Path, vault_dir: Path
) -> None:
    target = vault_dir / "copy of shot.png"
    answer = FileDialogAnswerer(target)
    assert filedialogs.choose_export_path(None, "shot.png") == str(target)
    assert answer.native == [False]
    no_history(isolated_home)


def test_choose_pdf_path_adds_the_suffix_and_leaves_no_history(
    qtbot, isolated_home: Path, vault_dir: Path
) -> None:
    answer = FileDialogAnswerer(vault_dir / "summary for court")
    assert filedialogs.choose_pdf_path(None, "summary.pdf") == str(
        vault_dir / "summary for court.pdf"
    )
    assert answer.native == [False]
    no_history(isolated_home)


def test_the_vault_dialogs_leave_no_history(qtbot, isolated_home: Path, vault_dir: Path) -> None:
    target = vault_dir / "private-case.evl"
    answer = FileDialogAnswerer(target)
    assert filedialogs.choose_new_vault_path(None) == str(target)
    assert answer.native == [False]
    target.write_bytes(b"x")
    answer = FileDialogAnswerer(target)
    assert filedialogs.choose_vault_to_open(None) == str(target)
    no_history(isolated_home)


def test_default_vault_suffix_is_added(qtbot, vault_dir: Path) -> None:
    answer = FileDialogAnswerer(vault_dir / "my case")  # keep a reference: it holds the timer
    assert filedialogs.choose_new_vault_path(None) == str(vault_dir / "my case.evl")
    assert answer.seen


def test_cancel_returns_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog):
            timer.stop()
            dialog.reject()

    timer = QTimer()
    timer.timeout.connect(cancel)
    timer.start(10)
    assert filedialogs.choose_files_to_add(None) == []


@pytest.mark.parametrize(
    ("suggested", "expected"),
    [
        ("shot.png", "shot.png"),
        ("../../etc/passwd", "passwd"),
        ("dir\\evil.png", "evil.png"),
        ("a\u202egnp.exe", "a_gnp.exe"),
        ("..", "evidence"),
        ("", "evidence"),
    ],
)
def test_suggested_names_stay_one_plain_file_name(suggested: str, expected: str) -> None:
    assert filedialogs._safe_file_name(suggested) == expected
