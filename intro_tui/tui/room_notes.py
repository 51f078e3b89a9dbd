"""What the room line and the message line tell one session about the others' doings.

Helpers of :class:`~intro_tui.tui.live.LiveLink`, kept apart so it stays one job:
a cell this session saved last was written over by someone else (issue 17
point 5), a name already taken in the room (point 6), and a room folder that
is crowded or planted.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ..core.model.column_types import as_input
from ..core.shorten import one_line

if TYPE_CHECKING:
    from .live import LiveLink

#: A follower that has no leader to go to yet waits this long before it names a problem of the room's folder.
SETTLE_SECONDS = 10.0


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


def tell_problem(link: LiveLink) -> None:
    """A crowded or planted room folder is named on the message line once, when the view has arrived where it
    follows - and again if a section change cleared the line while it would still have shown (a follower told
    at 1.3 that then follows its leader to 1.4), never more: it is named, not nagged about."""
    from .screens.editing import MESSAGE_SECONDS

    problem = link.presence.room.problem
    lead = link.lead
    on_the_way = lead is not None and lead.live and link._applied != lead.spot  # noqa: SLF001
    no_leader_yet = (lead is None or not lead.live) and time.monotonic() - link._started < SETTLE_SECONDS  # noqa: SLF001
    arriving = link.following and (on_the_way or no_leader_yet)
    say = getattr(link.screen, "say", None)
    if problem is None or arriving or not link._ticking or say is None:  # noqa: SLF001
        return
    section = getattr(getattr(link.screen, "section", None), "id", None)
    said, said_in, said_at = link._reported  # noqa: SLF001
    if problem == said and (section == said_in or time.monotonic() - said_at > MESSAGE_SECONDS):
        return
    link._reported = (problem, section, time.monotonic())  # noqa: SLF001
    say(problem, error=True)


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
