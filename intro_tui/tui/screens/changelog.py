"""Endringslogg: who changed which cell when, with the old and the new value."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ...core.session import EditSession
from ...core.os_words import os_error_words
from ...core.shorten import one_line
from ...core.store import changelog

SHOWN = 500


def _value(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items() if v not in (None, "")) or "–"
    return one_line(str(value), 40)


def describe_place(session: EditSession, entry: dict) -> str:
    section = entry.get("s", "")
    if not section:
        return {"create": "verkstedet laget", "meta": "detaljer"}.get(entry.get("op", ""), entry.get("op", ""))
    place = section
    try:
        block = session.template.section(section).block(entry.get("b", ""))
        row = block.row(entry.get("r", ""))
        if row is not None and (row.label or row.prompt):
            place += " · " + (row.label or row.prompt)[:28]
        if entry.get("c"):
            place += " · " + block.column(entry["c"]).title[:18]
    except KeyError:
        pass
    op = entry.get("op")
    if op == "add-row":
        place += " (ny rad)"
    elif op == "delete-row":
        place += " (rad slettet)"
    return place


class ChangeLogScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q", "close", "Lukk", show=True),
        Binding("e", "export", "Eksporter (CSV)", show=True),
    ]

    def __init__(self, session: EditSession):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"):
            yield Static(Text(f"Endringslogg – {self.session.workshop.title}", style="bold"))
            yield DataTable(id="changes", cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for title in ("Når", "Hvem", "Hvor", "Før", "Etter"):
            table.add_column(Text(title))
        entries = changelog.read(self.session.store.changes_path(self.session.workshop_id), limit=SHOWN)
        for entry in reversed(entries):
            when = str(entry.get("at", ""))[5:19].replace("T", " ")
            table.add_row(Text(when), Text(str(entry.get("by", ""))[:12]), Text(describe_place(self.session, entry)),
                          Text(_value(entry.get("old"))), Text(_value(entry.get("new"))))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        """Write the whole log as CSV into the exports folder and say where."""
        from ...export.files import write_bytes_atomic

        store = self.session.store
        path = self.app.exports_dir / f"{self.session.workshop_id}-endringslogg.csv"
        try:
            write_bytes_atomic(path, changelog.to_csv(changelog.read(store.changes_path(self.session.workshop_id)))
                               .encode("utf-8"))
        except OSError as exc:
            self.notify(f"Eksporten feilet: {os_error_words(exc)}", severity="error", markup=False)
            return
        self.notify(f"Skrev {path}", title="Eksportert", markup=False, timeout=10)
