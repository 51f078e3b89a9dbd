"""What the editor line says about the cell under the cursor: where it is, and its value to edit."""

from __future__ import annotations

from ..core.model.template import LABEL, Section
from ..core.model.values import as_input
from ..core.model.workshop import Workshop
from .widgets.block_table import CellRef


def describe_cell(workshop: Workshop, section: Section, ref: CellRef) -> tuple[str, str]:
    """(where the cell is, its value as text to edit) for the editor line."""
    view, shown = ref.view, ref.shown
    label = view.label(workshop) or f"rad {view.number}"
    if shown is None:  # a computed column (the deviation)
        return f"{section.id} rad {view.number} · beregnet, kan ikke endres · {label[:30]}", ""
    column = shown.column
    if column.type == LABEL:
        value = view.written_label(workshop) if view.label_editable else label
    elif shown.variant is not None:
        value = {"ja": "Ja", "nei": "Nei"}.get(view.value(workshop, column) or "", "Ikke besvart")
    else:
        value = as_input(column, view.row, view.value(workshop, column))
    what = f"{section.id} rad {view.number} · {shown.title[:30]} · {label[:30]}"
    if column.type == "indicator":
        kind = {"percent": "andel i %", "count": "antall", "text": "tekst"}[view.row.value_kind]
        what += f" ({kind})"
    return what, value
