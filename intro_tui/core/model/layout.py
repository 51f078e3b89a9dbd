"""A section as rows on screen or paper: template rows and user rows, numbered.

Every renderer (``show``, markdown, docx, the editors) and the CLI's row and
column addressing go through these views, so "row 3 of section 4.1" is the
same row everywhere: rows are numbered 1.. across all blocks of a section, in
display order (each block's template rows, then the rows users added to it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..shorten import one_line
from .kinds import kind
from .units import spell_units
from .template import DRAFT_MARK, LABEL, Block, Column, Row, Section, Template
from .column_types import column_type, empty_value, format_cell
from .values import BadValue, ValueProblem, parse_yesno
from .workshop import Workshop


class AddressError(LookupError):
    """A section, row or column the user named does not exist; message in Norwegian."""


@dataclass(frozen=True)
class DisplayColumn:
    """A column as shown: a yes/no column with ``split`` shows as two (Ja | Nei)."""

    column: Column
    title: str
    variant: str | None = None  # "ja" / "nei" for the halves of a split yes/no column


def display_columns(block: Block) -> list[DisplayColumn]:
    shown: list[DisplayColumn] = []
    for column in block.columns:
        if column_type(column).toggle and column.split:
            shown.append(DisplayColumn(column, column.split[0], "ja"))
            shown.append(DisplayColumn(column, column.split[1], "nei"))
        else:
            shown.append(DisplayColumn(column, column.title))
    return shown


@dataclass(frozen=True)
class RowView:
    number: int
    section: Section
    block: Block
    row: Row  # the template row, or a plain Row for a user's own row
    user: bool

    @property
    def key(self) -> str:
        return self.row.key

    @property
    def group(self) -> bool:
        return self.row.group

    @property
    def label_editable(self) -> bool:
        if kind(self.block).label_value_pair:  # their prompt is a hint for the value, not the label
            return False
        return self.block.label_column is not None and (self.user or self.row.writable_label)

    def value(self, workshop: Workshop, column: Column):
        """The cell's stored value, or the template's preset text if never edited."""
        address = (self.section.id, self.block.id, self.key, column.id)
        if address in workshop.cells:
            return workshop.cells[address]
        return self.row.default(column.id) or empty_value(column)

    def values(self, workshop: Workshop) -> dict:
        """The row's values by column id, plus what its kind derives (NIR share, last year): what computed columns read."""
        values = {column.id: self.value(workshop, column) for column in self.block.columns}
        derive = kind(self.block).derive
        if derive is not None and workshop is not None:
            values.update(derive(self, workshop))
        return values

    def written_label(self, workshop: Workshop) -> str:
        return str(workshop.value(self.section.id, self.block.id, self.key, LABEL, "") or "")

    def label(self, workshop: Workshop | None) -> str:
        """The label as a reader sees it: fixed text plus what was written, or the prompt."""
        if kind(self.block).label_value_pair:
            return self.row.label
        written = self.written_label(workshop) if workshop is not None else ""
        return join_label(self.row.label, written or self.row.prompt, written=bool(written))

    def text(self, workshop: Workshop, shown: DisplayColumn) -> str:
        """One displayed cell as plain text ("" when empty)."""
        if shown.column.type == LABEL:
            return self.label(workshop)
        value = self.value(workshop, shown.column)
        if shown.variant is not None:
            if isinstance(value, BadValue):  # a damaged file: said once, in the first half (Ja)
                return str(value) if shown.variant == "ja" else "⚠"
            return "☒" if value == shown.variant else "☐"
        if column_type(shown.column).units and isinstance(value, str):  # "nav" reads as the unit "NAV"
            return spell_units(value, workshop.units)
        return format_cell(shown.column, self.row, value)


def join_label(fixed: str, extra: str, *, written: bool = True) -> str:
    """'Annet' + 'Kurs' -> 'Annet: Kurs'; '7.' + 'x' -> '7. x'; prompts join with a space."""
    if not extra:
        return fixed
    if not fixed:
        return extra
    if not written or fixed[-1] in ".:–-(":
        return f"{fixed} {extra}"
    return f"{fixed}: {extra}"


def block_rows(section: Section, block: Block, workshop: Workshop | None, start: int = 1) -> list[RowView]:
    views = [RowView(start + i, section, block, row, False) for i, row in enumerate(block.rows)]
    if workshop is not None:
        for user_row in workshop.rows_added(section.id, block.id):
            views.append(RowView(start + len(views), section, block, Row(key=user_row.key, label=""), True))
    return views


def user_row_clash(template: Template, workshop: Workshop) -> str | None:
    """Why the workshop's added rows cannot be shown (a key the template's rows already use), or None.

    Added rows get random keys; only a hand-written file can reuse a template
    row's key, and a table cannot show two rows with one key.
    """
    sections = {s.id: s for s in template.sections}
    for (section_id, block_id), rows in workshop.user_rows.items():
        section = sections.get(section_id)
        block = next((b for b in section.blocks if b.id == block_id), None) if section else None
        if block is not None:
            taken = {row.key for row in block.rows}
            clash = next((row.key for row in rows if row.key in taken), None)
            if clash is not None:
                return f"raden «{clash}» i {section_id} finnes to ganger (filen er endret for hånd?)"
    return None


def section_rows(section: Section, workshop: Workshop | None) -> list[RowView]:
    views: list[RowView] = []
    for block in section.blocks:
        views.extend(block_rows(section, block, workshop, start=len(views) + 1))
    return views


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _compact(text: str) -> str:
    return _norm(text).replace("-", "").replace(" ", "")


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.casefold()))


def _number(spec: str) -> int | None:
    """A row or column number as typed: ASCII digits only ("¹" and 5,000 digits are not numbers)."""
    return int(spec) if re.fullmatch(r"[0-9]{1,9}", spec) else None


def _named(spec: str, candidates: list[tuple[object, tuple[str, ...], tuple[str, ...]]]) -> list:
    """The candidates ``spec`` names, by the first rule that finds any.

    Each candidate is (item, names, titles): names (ids and titles) match
    whole, ignoring case and spacing, then ignoring hyphens too
    ("Hovedansvarlig" is "Hoved-ansvarlig"); titles also match word for word
    ignoring punctuation ("Hva gjør vi" is "Hva gjør vi?"), and last by their
    leading words ("Når" is "Når/hvor ofte").  More than one item back means
    the spec is ambiguous; the caller says so.
    """
    wanted, compact, words = _norm(spec), _compact(spec), _words(spec)
    rules = (
        lambda names, titles: wanted in {_norm(n) for n in names},
        lambda names, titles: compact in {_compact(n) for n in names},
        lambda names, titles: bool(words) and words in {_words(t) for t in titles},
        lambda names, titles: bool(words) and any(_words(t)[:len(words)] == words for t in titles),
    )
    for rule in rules:
        found: list = []
        for item, names, titles in candidates:
            if rule(names, titles) and item not in found:
                found.append(item)
        if found:
            return found
    return []


def find_section(template: Template, spec: str) -> Section:
    """SECTION is an id ("4.1", "avsluttet") or a title, in any case, or a title's leading words.

    A group draft's key ("1.3~g1", see :mod:`.groups`) is that section under the draft's key.
    """
    spec = spec.strip()
    if DRAFT_MARK in spec:
        plenary, _, group = spec.partition(DRAFT_MARK)
        try:
            return template.section(spec)
        except KeyError:
            pass
        base = find_section(template, plenary)
        try:
            return template.section(f"{base.id}{DRAFT_MARK}{group.strip()}")
        except KeyError:
            raise AddressError(f"«{one_line(spec)}» er ikke et gruppeutkast (slik: {base.id}{DRAFT_MARK}g1)") from None
    found = _named(spec, [(s, (s.id, s.title), (s.title,)) for s in template.sections])
    if len(found) == 1:
        return found[0]
    if found:
        ids = ", ".join(s.id for s in found)
        raise AddressError(f"«{spec}» passer flere seksjoner ({ids}): bruk nummeret eller flere ord")
    known = ", ".join(s.id for s in template.sections)
    raise AddressError(f"ukjent seksjon «{one_line(spec)}» i malen {template.id} (finnes: {known})")


def block_name(block: Block) -> str:
    """A table as a reader names it: its heading, or else its first column's header."""
    return block.title or (block.columns[0].title if block.columns else block.id)


def resolve_block(section: Section, spec: str, blocks: list[Block]) -> Block:
    """TABLE is one of ``blocks`` by id or name (heading or first header), as columns are matched."""
    spec = spec.strip()
    found = _named(spec, [(b, (b.id, block_name(b)), (block_name(b),)) for b in blocks])
    if len(found) == 1:
        return found[0]
    names = ", ".join(f"«{one_line(block_name(b), 50)}» ({b.id})" for b in (found or blocks))
    if found:
        raise AddressError(f"«{spec}» passer flere tabeller i seksjon {section.id}: {names}")
    raise AddressError(f"ukjent tabell «{spec}» i seksjon {section.id} (tabellene er: {names})")


def resolve_row(views: list[RowView], spec: str, workshop: Workshop) -> RowView:
    """ROW is a 1-based number, or a row's label (case and spacing ignored)."""
    spec = spec.strip()
    number = _number(spec)
    if number is not None:
        if 1 <= number <= len(views):
            return views[number - 1]
        raise AddressError(f"rad {number} finnes ikke (seksjonen har {len(views)} rader)")
    wanted = _norm(spec)
    matches = [
        v for v in views
        if wanted in {_norm(v.label(workshop)), _norm(v.row.label), _norm(v.written_label(workshop))} - {""}
    ]
    if not matches:  # "Vi har god bransjekunnskap" finds "1. Vi har god bransjekunnskap"
        matches = [v for v in views if _norm(v.row.label).split(" ", 1)[-1] == wanted]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise AddressError(f"ingen rad heter «{one_line(spec)}» (bruk radnummeret fra «show»)")
    numbers = ", ".join(str(v.number) for v in matches)
    raise AddressError(f"flere rader heter «{one_line(spec)}» (rad {numbers}): bruk radnummeret")


def resolve_column(block: Block, spec: str) -> DisplayColumn:
    """COLUMN is a 1-based number among the displayed columns, or a header or id (see :func:`_named`).

    A split yes/no column by its id or own title ("svar", "Ja/Nei") is the
    whole answer; "Ja" or "Nei" is one half (see :func:`half_answer`).
    """
    shown = display_columns(block)
    spec = spec.strip()
    number = _number(spec)
    if number is not None:
        if 1 <= number <= len(shown):
            return shown[number - 1]
        raise AddressError(f"kolonne {number} finnes ikke (tabellen har {len(shown)} kolonner)")
    candidates: list[tuple[object, tuple[str, ...], tuple[str, ...]]] = []
    for candidate in shown:
        names = (candidate.title,) if candidate.variant else (candidate.title, candidate.column.id,
                                                              *candidate.column.aliases)
        candidates.append((candidate, names, (candidate.title,)))
    for column in block.columns:
        if column.split:
            candidates.append((DisplayColumn(column, column.title), (column.title, column.id), ()))
    found = _named(spec, candidates)
    if len(found) == 1:
        return found[0]
    if found:
        titles = " og ".join(f"«{one_line(c.title, 40)}»" for c in found)
        raise AddressError(f"«{spec}» passer flere kolonner: {titles}; skriv flere ord eller bruk kolonnenummeret")
    titles = " | ".join(c.title for c in shown)
    raise AddressError(f"ingen kolonne heter «{one_line(spec)}» (kolonnene er: {titles})")


#: What marks one half of a split yes/no column as chosen.
_MARKS = {"x", "☒", "✓", "✔", "1"}


def half_answer(shown: DisplayColumn, text: str) -> str:
    """What to store when a user writes ``text`` into the Ja (or Nei) half of a split column.

    ``x`` or the half's own word chooses it; empty clears the row's answer
    (back to "not answered", whichever half it is written in).  The other
    half's word is refused, never stored: «nei» in the Ja column is a slip,
    not an answer.
    """
    word = text.strip().lower()
    if word in _MARKS:
        return shown.variant or ""
    answer = parse_yesno(text)
    if answer == shown.variant:
        return answer or ""
    if answer is None:
        return ""
    other = next(t for t in shown.column.split if t != shown.title)
    raise ValueProblem(f"kolonnen {shown.title} tar x, {shown.title.lower()} eller tomt, ikke «{one_line(text, 20)}»"
                       f" (svaret {other} settes i kolonnen {other})")


def section_fill(section: Section, workshop: Workshop) -> tuple[int, int]:
    """(filled, total) answerable cells of one section (group rows and links do not count)."""
    filled = total = 0
    for view in section_rows(section, workshop):
        if view.group or not kind(view.block).counts_for_fill:
            continue
        for column in view.block.columns:
            if column.type == LABEL:
                continue
            total += 1
            if workshop.cells.get((section.id, view.block.id, view.key, column.id)) not in (None, ""):
                filled += 1
    return filled, total


def fill_count(template: Template, workshop: Workshop) -> tuple[int, int]:
    """(filled, total) answerable cells: what "how much is filled in" counts."""
    # a per-choice section counts every copy: filled when all of them are
    from .copies import expand

    counts = [section_fill(section, workshop) for section in expand(template.sections, workshop)]
    return sum(f for f, _ in counts), sum(t for _, t in counts)
