"""Many cells in one locked write: what an import does, logged cell by cell like ``set``.

One ``set_cell`` per cell costs a lock, a read and an fsync'd write each;
an import of a whole filled template is hundreds of cells.  This is the same
commit (:func:`.commit.transaction`: lock, read the latest file, check the
result's size, write atomically) taken once, with the same checks and one
change-log line per cell.  Apart from ``workshops.py`` so that module keeps
one job and its size.
"""

from __future__ import annotations

from ..model.copies import expand
from ..model.layout import section_rows
from ..model.column_types import parse_cell
from ..model.values import ValueProblem
from .cell_rules import CellChange, checked_value, growable_block
from .commit import new_order, new_row_key
from .errors import StoreError
from .workshops import WorkshopStore

#: (section, block, row, column, text, expected stored value or None)
Edit = tuple[str, str, str, str, str, object]


def set_cells(store: WorkshopStore, workshop_id: str, edits: list[Edit],
              rows: list[tuple[str, str, dict[str, str]]] | tuple = ()) -> tuple[list[CellChange], list[Edit]]:
    """Write every edit whose cell still holds ``expected``, then append ``rows``; return (changes, edits skipped).

    A cell that holds something else by now - another session changed it
    since the caller looked - is not touched: nothing is overwritten that the
    caller did not see.  A row is (section, block, {column: text}) for a
    block that takes rows of one's own, as :meth:`WorkshopStore.add_row`.
    """
    changes: list[CellChange] = []
    skipped: list[Edit] = []
    with store._transaction(workshop_id) as commit:
        workshop = commit.workshop
        template = store.template_of(workshop)
        views = {(s.id, v.block.id, v.key): v for s in expand(template.sections, workshop)  # copies (2.2#2) too
                 for v in section_rows(s, workshop)}
        for edit in edits:
            section_id, block_id, row_key, column_id, text, expected = edit
            view = views.get((section_id, block_id, row_key))
            if view is None:
                raise StoreError("raden finnes ikke lenger (en annen kan ha slettet den)")
            column = view.block.column(column_id)
            old = workshop.cells.get((section_id, block_id, row_key, column_id))
            if old != expected:
                skipped.append(edit)
                continue
            try:
                new = checked_value(view, column, text, workshop)
            except ValueProblem as exc:
                raise ValueProblem(f"{section_id}: {exc}") from None
            changes.append(commit.set(section_id, block_id, row_key, column_id, old, new))
        base = new_order()
        for i, (section_id, block_id, texts) in enumerate(rows):
            block = growable_block(template, section_id, block_id)
            values = {column_id: parse_cell(block.column(column_id), None, text) for column_id, text in texts.items()}
            commit.add_row(section_id, block_id, new_row_key(), base + i * 1e-6, values)
    return changes, skipped
