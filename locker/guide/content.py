"""What the walkthrough is made of, as read from assets/guide/ (no Qt): steps, their parts, the
actions and checklists in them, and the resources (support lines, reporting sites) they point to.

Everything here is frozen: the content is read once from files the program ships and is the same
for every vault. The words come from the files; the few this module writes itself (country
names, "Last checked …") go through ``_`` like every other sentence of the core.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from locker.case.fields import N_
from locker.i18n import _
from locker.vault.errors import InvalidInput

# What an action in a step can do (the GUI knows how to do each; CONTRACT "Action do values").
# All are buttons but "hide-new": an option the user turns on or off, shown as a check box (the
# same "Keep what I add hidden" as on the Evidence tab, so a picture added from the guide is
# hidden too).
ACTIONS = (
    "hide-new",
    "add-files",
    "paste",
    "capture-screen",
    "add-description",
    "log-incident",
    "add-takedown",
    "open-evidence",
    "open-incidents",
    "open-takedowns",
    "open-timeline",
    "open-journal",
    "open-report",
)


_COUNTRIES = {
    "US": N_("United States"),
    "GB": N_("United Kingdom"),
    "AU": N_("Australia"),
    "WORLD": N_("Anywhere"),
}
_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


class GuideError(InvalidInput):
    """The guide's files could not be used. ``problems`` lists every one found, each naming
    the file and the place in it, so an advocate can fix them all in one go."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            _(
                "The guide's files have problems, so the guide cannot be shown. Everything "
                "else works. An advocate can check the files with 'locker guide check'."
            )
        )
        self.problems = list(problems)


@dataclass(frozen=True)
class Phone:
    """A phone number or text (SMS) line, as written in the file; ``label`` is an optional
    other way of writing it ("844-878-CCRI")."""

    number: str
    label: str = ""


@dataclass(frozen=True)
class Resource:
    id: str
    name: str
    purpose: str
    who: str
    country: str  # two capital letters (ISO 3166) or "WORLD"
    phones: tuple[Phone, ...]
    texts: tuple[Phone, ...]
    url: str
    hours: str
    last_checked: str  # "YYYY-MM" or "YYYY-MM-DD"
    source: str

    def checked_on(self) -> date:
        return checked_on(self)


def checked_on(resource: Resource) -> date:
    """The day the resource's facts were last checked (the first of the month for "YYYY-MM")."""
    text = resource.last_checked
    return date.fromisoformat(text if len(text) > 7 else text + "-01")


@dataclass(frozen=True)
class Action:
    do: str  # one of ACTIONS
    label: str
    method: str = ""  # add-takedown only: a locker.case.takedowns.METHODS value to prefill
    missing: str = ""  # said instead of a button when this version cannot do it yet


@dataclass(frozen=True)
class CheckItem:
    id: str
    text: str


@dataclass(frozen=True)
class Part:
    heading: str
    text: str
    resources: tuple[str, ...]
    actions: tuple[Action, ...]
    checklist: tuple[CheckItem, ...]


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    summary: str
    text: str
    parts: tuple[Part, ...]

    def checklist(self) -> tuple[CheckItem, ...]:
        """Every checklist item of the step's parts, in order."""
        return tuple(item for part in self.parts for item in part.checklist)

    def actions(self) -> tuple[Action, ...]:
        return tuple(action for part in self.parts for action in part.actions)

    def resource_ids(self) -> tuple[str, ...]:
        """The ids of the resources the step's parts name, in order, each once."""
        return tuple(dict.fromkeys(r for part in self.parts for r in part.resources))


@dataclass(frozen=True)
class Guide:
    language: str
    title: str
    intro: str
    steps: tuple[Step, ...]
    resources: dict[str, Resource]  # by id, in the order of resources.toml
    # What was left out at run time (a resource with a problem, a translation that gave way
    # to English), as ``locker guide check`` words it; empty when the files are fine.
    problems: tuple[str, ...] = ()

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def index(self, step_id: str) -> int:
        """The step's position (0 for the first), or -1 when the guide has no such step."""
        return next((i for i, s in enumerate(self.steps) if s.id == step_id), -1)


@dataclass(frozen=True)
class Block:
    kind: Literal["paragraph", "list"]
    lines: tuple[str, ...]  # a paragraph: one line; a list: one entry per item


def blocks(text: str) -> list[Block]:
    """The step text as paragraphs and bulleted lists. A blank line ends a paragraph or a list;
    the lines of a paragraph are joined with one space (the file wraps them, the screen
    re-wraps them); a line starting "- " is a list item, and may follow a paragraph line
    directly. A line after an item that does not start "- " continues that item (a long item
    wrapped in the file); a paragraph after a list needs a blank line before it."""
    out: list[Block] = []
    words: list[str] = []  # the paragraph being read
    items: list[str] = []  # the list being read

    def flush() -> None:
        if words:
            out.append(Block("paragraph", (" ".join(words),)))
            words.clear()
        if items:
            out.append(Block("list", tuple(items)))
            items.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("- ") or line == "-":
            if words:
                flush()
            item = line[1:].strip()
            if item:
                items.append(item)
        elif items:
            items[-1] = f"{items[-1]} {line}"
        else:
            words.append(line)
    flush()
    return out


def country_name(code: str) -> str:
    """The country in words ("United States"; "Anywhere" for WORLD), else the code itself."""
    name = _COUNTRIES.get(code)
    return _(name) if name else code


def checked_text(resource: Resource) -> str:
    """ "Last checked November 2026"."""
    day = checked_on(resource)
    return _("Last checked {month} {year}").format(month=_(_MONTHS[day.month - 1]), year=day.year)


def is_stale(resource: Resource, today: date | None = None) -> bool:
    """True when the resource was last checked more than 12 months before ``today``: its
    numbers and addresses may have changed and should be checked again. A month-only date
    counts by months (checked in November 2025 is stale from December 2026)."""
    today = today or date.today()
    day = checked_on(resource)
    if len(resource.last_checked) <= 7:
        return (today.year - day.year) * 12 + (today.month - day.month) > 12
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return day < year_ago
