"""Adding and removing a copy as edits of one session: undo and redo know which copy.

A copy added by this session is removed again by its undo (its answers kept for
redo); a removed copy comes back whole, in its place, by undo.  The edit carries
the copy's naming field as its block/row/column, so the status line and the
cursor land on the copy's name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .model.template import Template
from .store import copies as store_copies
from .store.copies import RemovedCopy
from .store.errors import EditConflict
from .store.workshops import WorkshopStore


@dataclass(frozen=True)
class CopyEdit:
    """``added``: this session added the copy (else removed it); ``removed``: its contents while it is gone."""

    section: str
    block: str
    row: str
    column: str
    added: bool
    removed: RemovedCopy | None = None


def copy_edit(template: Template, key: str, *, added: bool, removed: RemovedCopy | None = None) -> CopyEdit:
    choice = template.section(key).per_choice
    assert choice is not None
    return CopyEdit(key, choice.block, choice.row, choice.column, added, removed)


def apply_copy_edit(store: WorkshopStore, workshop_id: str, edit: CopyEdit, *, reverse: bool) -> CopyEdit:
    """Undo (``reverse``) or redo a copy edit; the edit as the other stack needs it."""
    take_away = edit.added == reverse  # undo of an add, or redo of a remove
    if take_away:
        workshop = store.load(workshop_id)
        naming = (edit.block, edit.row, edit.column)
        if any(address[0] == edit.section and address[1:] != naming and value not in (None, "")
               for address, value in workshop.cells.items()) or any(
                address[0] == edit.section for address in workshop.user_rows if workshop.user_rows[address]):
            # this session's own edits in the copy are undone before it; anything left is someone else's
            raise EditConflict("en annen har skrevet i kopien etterpå; kopien er beholdt")
        removed = store_copies.remove_copy(store, workshop_id, edit.section)
        return replace(edit, removed=removed)
    assert edit.removed is not None
    key = store_copies.restore_copy(store, workshop_id, edit.removed)
    return replace(edit, section=key, removed=None)
