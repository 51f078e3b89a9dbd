"""Carrying out an import plan through the store, so locking and the change log work as for any edit.

The change log names the file: every cell and row is written by a store whose
user is "import: fil.docx (ola)" - who ran it, and from which document.
Cells and rows are written in one locked transaction (:func:`core.store.batch.set_cells`);
a cell someone changed since the preview was made is skipped, not overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.model.workshop import Workshop
from ...core.store.batch import set_cells
from ...core.store.copies import register_copies
from ...core.store.workshops import WorkshopStore
from .plan import ImportPlan


@dataclass
class Applied:
    workshop_id: str
    cells: int
    rows: int
    #: Conflicts left alone (no --overwrite), plus cells changed by someone else meanwhile.
    left_alone: int
    #: Texts of the document with no place in the template (listed by the plan's description).
    unplaced: int = 0


def source_user(store: WorkshopStore, source: str) -> str:
    return f"import: {source} ({store.user})"


def apply_plan(store: WorkshopStore, plan: ImportPlan, workshop_id: str | None, *, title: str = "",
               overwrite: bool = False) -> Applied:
    """Write the plan into ``workshop_id``, or into a new workshop of the plan's template when it is None."""
    writer = WorkshopStore(store.data_dir, store.catalog, user=source_user(store, plan.source))
    if workshop_id is None:
        year = plan.cover.get("year")
        created = writer.create(Workshop(id="", title=title or plan.source, template=plan.template.id,
                                         units=list(plan.units), kommune=str(plan.cover.get("kommune") or "")[:200],
                                         year=year if isinstance(year, int) else None))
        workshop_id = created.id
    if plan.new_copies:  # the document's further copies of 2.2 …, before their cells are written
        register_copies(writer, workshop_id, plan.new_copies)
    landings = list(plan.lands) + (list(plan.conflicts) if overwrite else [])
    edits = [(x.section, x.block, x.row, x.column, x.text, x.old) for x in landings]
    rows = [(row.section, row.block, dict(row.texts)) for row in plan.new_rows]
    changes, skipped = set_cells(writer, workshop_id, edits, rows) if edits or rows else ([], [])
    left = len(skipped) + (0 if overwrite else len(plan.conflicts))
    return Applied(workshop_id, len(changes), len(plan.new_rows), left, len(plan.unplaced))


def summary(applied: Applied, source: str = "", hint: str = "") -> str:
    """What the command line and the app say afterwards ('Lest inn 3 verdier og 1 rad fra fil.docx; …')."""
    from .plan import count

    where = f" fra {source}" if source else ""
    note = f"; {count(applied.left_alone, 'konflikt', 'konflikter')} ikke overskrevet{hint}" if applied.left_alone else ""
    if applied.unplaced:
        note += f"; {applied.unplaced} uten plass (listet ovenfor)"
    return f"Lest inn {count(applied.cells, 'verdi', 'verdier')} og {count(applied.rows, 'rad', 'rader')}{where}{note}."
