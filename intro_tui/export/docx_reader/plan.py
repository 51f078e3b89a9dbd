"""What an import would do to a workshop: what lands, what conflicts, what is left over.

Every value is parsed by the same rules as ``intro-tui set`` (``parse_cell``):
"65 %" and "65,5" in a share, "x" in a Ja column.  A value a cell already
holds is nothing to do; a cell holding a *different* value is a conflict,
left alone unless the import is told to overwrite.  A row someone added in
Word that the workshop already has (same label, or the same cells) is that
row again, not a new one - importing the same file twice changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...core.model.column_types import column_type
from ...core.model.copies import expand
from ...core.model.layout import block_rows
from ...core.model.template import LABEL, Template
from ...core.model.column_types import format_cell, parse_cell
from ...core.model.values import ValueProblem
from ...core.model.workshop import Workshop
from .found import Found, FoundRow, Reading, Unplaced, short
from .keys import key
from .row_checks import check_rows


@dataclass(frozen=True)
class Landing:
    """One cell to write: its address, the stored value it gets, the value it holds now."""

    section: str
    block: str
    row: str
    column: str
    text: str  # what set_cell is given
    new: object
    old: object
    where: str
    title: str  # the column's title

    @property
    def address(self) -> tuple[str, str, str, str]:
        return (self.section, self.block, self.row, self.column)


@dataclass(frozen=True)
class NewRow:
    section: str
    block: str
    texts: dict
    where: str


@dataclass
class ImportPlan:
    template: Template
    source: str  # the file's name, for the change log
    lands: list[Landing] = field(default_factory=list)
    conflicts: list[Landing] = field(default_factory=list)
    new_rows: list[NewRow] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    same: int = 0
    units: list[str] = field(default_factory=list)
    tables: int = 0
    tables_placed: int = 0
    #: Keys of copies of per-choice sections the import adds (2.2#2: the document had 2.2 twice).
    new_copies: list[str] = field(default_factory=list)
    #: Tables read as one block although another fits better (listed as "usikker" in the dry run).
    uncertain: list[str] = field(default_factory=list)
    #: The cover's facts: {"kommune": …, "year": …, "title": …, "units": […]} (a new workshop gets them).
    cover: dict = field(default_factory=dict)
    #: Fractions read as shares ("0,45" in a share row -> 45 %): where, for the dry run.
    shares: list[str] = field(default_factory=list)

    @property
    def values_found(self) -> int:
        """Values the document holds that found a place (landing, conflicting, already there, new rows)."""
        return len(self.lands) + len(self.conflicts) + self.same + sum(len(r.texts) for r in self.new_rows)

    @property
    def placed_share(self) -> float:
        total = self.values_found + len(self.unplaced)
        return self.values_found / total if total else 1.0


def make_plan(reading: Reading, workshop: Workshop, source: str) -> ImportPlan:
    template = reading.template
    units = list(reading.cover.get("units") or reading.units)
    plan = ImportPlan(template, source, unplaced=list(reading.unplaced), units=units,
                      tables=reading.tables, tables_placed=reading.tables_placed, uncertain=list(reading.uncertain),
                      cover=dict(reading.cover))
    views = {}
    for section in expand(template.sections, workshop):  # every copy of a per-choice section
        for block in section.blocks:
            for view in block_rows(section, block, workshop):
                views[(section.id, block.id, view.key)] = view
    seen: set = set()
    for found in reading.cells:
        view = views.get((found.section, found.block, found.row))
        if view is None or (found.section, found.block, found.row, found.column) in seen:
            continue
        seen.add((found.section, found.block, found.row, found.column))
        _plan_cell(plan, view, found, workshop)
    for found_row in reading.rows:
        _plan_row(plan, found_row, workshop, views)
    check_rows(plan, views, workshop)
    return plan


def _plan_cell(plan: ImportPlan, view, found: Found, workshop: Workshop) -> None:
    column = view.block.column(found.column)
    if column_type(column).units:
        found = Found(found.section, found.block, found.row, found.column, unit_names(found.text, workshop.units),
                      found.where)
    text = as_share(column, view.row, found.text)
    if text != found.text:
        plan.shares.append(f"{found.where} · {column.title}: «{short(found.text)}» lest som {text}")
        found = Found(found.section, found.block, found.row, found.column, text, found.where)
    try:
        new = parse_cell(column, view.row, found.text)
    except ValueProblem as exc:  # the message may cut the value: the text itself is listed whole
        plan.unplaced.append(Unplaced(f"{found.where} · {column.title}", str(exc), short(found.text, None)))
        return
    if new in (None, ""):
        return
    stored = workshop.cells.get((found.section, found.block, found.row, found.column))
    if stored in (None, "") and new == view.row.default(column.id):
        plan.same += 1  # the template's preset text, as printed
        return
    if stored == new:
        plan.same += 1
        return
    landing = Landing(found.section, found.block, found.row, found.column, found.text, new, stored, found.where,
                      "tekst" if column.type == LABEL else column.title)
    (plan.lands if stored in (None, "") else plan.conflicts).append(landing)


_FRACTION = re.compile(r"\s*0?[,.](\d{1,4})\s*")


def as_share(column, row, text: str) -> str:
    """'0,45' in a share row is 45 %: a fraction between 0 and 1 typed where a percentage belongs."""
    if column.type != "indicator" or row is None or row.value_kind != "percent":
        return text
    match = _FRACTION.fullmatch(text)
    if match is None:
        return text
    percent = round(float("0." + match.group(1)) * 100, 2)
    return (f"{percent:g}".replace(".", ",")) + " %"


def unit_names(text: str, units: list[str]) -> str:
    """'nav, voksenopplæringen' -> 'NAV, Voksenopplæringen' when those are the workshop's units (their spelling)."""
    spelled = {unit.casefold(): unit for unit in units}
    parts = re.split(r"(\s*[,;/\n]\s*|\s+og\s+)", text.strip())
    return "".join(spelled.get(part.strip().casefold(), part) if i % 2 == 0 else part for i, part in enumerate(parts))


def _plan_row(plan: ImportPlan, found: FoundRow, workshop: Workshop, views: dict) -> None:
    template = plan.template
    block = template.section(found.section).block(found.block)
    parsed = {}
    for column_id, text in found.texts.items():
        column = block.column(column_id)
        if column_type(column).units:
            text = found.texts[column_id] = unit_names(text, workshop.units)
        try:
            value = parse_cell(column, None, text)
        except ValueProblem as exc:
            plan.unplaced.append(Unplaced(f"{found.where} · {column.title}", str(exc), short(text, None)))
            continue
        if value not in (None, ""):
            parsed[column_id] = value
    if not parsed:
        return
    existing = _same_user_row(block, found.section, parsed, workshop)
    if existing is None:
        plan.new_rows.append(NewRow(found.section, found.block, {c: found.texts[c] for c in parsed}, found.where))
        return
    view = views[(found.section, found.block, existing)]
    for column_id in parsed:
        _plan_cell(plan, view, Found(found.section, found.block, existing, column_id, found.texts[column_id],
                                     found.where), workshop)


def _same_user_row(block, section_id: str, parsed: dict, workshop: Workshop) -> str | None:
    """A row of one's own the workshop already has: the same label, or (no label) the same cells."""
    label = parsed.get(LABEL)
    for user_row in workshop.rows_added(section_id, block.id):
        cells = {c.id: workshop.cells.get((section_id, block.id, user_row.key, c.id)) for c in block.columns}
        if label and key(str(cells.get(LABEL) or "")) == key(str(label)):
            return user_row.key
        if not label and all(cells.get(c) == v for c, v in parsed.items()):
            return user_row.key
    return None


def count(n: int, one: str, many: str) -> str:
    """'1 konflikt', '2 konflikter', '0 konflikter'."""
    return f"{n} {one if n == 1 else many}"


def describe(plan: ImportPlan, limit: int | None = None) -> list[str]:
    """The plan as lines a person reads (the dry run, the app's preview)."""
    lines = [f"Mal: {plan.template.id} · {plan.tables_placed} av {count(plan.tables, 'tabell', 'tabeller')} "
             f"kjent igjen · {count(len(plan.lands), 'ny verdi', 'nye verdier')}, "
             f"{count(len(plan.new_rows), 'ny rad', 'nye rader')}, "
             f"{count(len(plan.conflicts), 'konflikt', 'konflikter')}, {plan.same} like, "
             f"{len(plan.unplaced)} uten plass"]
    lines += [f"  ? usikker {doubt}" for doubt in plan.uncertain]
    lines += [f"  ~ {share}" for share in plan.shares]
    for landing in plan.conflicts:  # what needs a decision first, then what has no place, then what lands
        lines.append(f"  ! konflikt {landing.where} · {landing.title}: har «{_value(plan, landing, landing.old)}», "
                     f"dokumentet sier «{_value(plan, landing, landing.new)}»")
    for item in plan.unplaced:
        # the whole text: once imported, this list is the only place a leftover is named
        lines.append(f"  ? {item.where}: {item.reason}" + (f": «{short(item.text, None)}»" if item.text else ""))
    shown = plan.lands if limit is None else plan.lands[:limit]
    for landing in shown:
        lines.append(f"  + {landing.where} · {landing.title}: {_value(plan, landing, landing.new)}")
    if limit is not None and len(plan.lands) > limit:
        lines.append(f"  … og {len(plan.lands) - limit} til")
    for row in plan.new_rows:
        lines.append(f"  + ny rad i {row.where}: {short(' | '.join(str(v) for v in row.texts.values()), 60)}")
    return lines + per_section(plan)


def per_section(plan: ImportPlan) -> list[str]:
    """'  · 1.3: 12 verdier, 1 konflikt' for every section the document gave something to."""
    counts: dict[str, list[int]] = {}
    for n, landings in enumerate((plan.lands, plan.conflicts)):
        for landing in landings:
            counts.setdefault(landing.section, [0, 0, 0])[n] += 1
    for row in plan.new_rows:
        counts.setdefault(row.section, [0, 0, 0])[2] += 1
    order = {s.id: i for i, s in enumerate(plan.template.sections)}
    lines = []
    for section in sorted(counts, key=lambda s: order.get(s, 0)):
        values, conflicts, rows = counts[section]
        parts = [count(values, "verdi", "verdier")] + ([count(conflicts, "konflikt", "konflikter")] if conflicts
                                                       else []) + ([count(rows, "rad", "rader")] if rows else [])
        lines.append(f"  · {section}: lest {', '.join(parts)}")
    return lines


def _value(plan: ImportPlan, landing: Landing, value) -> str:
    block = plan.template.section(landing.section).block(landing.block)
    column = block.column(landing.column)
    text = value if column_type(column).toggle else format_cell(column, block.row(landing.row), value)
    return short(str(text or ""), 50)
