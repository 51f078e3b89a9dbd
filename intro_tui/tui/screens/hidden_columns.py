"""The columns a table collapsed for lack of width, for every row: Ctrl+K (issue 18 point 2).

At 80 columns an indicator table cannot show Fra NIR, I fjor and Trend beside
Mål and Resultat; the marker under the table names them and this key, and the
row detail shows them for the row under the cursor.  This dialog shows them
for all rows at once, so the room can compare rows without moving the cursor.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..widgets.block_table import BlockTable
from ..widgets.key_bar import KeyBar
from .modal import Dialog


def hidden_text(table: BlockTable) -> Text:
    """Each row's label, then "column: value" for each collapsed column (literally: values are never markup)."""
    text = Text(end="")
    titles = ", ".join(c.title for c in table.hidden)
    text.append(f"{table.block.title or table.section.heading}\n", "bold")
    text.append(f"Kolonner skjult for bredden: {titles}\n", "italic")
    for view in table.views:
        label = view.label(table.workshop)
        if view.group:
            text.append(f"\n{label}\n", "bold")
            continue
        values = table.render_computed(view, table.hidden)
        cells = [f"{c.title}: {cell.plain or '–'}" for c, cell in zip(table.hidden, values)]
        text.append(f"\n{label}\n")
        text.append("   " + (" · ".join(cells) if cells else "–") + "\n")
    text.rstrip()
    return text


class HiddenColumnsScreen(Dialog[None]):
    """The collapsed columns of one table, for all its rows."""

    BINDINGS = [Binding("escape,f9,q", "close", "Lukk", show=True)]

    def __init__(self, table: BlockTable):
        super().__init__()
        self.text = hidden_text(table)

    def key_hints(self) -> list[tuple[str, str]]:
        return [("↑↓ PgDn", "Bla"), ("Esc", "Lukk")]

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with VerticalScroll(classes="dialog wide tall"):
            yield Static(self.text)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
