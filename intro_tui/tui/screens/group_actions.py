"""The workshop screen's part in groups (issue 21): F10 Grupper, and the groups' answers side by side.

A mixin like :class:`.copy_actions.CopyActions`, so the screen's module stays
about showing and editing sections.  Both open a dialog; what it changed is
saved already, and the screen shows it when it closes.
"""

from __future__ import annotations

from ...core.model import groups
from ..keys import Key, bindings
from . import key_hints as hints
from .screen_part import ScreenPart


class GroupActions(ScreenPart):
    """F10: the meeting's groups; the groups' drafts of this section side by side (from there, or the palette)."""

    KEYS = [Key("f10", "groups", "Grupper: lag grupper, medlemmer og ledere, gruppenes svar side om side",
                hints.groups, rank=105)]
    BINDINGS = bindings(KEYS)

    def action_groups(self) -> None:
        from .groups_dialog import GroupsDialog

        if not self.leave_editor():
            return
        self.app.push_screen(GroupsDialog(self.session, self.section), self._groups_closed)

    def _groups_closed(self, choice) -> None:
        from ..widgets.navigator import Navigator

        self.session.reload()
        self.query_one(Navigator).update_marks(self.session.workshop)
        if choice is None:
            return
        if choice.action == "compare":
            self.action_compare(choice.key)
        else:
            self.go_to_section(choice.key)
            if groups.is_draft(choice.key):
                self.say(f"Du ser {groups.draft_label(self.session.workshop, choice.key)} "
                         f"(ingen andre flyttes). F10 for gruppene.")

    def action_compare(self, plenary: str | None = None) -> None:
        """The groups' drafts of ``plenary`` (the section on screen) side by side."""
        from .compare import CompareScreen

        if not self.leave_editor():
            return
        key = plenary or groups.base_of(self.section.id)
        if not groups.drafts_of(self.session.workshop, key):
            self.say(f"Ingen grupper har et utkast av {key} (F10: ny gruppe med utkast).", error=True)
            return
        self.app.push_screen(CompareScreen(self.session, key), self._compare_closed)

    def _compare_closed(self, _result=None) -> None:
        from ..widgets.navigator import Navigator

        self.refresh_tables()
        self.query_one(Navigator).update_marks(self.session.workshop)
