"""A row of widgets that wraps onto more lines when it does not fit (large fonts, narrow
windows). Qt has no flow layout of its own."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Left to right, then on the next line. A widget added with ``right=True`` starts the
    part of its line that is pushed to the right edge (like a stretch before it in a row),
    unless it had to begin a line of its own. Widgets in a line are centred vertically."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._right: set[int] = set()  # ids of the items that go to the right
        self._adding_right = False

    def add_widget(self, widget: QWidget, *, right: bool = False) -> None:
        self._adding_right = right
        self.addWidget(widget)  # calls addItem
        self._adding_right = False

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)
        if self._adding_right:
            self._right.add(id(item))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self._right.discard(id(item))
        return item

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Everything on one line."""
        visible = [i for i in self._items if not i.isEmpty()]
        width = sum(i.sizeHint().width() for i in visible)
        width += self._gap() * max(len(visible) - 1, 0)
        height = max((i.sizeHint().height() for i in visible), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        """One widget a line: as narrow as the widest of them."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _gap(self) -> int:
        return self.spacing() if self.spacing() >= 0 else 6

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Lays the widgets out in ``rect`` (only measures unless ``move``); the height used."""
        area = rect.marginsRemoved(self.contentsMargins())
        gap = self._gap()
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        used = 0
        for item in self._items:
            if item.isEmpty():
                continue
            size = item.sizeHint().boundedTo(QSize(area.width(), item.sizeHint().height()))
            size = size.expandedTo(item.minimumSize())
            if lines[-1] and used + gap + size.width() > area.width():
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + size.width()
            lines[-1].append((item, size))
        y = area.y()
        for line in lines:
            height = max((s.height() for _, s in line), default=0)
            if move:
                width = sum(s.width() for _, s in line) + gap * max(len(line) - 1, 0)
                x, shift = area.x(), 0
                for item, size in line:
                    if id(item) in self._right and item is not line[0][0]:
                        shift = max(area.width() - width, 0)
                    top = y + (height - size.height()) // 2
                    item.setGeometry(QRect(QPoint(x + shift, top), size))
                    x += size.width() + gap
            y += height + gap
        margins = self.contentsMargins()
        return y - gap - area.y() + margins.top() + margins.bottom() if any(lines) else 0
