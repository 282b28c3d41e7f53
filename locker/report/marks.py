"""Zero-size flowables that tell the page furniture (pages.py) where it is.

A section puts ``ExhibitMark(exhibit)`` where an exhibit's section starts and
``ExhibitMark(None)`` where it ends; ``SectionMark(title)`` where a part of the document starts
("Timeline", "Integrity appendix"). The canvas keeps what it is told:

- ``page_label``: the exhibit label for this page's header: the exhibit still running when the
  page began, else the first exhibit that starts on it (so the last page of an exhibit keeps
  its label even though the exhibit ends on it);
- ``page_section``: likewise for the part of the document;
- ``exhibit_pages``: {exhibit number: the page its section starts on} (for the exhibit list).

pages.py calls :func:`start_page` at the start of every page and reads :func:`page_state`
when it draws the header and footer.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from locker.report.exhibits import Exhibit


def page_state(canv: Any) -> dict[str, Any]:
    """The marks' state on this canvas (created on first use)."""
    state = getattr(canv, "locker_state", None)
    if state is None:
        state = {
            "exhibit_label": None,  # the exhibit running now
            "section": "",  # the part of the document running now
            "page_label": None,
            "page_section": "",
            "exhibit_pages": {},
        }
        canv.locker_state = state
    return state


def start_page(canv: Any) -> None:
    """A new page begins: it carries the exhibit and section still running."""
    state = page_state(canv)
    state["page_label"] = state["exhibit_label"]
    state["page_section"] = state["section"]


class _Mark(Flowable):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__()
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return (0, 0)


class ExhibitMark(_Mark):
    """Marks the start (an Exhibit) or the end (None) of an exhibit's pages."""

    def __init__(self, exhibit: Exhibit | None) -> None:
        super().__init__()
        self.exhibit = exhibit

    def draw(self) -> None:
        state = page_state(self.canv)
        if self.exhibit is None:
            state["exhibit_label"] = None
            return
        state["exhibit_label"] = self.exhibit.label
        if state["page_label"] is None:
            state["page_label"] = self.exhibit.label
        state["exhibit_pages"].setdefault(self.exhibit.number, self.canv.getPageNumber())


class SectionMark(_Mark):
    """Names the part of the document the following pages belong to."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title

    def draw(self) -> None:
        state = page_state(self.canv)
        state["section"] = self.title
        state["exhibit_label"] = None
        if not state["page_section"]:
            state["page_section"] = self.title
