"""One spec per block kind: how it validates, its default columns, how it counts, what it computes.

Every reader of a kind - the template loader, the row views, the editors, the
writers of each export format - asks here instead of comparing kind strings.
A writer or an editor that needs its own layout for a kind keeps a dict keyed
by kind id and falls back to the grid; everything else about a kind is data
in :data:`KINDS`.  Adding a kind is one :class:`KindSpec` (see
``docs/extending.md``).

Computed columns are read-only columns after a block's own: a value derived
from the row's stored cells, a way to write it, and a tone (good / bad /
neutral) that screens colour and documents print as words.  The deviation of
an indicator (avvik = resultat − mål) is the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal, Mapping

from .template import LABEL, Block, Column, Row
from .values import deviation, format_deviation

Tone = Literal["good", "bad", "neutral"]
#: The row's stored values by column id (``None`` or ``""`` when empty).
RowValues = Mapping[str, Any]


@dataclass(frozen=True)
class ComputedColumn:
    """A read-only column derived from a row's own cells."""

    id: str
    title: str
    #: Characters it needs on screen ("−21 pp").
    width: int
    compute: Callable[[Row, RowValues], Any]
    format: Callable[[Row, Any], str]
    tone: Callable[[Row, Any], Tone]
    #: Only rows that hold values get it (a blank handout has none).
    needs_values: bool = True


@dataclass(frozen=True)
class KindSpec:
    """What a block kind is, apart from how any one program draws it."""

    id: str
    #: Its name for people (docs, error messages).
    label: str
    #: Columns a template may leave out (fields, lists, links, the goal plan).
    default_columns: tuple[dict, ...] = ()
    #: Column types only this kind may hold, and that it must hold.
    own_column_types: tuple[str, ...] = ()
    #: Exactly (label, value): a row's prompt is a hint for the value, never a label to write.
    label_value_pair: bool = False
    #: Counted in "how much is filled in".
    counts_for_fill: bool = True
    computed: tuple[ComputedColumn, ...] = ()

    def check(self, columns: tuple[Column, ...]) -> str | None:
        """Why these columns do not fit this kind, or None."""
        types = {c.type for c in columns}
        for own in self.own_column_types:
            if own not in types:
                return f"en {self.label} trenger kolonner av typen {own}"
        if self.label_value_pair and (len(columns) != 2 or columns[0].type != LABEL):
            return "felt og lenker har nøyaktig to kolonner: label og verdi"
        return None


def _deviation_tone(row: Row, value) -> Tone:
    if value is None or value == 0:
        return "neutral"
    return "good" if value > 0 else "bad"


DEVIATION = ComputedColumn(
    id="avvik",
    title="Avvik",
    width=9,
    compute=lambda row, values: deviation(row, values.get("mal"), values.get("resultat")),
    format=format_deviation,
    tone=_deviation_tone,
)

KINDS: dict[str, KindSpec] = {spec.id: spec for spec in (
    KindSpec("table", "tabell"),
    KindSpec("checklist", "sjekkliste"),
    KindSpec("roles", "rolletabell"),
    KindSpec("indicators", "indikatortabell", own_column_types=("indicator",), computed=(DEVIATION,)),
    KindSpec("fields", "felttabell", label_value_pair=True, default_columns=(
        {"id": LABEL, "title": "Felt", "type": LABEL}, {"id": "verdi", "title": "Verdi"})),
    KindSpec("list", "liste", default_columns=({"id": "tekst", "title": "Tekst"},)),
    KindSpec("link", "lenke", label_value_pair=True, counts_for_fill=False, default_columns=(
        {"id": LABEL, "title": "Lenke", "type": LABEL}, {"id": "adresse", "title": "Adresse"})),
    # The virksomhetsplan's plan (seed 001, p. 23): an area, its goal, its measures -
    # laid out as the booklet's extract by every writer that has a layout for it.
    KindSpec("goal-plan", "målplan", default_columns=(
        {"id": "omrade", "title": "Område"},
        {"id": "delmal", "title": "Delmål", "multiline": True},
        {"id": "tiltak", "title": "Tiltak", "multiline": True})),
)}

#: Column types that belong to one kind only.
OWN_COLUMN_TYPES = {own: spec.id for spec in KINDS.values() for own in spec.own_column_types}


def kind(block_or_id: Block | str) -> KindSpec:
    """The spec of a block (or of a kind id)."""
    return KINDS[block_or_id if isinstance(block_or_id, str) else block_or_id.kind]


def computed_columns(block: Block) -> tuple[ComputedColumn, ...]:
    return kind(block).computed


def computed_values(block: Block, row: Row, values: RowValues) -> list[tuple[ComputedColumn, Any]]:
    """Each computed column of the block with its value for this row (None on group rows)."""
    return [(column, None if row.group else column.compute(row, values)) for column in kind(block).computed]


__all__ = ["KINDS", "ComputedColumn", "KindSpec", "Tone", "computed_columns", "computed_values", "kind"]
