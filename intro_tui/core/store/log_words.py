"""A change-log entry in the words of the screen it happened on.

The log stores ids (``1.3``, ``roller``, ``r1``, ``nar``) and raw values
(``"ja"``, ``65.5``) so it survives template changes; a reader wants the
section's title, the row's label, the column's header, "Ja" and "65,5 %".
:func:`describe` does that translation once, for the CSV (``intro-tui log
--format csv``, E in the app's Endringslogg) and the app's log screen.
A place the template no longer has is shown by its ids, never dropped.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import copies
from ..model import groups
from ..model.layout import RowView, block_name, section_rows
from ..model.template import Block, Column, Template
from ..model.column_types import format_cell
from ..model.workshop import Workshop
from ..when import full_when

#: What happened, as the log's Handling column says it.
ACTIONS = {"create": "opprettet", "set": "satt", "add-row": "la til rad", "delete-row": "slettet rad",
           "meta": "endret detaljer", "add-copy": "la til kopi", "remove-copy": "fjernet kopi",
           "group-add": "laget gruppe", "group-rename": "ga gruppen nytt navn", "group-remove": "fjernet gruppe",
           "group-join": "satte i gruppe", "group-leave": "tok ut av gruppe", "group-lead": "satte gruppeleder",
           "group-split": "delte i grupper"}

#: The workshop details a "meta" entry changes, by their names on screen.
META_NAMES = {"title": "Tittel", "kommune": "Kommune", "year": "År", "units": "Enheter"}


class LogLine(NamedTuple):
    when: str
    who: str
    action: str
    section: str
    table: str
    row: str
    column: str
    old: str
    new: str


def describe(entry: dict, template: Template, workshop: Workshop | None, cache: dict | None = None) -> LogLine:
    """``cache``: one dict for many entries, so each section's rows are laid out once."""
    op = str(entry.get("op", ""))
    section, block, view, column = _place(entry, template, workshop, {} if cache is None else cache)
    section_text = section.heading if section else str(entry.get("s", "") or "")
    if section is not None and groups.is_draft(section.id):  # whose draft: "1.3 … – utkast for Gruppe 1"
        section_text = f"{section_text} – {groups.draft_label(workshop, section.id)}"
    elif section is not None and section.id != section.base_id:  # which copy: "2.2 … – Renhold"
        section_text = f"{section_text} – {copies.label_of(section, workshop, section.id)}"
    table = block_name(block) if block and section and len(section.blocks) > 1 else ""  # named only where there is a choice
    if view is not None:
        row = view.label(workshop) or f"rad {view.number}"
    else:
        row = "(rad slettet)" if entry.get("r") else ""
    column_text = column.title if column else str(entry.get("c", "") or "")
    if op == "create":
        old, new = "", _text(entry.get("title"))
    elif op == "meta":
        old, new = _meta(entry.get("old")), _meta(entry.get("new"))
    elif op.startswith("group-"):
        old, new = _group_words(op, entry)
    else:
        old, new = (_value(entry.get(key), block, view, column) for key in ("old", "new"))
    action = ACTIONS.get(op, op)
    if entry.get("from"):  # an answer taken from a group's draft
        action = f"{action} fra {_text(entry.get('from'))}"
    if op == "group-split" and entry.get("new") is False:
        action = "samlet i plenum"
    return LogLine(full_when(str(entry.get("at", ""))), _text(entry.get("by")), action, section_text,
                   table, row, column_text, old, new)


def _place(entry: dict, template: Template, workshop: Workshop | None, cache: dict):
    """(section, block, row view, column), each None where the entry or the template has none."""
    section = block = view = column = None
    try:
        section = template.section(str(entry.get("s", "")))
        block = section.block(str(entry.get("b", "")))
    except KeyError:
        return section, None, None, None
    if section.id not in cache:
        cache[section.id] = section_rows(section, workshop)
    key = str(entry.get("r", ""))
    view = next((v for v in cache[section.id] if v.block is block and v.key == key), None)
    column = next((c for c in block.columns if c.id == entry.get("c")), None)
    return section, block, view, column


def _value(value, block: Block | None, view: RowView | None, column: Column | None) -> str:
    if isinstance(value, dict):  # a whole row: added or deleted
        parts = []
        for column_id, cell in value.items():
            own = next((c for c in block.columns if c.id == column_id), None) if block else None
            text = _value(cell, block, view, own)
            if text:
                parts.append(f"{own.title if own else column_id}: {text}")
        return " · ".join(parts)
    if value is None or value == "":
        return ""
    if column is not None:
        return format_cell(column, view.row if view else None, value)
    return _text(value)


def _group_words(op: str, entry: dict) -> tuple[str, str]:
    """Before and after of a group change: names, the member moved, the lead."""
    who = _text(entry.get("who"))
    if op in ("group-join", "group-leave"):
        return (f"{who} i {_text(entry.get('old'))}" if entry.get("old") else ""), (
            f"{who} i {_text(entry.get('new'))}" if entry.get("new") else "")
    if op == "group-lead":
        return _text(entry.get("old")) or "første som blir med", _text(entry.get("new")) or "første som blir med"
    if op == "group-split":
        return ("grupper" if entry.get("old") else "plenum"), ("grupper" if entry.get("new") else "plenum")
    return _text(entry.get("old")), _text(entry.get("new"))


def _meta(value) -> str:
    if not isinstance(value, dict):
        return _text(value)
    parts = []
    for key, item in value.items():
        text = ", ".join(map(str, item)) if isinstance(item, list) else _text(item)
        parts.append(f"{META_NAMES.get(key, key)}: {text}")
    return " · ".join(parts)


def _text(value) -> str:
    return "" if value is None else str(value)
