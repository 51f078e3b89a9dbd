"""What the editor line says about the cell under the cursor: where it is, and its value to edit.

Words users read, never internal ids: the section as its heading reads
("4.1", or "Avsluttet" for a form whose sections have no numbers), the table by
its heading or, lacking one, its first column's header - so the two tables of
4.1 are told apart - then the row number (the one ``show`` and ``set`` use),
the column and the row's label.
"""

from __future__ import annotations

from ..core.model.column_types import column_type
from ..core.model.kinds import kind
from ..core.model.template import LABEL, Block, Section
from ..core.model.column_types import as_input
from ..core.model.groups import base_of, is_draft
from ..core.model.values import BadValue
from ..core.model.workshop import Workshop
from .widgets.block_table import CellRef


def short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def section_name(section: Section) -> str:
    """"4.1" for a numbered section, its title otherwise ("Avsluttet"); "1.3 (utkast)" for a group's draft
    (its key, 1.3~g1, is the file's)."""
    if is_draft(section.id):
        return f"{base_of(section.id)} (utkast)"
    return section.id if section.id[:1].isdigit() else short(section.title, 24)


def table_name(block: Block) -> str:
    """The table as a reader names it: its heading, or its first column's header (fields show none)."""
    if block.title:
        return short(block.title, 28)
    if kind(block).label_value_pair:  # "Felt | Verdi" is never shown: the row's label says it
        return ""
    return short(block.columns[0].title, 28) if block.columns else ""


def where(section: Section, block: Block, row_number: int, column_title: str = "") -> str:
    """"4.1 › Interne forberedelser · rad 3 · Ja/Nei" - the place of a cell, in words."""
    place = " › ".join(t for t in (section_name(section), table_name(block)) if t)
    text = f"{place} · rad {row_number}"
    return f"{text} · {short(column_title, 28)}" if column_title else text


def describe_cell(workshop: Workshop, section: Section, ref: CellRef) -> tuple[str, str]:
    """(where the cell is, its value as text to edit) for the editor line."""
    view, shown = ref.view, ref.shown
    label = view.label(workshop) or f"rad {view.number}"
    if shown is None:  # a computed column (the deviation)
        return f"{where(section, view.block, view.number, 'beregnet, kan ikke endres')} · {short(label, 30)}", ""
    column = shown.column
    if column.type == LABEL:
        value = view.written_label(workshop) if view.label_editable else label
    elif column_type(column).toggle:
        answer = view.value(workshop, column)
        value = str(answer) if isinstance(answer, BadValue) else {"ja": "Ja", "nei": "Nei"}.get(str(answer or ""), "Ikke besvart")
    else:
        value = as_input(column, view.row, view.value(workshop, column))
    first_names_table = not view.block.title and view.block.columns and column is view.block.columns[0]
    title = "" if kind(view.block).label_value_pair or first_names_table else shown.title
    what = f"{where(section, view.block, view.number, title)} · {short(label, 30)}"
    if column.type == "indicator":
        value_kind = {"percent": "andel i %", "count": "antall", "text": "tekst"}[view.row.value_kind]
        what += f" ({value_kind})"
    return what, value


def describe_edit(template, workshop: Workshop, edit) -> str:
    """"6.2 › Oppgaver · rad 6 · hvor" - what an undo or redo changed, as the status line names cells."""
    from ..core.model.layout import section_rows

    section = template.section(edit.section)
    block = section.block(edit.block)
    number = next((v.number for v in section_rows(section, workshop) if v.block.id == block.id and v.key == edit.row), None)
    column = getattr(edit, "column", None)
    if column is None:  # a whole row added or removed
        return where(section, block, number, "") + (" (raden)" if number else "") if number else \
            f"{section_name(section)} › {table_name(block)} · en rad"
    title = next((c.title for c in block.columns if c.id == column), column)
    if number is None:
        return f"{section_name(section)} › {table_name(block)} · {short(title, 28)}"
    return where(section, block, number, title)
