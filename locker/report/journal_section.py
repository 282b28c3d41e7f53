"""The person's private journal, printed only when they ask (the document decides) (no Qt).

Entries by the day they are about, oldest first, each day then the text as typed (any script,
its line breaks kept). It opens by saying what these pages are: private notes, included at the
person's request.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from locker.case import when
from locker.case.journal import JournalEntry
from locker.i18n import _
from locker.report import rtl
from locker.report.context import ReportContext
from locker.report.timeline_section import kind_sentence, section_start


def _key(entry: JournalEntry) -> tuple[bool, str, str]:
    day = when.date_only(entry.day)
    return (day is None, day.isoformat() if day else "", entry.created_at)


def journal_story(ctx: ReportContext) -> list[Flowable]:
    """The journal part: a one-line note, then each entry's day and text, in date order."""
    styles = ctx.styles
    story = section_start(ctx, _("Journal"))
    story.append(
        rtl.paragraph_flowable(
            _("These are the person's private notes, included in this summary at their request."),
            styles.small,
        )
    )
    entries = sorted(ctx.data.journal, key=_key)
    if not entries:
        return story + kind_sentence(ctx, _("There are no journal entries."))
    for entry in entries:
        day = entry.day.strip() if when.date_only(entry.day) else _("Day not recorded")
        text = rtl.note_flowables(entry.text, styles.body)
        # the day stays with the first line of its text, never alone at the foot of a page
        story.append(KeepTogether([rtl.paragraph_flowable(day, styles.h2), text[0]]))
        story += text[1:]
    return story
