"""F10 Grupper: the facilitator makes the meeting's groups, names them, gives them a place, assigns members.

A list of the groups (and the drafts of groups removed since, still readable);
on a group: ⏎ opens its place (its draft: the facilitator looks in without
moving anyone), M puts a participant in it (by name; moved from another
group), L names its lead, R renames it, Delete removes it (its draft is kept).
N makes a group with its own draft of the section on screen; K a group that
works on the copy on screen itself (a per-bransje section).  S shows the groups'
drafts of this section side by side.  Every change is saved at once
(:mod:`intro_tui.core.store.groups`) and in the change log.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from ...core.model import groups as model
from ...core.model.template import Section
from ...core.model.values import ValueProblem
from ...core.session import EditSession
from ...core.shorten import cut, one_line
from ...core.store import groups as store_groups
from ...core.store.errors import StoreError
from ..typed_app import OurApp
from ..widgets.key_bar import KeyBar
from .modal import Dialog


@dataclass(frozen=True)
class GroupsChoice:
    """Where to go after the dialog: ``open`` a place (section, copy or draft key) or ``compare`` a section."""

    action: str
    key: str


class PromptDialog(Dialog[str | None]):
    """One line of text: a group's name, a participant's name."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", show=True)]

    def __init__(self, question: str, placeholder: str, value: str = "", max_length: int = 60):
        super().__init__()
        self.question, self.placeholder, self.value, self.max_length = question, placeholder, value, max_length

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(classes="dialog"):
            yield Static(Text(self.question), classes="dialog-text")
            yield Input(self.value, compact=True, placeholder=self.placeholder, id="prompt",
                        max_length=self.max_length)

    def on_mount(self) -> None:
        self.query_one("#prompt", Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class GroupsDialog(OurApp, Dialog[GroupsChoice | None]):
    """The meeting's groups, for the facilitator."""

    BINDINGS = [
        Binding("escape", "cancel", "Lukk", show=True),
        Binding("n", "new(True)", "Ny gruppe (utkast)", show=True),
        Binding("k", "new(False)", "Ny gruppe på kopien", show=False),
        Binding("m", "member", "Sett inn deltaker", show=True),
        Binding("l", "lead", "Leder", show=False),
        Binding("r", "rename", "Nytt navn", show=False),
        Binding("delete", "remove", "Fjern", show=False),
        Binding("s", "compare", "Gruppenes svar", show=True),
    ]

    def __init__(self, session: EditSession, section: Section):
        super().__init__()
        self.session = session
        self.section = section
        self.rows: list[str] = []  # per table row: a group id, or a kept draft's key

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(classes="dialog wide"):
            yield Static(Text("Grupper", style="bold"))
            yield Static(Text(self.hint()), classes="dialog-text")
            yield DataTable(id="groups", cursor_type="row")
            yield Static("", id="groups-message")

    def hint(self) -> str:
        here = model.base_of(self.section.id)
        copy = (f" K: ny gruppe på {here} selv." if self.section.per_choice is not None else "")
        return (f"N: ny gruppe med eget utkast av {here}.{copy} På en gruppe: ⏎ åpner, M setter inn en deltaker, "
                "L leder, R nytt navn, Delete fjerner (utkastet beholdes). S: gruppenes svar side om side.")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for title, width in (("Gruppe", 24), ("Arbeider på", 16), ("Leder", 10), ("Deltakere", 18)):
            table.add_column(Text(title), width=width)
        self.fill()
        table.focus()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        workshop = self.session.workshop
        self.rows = []
        for group in workshop.groups:
            members = ", ".join(one_line(m, 20) for m in group.members) or "ingen ennå"
            table.add_row(Text(cut(one_line(group.name, None), 24)), Text(model.place_words(group.place)),
                          Text(cut(one_line(group.leader, None) or "–", 10)), Text(cut(members, 18)))
            self.rows.append(group.id)
        for key in workshop.drafts:
            if model.by_id(workshop, model.group_id_of(key)) is None:
                table.add_row(Text(cut(one_line(model.draft_name(workshop, key), None), 24)),
                              Text(model.place_words(key)), Text("(fjernet)"), Text(""))
                self.rows.append(key)
        if not self.rows:
            self.say("Ingen grupper ennå: N lager en.")
        if self.rows:
            table.move_cursor(row=min(max(row, 0), len(self.rows) - 1))

    def say(self, text: str, *, error: bool = False) -> None:
        self.query_one("#groups-message", Static).update(Text(text, style="bold red" if error else ""))

    def chosen(self) -> str | None:
        table = self.query_one(DataTable)
        return self.rows[table.cursor_row] if 0 <= table.cursor_row < len(self.rows) else None

    def chosen_group(self) -> model.Group | None:
        key = self.chosen()
        group = model.by_id(self.session.workshop, key) if key and not model.is_draft(key) else None
        if group is None:
            self.say("Velg en gruppe i listen først (N lager en).", error=True)
        return group

    def write(self, change, done: str) -> None:
        """Run one store change; on success reload, list again and say ``done``; a refusal is said."""
        try:
            change()
        except (ValueProblem, StoreError) as exc:
            self.say(f"Ikke lagret: {exc}", error=True)
            return
        self.session.reload()
        self.fill()
        self.say(done)

    def action_new(self, draft: bool) -> None:
        here = self.section.id if not model.is_draft(self.section.id) else model.base_of(self.section.id)
        if not draft and self.section.per_choice is None:
            draft = True
        what = f"med eget utkast av {here}" if draft else f"på {here}"
        number = len(self.session.workshop.groups) + 1

        def named(name: str | None) -> None:
            if name is not None:
                self.write(lambda: store_groups.make(self.session.store, self.session.workshop_id, name,
                                                     section=here, draft=draft),
                           f"Laget «{one_line(name, 40)}» {what}.")
        self.app.push_screen(PromptDialog(f"Ny gruppe {what}: navn?", "Navn", f"Gruppe {number}"), named)

    def _ask(self, question: str, placeholder: str, then, value: str = "", max_length: int = 40) -> None:
        group = self.chosen_group()
        if group is None:
            return

        def answered(text: str | None) -> None:
            if text is not None:
                then(group, text)
        self.app.push_screen(PromptDialog(question, placeholder, value, max_length), answered)

    def action_member(self) -> None:
        store, wid = self.session.store, self.session.workshop_id
        self._ask("Hvem skal være med i gruppen? (flyttes fra en annen gruppe)", "Deltakerens navn",
                  lambda g, name: self.write(lambda: store_groups.join(store, wid, g.id, name),
                                             f"{one_line(name, 40)} er med i «{one_line(g.name, 40)}»."))

    def action_lead(self) -> None:
        store, wid = self.session.store, self.session.workshop_id
        self._ask("Hvem leder gruppen? (tomt: den første som blir med)", "Navn",
                  lambda g, name: self.write(lambda: store_groups.set_lead(store, wid, g.id, name),
                                             f"«{one_line(g.name, 40)}» ledes av "
                                             f"{one_line(name, 40) or 'den første som blir med'}."))

    def action_rename(self) -> None:
        store, wid = self.session.store, self.session.workshop_id
        group = self.chosen_group()
        if group is not None:
            self._ask("Gruppens nye navn:", "Navn",
                      lambda g, name: self.write(lambda: store_groups.rename(store, wid, g.id, name),
                                                 f"Gruppen heter nå «{one_line(name, 40)}»."),
                      value=group.name, max_length=model.MAX_GROUP_NAME)

    def action_remove(self) -> None:
        from .dialogs import ConfirmDialog

        group = self.chosen_group()
        if group is None:
            return
        kept = " Utkastet beholdes og kan leses." if group.has_draft else ""
        store, wid = self.session.store, self.session.workshop_id

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(lambda: store_groups.remove(store, wid, group.id),
                           f"Fjernet «{one_line(group.name, 40)}».{kept}")
        self.app.push_screen(ConfirmDialog(f"Fjerne gruppen «{one_line(group.name, 40)}»?{kept}", yes="Fjern"),
                             answered)

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        key = self.chosen()
        if key is None:
            return
        group = model.by_id(self.session.workshop, key) if not model.is_draft(key) else None
        self.dismiss(GroupsChoice("open", group.place if group is not None else key))

    def action_compare(self) -> None:
        self.dismiss(GroupsChoice("compare", model.base_of(self.section.id)))

    def action_cancel(self) -> None:
        self.dismiss(None)
