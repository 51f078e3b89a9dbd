"""The workshop screen's readers: screens over the section that show what the grid cannot.

F4 the instructions whole (where the box cuts them), Ctrl+K the columns a narrow table
collapsed, for every row, Ctrl+L the change log.  Between :class:`CellEditing` and the
screen, so the screen's module stays about showing and editing sections.
"""

from __future__ import annotations

from textual.widgets import Collapsible

from ...core.model.template import Section
from ...core.session import EditSession
from ..keys import Key, bindings
from ..widgets.block_table import BlockTable
from ..widgets.section_view import SectionView
from . import key_hints as hints
from .editing import CellEditing


class ReaderActions(CellEditing):
    """F4, Ctrl+K, Ctrl+L (a Screen subclass, so Textual collects its bindings)."""

    KEYS = [
        Key("f4", "read_instructions", "Les hele instruksjonen", hints.read_instructions, rank=100),
        Key("ctrl+k", "hidden_columns", "Skjulte kolonner for alle rader", hints.hidden_columns, rank=110),
        Key("ctrl+l", "changelog", "Endringslogg"),
    ]
    BINDINGS = bindings(KEYS)

    session: EditSession
    section: Section
    section_view: SectionView | None  # the screen's

    def action_read_instructions(self) -> None:
        """F4: the section's instructions whole, in a reader over the section."""
        from .instructions import InstructionsScreen

        if self.section_view is not None and self.section_view.query(Collapsible):
            self.app.push_screen(InstructionsScreen(self.section))
        else:
            self.say("Denne seksjonen har ingen instruksjoner.")

    def action_hidden_columns(self) -> None:
        """Ctrl+K: the columns the table under the cursor collapsed for width, for all its rows."""
        from .hidden_columns import HiddenColumnsScreen

        table = self.focused
        if isinstance(table, BlockTable) and table.hidden:
            self.app.push_screen(HiddenColumnsScreen(table))
        else:
            self.say("Ingen kolonner er skjult for bredden her.")

    def action_changelog(self) -> None:
        from .changelog import ChangeLogScreen

        self.app.push_screen(ChangeLogScreen(self.session))
