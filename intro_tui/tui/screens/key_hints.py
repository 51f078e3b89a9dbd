"""What the key bar shows on the workshop screen: the keys that matter most where the focus is.

The bar has one line; entries are shown whole, most important first, and
``F1 Alle taster`` always ends it (the help screen lists every key).
"""

from __future__ import annotations

from ...core.model.copy_links import planned_in
from ...core.model.agenda import has_agenda, items
from ...core.model.agenda import running as running_item
from ..agenda_line import now_of
from ..live import LiveLink
from ..widgets.block_table import BlockTable
from ..widgets.cell_editor import CellEditor
from ..widgets.navigator import Navigator


def key_hints(screen) -> list[tuple[str, str]]:
    editor = screen.query_one(CellEditor)
    focused = screen.focused
    if editor.is_open:
        hints = [("⏎", "Lagre"), ("Tab", "Lagre, neste celle"), ("Esc", "Avbryt")]
        if editor.multiline:
            hints.append(("^J", "Ny linje"))
        if editor.units:
            hints.insert(1, ("Fl, NA⏎", "to enheter"))
        elif editor.names and not editor.multiline:
            hints.insert(1, ("→", "Fullfør"))
        return hints
    if isinstance(focused, Navigator):
        hints = [("⏎", "Åpne"), ("↑↓", "Velg"), ("F6/F5", "Neste/forrige"), ("Esc", "Hjem"), ("^Q", "Avslutt")]
        return hints[:1] + [("F8", "Kopier")] + hints[1:] if screen.section.per_choice is not None else hints
    hints: list[tuple[str, str]] = []
    if isinstance(focused, BlockTable):
        ref = focused.current()
        if ref is not None and focused.answerable(ref.view):
            hints.append(("j/n/u", "Ja/Nei/tom"))
            if focused.editable(ref) or focused.row_text_column(ref) is not None:  # Enter writes the row's text
                hints.append(("⏎", "Skriv"))
        elif ref is not None and focused.editable(ref):
            hints.append(("⏎", "Rediger"))
        if focused.block.add_rows:
            hints.append(("Ins", "Ny rad"))
        if ref is not None and ref.view.user:
            hints.append(("^D", "Slett rad"))
        if ref is not None:
            target = planned_in(screen.session.template, screen.section.id, ref.view.block.id, ref.view.key)
            if target is not None and not screen.f9_runs_the_meeting():  # a tiltak proposed here gets its own plan
                hints.insert(0, ("F9", f"Lag {target.base_id}"))
    if screen.section.per_choice is not None:  # a section filled per bransje/tiltak/fag: its copies
        hints.append(("F8", "Kopier"))
    running = running_item(screen.session.template, screen.session.workshop, now_of(screen.app)) is not None
    if running and screen.query_one(LiveLink).leading:  # the leader runs the meeting, from any section
        hints.append(("F9", "Neste punkt"))
    elif has_agenda(screen.section):  # a kjøreplan: its meeting
        if not items(screen.session.workshop, screen.section.id):
            hints.append(("^A", "Eksempel"))
        if not running:
            hints.append(("F9", "Start møtet"))
    hints += [("F6/F5", "Neste/forrige seksjon"), ("^Z", "Angre"), ("Esc", "Meny")]
    if screen.section_view is not None and screen.section_view.instructions_cut():
        hints.append(("F4", "Les hele instruksjonen"))  # the box cuts its text: the reader
    if isinstance(focused, BlockTable) and focused.hidden:
        hints.append(("^K", "Skjulte kolonner"))  # collapsed for width: all rows' values
    hints.append(("^E", "Eksport"))
    return hints
