"""What a block's cells say and how they read: one presentation for the screen and the paper.

The table editor, ``show``, markdown and Word all draw the same cells: the
row's label (a sub-item indented, a template prompt grey), the values, a Ja/Nei
answer, the grey hint of an empty Mål, the NIR result dimmed in an empty
Resultat, the computed columns with their mark and tone.  This module decides
all of that once, as :class:`Cell` objects with a :class:`Tone` (never a
colour); each medium only maps tones to its own styles (rich styles on
screen, shading and colours in Word, plain text or ``*italics*`` on paper).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from . import indicators as ind
from .column_types import column_type
from .kinds import ComputedColumn, computed_values, kind
from .layout import DisplayColumn, RowView
from .template import LABEL
from .values import BadValue, format_number
from .workshop import Workshop


class Tone(StrEnum):
    """How a cell reads, named as the screen's component classes are (``block-table--<tone>``)."""

    NEUTRAL = "neutral"
    GOOD = "good"  # a computed column's verdict: reached, better
    WARN = "warn"
    BAD = "bad"
    PROMPT = "prompt"  # dimmed: a template prompt or hint, a value derived from elsewhere
    GROUP = "group"  # a heading row's label, a field's name
    YES = "yes"
    NO = "no"
    UNANSWERED = "unanswered"


@dataclass(frozen=True)
class Cell:
    """One cell as every medium shows it; ``text`` is what was written (or the label as a reader reads it)."""

    text: str = ""
    tone: Tone = Tone.NEUTRAL
    #: The label's text is (ends in) the template's prompt ("skriv inn"): grey on screen, italic on paper.
    prompt: bool = False
    #: The fixed words before the prompt in a prompt label ("7." before *annet*), "" if none.
    lead: str = ""
    #: Grey text an empty cell shows: the template's hint under Mål, a field's prompt.
    hint: str = ""
    #: A value derived from elsewhere that the screen shows dimmed in the empty cell (the NIR result);
    #: the paper prints it in its own column (Fra NIR).
    derived: str = ""
    computed: bool = False
    #: A computed column's symbol ("✓"), shown before its text on screen and in Word.
    mark: str = ""
    heading: bool = False
    #: The stored value is not what the column takes (a hand-edited file): shown as bad, never a crash.
    bad: bool = False
    #: A Ja/Nei cell's answer: "ja", "nei" or "" (unanswered); None for any other cell.
    answer: str | None = None

    @property
    def marked(self) -> str:
        """The text with the computed column's symbol before it ("✓ Nådd")."""
        return f"{self.mark} {self.text}" if self.mark else self.text

    @property
    def prompt_part(self) -> str:
        """The grey (italic) part of a prompt label: the text after its lead."""
        if not self.prompt:
            return ""
        return self.text[len(self.lead) + 1:] if self.lead else self.text


def sub_item_prefix(level: int) -> str:
    """What goes before a sub-item's label in text (screen, ``show``): "– ", two spaces more per level deeper.

    The one rule for the screen and ``show`` (they differed: "  – " and "– "):
    a sub-item reads as in the seeds, "– Vi kan stille med kontaktperson".
    """
    return "  " * (level - 1) + "– " if level > 0 else ""


def indented(text: str, level: int) -> str:
    return sub_item_prefix(level) + text


def present_label(view: RowView, workshop: Workshop | None) -> Cell:
    """The label cell: heading, the prompt of an unwritten label, or the label as written."""
    if kind(view.block).label_value_pair:  # a field's name; its prompt belongs to the value
        return Cell(view.row.label, Tone.GROUP)
    text = view.label(workshop)
    if view.group:
        return Cell(text, Tone.GROUP, heading=True)
    written = view.written_label(workshop) if workshop is not None else ""
    if view.label_editable and view.row.prompt and not written:
        return Cell(text, prompt=True, lead=view.row.label)
    return Cell(text)


def present_cell(view: RowView, shown: DisplayColumn, workshop: Workshop | None, *, blank: bool = False) -> Cell:
    """One displayed cell of a row; ``blank`` (a handout) leaves every answer empty (``workshop`` may be None)."""
    column = shown.column
    if column.type == LABEL:
        return present_label(view, None if blank else workshop)
    if view.group:
        return Cell(heading=True)
    hint = _hint(view, shown)
    if blank or workshop is None:
        if shown.variant is not None:
            return Cell("☐", Tone.UNANSWERED, answer="")
        return Cell(view.row.default(column.id), hint=hint)
    value = view.value(workshop, column)
    if column_type(column).toggle:
        bad = isinstance(value, BadValue)
        answer = "" if bad or value not in ("ja", "nei") else str(value)
        if shown.variant is not None and answer != shown.variant:
            answer = ""  # the other half of a split answer reads as not ticked
        tone = Tone.UNANSWERED if not answer else (Tone.YES if answer == "ja" else Tone.NO)
        return Cell(view.text(workshop, shown), tone, bad=bad, answer=answer)
    text = view.text(workshop, shown)
    if value in (None, ""):
        return Cell(text, hint=hint, derived=_derived(view, shown, workshop))
    return Cell(text, bad=isinstance(value, BadValue))


def _hint(view: RowView, shown: DisplayColumn) -> str:
    """The grey text of an empty cell: a field's prompt, an indicator's hint (once, under Mål)."""
    if kind(view.block).label_value_pair:
        return view.row.prompt
    if shown.column.type == "indicator" and shown.column.id == ind.GOAL:
        return view.row.hint
    return ""


def _derived(view: RowView, shown: DisplayColumn, workshop: Workshop) -> str:
    """An empty Resultat of a NIR-linked indicator: the share computed from the NIR table."""
    if shown.column.type == "indicator" and shown.column.id == ind.RESULT:
        share = ind.nir_share(view.row, workshop.cells)
        if share:
            return f"{format_number(ind.percent_of(share))} %"
    return ""


def present_computed(view: RowView, columns: tuple[ComputedColumn, ...], workshop: Workshop) -> list[Cell]:
    """The kind's computed columns of one row: text, tone and mark (empty cells on heading rows)."""
    if not columns:
        return []
    cells = []
    for column, value in computed_values(view.block, view.row, view.values(workshop), columns):
        text = "" if value is None else column.format(view.row, value)
        mark = column.mark(view.row, value) if column.mark and value is not None else ""
        cells.append(Cell(text, Tone(column.tone(view.row, value)), computed=True, mark=mark))
    return cells


def present_row(view: RowView, columns: list[DisplayColumn], computed: tuple[ComputedColumn, ...],
                workshop: Workshop | None, *, blank: bool = False) -> list[Cell]:
    """The row's cells: its displayed columns, then the computed ones (none in a handout)."""
    cells = [present_cell(view, shown, workshop, blank=blank) for shown in columns]
    if computed and workshop is not None and not blank:
        cells += present_computed(view, computed, workshop)
    return cells
