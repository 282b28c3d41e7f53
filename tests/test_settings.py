"""Settings kept inside the vault: round trip, defaults for anything odd, nothing on the PC."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from locker.case.settings import (
    AUTO_LOCK_CHOICES,
    Settings,
    load_settings,
    remember_report_paper,
    save_settings,
)
from locker.vault import InvalidInput
from tests.conftest import open_vault
from tests.helpers_tamper import sql


def test_defaults_round_trip_and_reopen(new_vault: tuple[Path, str], isolated_home: Path) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        assert load_settings(v) == Settings(auto_lock_minutes=5)
        log = len(v.custody_log()[0])
        save_settings(v, Settings(auto_lock_minutes=15))
        assert len(v.custody_log()[0]) == log  # settings are not evidence: not in the log
    with open_vault(path) as v:
        assert load_settings(v).auto_lock_minutes == 15
    assert AUTO_LOCK_CHOICES == (1, 2, 5, 10, 15, 30, 60)
    assert [p for p in isolated_home.rglob("*") if p.is_file()] == []  # kept in the vault only


@pytest.mark.parametrize("value", [7, 0, -5, True, "5", 5.0, None])
def test_a_value_not_offered_is_refused_when_saving(
    new_vault: tuple[Path, str], value: object
) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        with pytest.raises(InvalidInput) as caught:
            save_settings(v, Settings(auto_lock_minutes=value))  # type: ignore[arg-type]
        assert "1, 2, 5, 10, 15, 30, 60 minutes" in caught.value.message
        assert load_settings(v).auto_lock_minutes == 5


@pytest.mark.parametrize(
    "stored",
    [{"auto_lock_minutes": 7}, {"auto_lock_minutes": True}, {"auto_lock_minutes": "10"}, [], 3],
)
def test_unknown_or_invalid_stored_values_fall_back_to_defaults(
    new_vault: tuple[Path, str], stored: object
) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        v.put_json("settings", "app", "prefs", stored)
        assert load_settings(v) == Settings()
        v.put_json("settings", "app", "prefs", {"auto_lock_minutes": 30, "future": {"x": 1}})
        assert load_settings(v).auto_lock_minutes == 30


def test_a_damaged_settings_record_gives_defaults(new_vault: tuple[Path, str]) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        save_settings(v, Settings(auto_lock_minutes=60))
    sql(path, "UPDATE record SET data = ? WHERE tbl = 'settings'", (os.urandom(60),))
    with open_vault(path) as v:
        assert load_settings(v) == Settings()
        save_settings(v, Settings(auto_lock_minutes=2))  # and it can be saved again
        assert load_settings(v).auto_lock_minutes == 2


def test_the_summary_paper_is_kept_and_the_auto_lock_time_with_it(
    new_vault: tuple[Path, str],
) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        assert load_settings(v).report_paper == "letter"
        save_settings(v, Settings(auto_lock_minutes=15))
        remember_report_paper(v, "a4")
    with open_vault(path) as v:
        assert load_settings(v) == Settings(auto_lock_minutes=15, report_paper="a4")
        remember_report_paper(v, "tabloid")  # not offered: nothing changes, nothing raised
        assert load_settings(v).report_paper == "a4"
        remember_report_paper(v, "letter")
        assert load_settings(v) == Settings(auto_lock_minutes=15, report_paper="letter")


@pytest.mark.parametrize("paper", ["A4", "legal", "", None, 4])
def test_a_paper_not_offered_is_refused_when_saving(
    new_vault: tuple[Path, str], paper: object
) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        with pytest.raises(InvalidInput) as caught:
            save_settings(v, Settings(report_paper=paper))  # type: ignore[arg-type]
        assert "Letter or A4" in caught.value.message
        assert load_settings(v) == Settings()


@pytest.mark.parametrize("stored", ["A4", "legal", 1, None, ["a4"]])
def test_an_odd_stored_paper_falls_back_to_letter(
    new_vault: tuple[Path, str], stored: object
) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        v.put_json("settings", "app", "prefs", {"auto_lock_minutes": 10, "report_paper": stored})
        assert load_settings(v) == Settings(auto_lock_minutes=10, report_paper="letter")
