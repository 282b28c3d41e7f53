"""What the guide's buttons do: each action in place opens the program's own flow for it.

The guide (:class:`~locker.gui.guide_page.GuidePage`) only says which action the user asked for
(``action_requested``, an :class:`~locker.guide.content.Action`); this module knows the tabs and
the flows behind them, so the guide never reaches into another page. "Add a screenshot" goes to
the Evidence tab and opens the same file dialog as "Add files…" there; "Log an incident" goes to
the Incidents tab and starts a new incident, exactly as its "New incident" button does.

Going to another tab is the normal tab change: a question about unsaved words on the tab shown
still applies (from the guide there is none: its notes save themselves). The guide asks
:meth:`GuideActions.can_do` which actions this version of the program can do; for the others it
shows the content's ``missing`` sentence instead of a button.

One action is an option, not a deed: "Keep what I add hidden" (``hide-new``). The guide shows it
as a check box bound to the Evidence tab's own option (:meth:`GuideActions.option_for`), so
what is added from the guide right after is hidden as the step says, and both boxes always
agree. A tab an action goes to shows "Back to the guide" (:meth:`CaseScreen.show_from_guide`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from locker.guide.content import Action

if TYPE_CHECKING:
    from locker.gui.case_screen import CaseScreen


class GuideActions(QObject):
    """Runs the guide's actions on ``screen`` (the open vault's tabs), and tells the screen's
    guide which of them it can do. ``window``: the window a screen capture hides while it grabs
    (the screen's own window when None)."""

    def __init__(
        self, screen: CaseScreen, window: QWidget | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent if parent is not None else screen)
        self.screen = screen
        self._window = window
        evidence = screen.evidence
        flow = evidence.import_flow
        self._handlers: dict[str, Callable[[Action], object] | None] = {
            "add-files": lambda _a: self._on_evidence(flow.choose_and_add),
            "paste": lambda _a: self._on_evidence(flow.paste),
            "capture-screen": lambda _a: self._on_evidence(
                lambda: flow.capture_screen(self._capture_window())
            ),
            "add-description": lambda _a: self._on_evidence(lambda: flow.add_description_only()),
            "log-incident": lambda _a: self._log_incident(),
            "add-takedown": self._add_takedown,
            "open-evidence": lambda _a: self._open(evidence),
            "open-incidents": lambda _a: self._open(screen.incidents),
            "open-takedowns": lambda _a: self._open(screen.takedowns),
            "open-timeline": lambda _a: self._open(screen.timeline),
            "open-journal": lambda _a: self._open(screen.journal),
            "open-report": lambda _a: self._open(screen.report),
        }
        # Options the guide shows as check boxes: the program's own, shared with the tabs.
        self._options: dict[str, QAction] = {"hide-new": flow.hide_new.action}
        screen.guide.set_action_check(self.can_do, self.option_for)
        screen.guide.action_requested.connect(self.run)

    def can_do(self, action: Action) -> bool:
        """Whether this program can do ``action`` now (unknown ``do`` values: no)."""
        return self._handlers.get(action.do) is not None or action.do in self._options

    def option_for(self, action: Action) -> QAction | None:
        """The program's option ``action`` stands for (checkable), or None for a deed."""
        return self._options.get(action.do)

    def run(self, action: Action) -> None:
        """Do ``action``: show its tab and open its flow; an option is turned over (as a click
        on its box would). One this program cannot do is ignored (the guide does not offer
        it)."""
        if self.screen.vault is None:
            return
        option = self._options.get(action.do)
        if option is not None:
            option.toggle()
            return
        handler = self._handlers.get(action.do)
        if handler is not None:
            handler(action)

    # --- the actions -------------------------------------------------------------------------

    def _open(self, page: QWidget) -> bool:
        """That tab, through the normal tab change. False if the user stayed where they were
        (words to save first on the tab shown). The tab then offers the way back."""
        return self.screen.show_from_guide(page)

    def _on_evidence(self, flow_step: Callable[[], None]) -> None:
        if self._open(self.screen.evidence):
            flow_step()

    def _capture_window(self) -> QWidget:
        return self._window if self._window is not None else self.screen.window()

    def _log_incident(self) -> None:
        if self._open(self.screen.incidents):
            self.screen.incidents.new_incident()  # an empty form, its title field focused

    def _add_takedown(self, action: Action) -> None:
        page = self.screen.takedowns
        if not self._open(page):
            return
        # The method is where the new report starts, not a change of the user's: leaving the
        # untouched report asks nothing (and an unknown method is the form's own default).
        page.add_report(method=action.method)
