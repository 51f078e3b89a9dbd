"""One person's editing session on one workshop: edits, undo and redo.

Free of Textual so it can be tested (and reused) without a screen.  Every
edit goes straight to the datastore - there is no save key - and is recorded
here so this session can undo and redo its own edits (never anyone else's).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model.template import Template
from .model.values import as_input
from .model.workshop import Workshop
from .store.workshops import CellChange, WorkshopStore


@dataclass(frozen=True)
class SetCell:
    section: str
    block: str
    row: str
    column: str
    old: object
    new: object


@dataclass(frozen=True)
class AddRow:
    section: str
    block: str
    row: str


@dataclass(frozen=True)
class DeleteRow:
    section: str
    block: str
    row: str
    order: float
    cells: dict


Edit = SetCell | AddRow | DeleteRow


class EditSession:
    def __init__(self, store: WorkshopStore, workshop_id: str):
        self.store = store
        self.workshop_id = workshop_id
        self.workshop: Workshop = store.load(workshop_id)
        self.template: Template = store.template_of(self.workshop)
        self.stamp = store.stamp(workshop_id)
        self._undo: list[Edit] = []
        self._redo: list[Edit] = []

    # -- reading -------------------------------------------------------------

    def reload(self) -> bool:
        """Re-read the workshop if another session saved it; True if it changed."""
        stamp = self.store.stamp(self.workshop_id)
        if stamp == self.stamp:
            return False
        self.workshop = self.store.load(self.workshop_id)
        self.stamp = stamp
        return True

    def _refresh(self) -> None:
        self.workshop = self.store.load(self.workshop_id)
        self.stamp = self.store.stamp(self.workshop_id)

    # -- editing -------------------------------------------------------------

    def set_cell(self, section: str, block: str, row: str, column: str, text: str) -> CellChange:
        change = self.store.set_cell(self.workshop_id, section, block, row, column, text)
        self._refresh()
        if change.old != change.new:
            self._record(SetCell(section, block, row, column, change.old, change.new))
        return change

    def add_row(self, section: str, block: str, texts: dict[str, str] | None = None) -> str:
        key = self.store.add_row(self.workshop_id, section, block, texts)
        self._refresh()
        self._record(AddRow(section, block, key))
        return key

    def delete_row(self, section: str, block: str, row: str) -> None:
        order = next((r.order for r in self.workshop.rows_added(section, block) if r.key == row), 0.0)
        cells = self.store.delete_row(self.workshop_id, section, block, row)
        self._refresh()
        self._record(DeleteRow(section, block, row, order, cells))

    def _record(self, edit: Edit) -> None:
        self._undo.append(edit)
        self._redo.clear()

    # -- undo / redo -----------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> Edit | None:
        if not self._undo:
            return None
        edit = self._undo.pop()
        self._apply(edit, reverse=True)
        self._redo.append(edit)
        return edit

    def redo(self) -> Edit | None:
        if not self._redo:
            return None
        edit = self._redo.pop()
        self._apply(edit, reverse=False)
        self._undo.append(edit)
        return edit

    def _apply(self, edit: Edit, *, reverse: bool) -> None:
        store, wid = self.store, self.workshop_id
        if isinstance(edit, SetCell):
            block = self.template.section(edit.section).block(edit.block)
            column = block.column(edit.column)
            row = block.row(edit.row)
            value = edit.old if reverse else edit.new
            store.set_cell(wid, edit.section, edit.block, edit.row, edit.column, as_input(column, row, value))
        elif isinstance(edit, AddRow):
            if reverse:
                cells = store.delete_row(wid, edit.section, edit.block, edit.row)
                self._redo_cells = cells
            else:
                store.restore_row(wid, edit.section, edit.block, edit.row, 0.0, getattr(self, "_redo_cells", {}))
        elif isinstance(edit, DeleteRow):
            if reverse:
                store.restore_row(wid, edit.section, edit.block, edit.row, edit.order, edit.cells)
            else:
                store.delete_row(wid, edit.section, edit.block, edit.row)
        self._refresh()
