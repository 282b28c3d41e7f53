"""Reading the guide's files: everything an advocate could get wrong is reported, all at once,
naming the file and the place in plain words; Spanish is a second file, not code."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from locker.guide.content import GuideError
from locker.guide.load import check_guide, language_code, load_guide
from locker.guide.validate import safe_web_address
from tests.guide.samples import GUIDE_EN, GUIDE_ES, RESOURCES, TODAY, changed, write_guide

CCRI = 'resources.toml, resource "ccri-helpline": '
SAFETY = 'guide.en.toml, step "safety"'
DOCUMENT = 'guide.en.toml, step "document"'


def problems_of(folder: Path) -> list[str]:
    """The problems ``locker guide check`` lists; loading the guide reports the same ones:
    either the GuideError lists them, or the guide is shown without what has a problem and
    ``Guide.problems`` lists them."""
    problems, _warnings = check_guide(folder, today=TODAY)
    if not (folder / "guide.es.toml").exists():
        try:
            guide = load_guide(folder=folder, today=TODAY)
        except GuideError as caught:
            assert caught.problems == problems
        else:
            assert list(guide.problems) == problems
    return problems


def has(problems: list[str], *expected: str) -> bool:
    return any(all(e in p for e in expected) for p in problems)


def test_the_sample_files_are_fine(tmp_path: Path) -> None:
    folder = write_guide(tmp_path)
    assert check_guide(folder, today=TODAY) == ([], [])
    guide = load_guide(folder=folder, today=TODAY)
    assert guide.language == "en"
    assert guide.title == "What to do if your image is shared"
    assert guide.intro == "Take your time."
    assert list(guide.resources) == ["ccri-helpline", "lifeline-988", "uk-helpline", "stopncii"]
    ccri = guide.resources["ccri-helpline"]
    assert ccri.phones[0].number == "844-878-2274"
    assert ccri.phones[0].label == "844-878-CCRI"
    assert ccri.url == "https://cybercivilrights.org"
    assert ccri.hours == "24 hours a day, 7 days a week"
    assert ccri.source == "CCRI FAQ"
    lifeline = guide.resources["lifeline-988"]
    assert [p.number for p in lifeline.texts] == ["988"] and lifeline.url == ""
    assert lifeline.last_checked == "2026-11-03"
    safety = guide.steps[0]
    assert safety.text.startswith("If you are in danger") and safety.text.endswith("window.")
    assert safety.parts[0].heading == "Help right now"


# Each rule of the files, broken once: (file, text there, replaced by, words of the problem).
RULES = [
    # resources.toml
    (
        "resources",
        'hours = "24',
        'phon = "1"\nhours = "24',
        CCRI + 'there is no setting called "phon"',
    ),
    ("resources", 'id = "ccri-helpline"\n', "", 'resource 1: "id" is missing'),
    ("resources", 'id = "ccri-helpline"', 'id = "CCRI Helpline"', '"id" may hold only lowercase'),
    ("resources", 'id = "uk-helpline"', 'id = "stopncii"', 'the same "id"'),
    ("resources", 'name = "CCRI Crisis Helpline"', 'name = "  "', CCRI + '"name" is empty'),
    ("resources", 'purpose = "Free', 'x = "', CCRI + '"purpose" is missing'),
    ("resources", 'who = "Anyone whose', 'x = "', CCRI + '"who" is missing'),
    ("resources", 'country = "US"\nphone', "phone", CCRI + '"country" is missing'),
    ("resources", 'country = "GB"', 'country = "UK "', 'the United Kingdom is "GB"'),
    ("resources", 'country = "GB"', 'country = "G"', '"country" must be two capital letters'),
    ("resources", 'country = "GB"', 'country = "gb"', '"country" must be two capital letters'),
    ("resources", 'country = "GB"', "country = 44", '"country" must be text in quotes'),
    (
        "resources",
        'url = "https://revengepornhelpline.org.uk"',
        "",
        'resource "uk-helpline": there is no way to reach it',
    ),
    (
        "resources",
        'url = "https://cyber',
        'url = "http://cyber',
        CCRI + 'the web address "url" must start with https://',
    ),
    ("resources", 'url = "https://cybercivilrights.org"', 'url = "https://"', "must start with"),
    ("resources", 'url = "https://cybercivilrights.org"', 'url = "https:x.org"', "https://"),
    ("resources", 'url = "https://cybercivilrights.org"', 'url = "javascript:x"', "https://"),
    ("resources", 'url = "https://cybercivilrights.org"', 'url = "https://x"', "name a site"),
    ("resources", '"https://cybercivilrights.org"', '"https://a..org"', "name a site"),
    ("resources", '"https://cybercivilrights.org"', '"https://x.org:port/"', "name a site"),
    (
        "resources",
        '"https://cybercivilrights.org"',
        '"https://x.org/a b"',
        "must not contain spaces",
    ),
    (
        "resources",
        '"https://cybercivilrights.org"',
        '"https://u:pw@x.org"',
        "user name or password",
    ),
    ("resources", '"https://cybercivilrights.org"', '"https://x.org/\\u202egpj"', "invisible"),
    ("resources", '"https://cybercivilrights.org"', '"https://x.org/\\u0007"', "invisible"),
    ("resources", '"https://cybercivilrights.org"', "[1]", '"url" must be text in quotes'),
    ("resources", '{ number = "988" }', '{ number = "call me" }', "may hold only digits"),
    ("resources", '{ number = "988" }', '{ number = "98" }', "at least 3 digits"),
    ("resources", '{ number = "988" }', '{ label = "x" }', '"number" is missing'),
    (
        "resources",
        '{ number = "988" }',
        '{ number = "988", lable = "x" }',
        'no setting called "lable"',
    ),
    ("resources", '{ number = "988", label = "" }', '{ number = "9" }', "text line 1"),
    (
        "resources",
        'phone = [ { number = "988" } ]',
        'phone = "988"',
        '"phone" must be written as a list',
    ),
    ("resources", 'last_checked = "2026-11-03"', "", '"last_checked" is missing'),
    (
        "resources",
        'last_checked = "2026-11-03"',
        'last_checked = "Nov 2026"',
        "must be a real date",
    ),
    ("resources", 'last_checked = "2026-11-03"', 'last_checked = "2026-02-30"', "real date"),
    ("resources", 'last_checked = "2026-11-03"', 'last_checked = "2026-13"', "real date"),
    ("resources", 'name = "CCRI Crisis Helpline"', 'name = "CCRI\\tCrisis"', "control character"),
    ("resources", 'name = "CCRI Crisis Helpline"', 'name = "CCRI\\nCrisis"', "control character"),
    (
        "resources",
        "# Help lines",
        'title = "x"\n#',
        'resources.toml: there is no setting called "title"',
    ),
    # guide.en.toml
    ("en", 'language = "en"', "", 'guide.en.toml: "language" is missing'),
    ("en", 'language = "en"', 'language = "es"', 'the file name says "en"'),
    ("en", 'title = "What to do', 'titel = "What to do', 'no setting called "titel"'),
    ("en", 'title = "What to do', 'titel = "What to do', 'guide.en.toml: "title" is missing'),
    (
        "en",
        'intro = "Take',
        '[resource.stopncii]\nname = "S"\nx = "',
        'no setting called "resource"',
    ),
    (
        "en",
        'id = "safety"',
        'id = "Safety First"',
        'step "Safety First": "id" may hold only lowercase',
    ),
    ("en", 'id = "support"', 'id = "safety"', 'another step has the same "id"'),
    ("en", 'title = "Safety first"\n', "", SAFETY + ': "title" is missing'),
    ("en", 'summary = "What to capture."', 'sumary = "x"', DOCUMENT + ': "summary" is missing'),
    ("en", 'summary = "What to capture."', 'sumary = "x"', 'no setting called "sumary"'),
    ("en", 'text = "Capture as soon as you can."', "", DOCUMENT + ': "text" is missing'),
    ("en", 'text = "Capture as soon as you can."', 'text = """\n\n"""', '"text" is empty'),
    ("en", "Capture as soon", "Capture\\u0007as soon", '"text" holds an invisible control'),
    ("en", "Capture as soon", "Capture\\tas soon", '"text" holds an invisible control'),
    (
        "en",
        'heading = "Help right now"\nresources = ["lifeline-988"]',
        'heading = "Help"',
        "part 1: this part is empty",
    ),
    (
        "en",
        'resources = ["lifeline-988"]',
        'resources = ["nope"]',
        'there is no resource "nope" in resources.toml',
    ),
    (
        "en",
        'resources = ["lifeline-988"]',
        'resources = "lifeline-988"',
        '"resources" must be a list',
    ),
    (
        "en",
        'heading = "Help right now"',
        'heading = "Help"\nlinks = []',
        'part 1: there is no setting called "links"',
    ),
    ("en", '{ do = "add-files",', '{ do = "fly",', DOCUMENT + ', part 1, action 1: "do" = "fly"'),
    ("en", '{ do = "add-files",', "{", 'action 1: "do" is missing'),
    ("en", ', label = "Add a screenshot" }', " }", 'action 1: "label" is missing'),
    (
        "en",
        'label = "Add a screenshot" }',
        'label = "x", method = "form" }',
        '"method" can only be given with do = "add-takedown"',
    ),
    ("en", 'method = "stopncii"', 'method = "fax"', '"method" = "fax" is not known'),
    (
        "en",
        'label = "Add a screenshot" }',
        'label = "x", icon = "y" }',
        'action 1: there is no setting called "icon"',
    ),
    ("en", "actions = [", 'actions = "add-files"\nx = [', '"actions" must be written as a list'),
    ("en", '{ id = "date-visible",', "{", 'checklist item 1: "id" is missing'),
    (
        "en",
        '{ id = "full-url",',
        '{ id = "date-visible",',
        'checklist item "date-visible": another checklist item',
    ),
    (
        "en",
        '{ id = "kept-originals",',
        '{ id = "full-url",',
        'part 2, checklist item "full-url": another checklist item',
    ),
    (
        "en",
        ', text = "The date and time show" }',
        " }",
        'checklist item "date-visible": "text" is missing',
    ),
    (
        "en",
        '{ id = "date-visible", text',
        '{ id = "date-visible", done = true, text',
        'no setting called "done"',
    ),
    ("en", "[[step.part]]\ntext = ", "[step.part]\ntext = ", "line "),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), RULES)
def test_each_rule_reports_its_problem(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    base = {"resources": RESOURCES, "en": GUIDE_EN}[file]
    folder = write_guide(tmp_path, **{file: changed(base, old, new)})
    problems = problems_of(folder)
    assert has(problems, expected), problems


def test_the_keep_hidden_option_is_an_action_the_files_may_name(tmp_path: Path) -> None:
    """``hide-new``: "Keep what I add hidden", a check box the guide shows before the add
    buttons; like any action it needs a label and takes no method."""
    option = '{ do = "hide-new", label = "Keep what I add hidden (intimate images)" },\n    '
    en = changed(GUIDE_EN, '{ do = "add-files",', option + '{ do = "add-files",')
    folder = write_guide(tmp_path, en=en)
    assert problems_of(folder) == []
    document = load_guide(folder=folder, today=TODAY).step("document")
    assert document is not None
    assert [a.do for a in document.actions()][:2] == ["hide-new", "add-files"]
    assert document.actions()[0].label == "Keep what I add hidden (intimate images)"
    no_label = changed(en, ', label = "Keep what I add hidden (intimate images)" }', " }")
    assert has(problems_of(write_guide(tmp_path, en=no_label)), 'action 1: "label" is missing')
    method = changed(en, 'hidden (intimate images)" }', 'hidden", method = "form" }')
    problems = problems_of(write_guide(tmp_path, en=method))
    assert has(problems, '"method" can only be given with do = "add-takedown"')


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    resources = changed(RESOURCES, 'country = "GB"', 'country = "UK"')
    resources = changed(resources, 'url = "https://stopncii.org"', 'url = "http://stopncii.org"')
    guide = changed(GUIDE_EN, '{ do = "add-files",', '{ do = "fly",')
    guide = changed(guide, 'summary = "People who can help."\n', "")
    problems = problems_of(write_guide(tmp_path, resources=resources, en=guide))
    assert len(problems) == 4, problems
    assert has(problems, 'resources.toml, resource "uk-helpline": "country"')
    assert has(problems, 'resources.toml, resource "stopncii": the web address')
    assert has(problems, 'guide.en.toml, step "document", part 1, action 1: "do" = "fly"')
    assert has(problems, 'guide.en.toml, step "support": "summary" is missing')


def test_a_resource_with_a_problem_is_not_reported_again_where_a_step_names_it(
    tmp_path: Path,
) -> None:
    resources = changed(RESOURCES, 'country = "GB"', 'country = "UK"')
    problems = problems_of(write_guide(tmp_path, resources=resources))
    assert problems == [
        'resources.toml, resource "uk-helpline": "country" is "UK", but the code of the United '
        'Kingdom is "GB"'
    ]


def test_resources_without_an_id_are_not_taken_for_the_same_one(tmp_path: Path) -> None:
    resources = changed(RESOURCES, 'id = "uk-helpline"\n', "")
    resources = changed(resources, 'id = "stopncii"\n', "")
    guide = changed(GUIDE_EN, '"uk-helpline", "stopncii", ', "")
    problems = problems_of(write_guide(tmp_path, resources=resources, en=guide))
    assert problems == [
        'resources.toml, resource 3: "id" is missing',
        'resources.toml, resource 4: "id" is missing',
    ]


def test_a_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    resources = changed(RESOURCES, 'name = "988 Suicide', "name = 988 Suicide")
    problems = problems_of(write_guide(tmp_path, resources=resources))
    line = resources.splitlines().index('name = 988 Suicide & Crisis Lifeline"') + 1
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"resources.toml, line {line}: it is not written the way")
    assert "missing quote" in problems[0]


def test_a_single_resource_table_instead_of_a_list_is_a_problem(tmp_path: Path) -> None:
    resources = '[resource]\nid = "ccri-helpline"\n'
    problems = problems_of(write_guide(tmp_path, resources=resources))
    assert has(problems, 'resources.toml: "resource" must be written as a [[resource]] table')


def test_a_key_given_twice_is_a_problem(tmp_path: Path) -> None:
    guide = changed(GUIDE_EN, 'title = "Get support"', 'title = "Get support"\ntitle = "Again"')
    assert has(problems_of(write_guide(tmp_path, en=guide)), "guide.en.toml", "given twice")


def test_missing_unreadable_and_empty_files(tmp_path: Path) -> None:
    problems = problems_of(write_guide(tmp_path / "a", resources=None))
    assert has(problems, "resources.toml: the file is missing")
    problems = problems_of(write_guide(tmp_path / "b", en=None))
    assert has(problems, "guide.en.toml: the file is missing")
    problems = problems_of(write_guide(tmp_path / "c", resources=b"name = '\xff\xfe'\n"))
    assert has(problems, "resources.toml: the file is not saved as UTF-8")
    problems = problems_of(write_guide(tmp_path / "d", resources="# nothing yet\n"))
    assert has(problems, "resources.toml: there are no resources in this file")
    problems = problems_of(write_guide(tmp_path / "e", en='language = "en"\ntitle = "T"\n'))
    assert problems == [
        "guide.en.toml: there are no steps in this file; each one starts with a [[step]] line"
    ]


def test_windows_line_endings_a_byte_order_mark_and_unquoted_dates_are_fine(
    tmp_path: Path,
) -> None:
    resources = changed(RESOURCES, 'last_checked = "2026-11-03"', "last_checked = 2026-11-03")
    en = "\ufeff" + GUIDE_EN.replace("\n", "\r\n")
    guide = load_guide(folder=write_guide(tmp_path, resources=resources, en=en), today=TODAY)
    assert guide.resources["lifeline-988"].last_checked == "2026-11-03"
    assert "\r" not in guide.steps[0].text
    assert guide.steps[0].text.count("\n") == 4  # the blank line between paragraphs is kept


def test_texts_are_trimmed_and_newlines_are_kept_only_in_long_texts(tmp_path: Path) -> None:
    en = changed(GUIDE_EN, 'title = "Safety first"', 'title = "  Safety first  "')
    guide = load_guide(folder=write_guide(tmp_path, en=en), today=TODAY)
    assert guide.steps[0].title == "Safety first"
    assert guide.steps[0].text == (
        "If you are in danger right now,\ncall 911.\n\n"
        "- Use a safer device if you can.\n- Quick exit hides the window."
    )


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    folder = write_guide(tmp_path)
    assert load_guide(folder=folder, today=TODAY).title == "What to do if your image is shared"
    assert load_guide(folder=folder, today=TODAY) is load_guide(folder=folder, today=TODAY)
    write_guide(folder, en=changed(GUIDE_EN, "What to do if", "What you can do if"))
    assert load_guide(folder=folder, today=TODAY).title == "What you can do if your image is shared"


def test_a_resource_checked_more_than_a_year_ago_is_a_warning_not_a_problem(
    tmp_path: Path,
) -> None:
    resources = changed(RESOURCES, 'last_checked = "2026-11-03"', 'last_checked = "2025-10-31"')
    folder = write_guide(tmp_path, resources=resources)
    problems, warnings = check_guide(folder, today=TODAY)
    assert problems == []
    assert len(warnings) == 1
    assert warnings[0].startswith(
        'resources.toml, resource "lifeline-988": Last checked October 2025'
    )
    assert load_guide(folder=folder, today=TODAY).resources["lifeline-988"]  # still shown


# ---- languages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("es-MX", "es"),
        ("es_MX", "es"),
        ("es", "es"),
        ("ES", "es"),
        ("es_MX.UTF-8", "es"),
        ("ca@valencia", "ca"),
        ("fil-PH", "fil"),
        ("C", ""),
        ("POSIX", ""),
        ("C.UTF-8", ""),
        ("", ""),
        ("12-34", ""),
        ("../../etc/x", ""),
        ("e s", ""),
    ],
)
def test_language_codes(tag: str, code: str) -> None:
    assert language_code(tag) == code


@pytest.mark.parametrize(
    ("languages", "expected"),
    [
        (["es-MX"], "es"),
        (["es_MX"], "es"),
        (["es"], "es"),
        ("es-MX", "es"),  # one tag on its own
        (["fr-FR", "es-US", "en"], "es"),  # the first one that has a guide
        (["en-US", "es"], "en"),  # English first: English, even though Spanish exists
        (["C"], "en"),
        (["POSIX"], "en"),
        (["zz-garbage!"], "en"),
        ([], "en"),
    ],
)
def test_the_guide_is_in_the_users_language_when_there_is_a_file_for_it(
    tmp_path: Path, languages: list[str], expected: str
) -> None:
    folder = write_guide(tmp_path, es=GUIDE_ES)
    assert load_guide(languages, folder=folder, today=TODAY).language == expected


def test_without_a_spanish_file_a_spanish_speaker_gets_english(tmp_path: Path) -> None:
    guide = load_guide(["es-MX"], folder=write_guide(tmp_path), today=TODAY)
    assert guide.language == "en"


def test_spanish_is_a_second_file_that_translates_wording_never_facts(tmp_path: Path) -> None:
    folder = write_guide(tmp_path, es=GUIDE_ES)
    assert check_guide(folder, today=TODAY) == ([], [])
    es = load_guide(["es-MX"], folder=folder, today=TODAY)
    assert es.title == "Qué hacer si comparten tu imagen"
    assert [s.title for s in es.steps] == [
        "Primero, tu seguridad",
        "Guarda un registro",
        "Busca apoyo",
    ]
    ccri = es.resources["ccri-helpline"]
    assert (ccri.name, ccri.purpose, ccri.who, ccri.hours) == (
        "Línea de ayuda de CCRI",
        "Ayuda gratuita y confidencial.",
        "Cualquier persona.",
        "Las 24 horas",
    )
    assert ccri.phones[0].number == "844-878-2274"  # facts come from resources.toml
    assert ccri.url == "https://cybercivilrights.org"
    assert es.resources["stopncii"].name == "StopNCII.org"  # not translated: as written
    en = load_guide(folder=folder, today=TODAY)
    assert en.resources["ccri-helpline"].name == "CCRI Crisis Helpline"  # English untouched


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'hours = "Las 24 horas"',
            'phone = "555"',
            'guide.es.toml, resource "ccri-helpline": there is no setting called "phone"',
        ),
        (
            "[resource.ccri-helpline]",
            "[resource.nope]",
            'guide.es.toml, resource "nope": there is no resource with this id',
        ),
        (
            'who = "Cualquier persona."',
            'who = ""',
            'guide.es.toml, resource "ccri-helpline": "who" is empty',
        ),
        ('language = "es"', 'language = "en"', 'the file name says "es"'),
        (
            '{ do = "add-files",',
            '{ do = "volar",',
            'guide.es.toml, step "document", part 1, action 1: "do" = "volar"',
        ),
    ],
)
def test_the_spanish_file_is_checked_by_the_same_rules(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    folder = write_guide(tmp_path, es=changed(GUIDE_ES, old, new))
    problems, _w = check_guide(folder, today=TODAY)
    assert has(problems, expected), problems
    # A Spanish speaker gets the English guide, and the page can say why.
    guide = load_guide(["es"], folder=folder, today=TODAY)
    assert guide.language == "en" and guide.title == "What to do if your image is shared"
    assert list(guide.problems) == problems
    assert load_guide(["en"], folder=folder, today=TODAY).problems == ()  # English still fine


def test_a_translation_with_other_steps_is_a_warning(tmp_path: Path) -> None:
    es = changed(GUIDE_ES, 'id = "support"', 'id = "apoyo"')
    problems, warnings = check_guide(write_guide(tmp_path, es=es), today=TODAY)
    assert problems == []
    assert has(warnings, "guide.es.toml: its steps do not have the same ids", "support", "apoyo")


def test_a_badly_named_guide_file_is_a_problem(tmp_path: Path) -> None:
    folder = write_guide(tmp_path)
    (folder / "guide.Spanish.toml").write_text(GUIDE_ES, encoding="utf-8")
    problems, _w = check_guide(folder, today=TODAY)
    assert has(problems, "guide.Spanish.toml: a guide file is named guide.<language>.toml")


def test_the_check_reads_every_guide_file(tmp_path: Path) -> None:
    folder = write_guide(tmp_path, es=changed(GUIDE_ES, 'title = "Busca apoyo"', 'title = ""'))
    fr = changed(GUIDE_ES, 'language = "es"', 'language = "fr"')
    (folder / "guide.fr.toml").write_text(changed(fr, 'summary = "Qué capturar."\n', ""), "utf-8")
    problems, _w = check_guide(folder, today=TODAY)
    assert has(problems, 'guide.es.toml, step "support": "title" is empty')
    assert has(problems, 'guide.fr.toml, step "document": "summary" is missing')


def test_the_shipped_folder_is_the_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from locker.guide import load

    folder = write_guide(tmp_path)
    monkeypatch.setattr(load, "GUIDE_DIR", folder)
    assert load_guide(today=TODAY).title == "What to do if your image is shared"
    assert check_guide(today=TODAY) == ([], [])


def test_a_file_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    folder = write_guide(tmp_path, resources=None)
    (folder / "resources.toml").mkdir()  # a folder where the file should be: read fails
    assert has(problems_of(folder), "resources.toml: the file could not be read")


@pytest.mark.parametrize(("old", "new"), [("2026-11-03", "2026-12"), ("2026-11-03", "2026-11-22")])
def test_a_check_date_after_today_is_a_warning_of_the_check(
    tmp_path: Path, old: str, new: str
) -> None:
    folder = write_guide(tmp_path, resources=changed(RESOURCES, old, new))
    problems, warnings = check_guide(folder, today=TODAY)
    assert problems == []
    assert has(warnings, f'resource "lifeline-988": "last_checked" is in the future ({new})')
    guide = load_guide(folder=folder, today=TODAY)
    assert guide.resources["lifeline-988"].last_checked == new and guide.problems == ()


def test_a_wrong_clock_never_hides_the_guide(tmp_path: Path) -> None:
    """A computer whose clock says 2020 (a dead battery) still shows every resource."""
    folder = write_guide(tmp_path)
    guide = load_guide(folder=folder, today=date(2020, 1, 1))
    assert "ccri-helpline" in guide.resources and guide.problems == ()
    shipped = load_guide(today=date(2020, 1, 1))
    assert "emergency-us" in shipped.resources and shipped.problems == ()
    _problems, warnings = check_guide(folder, today=date(2026, 10, 31))
    assert has(warnings, CCRI + '"last_checked" is in the future (2026-11)')


# A content file can never stop the program: at worst the guide is left out, said so.
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("x = " + "[" * 5000 + "]" * 5000 + "\n", "it could not be read: it is too deeply nested"),
        ("x = " + "{ a = " * 5000 + "1" + " }" * 5000 + "\n", "too deeply nested"),
        ("# " + "x" * (1 << 20) + "\n", "the file is too large"),
    ],
)
@pytest.mark.parametrize("name", ["resources.toml", "guide.en.toml"])
def test_a_nested_or_huge_file_is_a_problem_not_a_crash(
    tmp_path: Path, name: str, text: str, words: str
) -> None:
    folder = write_guide(tmp_path)
    (folder / name).write_text(text, encoding="utf-8")
    problems = problems_of(folder)
    assert has(problems, f"{name}: ", words), problems


# Look-alike, reordered or huge texts: what Copy copies must be what the screen shows.
SPOOFS = [
    ("https://cybercivilrights.org", "https://cybercivilr\u0456ghts.org", "xn-- form"),
    ("https://cybercivilrights.org", "https://cybercivilrights.org@evil.example", "user name"),
    ("https://cybercivilrights.org", "https://a.org/" + "x" * 2000, '"url" is too long'),
    ('name = "CCRI Crisis Helpline"', 'name = "RAINN \u202egpj.exe"', "direction of the text"),
    ('label = "844-878-CCRI"', 'label = "844-878-\u2066CCRI"', '"label" holds an invisible'),
    ('who = "Anyone whose', 'who = "\u202bAnyone whose', '"who" holds an invisible'),
    ('name = "CCRI Crisis Helpline"', 'name = "' + "N" * 301 + '"', '"name" is too long'),
    ('who = "Anyone whose', 'who = "' + "w" * 301, '"who" is too long'),
    ('hours = "24 hours', 'hours = "' + "h" * 301, '"hours" is too long'),
    ('label = "844-878-CCRI"', 'label = "' + "L" * 301 + '"', '"label" is too long'),
]


@pytest.mark.parametrize(("old", "new", "words"), SPOOFS)
def test_look_alike_reordered_and_huge_resource_texts_are_problems(
    tmp_path: Path, old: str, new: str, words: str
) -> None:
    problems = problems_of(write_guide(tmp_path, resources=changed(RESOURCES, old, new)))
    assert has(problems, 'resources.toml, resource "ccri-helpline"', words), problems


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ('title = "Safety first"', 'title = "' + "T" * 301 + '"', '"title" is too long'),
        ('summary = "What to capture."', 'summary = "\u202dx"', '"summary" holds an invisible'),
        ('heading = "Help right now"', 'heading = "' + "H" * 301 + '"', '"heading" is too long'),
        ('label = "Add a screenshot"', 'label = "Add\u2067"', '"label" holds an invisible'),
        ('text = "The date and time show"', 'text = "' + "c" * 301 + '"', '"text" is too long'),
        ('text = "Capture as soon as you can."', 'text = "' + "p" * 20001 + '"', "too long"),
    ],
)
def test_step_texts_have_limits_and_no_reordering_characters(
    tmp_path: Path, old: str, new: str, words: str
) -> None:
    problems = problems_of(write_guide(tmp_path, en=changed(GUIDE_EN, old, new)))
    assert has(problems, "guide.en.toml", words), problems


def test_long_paragraphs_and_an_international_name_in_its_xn_form_are_fine(tmp_path: Path) -> None:
    en = changed(GUIDE_EN, "Capture as soon as you can.", "word " * 3900)
    resources = changed(RESOURCES, "https://stopncii.org", "https://xn--stopnci-9za.example/a")
    folder = write_guide(tmp_path, en=en, resources=resources)
    assert check_guide(folder, today=TODAY) == ([], [])


@pytest.mark.parametrize(
    "url",
    [
        "https://cybercivilrights.org",
        "https://cybercivilrights.org/faq?x=1#top",
        "https://xn--80ak6aa92e.com/",
        "https://www.esafety.gov.au:443/report",
    ],
)
def test_safe_web_address_lets_real_addresses_through(url: str) -> None:
    assert safe_web_address(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "http://cybercivilrights.org",
        "data:text/html,<b>x</b>",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "https://cybercivilrights.org@evil.example",
        "https://user:pw@cybercivilrights.org",
        "https://cybercivilr\u0456ghts.org",
        "https://cybercivilrights.org/\u202egpj",
        "https://cybercivilrights.org/a\x00b",
        "https://cybercivilrights.org/a b",
        "https://a.org/" + "x" * 2000,
        "https://localhost",
        "https://",
        "",
        None,
        42,
    ],
)
def test_safe_web_address_refuses_everything_else(url: object) -> None:
    assert safe_web_address(url) is None


# At run time the guide is shown whenever it can be; only `locker guide check` is strict.
def test_a_resource_with_a_problem_is_left_out_and_the_steps_skip_it(tmp_path: Path) -> None:
    resources = changed(RESOURCES, 'country = "GB"', 'country = "gb"')
    guide = load_guide(folder=write_guide(tmp_path, resources=resources), today=TODAY)
    assert list(guide.resources) == ["ccri-helpline", "lifeline-988", "stopncii"]
    support = guide.step("support")
    assert support is not None
    assert support.resource_ids() == ("ccri-helpline", "stopncii")
    assert len(guide.steps) == 3 and guide.step("safety") is not None
    assert has(list(guide.problems), 'resources.toml, resource "uk-helpline": "country"')


def test_a_step_naming_an_unknown_resource_skips_it(tmp_path: Path) -> None:
    en = changed(GUIDE_EN, 'resources = ["lifeline-988"]', 'resources = ["lifeline-989"]')
    guide = load_guide(folder=write_guide(tmp_path, en=en), today=TODAY)
    safety = guide.step("safety")
    assert safety is not None and safety.resource_ids() == ()
    assert guide.problems == (
        'guide.en.toml, step "safety", part 1: there is no resource "lifeline-989" in '
        "resources.toml",
    )


def test_unreadable_resources_leave_the_steps_readable(tmp_path: Path) -> None:
    guide = load_guide(folder=write_guide(tmp_path, resources="x = [\n"), today=TODAY)
    assert guide.resources == {} and len(guide.steps) == 3
    assert all(s.resource_ids() == () for s in guide.steps)
    assert has(list(guide.problems), "resources.toml", "it is not written the way")


def test_a_broken_translation_gives_way_to_english(tmp_path: Path) -> None:
    folder = write_guide(tmp_path, es="language = [\n")
    guide = load_guide(["es-MX"], folder=folder, today=TODAY)
    assert guide.language == "en" and len(guide.steps) == 3
    assert has(list(guide.problems), "guide.es.toml", "it is not written the way")


def test_english_steps_that_cannot_be_read_still_raise(tmp_path: Path) -> None:
    folder = write_guide(tmp_path, en="title = [\n", es=GUIDE_ES.replace("Busca", "\u202e"))
    with pytest.raises(GuideError):
        load_guide(["es"], folder=folder, today=TODAY)
    with pytest.raises(GuideError) as caught:
        load_guide(folder=write_guide(tmp_path / "b", en=None), today=TODAY)
    assert has(caught.value.problems, "guide.en.toml: the file is missing")


def test_the_control_character_check_is_exactly_unicode_category_cc() -> None:
    """The fast check (one regex) refuses exactly the characters Unicode calls controls (Cc),
    and the paragraph version lets a line break through."""
    import unicodedata

    from locker.guide.validate import _CONTROL, _CONTROL_BUT_NEWLINE

    controls = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cc"}
    caught = {chr(c) for c in range(0x3000) if _CONTROL.search(chr(c))}
    assert caught == controls
    assert {ch for ch in controls if _CONTROL_BUT_NEWLINE.search(ch)} == controls - {"\n"}
