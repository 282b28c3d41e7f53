"""Finding and reading the guide's files (no Qt): assets/guide/resources.toml and one
guide.<language>.toml, chosen from the user's languages (English when there is none for them).

A Spanish guide is a second file, ``guide.es.toml``, not code. ``locker guide check`` checks
everything strictly and lists every problem together, for whoever edits the files. At run time
the guide is shown whenever it can be, because a survivor may need its 911 and helplines more
than anything else: a translation with a problem gives way to English, a resource with a problem
is left out (the steps naming it skip it), a future "last checked" date is accepted (the clock
may be wrong), and what was left out is listed in ``Guide.problems``. Only English steps that
cannot be read raise :class:`GuideError`. No file, however large or odd, raises anything else.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from locker.guide.content import Guide, GuideError, Part, Resource, checked_text, is_stale
from locker.guide.schema import read_guide, read_resources
from locker.guide.validate import Checker
from locker.i18n import _
from locker.paths import assets_dir

GUIDE_DIR = assets_dir() / "guide"
RESOURCES_FILE = "resources.toml"
ENGLISH = "en"
GUIDE_NAME_RE = re.compile(r"guide\.([a-z]{2,3})\.toml", re.ASCII)
_TAG_RE = re.compile(r"[A-Za-z]{2,3}", re.ASCII)
_LINE_RE = re.compile(r"\(at line (\d+), column \d+\)")
MAX_FILE = 1 << 20  # 1 MB: the shipped files are a few dozen kB; read on the UI thread at start


def guide_name(language: str) -> str:
    return f"guide.{language}.toml"


def language_code(tag: str) -> str:
    """The language of a locale or language tag ("es-MX", "es_MX.UTF-8" → "es"), or "" for
    one that names none ("C", "POSIX", anything else)."""
    if not isinstance(tag, str):
        return ""
    base = re.split(r"[-_.@]", tag.strip(), maxsplit=1)[0]
    return base.lower() if _TAG_RE.fullmatch(base) else ""


def choose_language(languages: Sequence[str], folder: Path) -> str:
    """The first of ``languages`` with a guide file in ``folder``, else English."""
    if isinstance(languages, str):  # one tag given on its own, not its letters
        languages = (languages,)
    for tag in languages:
        code = language_code(tag)
        if code and (folder / guide_name(code)).is_file():
            return code
    return ENGLISH


def guide_files(folder: Path | None = None) -> list[Path]:
    """Every guide.*.toml in the folder, by name (English included when it is there)."""
    folder = Path(folder) if folder is not None else GUIDE_DIR
    try:
        return sorted(p for p in folder.glob("guide.*.toml") if p.is_file())
    except OSError:
        return []


def read_toml(path: Path, c: Checker) -> dict[str, Any] | None:
    """The file's tables, or None after reporting why it cannot be read."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE + 1)  # never more: a huge file must not freeze the start
    except FileNotFoundError:
        c.add("", _("the file is missing (looked in {folder})").format(folder=path.parent))
        return None
    except OSError as exc:
        c.add("", _("the file could not be read ({why})").format(why=exc.strerror or exc))
        return None
    except MemoryError:
        c.add("", _("the file is too large"))
        return None
    if len(raw) > MAX_FILE:
        c.add("", _("the file is too large (more than 1 MB); the guide's files are much smaller"))
        return None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # a mark some editors put first
    except UnicodeDecodeError:
        c.add("", _("the file is not saved as UTF-8 text; please save it as UTF-8"))
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        line = _LINE_RE.search(detail)
        detail = detail.split(" (at ", 1)[0]
        hint = _(
            "it is not written the way this kind of file (TOML) must be ({detail}); look for a "
            "missing quote, bracket or equals sign, or a setting given twice"
        ).format(detail=detail)
        c.add(_("line {n}").format(n=line[1]) if line else "", hint)
        return None
    except (RecursionError, MemoryError, ValueError):  # lists in lists in lists… thousands deep
        c.add(
            "",
            _(
                "it could not be read: it is too deeply nested or too large for a file of this "
                "kind; look for brackets [ ] or braces { } that are never closed"
            ),
        )
        return None


def _read_resources(
    folder: Path, today: date
) -> tuple[dict[str, Resource], set[str] | None, Checker]:
    """The resources without a problem, the ids named (None when the file could not be read)
    and the checker holding the problems and warnings."""
    c = Checker(RESOURCES_FILE)
    data = read_toml(folder / RESOURCES_FILE, c)
    if data is None:
        return {}, None, c
    resources, named = read_resources(data, c, today)
    return resources, named, c


def _read_guide(
    folder: Path, language: str, resources: dict[str, Resource], named: set[str] | None
) -> tuple[Guide | None, Checker]:
    c = Checker(guide_name(language))
    data = read_toml(folder / guide_name(language), c)
    if data is None:
        return None, c
    return read_guide(data, c, language, resources, named), c


def _skip_missing(guide: Guide) -> Guide:
    """The guide with the steps naming only resources it has (one with a problem was left
    out; the step shows the others)."""

    def part(p: Part) -> Part:
        kept = tuple(r for r in p.resources if r in guide.resources)
        return p if kept == p.resources else dataclasses.replace(p, resources=kept)

    steps = tuple(
        dataclasses.replace(s, parts=tuple(part(p) for p in s.parts)) for s in guide.steps
    )
    return dataclasses.replace(guide, steps=steps)


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


@functools.lru_cache(maxsize=8)
def _load(
    folder: Path, language: str, today: date, _files: tuple[tuple[int, int] | None, ...]
) -> Guide:
    """Cached by folder, language, day and the files' size and time (an edit is seen)."""
    resources, named, found = _read_resources(folder, today)
    guide, c = _read_guide(folder, language, resources, named)
    translation: list[str] = []
    if language != ENGLISH and (guide is None or c.problems):
        translation = c.problems  # English instead: every fact is in it, in words that work
        guide, c = _read_guide(folder, ENGLISH, resources, named)
    problems = found.problems + c.problems + translation
    if guide is None or c.serious():
        raise GuideError(problems)
    return dataclasses.replace(_skip_missing(guide), problems=tuple(problems))


def load_guide(
    languages: Sequence[str] = (), folder: Path | None = None, today: date | None = None
) -> Guide:
    """The guide in the first of ``languages`` that has one (``"es-MX"`` → guide.es.toml),
    else in English; in English too when that file has a problem. Resources with a problem are
    left out. ``Guide.problems`` lists what was left out; GuideError (listing every problem
    found in the files read) only when the English steps cannot be shown."""
    folder = Path(folder) if folder is not None else GUIDE_DIR
    language = choose_language(languages, folder)
    files = tuple(_signature(folder / name) for name in (RESOURCES_FILE, guide_name(language)))
    return _load(folder, language, today or date.today(), files)


def check_guide(
    folder: Path | None = None, today: date | None = None
) -> tuple[list[str], list[str]]:
    """Every problem in resources.toml and every guide.*.toml, and the warnings: resources
    last checked more than a year ago or after ``today``, and translations whose steps differ
    from English (the progress of a step is kept by its id, so a translation uses the same
    ids)."""
    folder = Path(folder) if folder is not None else GUIDE_DIR
    today = today or date.today()
    resources, named, found = _read_resources(folder, today)
    problems = list(found.problems)
    warnings = found.warnings + [
        f'{RESOURCES_FILE}, resource "{r.id}": '
        + _(
            "{checked}, more than a year ago; please check its numbers and web address are "
            'still right, then update "last_checked"'
        ).format(checked=checked_text(r))
        for r in resources.values()
        if is_stale(r, today)
    ]
    if not (folder / guide_name(ENGLISH)).is_file():  # the guide falls back to it: required
        c = Checker(guide_name(ENGLISH))
        read_toml(folder / guide_name(ENGLISH), c)
        problems += c.problems
    step_ids: dict[str, list[str]] = {}
    for path in guide_files(folder):
        match = GUIDE_NAME_RE.fullmatch(path.name)
        if match is None:
            problems.append(
                path.name
                + ": "
                + _(
                    "a guide file is named guide.<language>.toml, with the language's two-letter "
                    "code in small letters, like guide.es.toml"
                )
            )
            continue
        guide, c = _read_guide(folder, match[1], resources, named)
        problems += c.problems
        if guide is not None:
            step_ids[match[1]] = [s.id for s in guide.steps]
    english = step_ids.get(ENGLISH)
    for language, ids in step_ids.items():
        if english is None or language == ENGLISH:
            continue
        lacking = [i for i in english if i not in ids]
        extra = [i for i in ids if i not in english]
        if lacking or extra:
            warnings.append(
                guide_name(language)
                + ": "
                + _(
                    "its steps do not have the same ids as in {english} (missing: {lacking}; "
                    "not in {english}: {extra}); the progress of a step is kept by its id, so a "
                    "person who changes language would lose their place"
                ).format(
                    english=guide_name(ENGLISH),
                    lacking=", ".join(lacking) or "-",
                    extra=", ".join(extra) or "-",
                )
            )
    return problems, warnings
