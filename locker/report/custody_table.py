"""The custody log as the integrity appendix prints it (no Qt): the head hash first, then one
row per entry: number, when (UTC, as recorded), what was done in words, what it was about
(an exhibit, incident or takedown request by its number in this summary), what the log says,
and the start of the entry's hash.

A ``journal`` entry's summary is one of three fixed sentences that never hold what was written
(FORMAT.md §7); still, when the journal is not included in the summary its line keeps its
number, time and hash but its summary is printed only as "A private journal entry (not
printed).", so nothing of the private journal can reach the paper unless the user asked for it,
and the list of entries stays complete so the count and the head hash still match the vault.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from locker.i18n import _, ngettext
from locker.report.context import ReportContext
from locker.report.exhibit_pages import value_pieces
from locker.report.fonts import markup
from locker.report.rtl import paragraph_flowable
from locker.report.styles import RULE, SHADE, Styles, body_font
from locker.report.takedowns_section import takedown_order
from locker.report.timeline_section import incident_numbers
from locker.vault.custody import LogEntry

SHORT_HASH = 12  # hex digits of each entry's hash shown in its row

_ITEM_ACTIONS = frozenset({"add", "edit", "export", "original-removed"})
_INCIDENT_ACTIONS = frozenset(
    {"incident-add", "incident-edit", "incident-delete", "link", "unlink"}
)
_TAKEDOWN_ACTIONS = frozenset({"takedown-add", "takedown-edit", "takedown-delete"})


def action_words(action: str) -> str:
    """The custody action in a few plain words (the stored name if it is not known)."""
    words = {
        "vault-created": _("vault created"),
        "add": _("added"),
        "edit": _("edited"),
        "export": _("exported (unencrypted copy)"),
        "verify": _("checked (verify)"),
        "passphrase-changed": _("passphrase changed"),
        "rekey": _("re-encrypted with a new key"),
        "backup": _("backup copy made"),
        "recovery-key-used": _("opened with the recovery key"),
        "original-removed": _("original file deleted"),
        "incident-add": _("incident recorded"),
        "incident-edit": _("incident edited"),
        "incident-delete": _("incident deleted"),
        "link": _("linked to an incident"),
        "unlink": _("unlinked from an incident"),
        "takedown-add": _("takedown recorded"),
        "takedown-edit": _("takedown edited"),
        "takedown-delete": _("takedown deleted"),
        "journal": _("journal"),
        "bundle": _("bundled (originals zip)"),
        "report": _("printed or saved (summary)"),
    }
    return words.get(action, action)


def about_words(
    entry: LogEntry,
    exhibit_of: Mapping[str, str],
    incident_of: Mapping[str, str] | None = None,
    takedown_of: Mapping[str, str] | None = None,
) -> str:
    """What the entry is about: ``"Exhibit 3"``, ``"Incident 2"``, ``"Takedown request 4"`` (as
    the summary numbers them), else an item, incident or takedown not in this summary by the
    start of its id, or the whole vault. ``incident_of``/``takedown_of``: every one in the
    vault by id (None: not known here, so named by id)."""
    if not entry.item:
        return _("the whole vault")
    short = entry.item[:8]
    if entry.action in _ITEM_ACTIONS:
        if entry.item in exhibit_of:
            return exhibit_of[entry.item]
        return _("item {id} (not in this summary)").format(id=short)
    if entry.action in _INCIDENT_ACTIONS:
        if incident_of is None:
            return _("incident {id}").format(id=short)
        if entry.item in incident_of:
            return incident_of[entry.item]
        # deleted since, or unreadable (listed above): the id ties its entries together
        return _("incident {id} (not in this summary)").format(id=short)
    if entry.action in _TAKEDOWN_ACTIONS:
        if takedown_of is not None and entry.item in takedown_of:
            return takedown_of[entry.item]
        return _("takedown request {id} (not in this summary)").format(id=short)
    if entry.action == "journal":
        return _("a journal entry")
    return short


def summary_words(
    entry: LogEntry, include_journal: bool, exhibit_of: Mapping[str, str] | None = None
) -> str:
    """What the log says about the entry, or the journal's stand-in when it is not printed.
    A ``link``/``unlink`` summary names evidence items by id: each exhibit's label is added
    after its id."""
    if entry.action == "journal" and not include_journal:
        return _("A private journal entry (not printed).")
    summary = entry.summary
    if entry.action in ("link", "unlink", "incident-add") and exhibit_of:
        for item_id, label in exhibit_of.items():
            summary = summary.replace(item_id, f"{item_id} ({label})")
    return summary


def when_words(at: str) -> str:
    """``"2026-11-21 07:01:00"`` from the log's ``2026-11-21T07:01:00Z`` (the column says UTC)."""
    if len(at) == 20 and at[10] == "T" and at.endswith("Z"):
        return f"{at[:10]} {at[11:19]}"
    return at


def head_block(ctx: ReportContext) -> list[Flowable]:
    """The head hash in full, boxed, with how many entries it closes."""
    styles, log = ctx.styles, ctx.data.log
    if not ctx.data.head_hash:
        return [paragraph_flowable(_("The custody log has no entries to print."), styles.body)]
    count = ngettext(
        "The log has {n} entry; the newest, entry {last}, was written {at} UTC, and the "
        "head hash is its hash.",
        "The log has {n} entries; the newest, entry {last}, was written {at} UTC, and the "
        "head hash is its hash.",
        len(log),
    ).format(
        n=f"{len(log):,}",
        last=log[-1].seq if log else "?",
        at=when_words(log[-1].at) if log else "?",
    )
    label = Paragraph(markup(_("Custody log head hash:"), bold=True), styles.cell_bold)
    value = Paragraph(ctx.data.head_hash, styles.mono)
    box = Table([[label], [value], [paragraph_flowable(count, styles.cell)]], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                body_font(styles),
                ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [KeepTogether([box]), Spacer(1, 6)]


def _header(styles: Styles) -> list[Flowable]:
    names = (
        _("No."),
        _("When (UTC)"),
        _("What was done"),
        _("About"),
        _("What the log says"),
        _("Entry hash (start)"),
    )
    return [Paragraph(markup(name, bold=True), styles.cell_bold) for name in names]


def _widths(total: float) -> list[float]:
    # "2026-11-21 07:01:00" on one line; "Exhibit 12", "Incident 25" fit the About column
    number, when, action, about, digest = 28.0, 88.0, 64.0, 70.0, 64.0
    rest = max(total - (number + when + action + about + digest), 90.0)
    return [number, when, action, about, rest, digest]


def record_names(ctx: ReportContext) -> tuple[dict[str, str], dict[str, str] | None]:
    """Every incident ("Incident 2") and, when this summary prints them, every takedown request
    ("Takedown request 4") by id, numbered as the incidents and takedowns parts number them."""
    incidents = {i: _("Incident {n}").format(n=n) for i, n in incident_numbers(ctx).items()}
    if not ctx.options.include_takedowns:
        return incidents, None
    takedowns = {
        t.id: _("Takedown request {n}").format(n=n)
        for n, t in enumerate(takedown_order(ctx), start=1)
    }
    return incidents, takedowns


def log_table(
    ctx: ReportContext, entries: Sequence[LogEntry], exhibit_of: Mapping[str, str]
) -> Table:
    """Every entry, one row each, the header repeated on every page. A long summary (a link
    of many items at once names each) goes on in rows of its own under its entry
    (:func:`value_pieces`), ruled as one entry, so no row is taller than a page."""
    styles = ctx.styles
    incident_of, takedown_of = record_names(ctx)
    include_journal = ctx.options.include_journal
    rows: list[list[Flowable | str]] = [list(_header(styles))]
    lines: list[tuple[object, ...]] = []
    for entry in entries:
        summary = summary_words(entry, include_journal, exhibit_of)
        pieces = value_pieces(summary)
        rows.append(
            [
                Paragraph(str(entry.seq), styles.cell),
                Paragraph(when_words(entry.at), styles.cell),
                paragraph_flowable(action_words(entry.action), styles.cell),
                paragraph_flowable(
                    about_words(entry, exhibit_of, incident_of, takedown_of), styles.cell
                ),
                paragraph_flowable(pieces[0], styles.cell),
                Paragraph(entry.hash[:SHORT_HASH], styles.mono),
            ]
        )
        rows += [["", "", "", "", paragraph_flowable(p, styles.cell), ""] for p in pieces[1:]]
        lines.append(("LINEBELOW", (0, len(rows) - 1), (-1, len(rows) - 1), 0.3, RULE))
    table = Table(rows, colWidths=_widths(ctx.frame[0]), repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                body_font(styles),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                *lines,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def custody_story(ctx: ReportContext) -> list[Flowable]:
    """The custody log part of the integrity appendix."""
    styles = ctx.styles
    exhibit_of = {e.item.id: e.label for e in ctx.data.exhibits}
    story: list[Flowable] = [
        paragraph_flowable(_("Custody log"), styles.h2),
        paragraph_flowable(
            _(
                "The vault keeps a log of everything done to the evidence: each entry is chained "
                "to the one before it by its SHA-256, so no entry can be changed, removed or put "
                "in a different order without changing the head hash below. Times are in UTC, "
                "as the log recorded them."
            ),
            styles.small,
        ),
    ]
    story += head_block(ctx)
    if not ctx.options.include_journal and any(e.action == "journal" for e in ctx.data.log):
        story.append(
            paragraph_flowable(
                _(
                    "The private journal is not included in this summary, so its entries are "
                    "listed only by number, time and hash, without what the log says about them."
                ),
                styles.small,
            )
        )
    if ctx.data.log:
        story.append(log_table(ctx, ctx.data.log, exhibit_of))
    return story
