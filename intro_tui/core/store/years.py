"""A chain of years: next year's workshop copied from this year's, and the way back.

IMDi's booklet asks municipalities to set goals for a year and compare the
results with last year's.  ``copy_for_next_year`` makes next year's workshop
from this one: indicator goals and limits stay, results and NIR counts are
cleared (what a kind clears is declared in the kind registry), and the copy
remembers where it came from.  ``predecessors`` walks that chain back so the
computed columns can show *I fjor* and a trend.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model.groups import is_draft
from ..model.kinds import kind
from ..model.workshop import Workshop
from .errors import StoreError, UnreadableWorkshop, WorkshopNotFound

if TYPE_CHECKING:
    from .workshops import WorkshopStore

#: How many years back a chain is followed (a hostile or looping chain stops here).
MAX_YEARS = 30


def predecessors(store: WorkshopStore, workshop: Workshop) -> list[Workshop]:
    """The workshops this one was copied from, oldest first; a missing or unreadable link ends the chain."""
    chain: list[Workshop] = []
    seen = {workshop.id}
    current = workshop
    while current.predecessor and current.predecessor not in seen and len(chain) < MAX_YEARS:
        seen.add(current.predecessor)
        try:
            current = store._read(store.path(current.predecessor))
        except (FileNotFoundError, UnreadableWorkshop, WorkshopNotFound, OSError):
            break
        if current.template != workshop.template:
            break
        chain.append(current)
    chain.reverse()
    return chain


def suggested_title(title: str, old_year: int | None, new_year: int | None) -> str:
    """'Indikatorer 2026' -> 'Indikatorer 2027'; a title without the year gets it added."""
    if new_year is None:
        return f"Kopi av {title}"
    if old_year is not None and re.search(rf"\b{old_year}\b", title):
        return re.sub(rf"\b{old_year}\b", str(new_year), title)
    return f"{title} {new_year}"


def next_year_cells(store: WorkshopStore, source: Workshop) -> dict:
    """The source's cells without what each kind clears for a new year (Resultat, NIR counts)."""
    template = store.template_of(source)
    cleared = {(section.id, block.id, column)
               for section in template.sections for block in section.blocks
               for column in kind(block).clear_on_copy}
    return {address: value for address, value in source.cells.items()
            if (address[0].split("#", 1)[0], address[1], address[3]) not in cleared}  # a copy (2.2#2) as its section


def copy_for_next_year(store: WorkshopStore, workshop_id: str, *, year: int | None = None,
                       title: str | None = None) -> Workshop:
    """Store next year's workshop made from this one and return it."""
    source = store.load(workshop_id)
    if year is None and source.year is not None:
        year = source.year + 1
    title = (title or "").strip() or suggested_title(source.title, source.year, year)
    clash = existing(store, title, year)
    if clash is not None:
        when = f" for {year}" if year else ""
        raise StoreError(f"det finnes allerede et verksted «{title}»{when} ({clash}); velg en annen tittel eller et annet år")
    copy = source.copy()
    copy.id, copy.title, copy.year, copy.created, copy.updated = "", title, year, "", ""
    copy.cells = next_year_cells(store, source)
    # last year's meeting groups and their drafts stay with last year's workshop (readable there)
    copy.groups, copy.split, copy.drafts, copy.group_seq = [], False, {}, 0
    copy.cells = {address: value for address, value in copy.cells.items() if not is_draft(address[0])}
    copy.user_rows = {address: rows for address, rows in copy.user_rows.items() if not is_draft(address[0])}
    copy.predecessor = source.id
    copy.history = []
    return store.create(copy)


def existing(store: WorkshopStore, title: str, year: int | None) -> str | None:
    """The id of a workshop that already has this title and year, or None."""
    wanted = " ".join(title.casefold().split())
    summaries, _ = store.summaries()
    for summary in summaries:
        if " ".join(summary.title.casefold().split()) == wanted and summary.year == year:
            return summary.id
    return None
