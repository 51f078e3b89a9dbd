"""Endringslogg: who changed which cell when, with the old and the new value."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ...core.session import EditSession
from ...core.os_errors import os_reason
from ...core.shorten import one_line
from ...core.store import changelog
from ...core.store.errors import StoreError
from ...core.store.log_words import LogLine, describe
from ...core.when import short_when
from ..typed_app import OurApp
from ..widgets.column_fit import fit_text
from ..widgets.key_bar import KeyBar
from ..widgets.table_notes import detail_text
from .modal import Dialog

SHOWN = 500
#: Når ("26.11. 21:07") and Hvem keep these widths; Hvor, Før and Etter share the rest of the dialog.
WHEN, WHO = 12, 10


def log_widths(room: int) -> list[int]:
    """The five columns' widths in ``room`` cells (each column also takes two cells of padding):
    at 80 columns Før and Etter are on screen, their values wrapped at words, never beyond the edge."""
    rest = max(room - 5 * 2 - WHEN - WHO, 3 * 8)
    return [WHEN, WHO, rest - 2 * (rest // 3), rest // 3, rest // 3]


def describe_place(line: LogLine) -> str:
    """Where, short: "1.3 · Vurdere muligheter… · Når/hvor ofte", or what happened to the workshop."""
    if not line.section:
        return f"verkstedet: {line.action}"
    place = " · ".join(part for part in (line.section.split(" ", 1)[0], line.row[:28], line.column[:18]) if part)
    if line.action in ("la til rad", "slettet rad"):
        place += f" ({line.action})"
    return place


def _value(text: str) -> str:
    """A value on one line; it wraps in its column, so only a very long one is cut."""
    return one_line(text, 160) if text else "–"


class ChangeLogScreen(OurApp, Dialog[None]):
    """Who changed what and when, newest first; E exports it for Excel."""

    BINDINGS = [
        Binding("escape,q", "close", "Lukk", show=True),
        Binding("e", "export", "Eksporter (CSV)", show=True),
    ]

    def __init__(self, session: EditSession):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield KeyBar()  # the log's own keys, over the table's
        with Vertical(classes="dialog wide tall"):
            yield Static(Text(f"Endringslogg – {self.session.workshop.title}", style="bold"))
            yield DataTable(id="changes", cursor_type="row")
            yield Static("", id="change-detail")  # the row under the cursor whole: Hvor, Før, Etter

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        room = min(self.app.size.width, 76) - 2 - 2 - 2  # the dialog's border, its padding, the scrollbar
        widths = log_widths(room)
        for title, width in zip(("Når", "Hvem", "Hvor", "Før", "Etter"), widths):
            table.add_column(Text(title), width=width)
        session = self.session
        entries = changelog.read(session.store.changes_path(session.workshop_id), limit=SHOWN)
        cache: dict = {}
        self.lines: list[LogLine] = []
        for entry in reversed(entries):
            line = describe(entry, session.template, session.workshop, cache)
            self.lines.append(line)
            cells = (short_when(str(entry.get("at", ""))), line.who[:12], describe_place(line),
                     _value(line.old), _value(line.new))
            table.add_row(*(fit_text(Text(cell), width) for cell, width in zip(cells, widths)), height=None)
        table.focus()

    @on(DataTable.RowHighlighted)
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Under the log, the entry under the cursor in full: its place, what it was, what it became."""
        if not 0 <= event.cursor_row < len(self.lines):
            return
        line = self.lines[event.cursor_row]
        pairs = [("Hvor", describe_place(line)), ("Før", one_line(line.old, None) or "–"),
                 ("Etter", one_line(line.new, None) or "–")]
        self.query_one("#change-detail", Static).update(detail_text(pairs))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        """Write the whole log as CSV into the exports folder and say where; a browser gets it as a download."""
        from ...export.files import write_bytes_atomic

        session = self.session
        path = self.app.exports_dir / f"{session.workshop_id}-endringslogg.csv"
        try:
            workshop = session.store.load(session.workshop_id)  # as saved now: others may have added rows
            entries = changelog.read(session.store.changes_path(session.workshop_id))
            payload = changelog.to_csv(entries, session.template, workshop)
            if self.app.guest or self.app.is_web:  # never written on the server (tui/guest.py)
                import io

                self.app.deliver_binary(io.BytesIO(payload), save_filename=path.name)
                self.notify(f"Lastes ned: {path.name}", title="Eksportert", markup=False, timeout=10)
                return
            write_bytes_atomic(path, payload)
        except OSError as exc:
            self.notify(f"Eksporten feilet: {os_reason(exc)}", severity="error", markup=False)
            return
        except StoreError as exc:
            self.notify(f"Eksporten feilet: {exc}", severity="error", markup=False)
            return
        self.notify(f"Skrev {path}", title="Eksportert", markup=False, timeout=10)
