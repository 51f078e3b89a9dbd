"""Which block of the template a Word table is: the one place that decides, so copies of a section can hook in here.

Three things people do in Word decide it besides the headers and labels
(:func:`choose`):

* **a table cut at a page break** (the header typed again in the second part,
  or not) is one table: a table that follows a table of the same section with
  the same columns (or no header), and whose labels fit no other block of that
  section better, continues the block before it;
* **block headings typed as rows inside one table** (IMDi's form as one table:
  "Ved avsluttet introduksjonsprogram: | Mål | Resultat" halfway down) start a
  new block: :func:`split_at_headers` cuts the table there, and a header whose
  first cell is one block's own label-column title ("Annet:") names its block;
* a table that another block fits better than the one it is read as (the
  order of the template chose) is reported as uncertain, never guessed in silence.

A second copy of a section (another BRANSJE/YRKE) would be told apart here too:
:func:`choose` gets the section the document is in and the blocks already used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.model.kinds import kind
from ...core.model.template import LABEL, Block, Section, Template
from .extract import Table
from .found import short
from .grid import Fit
from .keys import key, title_matches



def read_as_grid(block: Block) -> bool:
    """Whether a Word table of this block is read back as its grid (the kind's ``word_grid``)."""
    return kind(block).word_grid


#: A table is taken for a block when this share of the block's column headers is found in it.
MIN_HEADER_SHARE = 0.5


@dataclass
class Placed:
    """The grid table read last: a table right after it may continue it."""

    section: Section
    block: Block
    width: int


@dataclass
class Choice:
    section: Section
    block: Block
    fit: Fit
    #: Why a better-fitting block was not taken, or "" (the dry run shows it as "usikker").
    doubt: str = ""
    continued: bool = False


@dataclass
class Placing:
    """What the walk through the document knows when a table comes."""

    template: Template
    order: dict = field(default_factory=dict)
    used: set = field(default_factory=set)
    last: int = -1
    previous: Placed | None = None

    def __post_init__(self) -> None:
        blocks = [(s, b) for s in self.template.sections for b in s.blocks]
        self.order = {(s.id, b.id): i for i, (s, b) in enumerate(blocks)}

    def took(self, section: Section, block: Block, table: Table) -> None:
        self.used.add((section.id, block.id))
        self.last = self.order[(section.id, block.id)]
        self.previous = Placed(section, block, _width(table))


def _width(table: Table) -> int:
    return max((len(r) for r in table.rows), default=0)


def label_title_block(template: Template, text: str) -> tuple[Section, Block] | None:
    """The one grid block whose label column is titled ``text`` ("Ved avsluttet introduksjonsprogram:"), or None."""
    if len(key(text)) < 4:
        return None
    found = [(s, b) for s in template.sections for b in s.blocks if read_as_grid(b)
             and b.columns and b.columns[0].type == LABEL and title_matches(text, b.columns[0].title)]
    return found[0] if len(found) == 1 else None


def _header_row(template: Template, row: list[str]) -> bool:
    """Is this row a block's header: its first cell a label-column title, another cell a column title of that block?"""
    if not row or not row[0].strip():
        return False
    named = label_title_block(template, row[0].split("\n")[0])
    if named is None:
        return False
    titles = [c.title for c in named[1].columns[1:]]
    return any(title_matches(cell, title) for cell in row[1:] for title in titles)


def split_at_headers(template: Template, table: Table) -> list[Table]:
    """The table cut before every row inside it that is a block's header row; [table] when there is none."""
    cuts = [r for r in range(1, len(table.rows)) if _header_row(template, table.rows[r])]
    if not cuts:
        return [table]
    parts = []
    for start, end in zip([0] + cuts, cuts + [len(table.rows)]):
        origin = {(r - start, c): [(r, c)] for r in range(start, end) for c in range(len(table.rows[r]))}
        parts.append(Table(table.rows[start:end], before=table.before if start == 0 else [], caption=table.caption,
                           description=table.description,
                           repeats={(r - start, c) for r, c in table.repeats if start <= r < end},
                           origin=origin, parent=table))
    return parts


def choose(placing: Placing, table: Table, current: Section | None, candidates,
           previous_fit: tuple | None = None) -> Choice | None:
    """The block ``table`` is read as, or None.

    ``candidates``: (section, block, fit, label hits), best first; ``previous_fit``:
    (fit, label hits) of the table for the block the table before it was read as.
    """
    head = table.rows[0] if table.rows else []
    named = label_title_block(placing.template, head[0].split("\n")[0]) if head and _header_row(
        placing.template, head) else None
    if named is not None:  # "Annet: | Mål | Resultat" names its own block
        for s, b, table_fit, _ in candidates:
            if b is named[1]:
                return Choice(s, b, table_fit)
    previous = placing.previous
    if previous is not None and previous_fit is not None and (current is None or current.id == previous.section.id):
        table_fit, hits = previous_fit
        other = next((c for c in candidates if c[1] is not previous.block and c[0] is previous.section
                      and (c[0].id, c[1].id) not in placing.used), None)
        same_columns = table_fit.header_rows == 0 or table_fit.score >= MIN_HEADER_SHARE
        if same_columns and _width(table) == previous.width and (other is None or other[3] <= hits):
            return Choice(previous.section, previous.block, table_fit, continued=True)
    if not candidates:
        return None
    section, block, table_fit, hits = candidates[0]
    best = max(candidates, key=lambda c: (c[3], round(c[2].score, 2)))
    doubt = ""
    if best[1] is not block and (best[3], round(best[2].score, 2)) > (hits, round(table_fit.score, 2)):
        header = " | ".join(short(t, 20) for t in head if t.strip())
        doubt = (f"«{header or 'uten overskrift'}» er lest som {section.id} {_name(block)}, men ligner mer på "
                 f"{best[0].id} {_name(best[1])}")
    return Choice(section, block, table_fit, doubt)


def _name(block: Block) -> str:
    return f"«{short(block.columns[0].title, 30)}»" if block.columns else block.id
