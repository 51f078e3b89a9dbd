"""What the room line and the message line tell one session about the others' doings.

Helpers of :class:`~intro_tui.tui.live.LiveLink`, kept apart so it stays one job:
a cell this session saved last was written over by someone else (issue 17
point 5), and a name already taken in the room (point 6).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.model.column_types import as_input
from ..core.shorten import one_line

if TYPE_CHECKING:
    from .live import LiveLink


def tell_overwritten(link: LiveLink) -> None:
    """Another session wrote over the cell we saved last (0.2 s later, say): tell us, with their text."""
    lost = link.session.overwritten()
    say = getattr(link.screen, "say", None)
    if lost is None or say is None:
        return
    edit, theirs, who = lost
    link.session.told(edit)
    try:
        block = link.session.template.section(edit.section).block(edit.block)
        column, row = block.column(edit.column), block.row(edit.row)
        theirs_text, ours_text = as_input(column, row, theirs), as_input(column, row, edit.new)
    except (KeyError, ValueError, AttributeError):
        theirs_text, ours_text = str(theirs or ""), str(edit.new or "")
    say(f"{one_line(who, 30)} skrev «{one_line(theirs_text, 30)}» over det du nettopp lagret i {edit.section}. "
        f"Ctrl+Z setter «{one_line(ours_text, 30)}» tilbake.", error=True)


def keep_name_distinct(link: LiveLink) -> None:
    """Two "Kari Nordmann" in one room: the one who came later is "Kari Nordmann (2)" - in the others'
    lists and badges and in the change log - and is told so."""
    me = link.presence
    if not any(p.name == me.name and (p.since, p.session) < (me.since, me.session) for p in link.people):
        return
    base, taken = me.name, {p.name for p in link.people}
    number = 2
    while f"{base} ({number})" in taken:
        number += 1
    name = f"{base} ({number})"
    me.rename(name)
    link.session.store.user = name
    say = getattr(link.screen, "say", None)
    if say is not None:
        say(f"Det er alt en {base} her: du vises som «{name}».")
