"""What the room looks like on one workshop screen: where I am, where the others are.

The glue between :class:`intro_tui.core.store.presence.Room` and the widgets
of the workshop screen, kept out of the screen: reading this session's cursor
as a :class:`Spot`, moving the view to a leader's spot, and marking the rows
and sections where the others are (initials on a coloured badge: readable on
a projector, and not colour alone).
"""

from __future__ import annotations

import zlib
from collections import Counter

from rich.cells import cell_len
from rich.text import Text

from ..core.store.presence import Participant, Spot
from .widgets.block_table import BlockTable
from .widgets.drawn_rows import forget_rows
from .widgets.cell_editor import CellEditor
from .widgets.navigator import Navigator

#: High-contrast badges (text on background) that stay apart on a washed-out projector.
BADGES = ("bold white on #1f5fd0", "bold black on #f5c211", "bold white on #c01c28", "bold black on #33d17a",
          "bold white on #813d9c", "bold black on #ff7800", "bold black on #62d6e8", "bold white on #865e3c")


def initials(name: str) -> str:
    """Two letters for a badge: "Anne Berg" -> "AB", "kari" -> "KA"."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if len(words) >= 2:
        return (words[0][0] + words[-1][0]).upper()
    word = words[0] if words else "?"
    return word[:2].upper() if len(word) > 1 else word.upper()


def room_initials(people: list[Participant]) -> dict[str, str]:
    """Initials told apart within the room: "KN" and "KN" become "KaN" and "KnN", then "KN1", "KN2".

    Counted, not searched: every session works this out on each change in a room of sixty.
    """
    plain = {p.session: initials(p.name) for p in people}
    shared = Counter(plain.values())
    longer = dict(plain)
    for person in people:
        words = [w for w in person.name.replace("-", " ").split() if w[:1].isalnum()]
        if shared[plain[person.session]] > 1 and len(words) >= 2 and len(words[0]) >= 2:
            longer[person.session] = words[0][0].upper() + words[0][1].lower() + words[-1][0].upper()
    still_shared = Counter(longer.values())
    found = dict(longer)
    numbered: Counter[str] = Counter()
    for person in sorted(people, key=lambda p: (p.since, p.session)):  # the earliest arrival is 1
        letters = longer[person.session]
        if still_shared[letters] > 1:
            numbered[letters] += 1
            found[person.session] = plain[person.session] + str(numbered[letters])
    return found


def badge_styles(people: list[Participant]) -> dict[str, str]:
    """A distinct badge per session while there are badges enough; stable as people come and go."""
    styles: dict[str, str] = {}
    used: set[int] = set()
    for person in sorted(people, key=lambda p: p.session):
        start = zlib.crc32(person.session.encode()) % len(BADGES)
        index = next((i % len(BADGES) for i in range(start, start + len(BADGES)) if i % len(BADGES) not in used),
                     start)
        used.add(index)
        styles[person.session] = BADGES[index]
    return styles


def badge(person: Participant, style: str, letters: str | None = None) -> Text:
    text = Text(letters or initials(person.name), style=style, end="")
    if person.spot.editing:
        text.append("✎", style)
    return text


# -- where this session is -------------------------------------------------------------------

def current_spot(screen, editor: CellEditor | None = None) -> Spot:
    """This session's cursor: the focused table's row and column, and whether a cell is being edited."""
    section = screen.section.id
    editor = editor or screen.query_one(CellEditor)
    table = screen.focused if isinstance(screen.focused, BlockTable) else None
    if table is None and editor.is_open:
        table = editor.table
    ref = table.current() if table is not None else None
    if ref is None or table is None:
        return Spot(section, editing=editor.is_open)
    return Spot(section, table.block.id, ref.view.key, table.cursor_coordinate.column, editor.is_open)


def same_place(a: Spot, b: Spot) -> bool:
    """Following compares section, table and row (a leader in the navigator: the section only)."""
    if a.section != b.section:
        return False
    return b.block is None or (a.block, a.row) == (b.block, b.row)


def tables_of(screen) -> list[BlockTable]:
    """The tables of the section on screen (none while a section is being built)."""
    return screen.tables()


def has_row(screen, spot: Spot) -> bool:
    table = screen.table_for(spot.block) if spot.block else None
    return table is not None and any(view.key == spot.row for view in table.views)


def go_to(screen, spot: Spot) -> None:
    """Show the leader's section and put the cursor on the leader's row (the editor must be closed)."""
    if spot.section is None:
        return
    try:
        screen.session.template.section(spot.section)
    except Exception:
        return  # a section this template does not have: stay
    if spot.section != screen.section.id:
        with screen.app.batch_update():  # one layout and one paint for the switch, the focus and the cursor
            kept = screen.show_section(spot.section, focus=False)
            screen.query_one(Navigator).select_section(spot.section)
            if getattr(screen, "draft", None) is not None:  # the section change cleared the message line
                from .screens.editing import DRAFT_KEPT

                screen.say(DRAFT_KEPT)
            if kept:  # a view built before: its tables are there now, no frame needs drawing first
                _go_to_row(screen, spot)
            else:
                screen.after_section_shown(_go_to_row, screen, spot)
    else:
        _go_to_row(screen, spot)


def _go_to_row(screen, spot: Spot) -> None:
    table = screen.table_for(spot.block) if spot.block else None
    if table is None:
        # The focus may still be on a table of the section left (kept built, hidden): bring it here.
        if screen.focused not in screen.tables():
            screen.focus_first_table()
        return
    if screen.focused is not table:
        table.focus()
    # One cursor move for row and column: each move redraws the row, its notes and the key bar.
    row = next((i for i, view in enumerate(table.views) if view.key == spot.row), None) if spot.row else None
    column = min(spot.column, len(table.columns) - 1) if spot.column is not None and table.columns else None
    if row is not None or column is not None:
        table.move_cursor(row=row, column=column)


# -- where the others are ------------------------------------------------------------------------

def row_badges(screen, people: list[Participant]) -> dict[tuple[str, str], Text]:
    """(block, row) -> the badge text for the rows of the section on screen."""
    by_row: dict[tuple[str, str], list[Participant]] = {}
    for person in people:
        if person.following and not person.spot.editing:
            continue  # where the leader is: the leader's badge says it (and 60 followers do not churn)
        spot = person.spot
        if spot.section == screen.section.id and spot.block and spot.row:
            by_row.setdefault((spot.block, spot.row), []).append(person)
    if not by_row:  # nobody here (another group's section): no badges to work out
        return {}
    styles = badge_styles(people)
    letters = room_initials(people)
    marks: dict[tuple[str, str], Text] = {}
    for key, here in by_row.items():
        text = badge(here[0], styles[here[0].session], letters[here[0].session])
        if len(here) > 1:
            text.append(f"+{len(here) - 1}", "bold")
        marks[key] = text
    return marks


def mark_rows(screen, people: list[Participant]) -> None:
    """Badges in the row-label column of each table on screen (only where something changed)."""
    marks = row_badges(screen, people)
    for table in screen.tables():
        wanted = {row: marks[(table.block.id, row)] for (block, row) in marks if block == table.block.id}
        table.reserve_badges(bool(marks))  # the badges' gutter comes out of the table's own width
        set_row_labels(table, wanted)


def set_row_labels(table: BlockTable, labels: dict[str, Text]) -> None:
    """DataTable keeps row labels but sizes their column only in ``add_row``: set and size them here."""
    changed = set()
    for key, row in table.rows.items():
        label = labels.get(key.value or "", Text(""))
        old = row.label
        if (old.plain if isinstance(old, Text) else str(old or "")) != label.plain or (
                isinstance(old, Text) and old.spans != label.spans):
            row.label = label
            changed.add(key)
    if not changed:
        return
    width = max((cell_len(t.plain) for t in labels.values()), default=0)
    if not table.badges_reserved and (  # a reserved gutter keeps its width (BlockTable.reserve_badges)
            width != table._label_column.content_width or bool(labels) != table._labelled_row_exists):  # noqa: SLF001
        table._label_column.content_width = width  # noqa: SLF001 - DataTable has no public setter
        table._labelled_row_exists = bool(labels)  # noqa: SLF001
        table._require_update_dimensions = True  # noqa: SLF001
    # Forget only the changed rows' cell renders (the label cell is cached under its row's key):
    # clearing every cache re-renders every cell, and in a room of 60 that is every session on
    # every move of the leader.
    forget_rows(table, changed)


def mark_sections(screen, people: list[Participant]) -> None:
    styles = badge_styles(people)
    by_section: dict[str, Text] = {}
    for person in people:
        if person.spot.section and not person.following:
            text = by_section.setdefault(person.spot.section, Text(end=""))
            if len(text.plain) < 4:
                text.append(initials(person.name)[0], styles[person.session])
    screen.query_one(Navigator).mark_others(by_section)


def editing_here(screen, people: list[Participant], me: Spot) -> list[str]:
    """Names of the others editing the very cell this session's cursor is on."""
    if me.block is None:
        return []
    return [p.name for p in people if p.spot.editing and (p.spot.section, p.spot.block, p.spot.row, p.spot.column)
            == (me.section, me.block, me.row, me.column)]
