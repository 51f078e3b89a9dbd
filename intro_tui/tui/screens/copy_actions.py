"""The workshop screen's part in copies of per-choice sections: F8 adds, renames, removes; F9 plans a tiltak.

F9 on a tiltak written in 2.2's "Forslag til justering …" (3.1's "Nytt tiltak") gives it
its own copy of 2.3 (3.2), named after it and with 2.2's trade as its ``Yrke/bransje``
(:mod:`intro_tui.core.model.copy_links`); pressed again on a cell listing several tiltak, the next.

Between :class:`CellEditing` and the screen, so the screen's module stays about
showing and editing sections.  Every change goes through the session (undo knows
the copy) and ends with the navigator rebuilt and the copy on screen.
"""

from __future__ import annotations


from ...core.model import copies, copy_links
from ...core.model.values import ValueProblem
from ...core.shorten import one_line
from ...core.store.errors import StoreError
from ..keys import Key, bindings
from . import key_hints as hints
from .copy_dialog import CopyChoice, CopyDialog
from .screen_part import ScreenPart


class CopyActions(ScreenPart):
    """F8: the copies of the section on screen (a Screen subclass, so Textual collects its binding)."""

    #: F9, the tiltak's own plan (action_plan_tiltak), shares its key with the meeting: MeetingActions.action_f9.
    KEYS = [
        Key("f8", "copies", "Kopier (ny, nytt navn, fjern)", hints.copies, rank=50),
        Key("f9", "f9", "Tiltaket i cellen får sin egen plan (2.2 → 2.3, 3.1 → 3.2)", hints.plan_tiltak, rank=0),
    ]
    BINDINGS = bindings(KEYS)

    def action_copies(self) -> None:
        section = self.section
        if section.per_choice is None:
            self.say(f"{section.base_id} fylles ut én gang og har ingen kopier.")
            return
        if not self.leave_editor():
            return
        suggestions = copies.name_suggestions(self.session.template, self.session.workshop, section)
        self.app.push_screen(CopyDialog(section, self.session.workshop, suggestions), self._copy_chosen)

    def _copy_chosen(self, choice: CopyChoice | None) -> None:
        if choice is None:
            return
        session, section = self.session, self.section
        try:
            if choice.action == "add":
                key = session.add_copy(section.base_id, choice.name)
                self._copies_changed(key, f"La til kopien «{one_line(choice.name.strip(), 40)}» (^Z angrer).")
            elif choice.action == "rename":  # the naming field is the name (one source): an edit, with undo
                name = copies.check_name(choice.name, section, session.workshop, key=section.id)
                field = section.per_choice
                assert field is not None
                session.set_cell(section.id, field.block, field.row, field.column, name)
                self._copies_changed(section.id, f"Kopien heter nå «{one_line(name, 40)}».")
            elif choice.action == "remove":
                self._ask_remove()
        except (ValueProblem, StoreError) as exc:
            self.say(f"Ikke lagret: {exc}", error=True)

    def _ask_remove(self) -> None:
        from .dialogs import ConfirmDialog

        section = self.section
        if section.id == section.base_id:
            self.say("Den første kopien er selve seksjonen og kan ikke fjernes; tøm den, eller fjern de andre.",
                     error=True)
            return
        name = copies.label_of(section, self.session.workshop, section.id)
        question = f"Fjerne kopien «{one_line(name, 40)}» av {section.base_id} med alt som står i den? (^Z angrer)"
        self.app.push_screen(ConfirmDialog(question, yes="Fjern"), self._remove_answered)

    def _remove_answered(self, yes: bool | None) -> None:
        if not yes:
            return
        section = self.section
        name = copies.label_of(section, self.session.workshop, section.id)
        try:
            self.session.remove_copy(section.id)
        except (ValueProblem, StoreError) as exc:
            self.say(f"Ikke lagret: {exc}", error=True)
            return
        self._copies_changed(section.base_id, f"Fjernet kopien «{one_line(name, 40)}» (^Z henter den tilbake).")

    def action_plan_tiltak(self) -> None:
        """F9 on a tiltak proposed in 2.2 (3.1): a copy of 2.3 (3.2) named after it, its trade filled in."""
        from ..widgets.block_table import BlockTable

        table = self.focused
        ref = table.current() if isinstance(table, BlockTable) else None
        session = self.session
        found = None
        if ref is not None:
            block, row = ref.view.block, ref.view.key
            columns = [ref.shown.column.id] if ref.shown is not None else []
            columns += [c.id for c in block.columns if c.id not in columns]  # the cursor's cell, then the row's others
            value = next((v for c in columns if isinstance(v := session.workshop.value(self.section.id, block.id, row, c),
                                                           str) and v.strip()), "")
            found = copy_links.proposal(session.template, session.workshop, self.section.id, block.id, row, value)
        if found is None:
            self.say("F9 lager en plan for et tiltak: stå på et foreslått tiltak (2.2 «Forslag til justering», "
                     "3.1 «Nytt tiltak»). I en kjøreplan starter F9 møtet.", error=True)
            return
        if not found.name:
            self.say("Skriv tiltaket i cellen først, og trykk så F9.", error=True)
            return
        if not self.leave_editor():
            return
        target = found.target
        key = copy_links.existing(session.workshop, found)
        if key is not None:
            self._copies_changed(key, f"{target.base_id} «{one_line(found.name, 40)}» finnes allerede.")
            return
        choice, within = target.per_choice, target.per_choice.within if target.per_choice else None
        assert choice is not None and within is not None
        try:
            if not copies.name_of(target, session.workshop, target.id):  # the first copy is still unnamed: this is it
                key = target.id
                name = copies.check_name(found.name, target, session.workshop, key=key)
                session.set_cell(key, choice.block, choice.row, choice.column, name)
            else:
                key = session.add_copy(target.id, found.name)
            if found.within_name and not session.workshop.value(key, choice.block, within.row, choice.column):
                session.set_cell(key, choice.block, within.row, choice.column, found.within_name)
                session.as_one_step(2)  # one Ctrl+Z takes back what one F9 did
        except (ValueProblem, StoreError) as exc:
            self.say(f"Ikke lagret: {exc}", error=True)
            return
        self._copies_changed(key, f"Tiltaket «{one_line(found.name, 40)}» har nå sin egen {target.base_id} "
                                  "(^Z angrer).")

    def _copies_changed(self, key: str, message: str) -> None:
        from ..widgets.navigator import Navigator

        self.query_one(Navigator).update_marks(self.session.workshop)
        self.go_to_section(key)
        self.say(message)
