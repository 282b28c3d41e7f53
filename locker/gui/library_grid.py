"""The library's grid: each item as a picture with its title below.

An intimate item's picture arrives blurred from the model (:data:`HIDDEN_ROLE`); the delegate
writes "Hidden — intimate image" across it, so the grid never shows it without saying why.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
)

from locker.gui.library_model import HIDDEN_ROLE, LibraryModel

Index = QModelIndex | QPersistentModelIndex

PICTURE = QSize(160, 120)  # the picture box of a grid cell
PAD = 6
ROWS = QItemSelectionModel.SelectionFlag.Rows


class GridDelegate(QStyledItemDelegate):
    """Paints a grid cell: the picture, a "hidden" label on a blurred one, the title below."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        return QSize(PICTURE.width() + 2 * PAD, PICTURE.height() + 3 * PAD + self._line(option))

    @staticmethod
    def _line(option: QStyleOptionViewItem) -> int:
        return int(option.fontMetrics.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if selected:
            painter.fillRect(rect.adjusted(1, 1, -1, -1), palette.highlight())
        box = QRect(
            rect.x() + (rect.width() - PICTURE.width()) // 2, rect.y() + PAD, *PICTURE.toTuple()
        )
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            size = pixmap.deviceIndependentSize().toSize()
            if size.width() > box.width() or size.height() > box.height():
                size = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(box.center())
            painter.drawPixmap(target, pixmap)
            if index.data(HIDDEN_ROLE):
                self._hidden_label(painter, option, target)
        text_rect = QRect(
            rect.x() + PAD, box.bottom() + PAD, rect.width() - 2 * PAD, self._line(option)
        )
        title = option.fontMetrics.elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            Qt.TextElideMode.ElideRight,
            text_rect.width(),
        )
        painter.setPen(
            palette.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            )
        )
        painter.drawText(
            text_rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter), title
        )
        painter.restore()
        if option.state & QStyle.StateFlag.State_HasFocus:
            focus = QStyleOptionFocusRect()
            focus.initFrom(option.widget)
            focus.rect = rect.adjusted(2, 2, -2, -2)
            focus.backgroundColor = palette.color(
                QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
            )
            option.widget.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, option.widget
            )

    def _hidden_label(self, painter: QPainter, option: QStyleOptionViewItem, target: QRect) -> None:
        text = self.tr("Hidden — intimate image")
        inner = target.adjusted(6, 6, -6, -6)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        needed = painter.boundingRect(inner, flags, text).adjusted(-6, -3, 6, 3)
        needed.moveCenter(target.center())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 170))
        painter.drawRoundedRect(needed.intersected(target), 4, 4)
        painter.setPen(QColor("white"))
        painter.drawText(needed.intersected(target), flags, text)


class GridView(QListView):
    """The pictures. A click or a key selects the whole row, so the list shows it too."""

    def __init__(self, proxy: QSortFilterProxyModel) -> None:
        super().__init__()
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setWrapping(True)
        self.setSpacing(4)
        self.setItemDelegate(GridDelegate(self))
        self.setModel(proxy)
        self.setModelColumn(LibraryModel.GRID)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setAccessibleName(self.tr("Evidence in the vault, as pictures"))

    def selectionCommand(  # noqa: N802 - Qt's API
        self, index: Index, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        command = super().selectionCommand(index, event)
        if command & QItemSelectionModel.SelectionFlag.Select:
            command |= ROWS
        return command
