"""The template model: what a template *is*, independent of any workshop's answers.

A template is read from a JSON data file (see ``intro_tui/templates/`` and
``docs/templates.md``) and turned into frozen dataclasses here.  Everything that
renders a template - the TUI editors, the markdown and docx writers, the CLI's
``show`` - walks the same tree:

    Template -> Part (a STEG, or one unnamed part) -> Section (``1.1``) -> content

A section's content is an ordered list of :class:`Text`, :class:`Instructions`
and :class:`Block` items, because the seeds interleave them (5.2 has a field,
a fields table, then a plan table; 6.2 has a list, instructions, two tables).

Blocks are the only editable things.  There is a small set of kinds
(:data:`.kinds.KINDS`, one entry each); every kind is rows x columns, so one addressing scheme
(section, row, column) serves the CLI, the datastore and the editors.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

#: A block kind's id: one of :data:`.kinds.KINDS` (the loader refuses any other; a kind is one entry there).
BlockKind = str
#: A column type's id: one of :mod:`.column_types`' registry (a type is one entry there).
ColumnType = str

Direction = Literal["higher", "lower"]
DIRECTIONS: tuple[str, ...] = ("higher", "lower")

ValueKind = Literal["percent", "count", "text"]
VALUE_KINDS: tuple[str, ...] = ("percent", "count", "text")

#: The column id that holds a row's label.  Stored answers use it for the
#: label a user writes on a "skriv inn" row or on a row of their own.
LABEL = "label"


@dataclass(frozen=True)
class Column:
    """One column of a block.

    ``type`` decides how a cell is edited and validated (its entry in
    :mod:`.column_types` holds the rules):

    * ``label``: the row's label (first column).  Fixed on template rows,
      written by the user on prompt rows and on the user's own rows.
    * ``text``: free text.
    * ``yesno``: Ja / Nei / not answered.  In a checklist it is shown as two
      columns (``split``: ``("Ja", "Nei")``), as in the seed.
    * ``roles``: one or more of the workshop's units, or free text.
    * ``indicator``: a Mål or Resultat value whose kind (percent, count, text)
      is given by the row.
    * ``count``: a whole number ≥ 0 (the NIR code table's Antall).

    ``optional`` columns are added by their kind (an indicator's Nedre grense):
    the app always shows them, a document only when the block holds a value in
    them, so IMDi's blank form prints as IMDi made it.  ``aliases`` are other
    header names that address the column (Øvre grense / Nedre grense).
    """

    id: str
    title: str
    type: ColumnType = "text"
    group: str = ""  # a heading spanning adjacent columns (6.2: "Opplæring")
    split: tuple[str, ...] = ()  # yesno shown as two columns: ("Ja", "Nei")
    multiline: bool = False
    title_italic: str = ""  # the part of the title printed in italics (1.2: "(språknivå, … mm.)")
    optional: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class NirLink:
    """Where an indicator row's Resultat comes from in the NIR code table.

    The share is the sum of the ``codes`` rows' counts over the sum of the
    ``base`` rows' counts (everyone who ended with the same status, e.g.
    "Avsluttet introprogram").  Resolved by the template loader.
    """

    section: str
    block: str
    column: str
    codes: tuple[str, ...]
    base: tuple[str, ...]
    base_label: str


@dataclass(frozen=True)
class Row:
    """A preset row of a block, as the template gives it.

    ``key`` is stable for the life of the template: answers are stored under
    it.  ``prompt`` marks a row whose label the user writes ("Annet *skriv
    inn*", "- *andre ting vi tilbyr*"); ``label`` is then the fixed part shown
    before it (may be empty).  ``group`` rows only carry a heading.
    """

    key: str
    label: str
    prompt: str = ""
    group: bool = False
    indent: int = 0
    value_kind: ValueKind = "text"  # indicators: what Mål/Resultat hold
    hint: str = ""  # indicators: "F.eks. forbedre, igangsette, videreutvikle"
    defaults: tuple[tuple[str, str], ...] = ()  # preset cell text, editable
    marker: str = ""  # the list mark printed before the label, as in the seed ("–" in 4.1, "▪" in 6.2)
    direction: Direction = "higher"  # indicators: is a higher or a lower result better?
    nir: NirLink | None = None  # indicators: Resultat computed from NIR end codes
    national_goal: int | float | None = None  # indicators: IMDi's national goal (65 %)

    @property
    def writable_label(self) -> bool:
        return bool(self.prompt)

    def default(self, column_id: str) -> str:
        for cid, text in self.defaults:
            if cid == column_id:
                return text
        return ""


@dataclass(frozen=True)
class Block:
    """An editable table-shaped piece of a section."""

    id: str
    kind: BlockKind
    columns: tuple[Column, ...]
    rows: tuple[Row, ...] = ()
    title: str = ""  # a heading over the block: "Interne forberedelser"
    title_prompt: str = ""  # italic part of the heading
    add_rows: bool = False  # "Ved behov suppler tabellen med flere oppgaver"
    blank_rows: int = 0  # empty rows a printed handout adds for handwriting
    url: str = ""  # link blocks: the address
    link_text: str = ""  # link blocks: "Her finner du kjøreplan for arbeidsmøte 1."
    url_intro: str = ""  # link blocks: "Alternativt kan du skrive inn følgende adresse:"

    @property
    def label_column(self) -> Column | None:
        for column in self.columns:
            if column.type == LABEL:
                return column
        return None

    def column(self, column_id: str) -> Column:
        for column in self.columns:
            if column.id == column_id:
                return column
        raise KeyError(column_id)

    def row(self, key: str) -> Row | None:
        for row in self.rows:
            if row.key == key:
                return row
        return None


@dataclass(frozen=True)
class Text:
    """A paragraph of template text (intro, note)."""

    text: str
    style: Literal["normal", "italic", "bold", "heading"] = "normal"


@dataclass(frozen=True)
class Instruction:
    text: str
    items: tuple[str, ...] = ()  # sub-bullets (the three role definitions)


@dataclass(frozen=True)
class Instructions:
    """A numbered (or bulleted) list of instructions, as in the seeds."""

    items: tuple[Instruction, ...]
    numbered: bool = True
    start: int = 1


Content = Text | Instructions | Block

#: Between a section's id and its copy number: ``2.2#2`` is the second copy of 2.2 (see :mod:`.copies`).
COPY_MARK = "#"
#: Between a section's (or copy's) key and a group's id: ``1.3~g1`` is group g1's draft of 1.3 (see :mod:`.groups`).
DRAFT_MARK = "~"


@dataclass(frozen=True)
class Within:
    """A per-choice section planned within a copy of another: 2.3 plans one tiltak for one of 2.2's trades.

    ``row`` (of the naming block) names that copy ("Yrke/bransje") and completes from its copies' names;
    ``proposed`` is the (block, row) of the other section where such tiltak are proposed
    ("Forslag til justering …"): a key there turns what a cell says into a copy of this section.
    """

    section: str
    row: str
    proposed: tuple[str, str] | None = None


@dataclass(frozen=True)
class PerChoice:
    """Marks a section filled once per choice (a bransje, a tiltak, a fag): the field that names each copy."""

    block: str
    row: str
    column: str
    within: Within | None = None


@dataclass(frozen=True)
class Section:
    """A section of the template; with ``#n`` in its id, the n-th copy of a per-choice section.

    ``copy_name`` is set only on the copies a workshop's views hand out (:mod:`.copies`),
    so headings say which bransje or tiltak a page is about.
    """

    id: str
    title: str
    content: tuple[Content, ...]
    per_choice: PerChoice | None = None
    copy_name: str = ""

    @property
    def base_id(self) -> str:
        """The template's id of the section ("2.2" for the copy "2.2#3", "1.3" for the group draft "1.3~g1")."""
        return self.id.split(DRAFT_MARK, 1)[0].split(COPY_MARK, 1)[0]

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(item for item in self.content if isinstance(item, Block))

    @property
    def heading(self) -> str:
        text = f"{self.base_id} {self.title}" if self.id[:1].isdigit() else self.title
        return f"{text} – {self.copy_name}" if self.copy_name else text

    def block(self, block_id: str) -> Block:
        for block in self.blocks:
            if block.id == block_id:
                return block
        raise KeyError(block_id)


@dataclass(frozen=True)
class Part:
    """A STEG of the Rambøll template, or the single unnamed part of a form."""

    id: str
    label: str  # "STEG 1"; empty for a form without steps
    title: str
    sections: tuple[Section, ...]
    tools_title: str = ""
    tools: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    full_title: str
    publisher: str
    layout: Literal["steps", "form"]
    parts: tuple[Part, ...]
    description: str = ""
    source: str = ""  # the file it was read from, for error messages
    colophon: tuple[str, ...] = ()  # the publisher's address lines on the original's title page

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(section for part in self.parts for section in part.sections)

    def section(self, section_id: str) -> Section:
        """The section by id; ``2.2#2`` gives a copy of a per-choice section (cells are stored under its id).

        ``1.3~g1`` (a group's draft of 1.3, or of a copy: ``2.2#2~g1``) is that section under the draft's key.
        """
        plenary, draft, group = section_id.partition(DRAFT_MARK)
        if draft:
            if not (group.isascii() and group[:1] == "g" and group[1:].isdigit()):
                raise KeyError(section_id)
            return replace(self.section(plenary), id=section_id)
        base, mark, number = section_id.partition(COPY_MARK)
        for section in self.sections:
            if section.id == base:
                if not mark:
                    return section
                if section.per_choice is not None and number.isdigit() and number.isascii() and int(number) >= 2:
                    return replace(section, id=f"{base}{COPY_MARK}{int(number)}")
                break
        raise KeyError(section_id)

    def part_of(self, section_id: str) -> Part:
        section_id = section_id.split(DRAFT_MARK, 1)[0].split(COPY_MARK, 1)[0]
        for part in self.parts:
            if any(section.id == section_id for section in part.sections):
                return part
        raise KeyError(section_id)
