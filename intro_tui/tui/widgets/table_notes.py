"""The lines under a table that keep every word of it readable when the grid cannot show it all.

- the **legend** of the units' short names the role cells use when the full
  names do not fit ("FT = Flyktningtjenesten · VO = Voksenopplæringen");
- the **marker** of columns collapsed for lack of width ("Skjult: I fjor,
  Trend"), which says where they are shown;
- the **row detail** while the table has the cursor: each value of the current
  row that the grid shows shortened, in a unit's short name, or not at all,
  as "header: full value" - so the row under the cursor can always be read
  whole without scrolling sideways.

Every string is shown literally (``rich.text.Text``), never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...core.model.column_types import column_type
from ...core.text_fit import legend, shorten_units
from .table_host import HostMixin


def detail_text(pairs: list[tuple[str, str]]) -> Text:
    """"Header: value" lines, the header bold; values keep their own line breaks."""
    text = Text(end="")
    for n, (header, value) in enumerate(pairs):
        if n:
            text.append("\n")
        text.append(f"{header}: ", "bold")
        text.append(value)
    return text


class TableNotes(Static):
    """The legend of short names and the collapsed-column marker, under one table."""

    DEFAULT_CSS = """
    TableNotes { height: auto; margin: 0 0 1 0; padding: 0 1; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__("", classes="table-notes")
        self.display = False
        #: What is shown: (legend, hidden columns).
        self.said: tuple[str, list[str]] = ("", [])

    def show(self, legend: str, hidden: list[str]) -> None:
        """Draw the notes; nothing to say hides the widget."""
        text = Text(end="")
        if legend:
            text.append(legend)
        if hidden:
            if text.plain:
                text.append("\n")
            text.append("◂ Skjult for bredden: " + ", ".join(hidden) + " – Ctrl+K viser dem for alle rader, "
                        "nederst står de for raden med markøren", "italic")
        if (legend, hidden) == self.said:
            return  # said already: an update is a layout of the whole screen (each focus change, each follower)
        self.said = (legend, list(hidden))
        self.update(text)
        self.display = bool(text.plain)


class RowDetail(Static):
    """The current row's values the grid cannot show whole, at the foot of the section (always on screen)."""

    DEFAULT_CSS = """
    RowDetail { dock: bottom; height: auto; max-height: 10; padding: 0 1; background: $boost; }
    """

    def __init__(self) -> None:
        super().__init__("", classes="row-detail")
        self.display = False
        #: What is shown: (header, value) pairs.
        self.pairs: list[tuple[str, str]] = []

    def show(self, pairs: list[tuple[str, str]]) -> None:
        if pairs == self.pairs:
            return  # shown already: an update is a layout of the whole screen (each focus change, each follower)
        self.pairs = pairs
        self.update(detail_text(pairs))
        self.display = bool(pairs)


def _squash(text: str) -> str:
    """Text compared without its line breaks and spacing (the grid wraps, the value does not)."""
    return " ".join(text.split())




class RowNotes(HostMixin):
    """Fills a table's :class:`TableNotes` (a mixin of :class:`~.block_table.BlockTable`)."""


    # -- the notes under the grid -----------------------------------------------------

    def update_notes(self) -> None:
        """Legend, collapsed columns, and (with the cursor here) what of the current row the grid cannot show."""
        if self.notes is None:
            return
        names = ""
        if self.unit_names:
            roles = [v.text(self.workshop, s) for v in self.views for s in self.shown_columns
                     if column_type(s.column).units and not v.group]
            names = legend(self.unit_names, [r for r in roles if r])
        self.notes.show(names, [c.title for c in self.hidden])
        if self.detail is not None and self.has_focus:
            self.detail.show(self.row_detail())
            self.call_after_refresh(self.check_row_on_screen)  # once the section has scrolled to the cursor,
            self.set_timer(0.15, self.check_row_on_screen)  # and again after the screen's own scroll to it

    def check_row_on_screen(self) -> None:
        """A row taller than the room left on screen (60x20) is shown whole in the detail instead."""
        if self.detail is None or not self.has_focus or not self.is_attached:
            return
        pane = self.parent
        if pane is None or not self.row_count:
            return
        top, height = self.cursor_lines()
        first = self.region.y + top
        visible = pane.content_region  # type: ignore[attr-defined]
        bottom = visible.bottom - (self.detail.outer_size.height if self.detail.display else 0)
        bottom = min(bottom, self.region.y + self.size.height)  # a table taller than the pane cuts its own rows
        if first >= visible.y + 1 and first + height <= bottom:
            return
        pairs = self.row_detail(everything=True)
        if pairs != getattr(self.detail, "pairs", None):
            self.detail.show(pairs)

    def row_detail(self, everything: bool = False) -> list[tuple[str, str]]:
        """(header, full value) of the current row's cells shown shortened, abbreviated or not at all
        (``everything``: every value of the row, when the row does not fit on the screen)."""
        ref = self.current()
        if ref is None or ref.view.group:
            return []
        view = ref.view
        pairs = []
        for shown in self.shown_columns:
            if column_type(shown.column).toggle:  # an answer is drawn as a word ("☒ Nei"), never cut
                continue
            full = view.text(self.workshop, shown)
            named = shorten_units(full, self.unit_names) if column_type(shown.column).units else full
            if full and (everything or _squash(self.render_cell(view, shown).plain) != _squash(named)):
                pairs.append((shown.title, full))
        for computed, cell in zip(self.hidden, self.render_computed(view, self.hidden)):
            if cell.plain:
                pairs.append((computed.title, cell.plain))
        return pairs

    def watch_cursor_coordinate(self, old_coordinate, new_coordinate) -> None:
        super().watch_cursor_coordinate(old_coordinate, new_coordinate)
        self.update_notes()

    def _on_focus(self, event) -> None:
        super()._on_focus(event)
        self.update_notes()

    def _on_blur(self, event) -> None:
        super()._on_blur(event)
        self.update_notes()

