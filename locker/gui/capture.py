"""Capture the screen: the window hides itself, waits a moment so it is really gone (window
managers animate, compositors repaint), grabs every screen, and comes back.

The wait is a QTimer, never a sleep: the event loop keeps running, so the hide really happens.
The window is shown again whatever happens during the grab. Grabs stay in memory as QImages;
:class:`~locker.gui.import_flow.ImportFlow` encodes them to PNG in a worker.
"""

from __future__ import annotations

import sys
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QWidget

from locker.gui.paste import local_stamp
from locker.gui.tasks import code_locations

# Long enough for a window manager's hide animation and a compositor's repaint; short enough
# that the user is not left wondering where the window went.
DELAY_MS = 550


def _tr(text: str) -> str:
    return QCoreApplication.translate("capture", text)


def grab_screens() -> list[QImage]:
    """One picture per screen, in the order Qt lists them (a null QImage when a screen could
    not be grabbed, e.g. on desktops that forbid it)."""
    return [screen.grabWindow(0).toImage() for screen in QGuiApplication.screens()]


def capture_name(when: datetime, index: int, count: int) -> str:
    """ "Screen capture 2026-11-21 14-03-22.png", or "… (screen 2).png" when there are several."""
    stamp = local_stamp(when)
    if count <= 1:
        return _tr("Screen capture {when}.png").format(when=stamp)
    return _tr("Screen capture {when} (screen {n}).png").format(when=stamp, n=index + 1)


class ScreenCapture(QObject):
    """One capture. :meth:`start` hides the window; after :data:`DELAY_MS` every screen is
    grabbed, the window is shown again, then :attr:`captured` carries ``[(name, image)]``
    (``image`` is None for a screen that could not be grabbed)."""

    captured = Signal(list)

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window: QWidget | None = window
        self._was_visible = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._grab)

    @property
    def active(self) -> bool:
        """True from :meth:`start` until the window is back."""
        return self._timer.isActive()

    def start(self, delay_ms: int | None = None) -> None:
        window = self._window
        if window is None:
            return
        self._was_visible = window.isVisible()
        window.hide()
        self._timer.start(DELAY_MS if delay_ms is None else delay_ms)

    def cancel(self) -> None:
        """Stop before the grab. The window is *not* shown again: whoever cancels (a quick
        exit, a lock) decides what the window does next."""
        self._timer.stop()
        self._window = None

    def _grab(self) -> None:
        images: list[QImage] = []
        when = datetime.now()
        try:
            images = grab_screens()
        except Exception as exc:  # a platform oddity must never leave the window hidden
            sys.stderr.write(
                f"evidence-locker: screen capture failed ({type(exc).__name__})\n"
                + code_locations(exc.__traceback__)
            )
        finally:
            self._restore()
        count = len(images)
        self.captured.emit(
            [
                (capture_name(when, i, count), None if image.isNull() else image)
                for i, image in enumerate(images)
            ]
        )

    def _restore(self) -> None:
        window, self._window = self._window, None
        if window is not None and self._was_visible:
            window.show()
            window.raise_()
            window.activateWindow()
