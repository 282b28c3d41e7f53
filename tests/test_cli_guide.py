"""`locker guide check` and `locker guide resources`: what an advocate who edits the guide's
files sees at a terminal. No vault, no passphrase; text from the files cannot drive the
terminal; --json is ASCII-only."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tests.conftest import run_locker
from tests.guide.samples import GUIDE_EN, GUIDE_ES, RESOURCES, changed, write_guide


class Guide:
    """`locker guide ...` in-process: (exit code, stdout, stderr). Standard input is a stream
    that fails when read: these commands never ask for a passphrase."""

    def __init__(self, capsys: pytest.CaptureFixture[str], mp: pytest.MonkeyPatch) -> None:
        self.capsys = capsys
        mp.setattr(sys, "stdin", _NoInput())

    def __call__(self, *args: str | Path) -> tuple[int, str, str]:
        from locker import cli

        try:
            code = cli.main(["guide", *map(str, args)])
        except SystemExit as exc:  # argparse: usage errors
            code = int(exc.code or 0)
        out, err = self.capsys.readouterr()
        return code, out, err


class _NoInput(io.StringIO):
    def readline(self, *args: object) -> str:  # type: ignore[override]
        raise AssertionError("the command read standard input")

    def isatty(self) -> bool:
        return False


@pytest.fixture
def guide(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Guide:
    return Guide(capsys, monkeypatch)


def test_check_of_the_shipped_guide(guide: Guide) -> None:
    code, out, err = guide("check")
    assert code == 0, out + err
    assert "resources.toml: " in out and " resources" in out
    assert "guide.en.toml: " in out and " steps" in out
    assert out.rstrip().endswith("The guide files are fine.")


def test_check_lists_the_files_and_counts(guide: Guide, tmp_path: Path) -> None:
    folder = write_guide(tmp_path, es=GUIDE_ES)
    code, out, _err = guide("check", "--folder", folder)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Checked the guide's files in {folder}:"
    assert lines[1:4] == [
        "  resources.toml: 4 resources",
        "  guide.en.toml: 3 steps",
        "  guide.es.toml: 3 steps",
    ]
    assert lines[-1] == "The guide files are fine."


def test_check_lists_every_problem_and_exits_1(guide: Guide, tmp_path: Path) -> None:
    resources = changed(RESOURCES, 'url = "https://stopncii.org"', 'url = "http://stopncii.org"')
    en = changed(GUIDE_EN, '{ do = "add-files",', '{ do = "fly",')
    code, out, _err = guide("check", "--folder", write_guide(tmp_path, resources=resources, en=en))
    assert code == 1
    assert "2 problems:" in out
    assert '  - resources.toml, resource "stopncii": the web address "url" must start with' in out
    assert '  - guide.en.toml, step "document", part 1, action 1: "do" = "fly"' in out
    assert "The guide files are fine." not in out
    assert "Please correct these problems" in out


def test_a_syntax_error_still_shows_which_file_and_line(guide: Guide, tmp_path: Path) -> None:
    resources = changed(RESOURCES, 'name = "StopNCII.org"', "name = StopNCII.org")
    code, out, _err = guide("check", "--folder", write_guide(tmp_path, resources=resources))
    assert code == 1
    assert "  resources.toml: could not be read" in out
    assert "  - resources.toml, line " in out


def test_a_missing_english_guide_is_listed_as_missing(guide: Guide, tmp_path: Path) -> None:
    code, out, _err = guide("check", "--folder", write_guide(tmp_path, en=None))
    assert code == 1
    assert "  guide.en.toml: missing" in out
    assert "  - guide.en.toml: the file is missing" in out


def test_a_stale_resource_is_a_warning_and_the_check_passes(guide: Guide, tmp_path: Path) -> None:
    resources = changed(RESOURCES, 'last_checked = "2026-11-03"', 'last_checked = "2020-01"')
    code, out, _err = guide("check", "--folder", write_guide(tmp_path, resources=resources))
    assert code == 0
    assert "1 thing to look at:" in out
    assert 'resource "lifeline-988": Last checked January 2020, more than a year ago' in out
    assert out.rstrip().endswith("The guide files are fine.")


def test_text_from_the_files_cannot_drive_the_terminal(guide: Guide, tmp_path: Path) -> None:
    resources = changed(RESOURCES, 'id = "stopncii"', 'id = "\\u001b[2J\\u001b[32mOK"')
    code, out, _err = guide("check", "--folder", write_guide(tmp_path, resources=resources))
    assert code == 1
    assert "\x1b" not in out
    assert "\ufffd[2J" in out  # shown, made harmless


def test_a_folder_that_does_not_exist_is_a_usage_error(guide: Guide, tmp_path: Path) -> None:
    for command in ("check", "resources"):
        code, out, err = guide(command, "--folder", tmp_path / "nowhere")
        assert code == 2
        assert out == ""
        assert "There is no folder" in err


def test_resources_as_text(guide: Guide, tmp_path: Path) -> None:
    code, out, _err = guide("resources", "--folder", write_guide(tmp_path))
    assert code == 0
    first = out.split("\n\n")[0].splitlines()
    assert first[0] == "CCRI Crisis Helpline"
    assert "What it is for: Free, confidential help" in first[1]
    assert first[2].strip().startswith("Who it is for:")
    assert "Phone:" in first[3] and "844-878-2274 (844-878-CCRI)" in first[3]
    assert "https://cybercivilrights.org" in first[4]
    assert "24 hours a day" in first[5]
    assert "United States" in first[6]
    assert first[7].strip() == "Last checked November 2026"
    assert "Text:" in out and "988" in out
    assert out.count("Last checked") == 4


def test_resources_by_country_include_those_open_to_anyone(guide: Guide, tmp_path: Path) -> None:
    folder = write_guide(tmp_path)
    code, out, _err = guide("resources", "--folder", folder, "--country", "gb")
    assert code == 0
    names = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert names == ["Revenge Porn Helpline", "StopNCII.org"]
    code, out, _err = guide("resources", "--folder", folder, "--country", "CA")
    assert code == 0
    assert [line for line in out.splitlines() if line and not line.startswith(" ")] == [
        "StopNCII.org"
    ]


def test_resources_as_ascii_json(guide: Guide, tmp_path: Path) -> None:
    es_name = changed(RESOURCES, "CCRI Crisis Helpline", "Línea de ayuda — CCRI")
    code, out, _err = guide(
        "resources", "--folder", write_guide(tmp_path, resources=es_name), "--json"
    )
    assert code == 0
    assert out.isascii()
    data = json.loads(out)
    assert [r["id"] for r in data] == ["ccri-helpline", "lifeline-988", "uk-helpline", "stopncii"]
    ccri = data[0]
    assert ccri["name"] == "Línea de ayuda — CCRI"
    assert ccri["phones"] == [{"number": "844-878-2274", "label": "844-878-CCRI"}]
    assert ccri["texts"] == []
    assert ccri["country"] == "US" and ccri["last_checked"] == "2026-11"
    assert ccri["stale"] is False
    assert set(ccri) >= {"purpose", "who", "url", "hours", "source"}


def test_resources_of_broken_files_list_the_problems(guide: Guide, tmp_path: Path) -> None:
    resources = changed(RESOURCES, 'country = "GB"', 'country = "gb"')
    code, out, err = guide("resources", "--folder", write_guide(tmp_path, resources=resources))
    assert code == 1
    assert "CCRI Crisis Helpline" in out  # what the program still shows
    assert "Revenge Porn Helpline" not in out  # the resource with the problem is left out
    assert "locker guide check" in err
    assert 'resources.toml, resource "uk-helpline": "country"' in err


def test_resources_of_unreadable_english_steps_list_the_problems(
    guide: Guide, tmp_path: Path
) -> None:
    en = changed(GUIDE_EN, 'title = "Get support"', 'titel = "Get support"')
    code, out, err = guide("resources", "--folder", write_guide(tmp_path, en=en))
    assert code == 1 and out == ""
    assert 'guide.en.toml, step "support": "title" is missing' in err


def _deep(depth: int = 5000) -> str:
    return "x = " + "[" * depth + "]" * depth + "\n"


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("resources.toml", _deep(), "it could not be read: it is too deeply nested"),
        ("guide.en.toml", _deep(), "it could not be read: it is too deeply nested"),
        ("resources.toml", "# " + "x" * (1 << 20) + "\n", "the file is too large"),
        ("guide.en.toml", "# " + "x" * (1 << 20) + "\n", "the file is too large"),
    ],
)
def test_check_of_a_nested_or_huge_file_says_so_without_a_traceback(
    guide: Guide, tmp_path: Path, name: str, text: str, words: str
) -> None:
    folder = write_guide(tmp_path)
    (folder / name).write_text(text, encoding="utf-8")
    code, out, err = guide("check", "--folder", folder)
    assert code == 1
    assert f"{name}: {words}" in out
    assert "Traceback" not in out + err
    code, _out, err = guide("resources", "--folder", folder)
    assert code == 1 and f"{name}: {words}" in err


@pytest.mark.parametrize("country", ["USA", "1", "U"])
def test_a_country_that_is_not_two_letters_is_a_usage_error(guide: Guide, country: str) -> None:
    code, out, err = guide("resources", "--country", country)
    assert code == 2
    assert "--country" in err and out == ""


def test_the_shipped_resources_and_usage(guide: Guide) -> None:
    code, out, _err = guide("resources", "--country", "US", "--json")
    assert code == 0 and out.isascii()
    assert any(r["id"] == "ccri-helpline" for r in json.loads(out))
    assert guide()[0] == 2  # no action: usage
    assert guide("unknown")[0] == 2


def test_the_real_command_asks_for_nothing(tmp_path: Path) -> None:
    """As a person or script runs it: no vault, no passphrase, standard input left alone."""
    proc = run_locker("guide", "check", "--folder", write_guide(tmp_path), stdin="")
    assert proc.returncode == 0, proc.stderr
    assert "The guide files are fine." in proc.stdout
    proc = run_locker("guide", "resources", "--help")
    assert proc.returncode == 0 and "--country" in proc.stdout
