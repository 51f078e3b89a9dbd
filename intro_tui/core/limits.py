"""Sizes no real workshop reaches, refused so that one file cannot slow everyone down.

A 240 MB import with 1,000,000 user rows was once accepted; afterwards every
save of that workshop took 38 s and 5 GB while holding the lock, blocking every
participant.  The biggest template has 331 answerable cells and 21 rows in a
table; a workshop with 500 added rows in one table still saves in ~13 ms.  The
limits below are far above real use and far below harm.  The byte limit on
files is :data:`intro_tui.core.safe_fs.MAX_FILE_BYTES`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model.workshop import Workshop

#: Rows users may add to one table.
MAX_ROWS_PER_TABLE = 1_000
#: Filled cells in one workshop.
MAX_CELLS = 50_000
#: Rows one block of a template may list.
MAX_TEMPLATE_ROWS = 2_000


def too_many_rows(count: int) -> str | None:
    if count > MAX_ROWS_PER_TABLE:
        return f"tabellen har {count} rader; høyst {MAX_ROWS_PER_TABLE} kan legges til"
    return None


def check_new(workshop: "Workshop") -> None:
    """Clean a new workshop's names and check its size; :class:`ValueProblem` if it cannot be stored."""
    from .model.values import ValueProblem, clean_name

    workshop.title = clean_name(workshop.title, "tittelen")
    workshop.kommune = clean_name(workshop.kommune, "kommunenavnet")
    workshop.units = [clean_name(u, "enhetsnavnet") for u in workshop.units]
    problem = check_size(workshop)
    if problem:
        raise ValueProblem(problem)


def check_size(workshop: "Workshop") -> str | None:
    """Why ``workshop`` is too big, in Norwegian, or None."""
    if len(workshop.cells) > MAX_CELLS:
        return f"verkstedet har {len(workshop.cells)} utfylte celler; høyst {MAX_CELLS} er tillatt"
    for rows in workshop.user_rows.values():
        problem = too_many_rows(len(rows))
        if problem:
            return problem
    return None
