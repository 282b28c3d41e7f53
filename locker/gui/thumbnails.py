"""Grid pictures: thumbnails decrypted from the vault on demand, and drawn type tiles.

A thumbnail is asked for only when the grid paints its cell (so only visible items cost
anything). The JPEG bytes are decrypted and decoded from memory on a small worker thread and
the picture is handed back on the UI thread: the vault holds one lock for every access, so a
read on the UI thread would wait for a whole file of a running import to be written.

What is kept is bounded: at most ``capacity`` pictures, least recently shown dropped first, all
dropped by :meth:`ThumbnailStore.clear` (on lock). An intimate item that is not revealed is only
ever kept blurred: its sharp picture is blurred on arrival, and blurred again at once when the
item is hidden (:meth:`ThumbnailStore.rehide`).
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPointF, QRect, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap, QPolygonF

from locker.gui.blur import blurred
from locker.gui.tasks import as_vault_error
from locker.vault import VaultError

Loader = Callable[[str], bytes | None]  # item id -> JPEG bytes of its thumbnail, or None


class _Status:
    """Markers returned by :meth:`ThumbnailStore.lookup` when there is no picture (yet)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


LOADING = _Status("LOADING")  # asked for, not here yet
NO_PICTURE = _Status("NO_PICTURE")  # the vault has none, or it could not be read or decoded


@dataclass
class _Entry:
    pixmap: QPixmap | None  # None: there is no picture for this item
    hidden: bool  # True: the pixmap is the blurred one


class _Signals(QObject):
    done = Signal(int, str, QImage)  # generation, item id, decoded picture (null if none)


class ThumbnailStore(QObject):
    """Loads, keeps and forgets the grid's pictures. Use from the UI thread only."""

    ready = Signal(str)  # this item's picture arrived (or is known to be missing)

    MAX_QUEUE = 96  # requests not started yet; older ones are dropped (scrolled past)

    def __init__(
        self,
        size: QSize,
        *,
        dpr: float = 1.0,
        capacity: int = 300,
        threads: int = 1,
        is_hidden: Callable[[str], bool] = lambda _id: False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.size = QSize(size)  # the grid's picture box, in device-independent pixels
        self.dpr = dpr
        self.pixel_size = QSize(round(size.width() * dpr), round(size.height() * dpr))
        self.capacity = capacity
        self.threaded = threads > 0
        self.is_hidden = is_hidden
        self._loader: Loader | None = None
        self._cache: OrderedDict[str, _Entry] = OrderedDict()
        self._queue: OrderedDict[str, None] = OrderedDict()  # newest request last
        self._running: set[str] = set()
        self._generation = 0
        self._generations = itertools.count(1)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, threads))
        self._signals = _Signals(self)
        self._signals.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    # --- public --------------------------------------------------------------------------

    def set_loader(self, loader: Loader | None) -> None:
        """Where pictures come from (``None`` when the vault is locked). Forgets everything."""
        self.clear()
        self._loader = loader

    def lookup(self, item_id: str, hidden: bool) -> QPixmap | _Status:
        """The picture to show now. Asks for it when it is not known yet."""
        entry = self._cache.get(item_id)
        if entry is None:
            self._request(item_id)
            return LOADING
        self._cache.move_to_end(item_id)
        if entry.pixmap is None:
            return NO_PICTURE
        if hidden and not entry.hidden:
            self._blur(entry)
        elif entry.hidden and not hidden:
            # The sharp picture was never kept: fetch it again; show the blurred one meanwhile.
            self._request(item_id, again=True)
        return entry.pixmap

    def rehide(self, item_ids: set[str]) -> None:
        """Blur, now, any sharp picture kept for these items (they are intimate and hidden)."""
        for item_id in item_ids:
            entry = self._cache.get(item_id)
            if entry is not None and entry.pixmap is not None and not entry.hidden:
                self._blur(entry)

    def retain(self, item_ids: set[str]) -> None:
        """Forget the pictures of items that are no longer shown."""
        for item_id in [i for i in self._cache if i not in item_ids]:
            del self._cache[item_id]
        for item_id in [i for i in self._queue if i not in item_ids]:
            del self._queue[item_id]

    def forget(self, item_id: str) -> None:
        """Drop what is kept for one item (its picture or its flag changed)."""
        self._cache.pop(item_id, None)
        self._queue.pop(item_id, None)

    def clear(self) -> None:
        """Drop every picture and every waiting request; results still on their way are
        thrown away when they arrive."""
        self._cache.clear()
        self._queue.clear()
        self._generation = next(self._generations)

    @property
    def busy(self) -> bool:
        """True while some picture is asked for and not delivered yet."""
        return bool(self._queue or self._running)

    def cached_count(self) -> int:
        return len(self._cache)

    def has_sharp_picture(self, item_id: str) -> bool:
        """True if an unblurred picture of this item is held (for tests of intimate items)."""
        entry = self._cache.get(item_id)
        return entry is not None and entry.pixmap is not None and not entry.hidden

    def wait(self) -> None:
        """Finish the loads under way (tests and measurements)."""
        self._pool.waitForDone()

    # --- loading -------------------------------------------------------------------------

    def _request(self, item_id: str, again: bool = False) -> None:
        if self._loader is None or item_id in self._running:
            return
        if not again and item_id in self._cache:
            return
        self._queue[item_id] = None
        self._queue.move_to_end(item_id)
        while len(self._queue) > self.MAX_QUEUE:
            self._queue.popitem(last=False)
        self._start_more()

    def _start_more(self) -> None:
        limit = self._pool.maxThreadCount() if self.threaded else 1
        while self._queue and len(self._running) < limit and self._loader is not None:
            item_id, _ = self._queue.popitem(last=True)  # the newest: what is on screen now
            self._running.add(item_id)
            job = self._job(self._loader, self._generation, item_id)
            if self.threaded:
                self._pool.start(job)
            else:
                job()  # delivered through the queued signal, like a threaded load

    def _job(self, loader: Loader, generation: int, item_id: str) -> Callable[[], None]:
        target = QSize(self.pixel_size)

        def run() -> None:
            image = QImage()
            if generation == self._generation:  # not cleared since it was asked for
                image = _decode(loader, item_id, target)
            self._signals.done.emit(generation, item_id, image)

        return run

    def _deliver(self, generation: int, item_id: str, image: QImage) -> None:
        self._running.discard(item_id)
        if generation == self._generation:
            if image.isNull():
                entry = _Entry(None, False)
            elif self.is_hidden(item_id):
                entry = _Entry(self._blurred(image), True)
            else:
                entry = _Entry(QPixmap.fromImage(image), False)
                entry.pixmap.setDevicePixelRatio(self.dpr)  # type: ignore[union-attr]
            del image
            self._cache[item_id] = entry
            self._cache.move_to_end(item_id)
            while len(self._cache) > self.capacity:
                self._cache.popitem(last=False)
            self.ready.emit(item_id)
        self._start_more()

    def _blur(self, entry: _Entry) -> None:
        assert entry.pixmap is not None
        entry.pixmap = self._blurred(entry.pixmap.toImage())
        entry.hidden = True

    def _blurred(self, image: QImage) -> QPixmap:
        pixmap = blurred(image, image.size())
        pixmap.setDevicePixelRatio(self.dpr)
        return pixmap


def _decode(loader: Loader, item_id: str, target: QSize) -> QImage:
    """Decrypt and decode one thumbnail, from memory only (runs on a worker thread)."""
    try:
        data = loader(item_id)
    except VaultError:
        return QImage()  # locked meanwhile, or this record is damaged: the type tile is shown
    except Exception as exc:  # a bug: logged without any detail of the item
        as_vault_error(exc)
        return QImage()
    if not data:
        return QImage()
    image = QImage.fromData(data)
    del data
    if image.isNull():
        return QImage()
    if image.width() > target.width() or image.height() > target.height():
        image = image.scaled(
            target, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    return image


# --- type tiles ------------------------------------------------------------------------------

TILE_COLOURS = {
    "image": "#d9e4f2",
    "pdf": "#f4dcd6",
    "video": "#e3daf0",
    "audio": "#dcefe3",
    "text": "#ececec",
    "archive": "#efe6d2",
    "other": "#e6e6e6",
    "description": "#f6efd8",
    "removed": "#e9e4e4",
    "loading": "#eeeeee",
}


class TileFactory:
    """Draws the tile shown for an item without a picture: its type in words. Kept per
    (kind, word); nothing in a tile comes from the evidence."""

    def __init__(self, size: QSize, dpr: float = 1.0) -> None:
        self.size = QSize(size)
        self.dpr = dpr
        self._tiles: dict[tuple[str, str], QPixmap] = {}

    def tile(self, kind: str, word: str) -> QPixmap:
        key = (kind, word)
        pixmap = self._tiles.get(key)
        if pixmap is None:
            pixmap = self._tiles[key] = draw_tile(self.size, kind, word, self.dpr)
        return pixmap

    def clear(self) -> None:
        self._tiles.clear()


def draw_tile(size: QSize, kind: str, word: str, dpr: float = 1.0) -> QPixmap:
    """A sheet with a folded corner, tinted by kind, with ``word`` in the middle."""
    width, height = size.width(), size.height()
    pixmap = QPixmap(round(width * dpr), round(height * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    sheet_w = min(width, int(height * 0.8))
    left = (width - sheet_w) // 2
    fold = sheet_w // 5
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(TILE_COLOURS.get(kind, TILE_COLOURS["other"]))
    if kind == "loading":  # a calm grey frame the picture will fill, not a blank page
        painter.setPen(QPen(fill.darker(110), 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(QRect(1, height // 8, width - 2, height * 3 // 4), 4, 4)
        painter.end()
        return pixmap
    painter.setPen(QPen(fill.darker(140), 1))
    painter.setBrush(fill)
    sheet = QPolygonF(
        [
            QPointF(left + 0.5, 0.5),
            QPointF(left + sheet_w - fold, 0.5),
            QPointF(left + sheet_w - 0.5, fold),
            QPointF(left + sheet_w - 0.5, height - 0.5),
            QPointF(left + 0.5, height - 0.5),
        ]
    )
    painter.drawPolygon(sheet)
    painter.setBrush(fill.darker(115))
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(left + sheet_w - fold, 0.5),
                QPointF(left + sheet_w - fold, fold),
                QPointF(left + sheet_w - 0.5, fold),
            ]
        )
    )
    if word:
        font = QFont(painter.font())
        font.setBold(True)
        font.setPointSizeF(max(7.0, font.pointSizeF()))
        painter.setFont(font)
        painter.setPen(QColor("#2b2b2b"))
        box = QRect(left + 6, 0, sheet_w - 12, height)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), word)
    painter.end()
    return pixmap
