"""Many cells in one locked write: what an import does, logged cell by cell like ``set``.

One ``set_cell`` per cell costs a lock, a read and an fsync'd write each;
an import of a whole filled template is hundreds of cells.  This is the same
transaction (:meth:`WorkshopStore._transaction`: lock, read the latest file,
write atomically) taken once, with the same checks and one change-log line
per cell.  Apart from ``workshops.py`` so that module keeps one job and its size.
"""

from __future__ import annotations

import os
import time

from ..limits import MAX_CELLS, too_many_rows
from ..model.layout import section_rows
from ..model.values import ValueProblem, parse_cell
from .errors import StoreError
from .cell_rules import CellChange, checked_value, growable_block
from .workshops import WorkshopStore

#: (section, block, row, column, text, expected stored value or None)
Edit = tuple[str, str, str, str, str, object]


def set_cells(store: WorkshopStore, workshop_id: str, edits: list[Edit],
              rows: list[tuple[str, str, dict[str, str]]] | tuple[()] = ()) -> tuple[list[CellChange], list[Edit]]:
    """Write every edit whose cell still holds ``expected``, then append ``rows``; return (changes, edits skipped).

    A cell that holds something else by now - another session changed it
    since the caller looked - is not touched: nothing is overwritten that the
    caller did not see.  A row is (section, block, {column: text}) for a
    block that takes rows of one's own, as :meth:`WorkshopStore.add_row`.
    """
    changes: list[CellChange] = []
    skipped: list[Edit] = []
    added: list[tuple[str, str, str, dict]] = []
    log: list[dict] = []
    with store._transaction(workshop_id, log=log) as (db, workshop):
        assert workshop is not None  # an existing workshop's transaction
        template = store.template_of(workshop)
        views = {(s.id, v.block.id, v.key): v for s in template.sections for v in section_rows(s, workshop)}
        cells = db.table("cells", cache_size=0)
        ids = {(d["s"], d["b"], d["r"], d["c"]): d.doc_id for d in cells.all()}
        inserts = []
        for edit in edits:
            section_id, block_id, row_key, column_id, text, expected = edit
            view = views.get((section_id, block_id, row_key))
            if view is None:
                raise StoreError("raden finnes ikke lenger (en annen kan ha slettet den)")
            column = view.block.column(column_id)
            address = (section_id, block_id, row_key, column_id)
            old = workshop.cells.get(address)
            if old != expected:
                skipped.append(edit)
                continue
            try:
                new = checked_value(view, column, text, workshop)
            except ValueProblem as exc:
                raise ValueProblem(f"{section_id}: {exc}") from None
            workshop.cells[address] = new  # the next row check sees it
            if address in ids:
                cells.update({"v": new}, doc_ids=[ids[address]])
            else:
                inserts.append({"s": section_id, "b": block_id, "r": row_key, "c": column_id, "v": new})
            changes.append(CellChange(section_id, block_id, row_key, column_id, old, new))
        added = _new_rows(template, rows, inserts)
        for section_id, block_id in {(s, b) for s, b, _, _ in added}:
            count = len(workshop.user_rows.get((section_id, block_id), [])) + sum(
                1 for s, b, _, _ in added if (s, b) == (section_id, block_id))
            problem = too_many_rows(count)
            if problem:
                raise ValueProblem(problem)
        if len(workshop.cells) + sum(len(values) for *_, values in added) > MAX_CELLS:
            raise ValueProblem(f"verkstedet ville få over {MAX_CELLS} utfylte celler")
        if added:
            db.table("rows", cache_size=0).insert_multiple(
                {"s": s, "b": b, "r": key, "o": time.time() + i * 1e-6} for i, (s, b, key, _) in enumerate(added))
        if inserts:
            cells.insert_multiple(inserts)
        if changes or added:
            store._touch(db)
        log.extend(dict(op="set", s=c.section, b=c.block, r=c.row, c=c.column, old=c.old, new=c.new) for c in changes)
        log.extend(dict(op="add-row", s=s, b=b, r=key, new=values) for s, b, key, values in added)
    return changes, skipped


def _new_rows(template, rows, inserts: list[dict]) -> list[tuple[str, str, str, dict]]:
    """Rows of one's own, parsed (refusing as add_row does); their cells join ``inserts``."""
    added = []
    for section_id, block_id, texts in rows:
        block = growable_block(template, section_id, block_id)
        key = "u" + os.urandom(4).hex()
        values = {column_id: parse_cell(block.column(column_id), None, text) for column_id, text in texts.items()}
        inserts.extend({"s": section_id, "b": block_id, "r": key, "c": c, "v": v} for c, v in values.items())
        added.append((section_id, block_id, key, values))
    return added
