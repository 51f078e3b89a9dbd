"""One person's editing session on one workshop: edits, undo and redo.

Free of Textual so it can be tested (and reused) without a screen.  Every
edit goes straight to the datastore - there is no save key - and is recorded
here so this session can undo and redo its own edits (never anyone else's):
an undo writes only if the cell (or added row) still holds what this session
left there; if another participant changed it since, the store refuses with
:class:`~intro_tui.core.store.errors.EditConflict` ("NAV har endret cellen
etterpå") and their text stays.  The refused edit leaves the undo stack.

One exception, asked for by the room (issue 17): when another session writes
over the cell this session saved last, a second or so later, the screen tells
this session (:meth:`EditSession.overwritten`, then :meth:`told`), and Ctrl+Z
then puts this session's text back over theirs (the log keeps both).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .copy_edits import CopyEdit, apply_copy_edit, copy_edit
from .model.template import Template
from .model.changes import changed_sections
from .model.column_types import as_input
from .model.groups import base_of
from .model.workshop import Workshop
from .store.workshops import CellChange, WorkshopStore


@dataclass(frozen=True)
class AddRow:
    """A row this session added; ``cells``: what it held when added (and again when undone, for redo)."""

    section: str
    block: str
    row: str
    order: float = 0.0
    cells: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DeleteRow:
    section: str
    block: str
    row: str
    order: float
    cells: dict


Edit = CellChange | AddRow | DeleteRow | CopyEdit  # a CellChange is a cell edit: old and new value


@dataclass(frozen=True)
class Steps:
    """Edits one key made together (F9: a copy, then its trade), in order: one Ctrl+Z undoes them all."""

    edits: tuple[Edit, ...]


class EditSession:
    def __init__(self, store: WorkshopStore, workshop_id: str):
        self.store = store
        self.workshop_id = workshop_id
        self.workshop: Workshop = store.load(workshop_id)
        self.template: Template = store.template_of(self.workshop)
        self.stamp = store.stamp(workshop_id)
        self._undo: list[Edit | Steps] = []
        self._redo: list[Edit | Steps] = []
        #: The sections another session's save changed, as :meth:`adopt` took it in (None: anything may have).
        self.changed: frozenset[str] | None = None
        #: Our last edit, which another session wrote over and this session was told of (Ctrl+Z takes it back).
        self._told: CellChange | None = None
        #: The last edit's commit changed the file this session had read: nobody else saved in between,
        #: so only the edited section's fill can have changed (the navigator recounts that one).
        self.only_own_change = False

    # -- reading -------------------------------------------------------------

    def reload(self) -> bool:
        """Re-read the workshop if another session saved it; True if it changed."""
        stamp = self.store.stamp(self.workshop_id)
        if stamp == self.stamp:
            return False
        self.workshop = self.store.load(self.workshop_id)
        self.stamp = stamp
        return True

    def adopt(self, workshop: Workshop, stamp: int, seen: int) -> bool:
        """Take a workshop read off the event loop at ``stamp`` (by a worker started when this session had
        read ``seen``); False if this session read or saved since (what it holds is as new), or nothing changed."""
        if self.stamp != seen or stamp == self.stamp:
            return False
        self.changed = changed_sections(self.workshop, workshop)
        self.workshop, self.stamp = workshop, stamp
        return True

    def _refresh(self) -> None:
        """The workshop after an edit: as this session's own commit wrote it if the file is still that.

        One ``stat`` instead of a second read and decode of the file (and of
        every predecessor year): the commit kept the workshop it wrote and the
        file's stamp, taken under the lock (:mod:`intro_tui.core.store.commit`).
        """
        stamp = self.store.stamp(self.workshop_id)
        saved = self.store.last_saved
        self.only_own_change = bool(saved is not None and saved.workshop.id == self.workshop_id and stamp
                                    and saved.stamp == stamp and saved.base == self.stamp)
        if saved is not None and saved.workshop.id == self.workshop_id and saved.stamp == stamp and stamp:
            if saved.workshop.predecessor == self.workshop.predecessor:
                saved.workshop.history = self.workshop.history
            else:
                saved.workshop.history = self.store.load(self.workshop_id).history
            self.workshop = saved.workshop
        else:
            self.workshop = self.store.load(self.workshop_id)
        self.stamp = stamp

    # -- editing -------------------------------------------------------------

    def set_cell(self, section: str, block: str, row: str, column: str, text: str) -> CellChange:
        change = self.store.set_cell(self.workshop_id, section, block, row, column, text)
        self._refresh()
        if change.old != change.new:
            self._record(change)
        return change

    def add_row(self, section: str, block: str, texts: dict[str, str] | None = None) -> str:
        key = self.store.add_row(self.workshop_id, section, block, texts)
        self._refresh()
        cells = {c: v for (s, b, r, c), v in self.workshop.cells.items() if (s, b, r) == (section, block, key)}
        self._record(AddRow(section, block, key, cells=cells))
        return key

    def _order_of(self, section: str, block: str, row: str) -> float:
        return next((r.order for r in self.workshop.rows_added(section, block) if r.key == row), 0.0)

    def delete_row(self, section: str, block: str, row: str) -> None:
        order = self._order_of(section, block, row)
        cells = self.store.delete_row(self.workshop_id, section, block, row)
        self._refresh()
        self._record(DeleteRow(section, block, row, order, cells))

    def add_copy(self, section: str, name: str) -> str:
        """A new copy of a per-choice section (see :mod:`.store.copies`); its key."""
        from .store.copies import add_copy

        key = add_copy(self.store, self.workshop_id, section, name)
        self._refresh()
        self._record(copy_edit(self.template, key, added=True))
        return key

    def remove_copy(self, key: str) -> None:
        from .store.copies import remove_copy

        removed = remove_copy(self.store, self.workshop_id, key)
        self._refresh()
        self._record(copy_edit(self.template, key, added=False, removed=removed))

    def take_from_group(self, group_id: str, plenary: str, *, block: str | None = None, row: str | None = None,
                        column: str | None = None) -> int:
        """A group's draft answers into the plenary version (:func:`.store.groups.take`), one step of undo;
        how many cells and rows it changed."""
        from .store.groups import take_changes

        changed, added = take_changes(self.store, self.workshop_id, group_id, plenary, block=block, row=row,
                                      column=column)
        self._refresh()
        section = base_of(plenary)
        edits: list[Edit] = [AddRow(section, b, r, cells={c: v for (s, b2, r2, c), v in self.workshop.cells.items()
                                                          if (s, b2, r2) == (section, b, r)}) for b, r in added]
        edits += changed
        for edit in edits:
            self._record(edit)
        self.as_one_step(len(edits))
        return len(edits)

    def as_one_step(self, count: int) -> None:
        """The last ``count`` edits of this session become one step of undo and redo."""
        if count > 1 and len(self._undo) >= count:
            edits = tuple(e for step in self._undo[-count:] for e in (step.edits if isinstance(step, Steps) else (step,)))
            del self._undo[-count:]
            self._undo.append(Steps(edits))

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

    def overwritten(self) -> tuple[CellChange, object, str] | None:
        """(our last edit, the value now in its cell, who wrote it) if another session has written over it."""
        edit = self._undo[-1] if self._undo else None
        if not isinstance(edit, CellChange) or edit is self._told:
            return None
        theirs = self.workshop.cells.get((edit.section, edit.block, edit.row, edit.column))
        if (theirs or None) == (edit.new or None):
            return None
        from .store.changelog import last_author

        try:
            who = last_author(self.store.changes_path(self.workshop_id), (edit.section, edit.block, edit.row,
                                                                           edit.column), self.store.user)
        except (OSError, ValueError):
            who = "En annen"
        return edit, theirs, who

    def told(self, edit: CellChange) -> None:
        """The screen said that ``edit`` was written over: Ctrl+Z now writes it back (see :meth:`undo`)."""
        self._told = edit

    def undo(self) -> Edit | None:
        if not self._undo:
            return None
        if self._told is not None and self._undo[-1] is self._told:
            return self._take_back(self._told)
        edit = self._step(self._undo.pop(), reverse=True)
        self._redo.append(edit)
        return edit.edits[0] if isinstance(edit, Steps) else edit

    def _take_back(self, edit: CellChange) -> CellChange:
        """Write our text of ``edit`` over what another session wrote after it (only if that is still there)."""
        self._told = None
        block = self.template.section(edit.section).block(edit.block)
        theirs = self.workshop.cells.get((edit.section, edit.block, edit.row, edit.column))
        try:
            change = self.store.set_cell(self.workshop_id, edit.section, edit.block, edit.row, edit.column,
                                         as_input(block.column(edit.column), block.row(edit.row), edit.new),
                                         expect=theirs)
        finally:
            self._refresh()
        self._undo[-1] = change  # Ctrl+Z once more gives the cell back to them
        return change

    def redo(self) -> Edit | None:
        if not self._redo:
            return None
        edit = self._step(self._redo.pop(), reverse=False)
        self._undo.append(edit)
        return edit.edits[0] if isinstance(edit, Steps) else edit

    def _step(self, step: Edit | Steps, *, reverse: bool) -> Edit | Steps:
        """One step of undo (``reverse``) or redo; a group's edits last to first (undo) or first to last.

        If one of a group's edits is refused, those already done move to the other stack and the
        rest stay where they were, so nothing is lost and Ctrl+Z/Ctrl+Y can be tried again.
        """
        if not isinstance(step, Steps):
            return self._apply(step, reverse=reverse)
        todo = list(reversed(step.edits) if reverse else step.edits)
        done: list[Edit] = []
        try:
            for edit in todo:
                done.append(self._apply(edit, reverse=reverse))
        except BaseException:
            rest = todo[len(done):]
            if rest:
                (self._undo if reverse else self._redo).append(Steps(tuple(reversed(rest)) if reverse else tuple(rest)))
            if done:
                (self._redo if reverse else self._undo).append(Steps(tuple(reversed(done)) if reverse else tuple(done)))
            raise
        return Steps(tuple(reversed(done)) if reverse else tuple(done))

    def _apply(self, edit: Edit, *, reverse: bool) -> Edit:
        """Undo (``reverse``) or redo one edit; returns it as the other stack needs it."""
        store, wid = self.store, self.workshop_id
        if isinstance(edit, CopyEdit):
            try:
                edit = apply_copy_edit(store, wid, edit, reverse=reverse)
            finally:
                self._refresh()
        elif isinstance(edit, CellChange):
            block = self.template.section(edit.section).block(edit.block)
            column = block.column(edit.column)
            row = block.row(edit.row)
            value, ours = (edit.old, edit.new) if reverse else (edit.new, edit.old)
            try:
                store.set_cell(wid, edit.section, edit.block, edit.row, edit.column, as_input(column, row, value),
                               expect=ours)
            finally:
                self._refresh()
        elif isinstance(edit, AddRow):
            if reverse:  # keep its place and what was typed into it, for redo
                order = self._order_of(edit.section, edit.block, edit.row)
                try:
                    cells = store.delete_row(wid, edit.section, edit.block, edit.row, expect=edit.cells)
                finally:
                    self._refresh()
                edit = replace(edit, order=order, cells=cells)
            else:
                store.restore_row(wid, edit.section, edit.block, edit.row, edit.order, edit.cells)
        elif isinstance(edit, DeleteRow):
            if reverse:
                store.restore_row(wid, edit.section, edit.block, edit.row, edit.order, edit.cells)
            else:
                store.delete_row(wid, edit.section, edit.block, edit.row, expect=edit.cells)
        self._refresh()
        return edit
