"""A row's values from a document checked together, as ``intro-tui set`` checks them (a limit above the goal).

The store refuses an edit that leaves a row inconsistent (the kind registry's
``check_row``: an indicator's lower limit above its goal).  An import writes
many cells at once, so the plan checks each row with everything the document
would put in it - landings and conflicts - and leaves out the one value that
makes it inconsistent, trying the row's columns from the last (the limit
comes after the goal, so the goal and the result still land); if no single
value is to blame, the row's values are all left out.  What is left out is
reported with the reason, like any value without a place.
"""

from __future__ import annotations

from ...core.model.kinds import kind
from ...core.model.workshop import Workshop
from .found import Unplaced


def check_rows(plan, views: dict, workshop: Workshop) -> None:
    """Move the values that would make a row inconsistent from the plan's lands and conflicts to its unplaced."""
    by_row: dict[tuple, list] = {}
    for landing in list(plan.lands) + list(plan.conflicts):
        by_row.setdefault(landing.address[:3], []).append(landing)
    dropped: set[tuple] = set()
    for address, landings in by_row.items():
        view = views.get(address)
        check = kind(view.block).check_row if view is not None else None
        if check is None or view is None:
            continue
        stored = view.values(workshop)
        problem = check(view.row, stored | {x.column: x.new for x in landings})
        if problem is None:
            continue
        order = [c.id for c in view.block.columns]
        blamed = [x for x in sorted(landings, key=lambda x: order.index(x.column), reverse=True)
                  if check(view.row, stored | {y.column: y.new for y in landings if y is not x}) is None][:1]
        for landing in blamed or landings:
            dropped.add(landing.address)
            plan.unplaced.append(Unplaced(f"{landing.where} · {landing.title}", problem))
    if dropped:
        plan.lands = [x for x in plan.lands if x.address not in dropped]
        plan.conflicts = [x for x in plan.conflicts if x.address not in dropped]
