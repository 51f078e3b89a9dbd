"""Links between per-choice sections: 2.3 plans one tiltak within one of 2.2's trades.

A template says so with ``per_choice.within`` (see docs/templates.md): 2.3's
``Yrke/bransje`` names a copy of 2.2, so it completes from 2.2's copies' names;
and a tiltak written in 2.2's "Forslag til justering av eksisterende tiltak"
becomes a copy of 2.3 with one key, named after the tiltak and with the trade filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..shorten import one_line
from .copies import keys_of, name_of
from .layout import _norm
from .template import COPY_MARK, Section, Template
from .values import MAX_NAME_CHARS
from .workshop import Workshop


def completions(template: Template, workshop: Workshop, section_key: str, block: str, row: str) -> list[str]:
    """What a cell completes from: the names of the copies the cell's ``within`` row points at, else nothing."""
    try:
        section = template.section(section_key)
    except KeyError:
        return []
    choice = section.per_choice
    if choice is None or choice.within is None or (block, row) != (choice.block, choice.within.row):
        return []
    try:
        other = template.section(choice.within.section)
    except KeyError:
        return []
    out: list[str] = []
    for key in keys_of(workshop, other.id):
        name = name_of(other, workshop, key)
        if name and name not in out:
            out.append(name)
    return out


@dataclass(frozen=True)
class Proposal:
    """A tiltak proposed in a cell, to be planned in a copy of ``target`` named ``name`` within ``within_name``."""

    target: Section
    name: str
    within_name: str


def planned_in(template: Template, section_key: str, block: str, row: str) -> Section | None:
    """The per-choice section whose tiltak this row proposes (2.2's "Forslag til justering …" -> 2.3), if any."""
    base = section_key.split(COPY_MARK, 1)[0]
    for section in template.sections:
        within = section.per_choice.within if section.per_choice else None
        if within is not None and within.section == base and within.proposed == (block, row):
            return section
    return None


_LIST_MARK = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s+")


def _lines(text: str) -> list[str]:
    """The tiltak a cell names: one a line, list marks ("-", "•", "1.") left off."""
    names = (one_line(_LIST_MARK.sub("", line), None).strip() for line in text.splitlines())
    return [name[:MAX_NAME_CHARS].rstrip() for name in names if name]


def proposal(template: Template, workshop: Workshop, section_key: str, block: str, row: str,
             text: object) -> Proposal | None:
    """The tiltak a cell proposes, or None where the row proposes none.

    A cell may list several tiltak, one a line: the first that has no copy yet (so the key
    pressed again plans the next one); when all have, the first.  ``name`` is "" for an empty cell.
    """
    target = planned_in(template, section_key, block, row)
    if target is None:
        return None
    within = name_of(template.section(section_key), workshop, section_key)
    names = _lines(text) if isinstance(text, str) else []
    if not names:
        return Proposal(target, "", within)
    fresh = [n for n in names if existing(workshop, Proposal(target, n, within)) is None]
    return Proposal(target, (fresh or names)[0], within)


def existing(workshop: Workshop, found: Proposal) -> str | None:
    """The key of the copy that already plans this tiltak (same name), if one does."""
    for key in keys_of(workshop, found.target.id):
        if _norm(name_of(found.target, workshop, key)) == _norm(found.name):
            return key
    return None
