"""Which intimate item, if any, the user chose to see (PRODUCT.md principle 5).

Items flagged intimate are blurred everywhere until the user reveals that one item. At most one
item is revealed at a time; it is hidden again when the user moves on, on lock and on quick exit.
The grid and the viewer both listen to :attr:`RevealState.changed`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class RevealState(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.revealed_id: str | None = None

    def reveal(self, item_id: str) -> None:
        """Show this one item unblurred (any other revealed item is hidden again)."""
        if self.revealed_id != item_id:
            self.revealed_id = item_id
            self.changed.emit()

    def hide_all(self) -> None:
        if self.revealed_id is not None:
            self.revealed_id = None
            self.changed.emit()

    def is_revealed(self, item_id: str) -> bool:
        return self.revealed_id is not None and self.revealed_id == item_id
