"""The guide the program ships (assets/guide/), checked as an advocate and a survivor rely on it:
every resource can be reached and says what it is for, where and when it was checked; every
address is https; every step has words; every action is one the program knows; and the steps the
walkthrough promises (issue 5) are all there, with their actions in place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from locker.guide.content import ACTIONS, Guide, Step, blocks, checked_on, is_stale
from locker.guide.load import GUIDE_DIR, RESOURCES_FILE, check_guide, guide_files, load_guide
from locker.paths import assets_dir

# The walkthrough's themes (issue 5) and the step id that carries each in guide.en.toml.
THEMES = {
    "safety first": "safety",
    "it is not your fault": "not-your-fault",
    "document": "document",
    "get support": "support",
    "stop the spread": "stop-the-spread",
    "legal options": "legal",
    "prepare the summary": "summary",
}
# Facts a person will dial or type (RESOURCES.md, read 2026-11): a wrong digit here is the
# worst mistake the guide could make, so the shipped numbers are compared with the notes.
# 1-800-225-5324 is 1-800-CALL-FBI in keypad digits (many phones cannot dial letters).
NUMBERS = {
    "emergency-us": ("911",),
    "ccri-helpline": ("844-878-2274",),
    "ndv-hotline": ("1-800-799-7233", "1-800-787-3224"),  # the second: TTY
    "rainn": ("1-800-656-4673",),
    "lifeline-988": ("988",),
    "fbi-sextortion": ("1-800-225-5324",),
    "au-1800respect": ("1800 737 732",),
    "cybertipline": ("1-800-843-5678",),
}


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide()


def _words(step: Step) -> str:
    """Everything a person reads in a step, in one lowercase string."""
    parts = [step.title, step.summary, step.text]
    for part in step.parts:
        parts += [part.heading, part.text, *(a.label for a in part.actions)]
        parts += [c.text for c in part.checklist]
    return " ".join(parts).lower()


def test_the_guide_ships_where_the_program_looks_for_it() -> None:
    assert assets_dir() / "guide" == GUIDE_DIR
    assert (GUIDE_DIR / RESOURCES_FILE).is_file()
    assert (GUIDE_DIR / "guide.en.toml").is_file()


def test_locker_guide_check_finds_no_problem() -> None:
    problems, _warnings = check_guide()
    assert problems == [], "\n".join(problems)


def test_every_language_file_loads(guide: Guide) -> None:
    for path in guide_files():
        language = path.name.split(".")[1]
        loaded = load_guide([language])
        assert loaded.language == language
        assert [s.id for s in loaded.steps] == [s.id for s in guide.steps], path.name


def test_every_resource_says_what_it_is_for_and_can_be_reached(guide: Guide) -> None:
    assert len(guide.resources) >= 7
    for r in guide.resources.values():
        assert r.name and r.purpose and r.who, r.id
        assert r.phones or r.texts or r.url, r.id
        assert re.fullmatch(r"[A-Z]{2}|WORLD", r.country), r.id
        assert checked_on(r), r.id  # a real date, "YYYY-MM" or "YYYY-MM-DD"
        if r.url:
            assert r.url.startswith("https://"), r.id
        for phone in r.phones + r.texts:
            assert sum(ch.isdigit() for ch in phone.number) >= 3, r.id


def test_no_resource_was_checked_more_than_a_year_before_the_guide_was_written(
    guide: Guide,
) -> None:
    """Stale resources are a warning at run time; here the shipped files must have been
    checked within a year of the newest check (they are reviewed together)."""
    newest = max(checked_on(r) for r in guide.resources.values())
    assert not [r.id for r in guide.resources.values() if is_stale(r, newest)]


def test_the_numbers_people_will_dial_match_the_fact_sheet(guide: Guide) -> None:
    for rid, expected in NUMBERS.items():
        assert rid in guide.resources, f"resources.toml has no resource {rid!r}"
        numbers = [p.number for p in guide.resources[rid].phones + guide.resources[rid].texts]
        for number in expected:
            assert number in numbers, (rid, numbers)


def test_every_resource_appears_in_a_step(guide: Guide) -> None:
    used = {rid for step in guide.steps for rid in step.resource_ids()}
    assert set(guide.resources) <= used, set(guide.resources) - used


def test_no_step_without_text(guide: Guide) -> None:
    assert guide.title and guide.steps
    for step in guide.steps:
        assert step.title and step.summary, step.id
        assert blocks(step.text), step.id
        for part in step.parts:
            assert part.text or part.resources or part.actions or part.checklist, step.id


def test_every_action_is_one_the_program_knows(guide: Guide) -> None:
    for step in guide.steps:
        for action in step.actions():
            assert action.do in ACTIONS, (step.id, action.do)
            assert action.label, step.id


def test_every_theme_of_the_walkthrough_has_its_step(guide: Guide) -> None:
    assert len(guide.steps) >= 7
    ids = [s.id for s in guide.steps]
    missing = {theme: sid for theme, sid in THEMES.items() if sid not in ids}
    assert not missing, missing
    assert ids[0] == "safety"  # safety comes before any other step


def _step(guide: Guide, step_id: str) -> Step:
    step = guide.step(step_id)
    assert step is not None, step_id
    return step


def test_safety_first_covers_danger_monitoring_and_quick_exit(guide: Guide) -> None:
    words = _words(_step(guide, "safety"))
    for phrase in ("911", "safer device", "quick exit", "browser history"):
        assert phrase in words, phrase


def test_not_your_fault_carries_the_consent_framing(guide: Guide) -> None:
    words = _words(_step(guide, "not-your-fault"))
    assert "not your fault" in words and "consent" in words


def test_document_has_its_actions_in_place(guide: Guide) -> None:
    step = _step(guide, "document")
    dos = {a.do for a in step.actions()}
    assert {"add-files", "paste", "capture-screen", "log-incident"} <= dos
    assert step.checklist(), "the capture tips as a checklist"
    words = _words(step)
    for phrase in ("date and time", "url", "crop"):
        assert phrase in words, phrase


def test_get_support_names_the_helplines_by_country(guide: Guide) -> None:
    ids = _step(guide, "support").resource_ids()
    assert "ccri-helpline" in ids
    countries = {guide.resources[r].country for r in ids}
    assert {"US", "GB", "AU"} <= countries


def test_stop_the_spread_covers_each_way_and_the_tracker(guide: Guide) -> None:
    step = _step(guide, "stop-the-spread")
    assert {"stopncii", "take-it-down"} <= set(step.resource_ids())
    methods = {a.method for a in step.actions() if a.do == "add-takedown"}
    assert {"stopncii", "form", "search-engine", "dmca"} <= methods
    words = _words(step)
    for phrase in ("under 18", "48 hours", "dmca", "search engine", "takedowns tab"):
        assert phrase in words, phrase


def test_legal_options_are_information_not_advice(guide: Guide) -> None:
    words = _words(_step(guide, "legal"))
    for phrase in ("not legal advice", "6851", "protective order"):
        assert phrase in words, phrase


def test_the_summary_step_opens_the_report_or_says_why_not(guide: Guide) -> None:
    actions = [a for a in _step(guide, "summary").actions() if a.do == "open-report"]
    assert actions and actions[0].missing  # the report screen does not exist yet (issue 6)


def test_the_content_is_plain_text(guide: Guide) -> None:
    for step in guide.steps:
        for text in (step.text, *(p.text for p in step.parts)):
            assert not re.search(r"<[a-zA-Z/][^>]*>|\*\*|__|\[[^\]]+\]\(", text), step.id


def test_the_files_are_plain_utf8() -> None:
    for path in [*guide_files(), GUIDE_DIR / RESOURCES_FILE]:
        Path(path).read_bytes().decode("utf-8")
