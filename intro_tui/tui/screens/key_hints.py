"""What the key bar shows on the workshop screen: the declared keys (:mod:`..keys`) whose words apply now.

The bar has one line; entries are shown whole, most important (lowest ``rank``)
first, and ``F1 Alle taster`` always ends it (the help screen lists every key).
While a cell is being edited the editor's keys are offered, otherwise the
focused widget's and the screen's.  The functions below are the screen's
"when shown" rules, named in the screen's key lists (workshop.py and the
``*_actions`` modules): each gives a key's words now, or None.
"""

from __future__ import annotations

from typing import Any

from ...core.model.agenda import has_agenda, items
from ...core.model.agenda import running as running_item
from ...core.model.copy_links import planned_in
from ...core.model.groups import group_of
from ..agenda_line import now_of
from ..keys import Words, bar_entries
from ..live import LiveLink
from ..widgets.block_table import BlockTable
from ..widgets.cell_editor import CellEditor
from ..widgets.navigator import Navigator


def key_hints(screen: Any) -> list[tuple[str, str]]:
    editor = screen.query_one(CellEditor)
    focused = screen.focused
    owners = [focused, editor] if editor.is_open else [focused, screen]
    return bar_entries(owner for owner in owners if owner is not None)


def navigating(screen: Any) -> bool:
    return isinstance(screen.focused, Navigator)


def unless_navigating(words: str) -> Words:
    """Shown while the focus is not in the navigator (there the bar offers choosing a section)."""
    return lambda screen: None if navigating(screen) else words


def section_step(screen: Any) -> str:
    return "Neste/forrige" if navigating(screen) else "Neste/forrige seksjon"


def back(screen: Any) -> str:
    return "Hjem" if navigating(screen) else "Meny"


def copies(screen: Any) -> str | None:
    """F8 where the section is filled per bransje/tiltak/fag: its copies."""
    return "Kopier" if screen.section.per_choice is not None else None


def plan_tiltak(screen: Any) -> str | None:
    """F9 on a tiltak proposed here (2.2, 3.1) outside a meeting: it gets its own plan."""
    table = screen.focused
    ref = table.current() if isinstance(table, BlockTable) else None
    if ref is None or screen.f9_runs_the_meeting():
        return None
    target = planned_in(screen.session.template, screen.section.id, ref.view.block.id, ref.view.key)
    return f"Lag {target.base_id}" if target is not None else None


def _meeting(screen: Any) -> tuple[bool, bool]:
    """Whether a meeting runs, and whether this session runs it (leads the room)."""
    running = running_item(screen.session.template, screen.session.workshop, now_of(screen.app)) is not None
    return running, running and screen.query_one(LiveLink).leading


def meeting(screen: Any) -> str | None:
    """F9 for the meeting: the leader's next item from any section, or the start in a kjøreplan."""
    if navigating(screen):
        return None
    running, leading = _meeting(screen)
    if leading:
        return "Neste punkt"
    return "Start møtet" if has_agenda(screen.section) and not running else None


def agenda_example(screen: Any) -> str | None:
    """Ctrl+A in a kjøreplan with no items yet (not while the leader runs the meeting)."""
    if navigating(screen) or _meeting(screen)[1] or not has_agenda(screen.section):
        return None
    return "Eksempel" if not items(screen.session.workshop, screen.section.id) else None


def read_instructions(screen: Any) -> str | None:
    """F4 while the instructions' box cuts its text."""
    view = screen.section_view
    cut = not navigating(screen) and view is not None and view.instructions_cut()
    return "Les hele instruksjonen" if cut else None


def hidden_columns(screen: Any) -> str | None:
    """Ctrl+K while the table under the cursor collapsed columns for width."""
    return "Skjulte kolonner" if isinstance(screen.focused, BlockTable) and screen.focused.hidden else None


def groups(screen: Any) -> str | None:
    """F10 where groups are planned (a kjøreplan) or exist."""
    return "Grupper" if screen.session.workshop.groups or has_agenda(screen.section) else None


def pick_group(screen: Any) -> str | None:
    """Ctrl+U while there are groups and this participant is in none."""
    workshop = screen.session.workshop
    return "Velg gruppe" if workshop.groups and group_of(workshop, screen.session.store.user) is None else None


def groups_now(screen: Any) -> str | None:
    """F12 for the one leading the room while it works in groups."""
    return "Gruppene nå" if screen.session.workshop.split and screen.query_one(LiveLink).leading else None
