"""Which copy of a per-choice section a part of a Word document belongs to.

A municipality that fills 2.2 for three trades copies its pages in Word: the
document then holds 2.2 three times, each with its own ``BRANSJE/YRKE`` line (with
or without the heading again); intro-tui's own export heads each copy
"2.2 … – Renhold".  Here the document is cut before reading: the first copy of
each per-choice section stays in the main reading (as the section itself), every
further copy is read on its own and its values are moved to a copy key.  Copies
are matched to the workshop's copies by name (the naming field's value); a name
the workshop does not have becomes a new copy.

Kept apart from :mod:`.reader` so the reader knows nothing of copies.
"""

from __future__ import annotations

from dataclasses import replace

from ...core.model import copies
from ...core.model.template import Section, Template
from ...core.model.values import ValueProblem
from ...core.model.workshop import Workshop
from .extract import Paragraph, Table
from .found import Found, FoundRow, Reading, Unplaced
from .keys import _after_prefix, key


def _heading_of(per_choice: list[Section], text: str) -> Section | None:
    """A per-choice section's heading, bare or with a copy's name after it ("2.2 Vurdering … – Renhold")."""
    if "\t" in text:  # a line of the contents ("2.2 … – Renhold<tab>7"), not the heading
        return None
    head = text.rpartition(" – ")[0]
    for section in per_choice:
        wanted = key(f"{section.id} {section.title}")
        if key(text) == wanted or head and key(head) == wanted:
            return section
    return None


def _starts_copy(section: Section, item) -> bool:
    """The first line of the naming block ("BRANSJE/YRKE", "Yrke/bransje"), as a paragraph or a table's first cell."""
    choice = section.per_choice
    assert choice is not None
    first = section.block(choice.block).rows[0]
    if isinstance(item, Paragraph):
        return _after_prefix(item.text, first.label) is not None
    if isinstance(item, Table) and item.rows and item.rows[0]:
        return _after_prefix(item.rows[0][0], first.label) is not None
    return False


def split(template: Template, items: list) -> tuple[list, list[tuple[Section, list]]]:
    """(the items of the main reading, [(section, items) of every further copy]) in document order."""
    per_choice = [s for s in template.sections if s.per_choice is not None]
    others = {key(f"{s.id} {s.title}") for s in template.sections if s.per_choice is None}
    main: list = []
    extra: list[tuple[Section, list]] = []
    target = main
    current: Section | None = None
    started = False  # the current copy's naming line has been seen
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Paragraph) and not item.style.startswith(("toc", "innholdsfortegnelse")):
            found = _heading_of(per_choice, item.text) if per_choice else None
            if found is not None:
                current, started = found, False
                if found.id in seen:
                    target = []
                    extra.append((found, target))
                else:
                    seen.add(found.id)
                    target = main
                    main.append(replace(item, text=f"{found.id} {found.title}"))
                continue
            if key(item.text) in others:
                current, target = None, main
        if current is not None and _starts_copy(current, item):
            if started:  # a second naming line: pages copied without the heading
                target = []
                extra.append((current, target))
            started = True
        target.append(item)
    return main, extra


def _moved(reading: Reading, base: str, key_to: str) -> tuple[list[Found], list[FoundRow]]:
    cells = [replace(f, section=key_to, where=f.where.replace(base, key_to, 1)) for f in reading.cells
             if f.section == base]
    rows = [replace(r, section=key_to, where=r.where.replace(base, key_to, 1)) for r in reading.rows
            if r.section == base]
    return cells, rows


def _name(section: Section, cells: list[Found]) -> str:
    choice = section.per_choice
    assert choice is not None
    return next((f.text.strip() for f in cells if (f.block, f.row, f.column) ==
                 (choice.block, choice.row, choice.column)), "")


def read_with_copies(template: Template, items: list, read, workshop: Workshop
                     ) -> tuple[Reading, Workshop, list[str]]:
    """(the reading with every copy's values under its copy key, the workshop with the new copies, their keys).

    ``read(template, items) -> Reading`` is the reader; the workshop given is not changed.
    """
    main_items, extra = split(template, items)
    reading = read(template, main_items)
    if not extra and not any(s.per_choice for s in template.sections if s.id in {f.section for f in reading.cells}):
        return reading, workshop, []
    planned = workshop.copy()
    groups: dict[str, list[tuple[list[Found], list[FoundRow]]]] = {}
    for section in template.sections:
        if section.per_choice is not None:
            first = ([f for f in reading.cells if f.section == section.id],
                     [r for r in reading.rows if r.section == section.id])
            groups[section.id] = [first]
    reading.cells = [f for f in reading.cells if f.section not in groups]
    reading.rows = [r for r in reading.rows if r.section not in groups]
    for section, part in extra:
        heading = Paragraph(f"{section.id} {section.title}", "heading 2")
        got = read(template, [heading, *part])
        groups[section.id].append(_moved(got, section.id, section.id))
        reading.unplaced += got.unplaced
        reading.tables += got.tables
        reading.tables_placed += got.tables_placed
        reading.units += [u for u in got.units if u not in reading.units]
    new: list[str] = []
    for base, found in groups.items():
        section = template.section(base)
        names = {key(copies.name_of(section, planned, k)): k for k in copies.keys_of(planned, base)}
        claimed: set[str] = set()
        for index, (cells, rows) in enumerate(found):
            if index and not cells and not rows:
                continue
            name = _name(section, cells)
            target = names.get(key(name)) if name else None
            if target is None or target in claimed:
                if base not in claimed and not copies.name_of(section, planned, base):
                    target = base  # the workshop's first copy has no name yet: this is it
                else:
                    try:
                        number = copies.next_number(planned, base)
                    except ValueProblem as exc:
                        reading.unplaced.append(Unplaced(f"{base} «{name}»", str(exc)))
                        continue
                    planned.copies.setdefault(base, []).append(number)
                    target = copies.copy_key(base, number)
                    new.append(target)
            claimed.add(target)
            moved_cells, moved_rows = _moved(Reading(template, list(cells), list(rows)), base, target)
            reading.cells += moved_cells
            reading.rows += moved_rows
    return reading, planned, new
