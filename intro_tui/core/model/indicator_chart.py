"""What a chart of an indicator table shows: one bar per indicator, result against goal and limit.

Shared by the app's chart view and the Word export's chart, so both draw the
same numbers: this year's result (typed, or computed from NIR), the goal, the
limit, the status, and - for a workshop copied from earlier years - the
result of every year in the chain, oldest first.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import indicators as ind
from .kinds import kind
from .layout import block_rows
from .template import Block, Section
from .workshop import Workshop

#: Cells of a bar's track (5 % each for a share).
TRACK_CELLS = 20
#: What a chart table is called in a document (its caption): the Word reader skips tables so named.
CHART_MARK = "intro-tui: diagram"


@dataclass(frozen=True)
class Bar:
    label: str
    percent: bool
    direction: str
    goal: int | float | None
    limit: int | float | None
    result: int | float | None
    status: str | None
    #: (year, result) for each earlier year of the chain, then this year; empty without a chain.
    years: tuple[tuple[str, int | float | None], ...]
    #: The value a full bar stands for (100 for a share; a little above the largest number for a count).
    scale: float

    def unit(self, value: int | float) -> str:
        return ind.show_value_kind("percent" if self.percent else "count", value)

    def summary(self, *, status: bool = True) -> str:
        """'32 % · mål 35 % · grense 30 % · nær' - the bar in words, readable without colour."""
        parts = [self.unit(self.result) if self.result is not None else "ingen resultat"]
        if self.goal is not None:
            parts.append(f"mål {self.unit(self.goal)}")
        if self.limit is not None:
            parts.append(f"{'øvre' if self.direction == 'lower' else 'nedre'} grense {self.unit(self.limit)}")
        if self.status and status:
            parts.append(ind.STATUS_WORDS[self.status])
        return " · ".join(parts)


def _year_label(workshop: Workshop, fallback: str) -> str:
    return str(workshop.year) if workshop.year else fallback


def block_bars(section: Section, block: Block, workshop: Workshop) -> list[Bar]:
    """A bar for every share or count row that has a goal, a result or a result from an earlier year."""
    bars = []
    for view in block_rows(section, block, workshop):
        row = view.row
        if view.user or not ind.numeric(row):
            continue
        values = view.values(workshop)
        goal, limit = ind.number(values.get(ind.GOAL)), ind.number(values.get(ind.LIMIT))
        result = ind.number(ind.effective_result(values))
        years: tuple = ()
        if workshop.history:
            earlier = tuple((_year_label(w, f"{i + 1}. år"), ind.number(ind.result_in(w, section.id, block.id, row)))
                            for i, w in enumerate(workshop.history))
            years = earlier + ((_year_label(workshop, "i år"), result),)
        numbers = [n for n in (goal, limit, result, *(v for _, v in years)) if n is not None]
        if not numbers:
            continue
        scale = 100.0 if row.value_kind == "percent" else max(max(numbers) * 1.15, 1.0)
        bars.append(Bar(view.label(workshop), row.value_kind == "percent", row.direction, goal, limit, result,
                        ind.status(row, goal, limit, result), years, scale))
    return bars


def section_bars(section: Section, workshop: Workshop) -> list[tuple[Block, list[Bar]]]:
    """Each indicator table of the section with its bars (tables without any number are left out)."""
    found = []
    for block in section.blocks:
        if not kind(block).chart:
            continue
        bars = block_bars(section, block, workshop)
        if bars:
            found.append((block, bars))
    return found
