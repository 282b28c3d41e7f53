"""The two kinds of guide file, read into content (no Qt): resources.toml (every support line and
reporting site, in one file an advocate can correct) and guide.<language>.toml (the steps in one
language). The schema is in CONTRACT / FORMAT terms in assets/guide/resources.toml's header;
every rule here reports its problem through a :class:`Checker` and goes on reading.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Any

from locker.case.takedowns import METHODS
from locker.guide.content import ACTIONS, Action, CheckItem, Guide, Part, Phone, Resource, Step
from locker.guide.validate import Checker
from locker.i18n import _

RESOURCE_KEYS = (
    "id",
    "name",
    "purpose",
    "who",
    "country",
    "phone",
    "text",
    "url",
    "hours",
    "last_checked",
    "source",
)
TRANSLATABLE = ("name", "purpose", "who", "hours")  # wording, never facts such as numbers
GUIDE_KEYS = ("language", "title", "intro", "step")
STEP_KEYS = ("id", "title", "summary", "text", "part")
PART_KEYS = ("heading", "text", "resources", "actions", "checklist")
ACTION_KEYS = ("do", "label", "method", "missing")
CHECK_KEYS = ("id", "text")
PHONE_KEYS = ("number", "label")
COUNTRY_RE = re.compile(r"[A-Z]{2}|WORLD", re.ASCII)  # a resource's country, also --country


def _named(kind: str, table: dict[str, Any], n: int) -> str:
    """The place of the n-th ``kind`` in a problem: by its id when it has one, else by number."""
    rid = table.get("id")
    if isinstance(rid, str) and rid.strip():
        return f'{kind} "{rid.strip()}"'
    return f"{kind} {n}"


def read_resources(
    data: dict[str, Any], c: Checker, today: date
) -> tuple[dict[str, Resource], set[str]]:
    """The resources of resources.toml by id, and every id named there (also of resources with
    a problem, so a step naming one is not reported a second time)."""
    c.known_keys(data, ("resource",), "")
    entries = c.tables(data, "resource", "", _("a [[resource]] table for each resource"))
    if not entries:
        c.add(
            "", _("there are no resources in this file; each one starts with a [[resource]] line")
        )
    resources: dict[str, Resource] = {}
    named: set[str] = set()
    for n, entry in enumerate(entries, 1):
        where = _named(_("resource"), entry, n)
        before = len(c.problems)
        c.known_keys(entry, RESOURCE_KEYS, where)
        rid = c.id(entry, where)
        c.unique(rid, named, where, _('another resource has the same "id"; each one needs its own'))
        name = c.text(entry, "name", where, required=True)
        purpose = c.text(entry, "purpose", where, required=True, multiline=True)
        who = c.text(entry, "who", where, required=True, multiline=True, short=True)
        country = c.text(entry, "country", where, required=True)
        if country == "UK":  # the usual slip: ISO 3166 says GB
            c.add(where, _('"country" is "UK", but the code of the United Kingdom is "GB"'))
        elif country and COUNTRY_RE.fullmatch(country) is None:
            c.add(
                where,
                _(
                    '"country" must be two capital letters, such as "US", "GB" or "AU", or '
                    '"WORLD" for a resource open to anyone'
                ),
            )
        phones = _numbers(entry, "phone", _("phone number"), c, where)
        texts = _numbers(entry, "text", _("text line"), c, where)
        url = c.url(c.text(entry, "url", where, short=False), where)  # its own limits
        hours = c.text(entry, "hours", where)
        checked = c.checked_date(entry, where, today)
        source = c.text(entry, "source", where, multiline=True)
        if not any(entry.get(key) for key in ("phone", "text", "url")):
            c.add(
                where,
                _('there is no way to reach it: give at least a "phone", a "text" line or a "url"'),
            )
        if len(c.problems) == before:
            resources[rid] = Resource(
                rid, name, purpose, who, country, phones, texts, url, hours, checked, source
            )
    named.discard("")
    return resources, named


def _numbers(
    entry: dict[str, Any], key: str, what: str, c: Checker, where: str
) -> tuple[Phone, ...]:
    out = []
    example = _('a list like [ { number = "988", label = "" } ]')
    for n, table in enumerate(c.tables(entry, key, where, example), 1):
        place = f"{where}, {what} {n}"
        c.known_keys(table, PHONE_KEYS, place)
        number = c.text(table, "number", place, required=True)
        number = c.number(number, place) if number else ""
        label = c.text(table, "label", place)
        if number:
            out.append(Phone(number, label))
    return tuple(out)


def read_guide(
    data: dict[str, Any],
    c: Checker,
    language: str,
    resources: dict[str, Resource],
    named: set[str] | None,
) -> Guide:
    """The steps of one guide.<language>.toml. ``named``: the resource ids steps may name
    (None when resources.toml could not be read: references are then not checked)."""
    translated = language != "en"
    c.known_keys(data, GUIDE_KEYS + (("resource",) if translated else ()), "")
    stated = c.text(data, "language", "", required=True)
    if stated and stated != language:
        c.add(
            "",
            _(
                '"language" is "{stated}" but the file name says "{language}"; they must be '
                "the same"
            ).format(stated=stated, language=language),
        )
    title = c.text(data, "title", "", required=True)
    intro = c.text(data, "intro", "", multiline=True)
    entries = c.tables(data, "step", "", _("a [[step]] table for each step"))
    if not entries:
        c.add("", _("there are no steps in this file; each one starts with a [[step]] line"))
    steps: list[Step] = []
    ids: set[str] = set()
    for n, entry in enumerate(entries, 1):
        where = _named(_("step"), entry, n)
        step = _read_step(entry, c, where, named)
        c.unique(step.id, ids, where, _('another step has the same "id"; each one needs its own'))
        steps.append(step)
    if translated:
        resources = _translate(data, c, resources, named)
    return Guide(language, title, intro, tuple(steps), resources)


def _read_step(entry: dict[str, Any], c: Checker, where: str, named: set[str] | None) -> Step:
    c.known_keys(entry, STEP_KEYS, where)
    step_id = c.id(entry, where)
    title = c.text(entry, "title", where, required=True)
    summary = c.text(entry, "summary", where, required=True)
    text = c.text(entry, "text", where, required=True, multiline=True)
    parts = []
    checklist_ids: set[str] = set()
    for n, table in enumerate(
        c.tables(entry, "part", where, _("a [[step.part]] table for each part")), 1
    ):
        parts.append(_read_part(table, c, f"{where}, {_('part')} {n}", named, checklist_ids))
    return Step(step_id, title, summary, text, tuple(parts))


def _read_part(
    table: dict[str, Any], c: Checker, where: str, named: set[str] | None, seen: set[str]
) -> Part:
    c.known_keys(table, PART_KEYS, where)
    heading = c.text(table, "heading", where)
    text = c.text(table, "text", where, multiline=True)
    refs = _resource_refs(table, c, where, named)
    actions = []
    for n, raw in enumerate(
        c.tables(table, "actions", where, _('a list like [ { do = "add-files", label = "…" } ]')), 1
    ):
        action = _read_action(raw, c, f"{where}, {_('action')} {n}")
        if action is not None:
            actions.append(action)
    checklist = []
    for n, raw in enumerate(
        c.tables(table, "checklist", where, _('a list like [ { id = "…", text = "…" } ]')), 1
    ):
        place = f"{where}, {_named(_('checklist item'), raw, n)}"
        c.known_keys(raw, CHECK_KEYS, place)
        item_id = c.id(raw, place)
        c.unique(item_id, seen, place, _('another checklist item of this step has the same "id"'))
        item_text = c.text(raw, "text", place, required=True)
        checklist.append(CheckItem(item_id, item_text))
    if not (text or table.get("resources") or table.get("actions") or table.get("checklist")):
        c.add(where, _("this part is empty: give it a text, resources, actions or a checklist"))
    return Part(heading, text, refs, tuple(actions), tuple(checklist))


def _resource_refs(
    table: dict[str, Any], c: Checker, where: str, named: set[str] | None
) -> tuple[str, ...]:
    value = table.get("resources", [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        c.add(where, _('"resources" must be a list of resource ids, like ["ccri-helpline"]'))
        return ()
    refs = tuple(v.strip() for v in value)
    for ref in refs:
        if named is not None and ref not in named:
            # Minor: at run time the step skips it (the resource may have been dropped for a
            # problem of its own, or renamed in one file and not the other).
            c.add(
                where, _('there is no resource "{id}" in resources.toml').format(id=ref), minor=True
            )
    return refs


def _read_action(table: dict[str, Any], c: Checker, where: str) -> Action | None:
    c.known_keys(table, ACTION_KEYS, where)
    do = c.text(table, "do", where, required=True)
    if do and do not in ACTIONS:
        c.add(
            where,
            _(
                '"do" = "{do}" is not something the program knows how to do (it knows: {known})'
            ).format(do=do, known=", ".join(ACTIONS)),
        )
        do = ""
    label = c.text(table, "label", where, required=True)
    method = c.text(table, "method", where)
    if method and do and do != "add-takedown":
        c.add(where, _('"method" can only be given with do = "add-takedown"'))
    elif method and method not in METHODS:
        c.add(
            where,
            _('"method" = "{method}" is not known (it can be: {known})').format(
                method=method, known=", ".join(METHODS)
            ),
        )
    missing = c.text(table, "missing", where, multiline=True)
    return Action(do, label, method, missing) if do else None


def _translate(
    data: dict[str, Any], c: Checker, resources: dict[str, Resource], named: set[str] | None
) -> dict[str, Resource]:
    """The resources with this language's wording (``[resource.<id>]`` tables), facts kept."""
    value = data.get("resource", {})
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        c.add("", _("translated resources must be written as tables like [resource.ccri-helpline]"))
        return resources
    out = dict(resources)
    for rid, table in value.items():
        where = f'{_("resource")} "{rid}"'
        if named is not None and rid not in named:
            c.add(where, _("there is no resource with this id in resources.toml"))
            continue
        c.known_keys(table, TRANSLATABLE, where)
        words = {
            key: c.text(
                table, key, where, required=True, multiline=key != "name", short=key != "purpose"
            )
            for key in TRANSLATABLE
            if key in table
        }
        base = out.get(rid)
        if base is not None:
            out[rid] = dataclasses.replace(
                base,
                name=words.get("name") or base.name,
                purpose=words.get("purpose") or base.purpose,
                who=words.get("who") or base.who,
                hours=words.get("hours") or base.hours,
            )
    return out
