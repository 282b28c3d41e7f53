"""List rows drawn as small cards, for the lists on the case tabs (incidents, journal entries).

Each row has a first line in bold (a date) and the words under it, with some room around them
and a thin line between rows, so a long list can be scanned. Headings (a month, "Date not
known") stand apart and cannot be chosen. The item's own text stays the plain words, which is
what screen readers and tests read; the delegate only draws the parts in the roles below.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from locker.gui.widgets import plain_tip

HEAD_ROLE = Qt.ItemDataRole.UserRole + 20  # the first line, in bold
BODY_ROLE = Qt.ItemDataRole.UserRole + 21  # the words under it
HEADING_ROLE = Qt.ItemDataRole.UserRole + 22  # True: a heading row (a month, "Date not known")

PAD_X, PAD_Y = 8, 6
HEADING_TOP = 12  # a heading has more room above it than below
SLACK = 3  # px under a line: another script's font (CJK, Arabic) may be taller than this one
_TALL = 100_000

Index = QModelIndex | QPersistentModelIndex


def card_item(text: str, head: str, body: str) -> QListWidgetItem:
    """A row whose plain text is ``text``, drawn as ``head`` (bold) over ``body``."""
    item = QListWidgetItem(text)
    item.setData(HEAD_ROLE, head)
    item.setData(BODY_ROLE, body)
    item.setToolTip(plain_tip(text))
    return item


def heading_item(text: str) -> QListWidgetItem:
    """A heading row: shown, read by screen readers, never current or chosen."""
    item = QListWidgetItem(text)
    item.setData(HEADING_ROLE, True)
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    font = QFont()
    font.setBold(True)
    item.setFont(font)
    return item


def _muted(palette: QPalette) -> QColor:
    """A softer text colour between the text and its background (any theme)."""
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    return QColor(
        (text.red() * 2 + base.red()) // 3,
        (text.green() * 2 + base.green()) // 3,
        (text.blue() * 2 + base.blue()) // 3,
    )


class CardDelegate(QStyledItemDelegate):
    """Draws rows of ``view`` as cards; ``wrap`` False shortens the words to one line (…)."""

    def __init__(self, view: QListView, wrap: bool = True) -> None:
        super().__init__(view)
        self._view = view
        self._wrap = wrap
        view.setItemDelegate(self)
        view.setResizeMode(QListView.ResizeMode.Adjust)  # heights again when the width changes
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setWordWrap(wrap)

    def _width(self) -> int:
        return max(80, self._view.viewport().width() - 2 * PAD_X)

    @staticmethod
    def _bold(font: QFont) -> QFont:
        bold = QFont(font)
        bold.setBold(True)
        return bold

    def _text_height(self, font: QFont, text: str) -> int:
        metrics = QFontMetrics(font)
        if not text:
            return 0
        if not self._wrap:
            return metrics.height() + SLACK
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        used = metrics.boundingRect(QRect(0, 0, self._width(), _TALL), flags, text)
        return used.height() + SLACK

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        font = option.font  # type: ignore[attr-defined]
        if index.data(HEADING_ROLE):
            height = HEADING_TOP + QFontMetrics(self._bold(font)).height() + PAD_Y
            return QSize(self._width(), height)
        head, body = index.data(HEAD_ROLE) or "", index.data(BODY_ROLE) or ""
        if not head and not body:
            body = index.data(Qt.ItemDataRole.DisplayRole) or ""
        height = self._text_height(self._bold(font), head) + self._text_height(font, body)
        return QSize(self._width(), height + 2 * PAD_Y + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        rect: QRect = opt.rect  # type: ignore[attr-defined]
        palette: QPalette = opt.palette  # type: ignore[attr-defined]
        font: QFont = opt.font  # type: ignore[attr-defined]
        painter.save()
        try:
            line = palette.color(QPalette.ColorRole.Mid)
            if index.data(HEADING_ROLE):  # a band in the window's colour, the words in bold
                active = QPalette.ColorGroup.Active
                band = rect.adjusted(0, HEADING_TOP - PAD_Y, 0, 0)
                painter.fillRect(band, palette.color(active, QPalette.ColorRole.Window))
                painter.setPen(line)
                painter.drawLine(band.topLeft(), band.topRight())
                painter.drawLine(band.bottomLeft(), band.bottomRight())
                painter.setFont(self._bold(font))
                painter.setPen(palette.color(active, QPalette.ColorRole.WindowText))
                text_rect = band.adjusted(PAD_X, 0, -PAD_X, 0)
                flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(text_rect, flags, index.data(Qt.ItemDataRole.DisplayRole) or "")
                return
            # The background (selection, hover) as the style draws it, without the text.
            opt.text = ""  # type: ignore[attr-defined]
            style = self._view.style()
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, self._view)
            selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            colour = palette.color(role)
            head, body = index.data(HEAD_ROLE) or "", index.data(BODY_ROLE) or ""
            if not head and not body:
                body = index.data(Qt.ItemDataRole.DisplayRole) or ""
            x, y, width = rect.left() + PAD_X, rect.top() + PAD_Y, rect.width() - 2 * PAD_X
            y = self._draw(painter, self._bold(font), colour, QRect(x, y, width, _TALL), head)
            body_colour = colour if selected or not head else _muted(palette)
            self._draw(painter, font, body_colour, QRect(x, y, width, _TALL), body)
            if not selected:
                painter.setPen(line)
                painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
        finally:
            painter.restore()

    def _draw(self, painter: QPainter, font: QFont, colour: QColor, area: QRect, text: str) -> int:
        """Draw ``text`` at the top of ``area``; the y just under it."""
        if not text:
            return area.top()
        painter.setFont(font)
        painter.setPen(colour)
        metrics = QFontMetrics(font)
        if self._wrap:
            flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
            used = metrics.boundingRect(QRect(0, 0, area.width(), _TALL), flags, text)
            height = used.height() + SLACK
            shown = text
        else:
            flags = int(Qt.AlignmentFlag.AlignLeft)
            height = metrics.height() + SLACK
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        flags |= int(Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextDontClip)
        painter.drawText(QRect(area.left(), area.top(), area.width(), height), flags, shown)
        return area.top() + height


def card_list(wrap: bool = True) -> QListWidget:
    """A list widget whose rows are drawn as cards."""
    view = QListWidget()
    CardDelegate(view, wrap)
    return view
