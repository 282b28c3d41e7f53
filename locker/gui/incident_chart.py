"""A small bar chart of incidents per week or month, drawn by the program (no chart library).

It must read at a glance and in grayscale: dark gray bars on the page's background, the count
printed above each bar that has one, a baseline and light gridlines at whole-number steps. No
meaning is carried by colour. Everything it shows is also in its accessible description and in a
tooltip on each bar, in words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from locker.case.timeline import ChartBucket
from locker.gui.chart_labels import (
    bucket_words,
    incidents_words,
    month_name,
    nice_step,
    short_date,
    span_text,
)
from locker.gui.chart_labels import tr as _tr

__all__ = ["IncidentChart", "nice_step"]


def _blend(a: QColor, b: QColor, share_of_a: float) -> QColor:
    s = share_of_a
    return QColor(
        round(a.red() * s + b.red() * (1 - s)),
        round(a.green() * s + b.green() * (1 - s)),
        round(a.blue() * s + b.blue() * (1 - s)),
    )


class IncidentChart(QWidget):
    """Incidents per week or month as vertical bars. :meth:`set_data` gives it the buckets (from
    :func:`locker.case.timeline.chart_buckets`), how many incidents have no date and how many
    are older than the first bar (left out)."""

    MARGIN = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buckets: list[ChartBucket] = []
        self._period = "week"
        self._undated = 0
        self._left_out = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(180)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # screen readers reach its description
        self.setAccessibleName(_tr("Chart of incidents over time"))
        self._update_description()

    # --- data -------------------------------------------------------------------------------

    def set_data(
        self, buckets: Sequence[ChartBucket], period: str, undated: int = 0, left_out: int = 0
    ) -> None:
        self._buckets = list(buckets)
        self._period = period
        self._undated = undated
        self._left_out = left_out
        self._update_description()
        self.update()

    def clear(self) -> None:
        self.set_data([], self._period, 0, 0)

    def buckets(self) -> list[ChartBucket]:
        return list(self._buckets)

    def period(self) -> str:
        return self._period

    def undated(self) -> int:
        return self._undated

    def title(self) -> str:
        month = self._period == "month"
        title = _tr("Incidents per month") if month else _tr("Incidents per week")
        span = span_text(self._buckets, self._period)
        return f"{title} ({span})" if span else title

    def undated_text(self) -> str:
        n = self._undated
        if n == 0:
            return ""
        if n == 1:
            return _tr("1 incident has no date and is not counted.")
        return _tr("%n incidents have no date and are not counted.", n)

    def note_text(self) -> str:
        """What the chart leaves out, under it: incidents with no date, and those older than
        the first bar (a very long span shows only its newest bars)."""
        n = self._left_out
        older = ""
        if n == 1:
            older = _tr("1 older incident is before the first bar and not shown.")
        elif n > 1:
            older = _tr("%n older incidents are before the first bar and not shown.", n)
        return " ".join(t for t in (self.undated_text(), older) if t)

    def bucket_text(self, bucket: ChartBucket) -> str:
        """ "Week of 4 May 2026: 3 incidents" (the tooltip and the description)."""
        return f"{bucket_words(bucket, self._period)}: {incidents_words(bucket.count)}"

    def bar_label(self, bucket: ChartBucket) -> str:
        """Under a bar: "4 May" (the week's Monday, written like the title) or "May 2026"."""
        if self._period == "month":
            return month_name(bucket.start)
        return short_date(bucket.start, with_year=False)

    def _update_description(self) -> None:
        if not self._buckets:
            text = _tr("No incidents with a date to show yet.")
        else:
            total = sum(b.count for b in self._buckets)
            parts = [self.title() + ".", _tr("In all: {n}.").format(n=incidents_words(total))]
            parts.append("; ".join(self.bucket_text(b) for b in self._buckets) + ".")
            text = " ".join(parts)
        if self.note_text():
            text += " " + self.note_text()
        self.setAccessibleDescription(text)

    # --- size -------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(640, 220)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(240, 180)

    # --- geometry ---------------------------------------------------------------------------

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _plot_rect(self, width: int, height: int) -> QRectF:
        """Where the bars go (inside the axis labels, title and notes)."""
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        top = self.MARGIN + QFontMetrics(self._title_font()).height() + 4 + line  # title, counts
        bottom = height - self.MARGIN - line - 4  # x labels
        if self.note_text():
            bottom -= line + 6
        step = nice_step(self._top_count())
        widest = max(
            metrics.horizontalAdvance(str(v)) for v in range(0, self._axis_top(step) + 1, step)
        )
        left = self.MARGIN + widest + 6
        right = width - self.MARGIN
        return QRectF(left, top, max(1.0, right - left), max(1.0, bottom - top))

    def _top_count(self) -> int:
        return max((b.count for b in self._buckets), default=0)

    def _axis_top(self, step: int) -> int:
        return max(step, math.ceil(self._top_count() / step) * step)

    def bar_rects(self, width: int | None = None, height: int | None = None) -> list[QRectF]:
        """Each bucket's bar (zero height for a zero count), in widget coordinates."""
        width = self.width() if width is None else width
        height = self.height() if height is None else height
        plot = self._plot_rect(width, height)
        n = len(self._buckets)
        if n == 0:
            return []
        slot = plot.width() / n
        bar = max(1.0, min(slot * 0.7, 80.0))
        axis_top = self._axis_top(nice_step(self._top_count()))
        rects = []
        for i, b in enumerate(self._buckets):
            h = plot.height() * b.count / axis_top
            x = plot.left() + i * slot + (slot - bar) / 2
            rects.append(QRectF(x, plot.bottom() - h, bar, h))
        return rects

    def slot_at(self, x: float) -> int | None:
        """The bucket whose column holds ``x`` (None outside the plot)."""
        plot = self._plot_rect(self.width(), self.height())
        n = len(self._buckets)
        if n == 0 or not plot.left() <= x < plot.right():
            return None
        return min(n - 1, int((x - plot.left()) / (plot.width() / n)))

    # --- drawing ----------------------------------------------------------------------------

    def render_to_image(self, width: int, height: int) -> QImage:
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(image)
        try:
            self._draw(painter, width, height)
        finally:
            painter.end()
        return image

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
            self._draw(painter, self.width(), self.height())
        finally:
            painter.end()

    def _draw(self, painter: QPainter, width: int, height: int) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.Text)
        paper = palette.color(QPalette.ColorRole.Base)
        bar_colour = _blend(ink, paper, 0.72)  # dark gray on white (light gray on a dark theme)
        grid_colour = _blend(ink, paper, 0.18)
        metrics = QFontMetrics(self.font())
        line = metrics.height()

        painter.setFont(self._title_font())
        painter.setPen(ink)
        title_height = QFontMetrics(self._title_font()).height()
        title_box = QRectF(self.MARGIN, self.MARGIN, width - 2 * self.MARGIN, title_height)
        painter.drawText(
            title_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title()
        )
        painter.setFont(self.font())

        plot = self._plot_rect(width, height)
        if self.note_text():
            note = QRectF(self.MARGIN, height - self.MARGIN - line, width - 2 * self.MARGIN, line)
            painter.drawText(note, Qt.AlignmentFlag.AlignLeft, self.note_text())
        if not self._buckets:
            painter.drawText(
                plot, Qt.AlignmentFlag.AlignCenter, _tr("No incidents with a date to show yet.")
            )
            return

        # Gridlines and their numbers.
        step = nice_step(self._top_count())
        axis_top = self._axis_top(step)
        for value in range(0, axis_top + 1, step):
            y = plot.bottom() - plot.height() * value / axis_top
            if value:
                painter.setPen(QPen(grid_colour, 1))
                painter.drawLine(plot.left(), y, plot.right(), y)
            painter.setPen(ink)
            label = QRectF(self.MARGIN, y - line / 2, plot.left() - self.MARGIN - 6, line)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value)
            )

        # Bars, with their count above.
        slot = plot.width() / len(self._buckets)
        rects = self.bar_rects(width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bar_colour)
        for rect in rects:
            if rect.height() > 0:
                painter.drawRect(rect)
        painter.setPen(ink)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for bucket, rect in zip(self._buckets, rects, strict=True):
            text = str(bucket.count)
            if bucket.count and metrics.horizontalAdvance(text) <= slot:
                box = QRectF(rect.center().x() - slot / 2, rect.top() - line - 1, slot, line)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

        # The baseline, drawn last so it sits on top of the bars' feet.
        painter.setPen(QPen(ink, 1.5))
        painter.drawLine(plot.left(), plot.bottom(), plot.right(), plot.bottom())

        # X labels, thinned so that none overlaps the next.
        painter.setPen(ink)
        labels = [self.bar_label(b) for b in self._buckets]
        widest = max(metrics.horizontalAdvance(label) for label in labels) + 8
        every = max(1, math.ceil(widest / slot))
        for i, (label, rect) in enumerate(zip(labels, rects, strict=True)):
            if i % every:
                continue
            box = QRectF(rect.center().x() - widest / 2, plot.bottom() + 3, widest, line)
            box.moveLeft(max(0.0, min(box.left(), width - widest)))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    # --- tooltip ----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.slot_at(event.pos().x())
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.bucket_text(self._buckets[index]), self)
            return True
        return super().event(event)

    def tooltip_at(self, point: QPoint) -> str:
        """What the tooltip says at ``point`` ("" outside the bars)."""
        index = self.slot_at(point.x())
        return "" if index is None else self.bucket_text(self._buckets[index])
