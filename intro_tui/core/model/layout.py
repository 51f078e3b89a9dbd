"""A section as rows on screen or paper: template rows and user rows, numbered.

Every renderer (``show``, markdown, docx, the editors) and the CLI's row and
column addressing go through these views, so "row 3 of section 4.1" is the
same row everywhere: rows are numbered 1.. across all blocks of a section, in
display order (each block's template rows, then the rows users added to it).
"""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import kind
from .units import spell_units
from .template import LABEL, Block, Column, Row, Section, Template
from .values import format_cell
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
        if column.type == "yesno" and column.split:
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
        return self.row.default(column.id) or ("" if column.type in ("text", "roles", "label") else None)

    def values(self, workshop: Workshop) -> dict:
        """The row's values by column id: what a kind's computed columns are computed from."""
        return {column.id: self.value(workshop, column) for column in self.block.columns}

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
            return "☒" if value == shown.variant else "☐"
        if shown.column.type == "roles" and isinstance(value, str):  # "nav" reads as the unit "NAV"
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


def section_rows(section: Section, workshop: Workshop | None) -> list[RowView]:
    views: list[RowView] = []
    for block in section.blocks:
        views.extend(block_rows(section, block, workshop, start=len(views) + 1))
    return views


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def find_section(template: Template, spec: str) -> Section:
    spec = spec.strip()
    for section in template.sections:
        if section.id == spec or _norm(section.title) == _norm(spec):
            return section
    known = ", ".join(s.id for s in template.sections)
    raise AddressError(f"ukjent seksjon «{spec}» i malen {template.id} (finnes: {known})")


def resolve_row(views: list[RowView], spec: str, workshop: Workshop) -> RowView:
    """ROW is a 1-based number, or a row's label (case and spacing ignored)."""
    spec = spec.strip()
    if spec.isdigit():
        number = int(spec)
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
        raise AddressError(f"ingen rad heter «{spec}» (bruk radnummeret fra «show»)")
    numbers = ", ".join(str(v.number) for v in matches)
    raise AddressError(f"flere rader heter «{spec}» (rad {numbers}): bruk radnummeret")


def resolve_column(block: Block, spec: str) -> DisplayColumn:
    """COLUMN is a 1-based number among the displayed columns, or a header text."""
    shown = display_columns(block)
    spec = spec.strip()
    if spec.isdigit():
        number = int(spec)
        if 1 <= number <= len(shown):
            return shown[number - 1]
        raise AddressError(f"kolonne {number} finnes ikke (tabellen har {len(shown)} kolonner)")
    wanted = _norm(spec)
    for candidate in shown:
        if wanted in (_norm(candidate.title), _norm(candidate.column.id)):
            return candidate
    for column in block.columns:  # a split yes/no column by its own title: "Ja/Nei"
        if column.split and wanted == _norm(column.title):
            return DisplayColumn(column, column.title)
    for candidate in shown:  # "Hovedansvarlig" finds "Hoved-ansvarlig"
        if _norm(candidate.title).replace("-", "").replace(" ", "") == wanted.replace("-", "").replace(" ", ""):
            return candidate
    titles = " | ".join(c.title for c in shown)
    raise AddressError(f"ingen kolonne heter «{spec}» (kolonnene er: {titles})")


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
    counts = [section_fill(section, workshop) for section in template.sections]
    return sum(f for f, _ in counts), sum(t for _, t in counts)
