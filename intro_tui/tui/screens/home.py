"""The home screen: the workshops, and what can be done with them.

Files in the data folder that cannot be read are listed under the table by
name and reason; the rest of the app keeps working.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from ...core.shorten import one_line
from ...core.when import short_when
from ...core.model.values import ValueProblem
from ...core.store.errors import StoreError
from ...core.store.index import WorkshopSummary
from ..typed_app import OurApp
from ..widgets.key_bar import KeyBar
from .dialogs import ConfirmDialog, WorkshopDialog, WorkshopForm


class HomeScreen(OurApp, Screen):
    """The list of workshops."""

    BINDINGS = [
        Binding("n", "new", "Nytt", show=True),
        Binding("k", "duplicate", "Kopier", show=True),
        Binding("r", "edit", "Rediger", show=True),
        Binding("e", "export", "Eksporter", show=True),
        Binding("i", "app.import_word", "Les inn fra Word", show=True),
        Binding("delete", "delete", "Slett", show=True),
        Binding("slash,ctrl+f", "filter", "Søk", show=True),
        Binding("escape", "clear_filter", "Tøm søk", show=False),
        Binding("q", "app.quit", "Avslutt", show=True),
        Binding("question_mark", "app.help", "Hjelp", show=False),
    ]

    #: How often the list looks for workshops made or changed elsewhere (the CLI, another session).
    REFRESH_SECONDS = 2.0

    def __init__(self):
        super().__init__()
        self.workshops: list[WorkshopSummary] = []
        self._errors: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Søk i verkstedene (/)", id="filter")
        yield DataTable(id="workshops", cursor_type="row", zebra_stripes=True)
        yield Static("", id="empty")
        yield Static("", id="problems")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "intro-tui"
        self.sub_title = "Verksteder"
        table = self.query_one("#workshops", DataTable)
        for title, key in (("Tittel", "title"), ("Mal", "template"), ("Kommune", "kommune"), ("År", "year"),
                           ("Endret", "updated"), ("Utfylt", "filled")):
            table.add_column(Text(title), key=key)
        self.reload()
        table.focus()
        self.set_interval(self.REFRESH_SECONDS, self.refresh_if_changed)

    def refresh_if_changed(self) -> None:
        """Show what others saved: re-fill only when the listing differs (cursor and search are kept).

        ``summaries()`` reads only the files whose stat changed (the list index), so an idle tick
        is a few ``stat`` calls; a tick while a dialog or a workshop is on top does nothing.
        """
        if self.app.screen is not self:  # is_current is also true right under the top screen (DESIGN.md)
            return
        try:
            workshops, errors = self.app.store.summaries()
        except OSError:
            return  # reload() says what is wrong on the next user action
        if workshops != self.workshops or [str(e) for e in errors] != self._errors:
            self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    # -- data ------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        store = self.app.store
        try:
            self.workshops, errors = store.summaries()
        except OSError as exc:  # the data folder became unreadable: say so, keep running
            from ...core.os_errors import os_message

            self.workshops, errors = [], [os_message(exc)]
        self._errors = [str(e) for e in errors]
        self.fill_table(select)
        problems = self.query_one("#problems", Static)
        lines = [f"Kan ikke lese {error}" for error in errors]
        lines += [f"Mal hoppet over: {error}" for error in store.catalog.errors]
        problems.update(Text("\n".join(lines), style="bold red"))
        problems.display = bool(lines)

    def fill_table(self, select: str | None = None) -> None:
        table = self.query_one("#workshops", DataTable)
        current = select or self.selected_id()
        needle = self.query_one("#filter", Input).value.casefold().strip()
        table.clear()
        width = self.app.size.width
        title_width = max(16, width - 62)
        for w in self.workshops:
            template = self.app.store.catalog.templates.get(w.template)
            haystack = " ".join([w.title, w.kommune, str(w.year or ""), w.template,
                                 template.title if template else ""]).casefold()
            if needle and needle not in haystack:
                continue
            filled = w.filled_text
            table.add_row(
                Text(one_line(w.title, title_width)), Text(one_line(w.template, 12)), Text(one_line(w.kommune, 12)),
                Text(str(w.year or "")), Text(short_when(w.updated)), Text(filled, justify="right"),
                key=w.id,
            )
        self.show_empty(needle)
        if table.row_count == 0:
            return
        if current is not None:
            try:
                table.move_cursor(row=table.get_row_index(current))
            except RowDoesNotExist:  # filtered out, or deleted meanwhile
                pass

    def show_empty(self, needle: str) -> None:
        """An empty table says what to do, as ``intro-tui list`` does."""
        empty = self.query_one("#empty", Static)
        table = self.query_one("#workshops", DataTable)
        table.set_class(not table.row_count, "-empty")
        if table.row_count:
            empty.display = False
            return
        if needle:
            words = f"Ingen verksteder passer «{one_line(needle, 30)}». Esc tømmer søket."
        else:
            words = "Ingen verksteder ennå. Trykk n for å lage et."
        empty.update(Text(words, style="italic"))
        empty.display = True

    def selected_id(self) -> str | None:
        table = self.query_one("#workshops", DataTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except CellDoesNotExist:
            return None

    def selected(self) -> WorkshopSummary | None:
        wid = self.selected_id()
        return next((w for w in self.workshops if w.id == wid), None)

    # -- events ------------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.fill_table()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.query_one("#workshops", DataTable).focus()
        self.open_selected()

    def on_key(self, event) -> None:
        if self.focused is self.query_one("#filter", Input) and event.key in ("down", "up"):
            table = self.query_one("#workshops", DataTable)
            table.action_cursor_down() if event.key == "down" else table.action_cursor_up()
            event.stop()

    @on(DataTable.RowSelected, "#workshops")
    def row_selected(self) -> None:
        self.open_selected()

    def open_selected(self) -> None:
        workshop = self.selected()
        if workshop is not None:
            self.app.open_workshop(workshop.id)

    # -- actions -----------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.query_one("#workshops", DataTable).focus()

    def action_new(self) -> None:
        self.app.action_new_workshop()

    def action_duplicate(self) -> None:
        """Next year's workshop: goals and limits kept, results and NIR counts cleared, last year remembered."""
        from ...core.store.years import copy_for_next_year, suggested_title

        workshop = self.selected()
        if workshop is None:
            return
        year = (workshop.year + 1) if workshop.year else None
        form = WorkshopForm(workshop.template, suggested_title(workshop.title, workshop.year, year), workshop.kommune,
                            year, list(workshop.units))
        templates = list(self.app.store.catalog.templates.values())

        def done(result: WorkshopForm | None) -> None:
            if result is None:
                return
            try:
                copy = copy_for_next_year(self.app.store, workshop.id, year=result.year, title=result.title)
                copy = self.app.store.update_meta(copy.id, kommune=result.kommune, units=result.units)
            except (StoreError, ValueProblem) as exc:  # shown, never a crash
                self.notify(f"Ikke kopiert: {exc}", severity="error", markup=False)
                return
            self.notify(f"Laget «{copy.title}»: mål beholdt, resultater tømt.", markup=False)
            self.reload(select=copy.id)

        self.app.push_screen(WorkshopDialog(templates, heading="Kopier til neste år", form=form,
                                            choose_template=False), done)

    def action_edit(self) -> None:
        workshop = self.selected()
        if workshop is None:
            return
        form = WorkshopForm(workshop.template, workshop.title, workshop.kommune, workshop.year, list(workshop.units))

        def done(result: WorkshopForm | None) -> None:
            if result is None:
                return
            try:
                self.app.store.update_meta(workshop.id, title=result.title, kommune=result.kommune,
                                           year=result.year, units=result.units)
            except (StoreError, ValueProblem) as exc:
                self.notify(f"Ikke lagret: {exc}", severity="error", markup=False)
                return
            self.reload(select=workshop.id)

        self.app.push_screen(WorkshopDialog([], heading="Rediger verksted", form=form, choose_template=False), done)

    def action_delete(self) -> None:
        workshop = self.selected()
        if workshop is None:
            return

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.app.store.delete(workshop.id)
            except StoreError as exc:
                self.notify(f"Ikke slettet: {exc}", severity="error", markup=False)
                return
            self.notify(f"Slettet «{workshop.title}» (i papirkurven).", markup=False)
            self.reload()

        self.app.push_screen(ConfirmDialog(f"Slette «{workshop.title}»? Det flyttes til papirkurven (data/.deleted); "
                                           f"«intro-tui restore {workshop.id}» henter det tilbake.", yes="Slett"), done)

    def action_export(self) -> None:
        workshop = self.selected()
        if workshop is None:
            return
        from .dialogs import ExportDialog

        template = self.app.store.catalog.templates.get(workshop.template)
        if template is None:
            return
        self.app.push_screen(ExportDialog(template),
                             lambda choice: choice and self.app.run_export(template, workshop.id, choice))
