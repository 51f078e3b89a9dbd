"""What reading a document found, before anything is compared with a workshop.

Every value found is addressed by template ids (section, block, row, column)
and carries ``where``: how a person would name the place ("1.3 «Innhente
informasjon …»"), for the preview and the dry run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.model.template import Template
from ...core.shorten import ANY_CONTROL, one_line


@dataclass(frozen=True)
class Found:
    """A cell's text as read (not parsed yet)."""

    section: str
    block: str
    row: str
    column: str
    text: str
    where: str


@dataclass(frozen=True)
class FoundRow:
    """A row added at the end of a table that takes rows: {column id: text}."""

    section: str
    block: str
    texts: dict
    where: str


@dataclass(frozen=True)
class Unplaced:
    """Something in the document that has no place in the template, and why."""

    where: str
    reason: str
    #: The document's own text that found no place ("" when ``where`` already names it).
    text: str = ""


@dataclass
class Reading:
    template: Template
    cells: list[Found] = field(default_factory=list)
    rows: list[FoundRow] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    #: Units named in role columns, in the order first seen (a new workshop's enheter).
    units: list[str] = field(default_factory=list)
    tables: int = 0
    tables_placed: int = 0
    #: Tables placed in a block although another block fits them better: "usikker" in the dry run.
    uncertain: list[str] = field(default_factory=list)
    #: What the cover or the form head says: {"kommune": …, "year": …, "title": …, "units": …}.
    cover: dict = field(default_factory=dict)


def short(text: str, limit: int | None = 40) -> str:
    """Document text for a message: one line, no control characters (XML allows C1, terminals obey it).

    ``limit=None`` keeps it whole: a text listed as "uten plass" is the only place it is left.
    """
    return one_line(ANY_CONTROL.sub(" ", text), limit)
