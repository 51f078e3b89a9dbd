"""The chart view of an indicator section: one bar per indicator, result against goal and limit.

Drawn with block characters so it reads on a projector and over SSH at
80×24: the bar is the result, coloured by status (green nådd, yellow nær,
red ikke nådd); ``│`` marks the goal and ``┆`` the limit; the line beside the
bar says the same in numbers and words, so nothing depends on colour.  A
workshop copied from earlier years shows each indicator's result year by year.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from ...core.model import indicators as ind
from ...core.model.kinds import kind
from ...core.model.indicator_chart import Bar, section_bars
from ...core.model.template import Section
from ...core.model.workshop import Workshop
from ...core.shorten import one_line
from ..widgets.key_bar import KeyBar

STATUS_STYLES = {ind.REACHED: "green", ind.NEAR: "yellow", ind.MISSED: "red"}
GOAL, LIMIT = "│", "┆"


def bar_line(bar: Bar, value: int | float | None, width: int, *, style: str, markers: bool = True) -> Text:
    """``width`` cells: the value as a filled bar, the goal and limit as marks on it."""
    def position(number: int | float | None) -> int | None:
        if number is None:
            return None
        return max(0, min(width - 1, round(number / bar.scale * width) - (1 if number > 0 else 0)))

    filled = 0 if value is None else max(0, min(width, round(value / bar.scale * width)))
    if markers and value is not None:  # the bar says what the words say: past a mark it has reached, short of it not
        for number in (bar.limit, bar.goal):
            at = position(number)
            if at is not None and number is not None:
                if value >= number and filled < at + 2:
                    filled = min(width, at + 2)
                elif value < number and filled > at:
                    filled = at
    cells = [("█", style) if i < filled else ("·", "dim") for i in range(width)]
    if markers:
        for number, mark in ((bar.limit, LIMIT), (bar.goal, GOAL)):
            at = position(number)
            if at is not None:
                if value is not None and number is not None and value >= number and at >= filled - 1 and filled >= 2:
                    at = filled - 2  # at the bar's very end the mark would hide that it was passed
                cells[at] = (mark, "bold reverse" if at < filled else "bold")
    text = Text(end="")
    for char, char_style in cells:
        text.append(char, char_style)
    return text


def render_bars(bars: list[Bar], width: int) -> Text:
    """All bars of one table as Text lines: label, then the bar(s) with the numbers in words."""
    text = Text(end="")
    bar_width = max(10, min(40, width - 50))
    for bar in bars:
        text.append(one_line(bar.label, width - 2) + "\n", "bold")
        style = STATUS_STYLES.get(bar.status or "", "cyan")
        if bar.years:
            for i, (year, value) in enumerate(bar.years):
                last = i == len(bar.years) - 1
                text.append(f"  {year[:6]:>6} ")
                text.append_text(bar_line(bar, value, bar_width, style=style if last else "blue", markers=last))
                if last:
                    _words(text, bar)
                else:
                    text.append(f" {bar.unit(value) if value is not None else '–'}\n", "dim")
        else:
            text.append("  ")
            text.append_text(bar_line(bar, bar.result, bar_width, style=style))
            _words(text, bar)
    return text


def _words(text: Text, bar: Bar) -> None:
    """The numbers after the bar, then the status as symbol and word in its colour."""
    text.append(f" {bar.summary(status=False)}")
    if bar.status:
        text.append(f" {ind.STATUS_MARKS[bar.status]} {ind.STATUS_WORDS[bar.status]}", STATUS_STYLES[bar.status])
    text.append("\n")


def show_chart(app) -> None:
    """Ctrl+R / F7: the chart of the indicator section on screen (committing an open edit first)."""
    from .workshop import WorkshopScreen

    screen = app.screen
    if not isinstance(screen, WorkshopScreen):
        app.notify("Åpne et verksted og en seksjon med indikatorer for å se diagrammet.", markup=False)
        return
    if not screen.leave_editor():
        return
    if not any(kind(block).chart for block in screen.section.blocks):
        app.notify("Diagram finnes for seksjoner med indikatorer (Mål og Resultat).", markup=False)
        return
    app.push_screen(ChartScreen(screen.section, screen.session.workshop))


class ChartScreen(Screen):
    """Resultat mot mål for the indicator tables of one section."""

    BINDINGS = [Binding("escape,q,ctrl+r,f7", "close", "Tilbake til tabellen", show=True)]

    def __init__(self, section: Section, workshop: Workshop):
        super().__init__()
        self.section = section
        self.workshop = workshop

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="chart"):
            yield Static(self.chart_text(self.app.size.width - 2), id="chart-body")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.workshop.title
        self.sub_title = f"Diagram · {self.section.title}"

    def chart_text(self, width: int) -> Text:
        text = Text(end="")
        text.append(f"{self.section.heading}: resultat mot mål\n", "bold")
        text.append(f"█ resultat  {GOAL} mål  {LIMIT} grense   ", "")
        text.append("✓ nådd ", "green")
        text.append("≈ nær ", "yellow")
        text.append("✗ ikke nådd\n", "red")
        for block, bars in section_bars(self.section, self.workshop):
            title = block.label_column.title if block.label_column is not None else block.id
            text.append(f"\n{title}\n", "bold underline")
            text.append_text(render_bars(bars, width))
        if not section_bars(self.section, self.workshop):
            text.append("\nIngen mål eller resultater å vise ennå. Fyll inn Mål og Resultat først.\n")
        return text

    def on_resize(self) -> None:
        self.query_one("#chart-body", Static).update(self.chart_text(self.app.size.width - 2))

    def action_close(self) -> None:
        self.dismiss()
