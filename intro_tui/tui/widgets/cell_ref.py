"""Which cell the cursor is on, in model terms (shared by the tables, their keys and the screen)."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.model.layout import DisplayColumn, RowView


@dataclass(frozen=True)
class CellRef:
    """Which cell the cursor is on, in model terms."""

    view: RowView
    shown: DisplayColumn | None  # None for a computed column (avvik)
