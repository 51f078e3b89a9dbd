"""Gruppenes svar: the group drafts of one section side by side, and taking a group's answer (issue 21).

One table of the section at a time (B: the next).  Per row, the plenary
version's line, then one line per group; a group's cell where the groups
disagree is marked "≠".  On a group's line: ⏎ or T takes that cell into the
plenary version, R the row, A everything of that group; Ctrl+Z takes the last
take back.  A row a group added comes in whole with R or A.  The plenary
version is edited as usual in the section (Esc back to it) to write a new answer.
The line under the table shows the cell under the cursor in full.  While it is
open, what the groups still write shows up (the file is checked every
:data:`POLL_SECONDS`; one ``stat`` when nothing changed).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ...core.model import compare
from ...core.model.groups import drafts_of
from ...core.model.values import ValueProblem
from ...core.session import EditSession
from ...core.shorten import cut, one_line
from ...core.store.errors import StoreError
from ..typed_app import OurApp
from ..widgets.key_bar import KeyBar
from ..widgets.table_notes import detail_text
from .modal import Dialog

#: The row's and the version's columns keep these widths at 80 columns; the answers share the rest.
ROW, WHO = 14, 9
#: How often the view looks for what others saved.
POLL_SECONDS = 2.0


def widths(room: int, count: int) -> list[int]:
    """ROW, WHO and ``count`` answer columns in ``room`` cells (each column also takes two of padding)."""
    rest = max(room - (count + 2) * 2 - ROW - WHO, count * 6)
    return [ROW, WHO, *([rest // max(count, 1)] * count)]


class CompareScreen(OurApp, Dialog[None]):
    """The side-by-side view of ``plenary``'s group drafts."""

    DEFAULT_CSS = """
    #compare-box { width: 100%; height: 100%; border: thick $accent; background: $surface; padding: 0 1; }
    #compare { height: 1fr; }
    #compare-detail { height: auto; max-height: 4; background: $boost; }
    #compare-message { height: auto; }
    """

    BINDINGS = [
        Binding("escape,q", "close", "Tilbake", show=True),
        Binding("t", "take('cell')", "Ta cellen", show=True),
        Binding("r", "take('row')", "Ta raden", show=True),
        Binding("a", "take('all')", "Ta alt fra gruppen", show=True),
        Binding("ctrl+z", "undo", "Angre", show=True),
        Binding("b", "next_block", "Neste tabell", show=True),
    ]

    def __init__(self, session: EditSession, plenary: str):
        super().__init__()
        self.session = session
        self.plenary = plenary
        self.block_index = 0
        self.shown: list[compare.Line] = []
        self.seen = session.workshop  # the workshop the table shows

    @property
    def blocks(self):
        return [b for b in self.session.template.section(self.plenary).blocks if compare.columns(b)]

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(id="compare-box"):  # the whole screen: not .dialog, whose width app.tcss sets
            yield Static("", id="compare-title")
            yield DataTable(id="compare", cursor_type="cell", zebra_stripes=False)
            yield Static("", id="compare-detail")
            yield Static("", id="compare-message")

    def on_mount(self) -> None:
        self.fill()
        self.query_one(DataTable).focus()
        self.set_interval(POLL_SECONDS, self.poll)

    def poll(self) -> None:
        """Show what another session saved since (the groups may still be writing)."""
        try:
            self.session.reload()
        except (StoreError, OSError):
            return  # the workshop screen's own reading says why; the view keeps what it shows
        if self.session.workshop is not self.seen:
            table = self.query_one(DataTable)
            self.fill(keep=(table.cursor_row, table.cursor_column))

    def fill(self, keep: tuple[int, int] | None = None) -> None:
        """(Re)build the table from the session's workshop; ``keep``: the cursor's (row, column)."""
        session = self.session
        self.seen = session.workshop
        section = session.template.section(self.plenary)
        blocks = self.blocks
        drafts = drafts_of(session.workshop, self.plenary)
        block = blocks[self.block_index % len(blocks)] if blocks else None
        title = f"Gruppenes svar – {section.base_id} {one_line(section.title, 40)}"
        if len(blocks) > 1 and block is not None:
            title += f" · tabell {self.block_index % len(blocks) + 1} av {len(blocks)}"
        title += f" · {len(drafts)} utkast" if drafts else " · ingen gruppeutkast ennå"
        self.query_one("#compare-title", Static).update(Text(title, style="bold"))
        table = self.query_one(DataTable)
        table.clear(columns=True)
        self.shown = compare.lines(session.template, session.workshop, self.plenary, block.id) if block else []
        if block is None:
            return
        columns = compare.columns(block)
        self.columns = columns
        room = min(self.app.size.width, 200) - 2 - 2 - 2  # the box's border, its padding, the scrollbar
        self.widths = widths(room, len(columns))
        for title_text, width in zip(["Rad", "Hvem", *(c.title for c in columns)], self.widths):
            table.add_column(Text(cut(one_line(title_text, None), width)), width=width)
        for line in self.shown:
            first = line.plenary or line.new_row
            row_text = cut(f"{line.number}. {one_line(line.label, None)}", ROW) if first else ""
            who = ("+ " if line.new_row else "") + one_line(line.who, None)
            cells = [Text(row_text, style="bold" if first else ""),
                     Text(cut(who, WHO), style="italic" if line.plenary else "")]
            for column, width in zip(columns, self.widths[2:]):
                value = one_line(line.cells.get(column.id, ""), None) or ("–" if not line.plenary else "")
                mark = column.id in line.differs
                cells.append(Text(cut(("≠" if mark else "") + value, width), style="reverse" if mark else ""))
            table.add_row(*cells)
        if keep is not None and self.shown:
            table.move_cursor(row=min(keep[0], len(self.shown) - 1), column=keep[1])
        self.show_detail()

    def current(self) -> tuple[compare.Line | None, str | None]:
        """The line under the cursor and the answer column's id (None on the Rad and Hvem columns)."""
        table = self.query_one(DataTable)
        if not 0 <= table.cursor_row < len(self.shown):
            return None, None
        line = self.shown[table.cursor_row]
        index = table.cursor_column - 2
        return line, self.columns[index].id if 0 <= index < len(self.columns) else None

    @on(DataTable.CellHighlighted)
    def show_detail(self) -> None:
        line, column_id = self.current()
        if line is None:
            self.query_one("#compare-detail", Static).update("")
            return
        pairs = [("Rad", f"{line.number}. {one_line(line.label, 80)}"), ("Hvem", one_line(line.who, 60))]
        if column_id is not None:
            column = next(c for c in self.columns if c.id == column_id)
            pairs.append((one_line(column.title, 30), one_line(line.cells.get(column_id, ""), 200) or "–"))
        self.query_one("#compare-detail", Static).update(detail_text(pairs))

    @on(DataTable.CellSelected)
    def cell_selected(self) -> None:
        self.action_take("cell")

    def say(self, text: str, *, error: bool = False) -> None:
        self.query_one("#compare-message", Static).update(Text(text, style="bold red" if error else ""))

    def action_take(self, what: str) -> None:
        line, column_id = self.current()
        if line is None or line.plenary:
            self.say("Stå på en gruppes linje for å ta svaret dens inn i plenumsversjonen.", error=True)
            return
        if what == "cell" and (column_id is None or line.new_row):
            what = "row"  # the Rad/Hvem columns, or a row only the group has: the row
        where: dict = {}
        if what in ("cell", "row"):
            where = {"block": line.block.id, "row": line.row}
        if what == "cell":
            where["column"] = column_id
        try:
            count = self.session.take_from_group(line.group, self.plenary, **where)
        except (ValueProblem, StoreError) as exc:
            self.say(f"Ikke lagret: {exc}", error=True)
            return
        table = self.query_one(DataTable)
        self.fill(keep=(table.cursor_row, table.cursor_column))
        name = one_line(line.who, 40)
        if count == 0:
            self.say(f"Plenumsversjonen har allerede svaret fra {name}.")
            return
        scope = {"cell": "cellen", "row": "raden", "all": "alt"}[what]
        self.say(f"Tok {scope} fra {name} inn i plenumsversjonen ({count} endret; ^Z angrer).")

    def action_undo(self) -> None:
        try:
            edit = self.session.undo()
        except (ValueProblem, StoreError) as exc:
            self.say(f"Ikke lagret: {exc}", error=True)
            return
        table = self.query_one(DataTable)
        self.fill(keep=(table.cursor_row, table.cursor_column))
        self.say("Angret." if edit is not None else "Ingenting å angre.")

    def action_next_block(self) -> None:
        if len(self.blocks) > 1:
            self.block_index += 1
            self.fill()

    def action_close(self) -> None:
        self.dismiss(None)
