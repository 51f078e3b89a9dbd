"""Walking a document's paragraphs and tables against a template: which section we are in, which block each table is.

The template is recognised by what a reader would recognise it by: section
headings ("1.3 Roller og ansvarsfordeling av oppgaver – steg 1") and tables
whose headers and row labels are the template's.  Never by hidden ids - the
originals from Rambøll and IMDi have none.
"""

from __future__ import annotations

from ...core.model.column_types import column_type
from ...core.model.template import Block, Section, Template
from .account import account
from .charts import is_chart
from .extract import Paragraph, Table
from .found import Reading, Unplaced, short
from .grid import fit, label_hits, read_grid
from .keys import key
from .lines import Lines
from .nir_status import with_status_column
from .others import fields_block, goal_plan_block, read_fields_table, read_goal_plan
from .placing import MIN_HEADER_SHARE, Placing, choose, read_as_grid, split_at_headers


def heading_keys(template: Template) -> dict[str, Section]:
    keys = {}
    for section in template.sections:
        keys[key(f"{section.id} {section.title}")] = section
        if not section.id[:1].isdigit():
            keys.setdefault(key(section.title), section)
    return keys


class Fits(dict):
    """(table, block) -> (Fit, label hits), computed once per document: recognising and reading ask alike."""

    def of(self, table: Table, block: Block):
        at = (id(table), id(block))
        if at not in self:
            table_fit = fit(table, block)
            self[at] = (table_fit, label_hits(table, block, table_fit.header_rows))
        return self[at]


def score_template(template: Template, items: list, fits: Fits | None = None) -> int:
    """How much of the document this template explains: headings found plus tables that fit a block."""
    fits = Fits() if fits is None else fits
    headings = heading_keys(template)
    score = sum(2 for item in items if isinstance(item, Paragraph) and key(item.text) in headings)
    for item in items:
        if isinstance(item, Table) and not is_chart(item):
            ranked = _candidates(template, item, None, set(), -1, fits=fits)
            score += round(max((fits.of(item, b)[1] + 2 * f.score for _, b, f, _ in ranked), default=0))
    return score


def recognise(templates: dict[str, Template], items: list, fits: Fits | None = None) -> tuple[Template | None, int]:
    fits = Fits() if fits is None else fits
    scored = sorted(((score_template(t, items, fits), t.id) for t in templates.values()), reverse=True)
    if not scored or scored[0][0] == 0:
        return None, 0
    return templates[scored[0][1]], scored[0][0]


def read_items(template: Template, items: list, fits: Fits | None = None) -> Reading:
    fits = Fits() if fits is None else fits
    reading = Reading(template)
    headings = heading_keys(template)
    placing = Placing(template)
    lines = Lines(template, reading)
    current: Section | None = None
    recent: Paragraph | None = None  # the last paragraph with text: a goal plan's area heading
    sections: list[str] = []  # the section each item stands in, for "where" in the list of what has no place
    for item in items:
        if isinstance(item, Paragraph):
            found = headings.get(key(item.text)) or _numbered_by_word(template, item, current)
            if found is not None:
                lines.flush()
                current, item.used, placing.previous = found, True, None
            else:
                lines.paragraph(item, current)
            recent = item if item.text.strip() else recent
            sections.append(current.id if current is not None else "")
            continue
        lines.flush()
        sections.append(current.id if current is not None else "")
        if is_chart(item):
            for r in range(len(item.rows)):
                item.mark_row(r)  # intro-tui's own chart under an indicator table: drawn from the values
            continue
        for part in split_at_headers(template, item):
            current, area = _read_table(reading, template, part, current, placing, fits)
            if area and recent is not None:
                recent.used = True
    lines.finish()
    reading.units = _units(template, reading)
    account(reading, items, sections)
    return reading


def _read_table(reading: Reading, template: Template, table: Table, current: Section | None, placing: Placing,
                fits: Fits) -> tuple[Section | None, bool]:
    """Read one table (or one part of a table cut at a header row).

    Returns the section the document is in afterwards, and whether the
    paragraph before the table was read too (a goal plan's area heading).
    """
    reading.tables += 1
    scope = ([current] if current is not None else []) + [s for s in template.sections if s is not current]
    special = goal_plan_block(table, scope)
    area = special is not None and bool(table.before)
    if special is not None:
        read_goal_plan(reading, *special, table)
    else:
        special = fields_block(table, scope[:1] if current is not None else scope)
        if special is not None:
            read_fields_table(reading, *special, table)
    if special is not None:
        reading.tables_placed += 1
        for r in range(len(table.rows)):
            table.mark_row(r)
        return current, area
    table = with_status_column(template, table) or table
    candidates = _candidates(template, table, current, placing.used, placing.last, placing.order, fits=fits)
    previous = placing.previous
    choice = choose(placing, table, current, candidates,
                    fits.of(table, previous.block) if previous is not None else None)
    if choice is None:
        header = " | ".join(short(t, 20) for t in (table.rows[0] if table.rows else []) if t.strip())
        text = " | ".join(t.strip() for row in table.rows for t in row if t.strip())
        reading.unplaced.append(Unplaced(f"tabell {reading.tables} ({header or 'tom'})",
                                         "kjennes ikke igjen i malen " + template.id, short(text, None)))
        for r in range(len(table.rows)):
            table.mark_row(r)
        return current, False
    if choice.doubt:
        reading.uncertain.append(f"tabell {reading.tables}: {choice.doubt}")
    placing.took(choice.section, choice.block, table)
    read_grid(reading, choice.section, choice.block, table, choice.fit)
    reading.tables_placed += 1
    moved = current is None or choice.section.id != current.id and not choice.continued
    return (choice.section if moved else current), False


def _numbered_by_word(template: Template, paragraph: Paragraph, current: Section | None) -> Section | None:
    """A heading whose "1.3" is Word's own numbering (not in the text): its title, in a heading style.

    Titles can repeat ("Kjøreplan"): the first such section after the current one.
    """
    if not (paragraph.listed or paragraph.style.startswith(("heading", "overskrift"))):
        return None
    wanted = key(paragraph.text)
    matches = [s for s in template.sections if key(s.title) == wanted]
    if not matches:
        return None
    position = template.sections.index(current) if current is not None else -1
    return next((s for s in matches if template.sections.index(s) > position), matches[0])


def _candidates(template: Template, table: Table, current: Section | None, used: set, last: int,
                order: dict | None = None, *, fits: Fits):
    """Blocks this table may be, best first: unused, in the current section, most labels, best header, next in order."""
    ranked = []
    position = 0
    for section in template.sections:
        for block in section.blocks:
            position += 1
            if not read_as_grid(block):
                continue
            table_fit, hits = fits.of(table, block)
            if table_fit.score < MIN_HEADER_SHARE and hits < 2:
                continue
            if table_fit.header_rows == 0 and hits < 2:
                continue
            at = (order or {}).get((section.id, block.id), position)
            distance = at - last if at > last else 10_000 + at
            rank = ((section.id, block.id) not in used, current is not None and section.id == current.id,
                    hits, round(table_fit.score, 2), -distance)
            ranked.append((rank, section, block, table_fit, hits))
    ranked.sort(key=lambda entry: entry[0], reverse=True)
    return [(section, block, table_fit, hits) for _, section, block, table_fit, hits in ranked]


def _units(template: Template, reading: Reading) -> list[str]:
    """Unit names written in role columns ("NAV, Voksenopplæringen"), first seen first."""
    import re

    role_columns = {(s.id, b.id, c.id) for s in template.sections for b in s.blocks for c in b.columns
                    if column_type(c).units}
    units: list[str] = []
    texts = [(f.section, f.block, f.column, f.text) for f in reading.cells]
    texts += [(r.section, r.block, column, text) for r in reading.rows for column, text in r.texts.items()]
    for section, block, column, text in texts:
        if (section, block, column) not in role_columns:
            continue
        for part in re.split(r"[,;/\n]|\bog\b", text):
            name = part.strip(" .–-")
            if name and len(name) <= 60 and name.casefold() not in {u.casefold() for u in units}:
                units.append(name)
    return units[:30]


__all__ = ["Fits", "read_items", "recognise"]
