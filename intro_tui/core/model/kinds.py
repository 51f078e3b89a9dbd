"""One spec per block kind: how it validates, its default columns, how it counts, what it computes.

Every reader of a kind - the template loader, the row views, the editors, the
writers of each export format - asks here instead of comparing kind strings.
A writer or an editor that needs its own layout for a kind keeps a dict keyed
by kind id and falls back to the grid; everything else about a kind is data
in :data:`KINDS`.  Adding a kind is one :class:`KindSpec` (see
``docs/architecture.md``, "Adding a block kind"); :func:`register` adds one from outside (a plug-in, a test).

Computed columns are read-only columns after a block's own: a value derived
from the row's stored cells, a way to write it, and a tone (good / bad /
neutral) that screens colour and documents print as words.  The deviation of
an indicator (avvik = resultat − mål) is the first, its status (nådd / nær /
ikke nådd) the second; a column may carry a symbol (``mark``) that the app
and Word put before its text, and may apply only to some blocks
(``applies``: the NIR share only where rows are linked to NIR codes, last
year's result only in a workshop copied from last year's).

A kind may also add values a row does not store (``derive``: the NIR share,
last year's result), columns a template need not declare (``extra_columns``:
Nedre grense), and a check across a row's cells (``check_row``: a lower
limit above the goal).  The indicator maths is in :mod:`.indicators`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal, Mapping, cast

from . import indicators as ind
from .template import LABEL, Block, Column, Row
from .values import deviation, format_deviation

Tone = Literal["good", "warn", "bad", "neutral"]
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
    #: A symbol shown before the text in the app and in Word ("✓"), or "" (None: no symbol).
    mark: Callable[[Row, Any], str] | None = None
    #: Whether the column appears for this block of this workshop (None: always).
    applies: Callable[[Block, Any], bool] | None = None


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
    #: Columns every block of the kind gets unless its template declares them (Nedre grense).
    extra_columns: tuple[dict, ...] = ()
    #: (row view, workshop) -> values the computed columns read besides the stored cells.
    derive: Callable[[Any, Any], dict] | None = None
    #: (row, the row's values after an edit) -> why they cannot stand together, or None.
    check_row: Callable[[Row, RowValues], str | None] | None = None
    #: Columns a copy for next year leaves empty (Resultat, the NIR counts); the rest is kept.
    clear_on_copy: tuple[str, ...] = ()
    #: A Word table of the block's grid is read back as that grid by the Word reader (fields, lists,
    #: links and the goal plan have their own Word layout and their own reading).
    word_grid: bool = True
    #: A chart of its rows follows it: on screen (the chart key) and after its table in a filled Word file.
    chart: bool = False

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
    return "good" if (value > 0) == (row.direction == "higher") else "bad"


DEVIATION = ComputedColumn(
    id="avvik",
    title="Avvik",
    width=9,
    compute=lambda row, values: deviation(row, values.get(ind.GOAL), ind.effective_result(values)),
    format=format_deviation,
    tone=_deviation_tone,
)

_STATUS_TONES: dict = {ind.REACHED: "good", ind.NEAR: "warn", ind.MISSED: "bad"}

STATUS = ComputedColumn(
    id="status",
    title="Status",
    width=11,
    compute=lambda row, values: ind.status(row, values.get(ind.GOAL), values.get(ind.LIMIT),
                                           ind.effective_result(values)),
    format=lambda row, value: ind.STATUS_WORDS.get(value, ""),
    tone=lambda row, value: _STATUS_TONES.get(value, "neutral"),
    mark=lambda row, value: ind.STATUS_MARKS.get(value, ""),
)

FROM_NIR = ComputedColumn(
    id="fra-nir",
    title="Fra NIR, av dem som avsluttet",
    width=15,
    compute=lambda row, values: values.get(ind.NIR_SHARE),
    format=lambda row, value: ind.format_share(value) if value else "",
    tone=lambda row, value: "neutral",
    applies=lambda block, workshop: any(row.nir is not None for row in block.rows),
)

NATIONAL_GOAL = ComputedColumn(
    id="nasjonalt-mal",
    title="Nasjonalt mål",
    width=10,
    compute=lambda row, values: (ind.effective_result(values),) if row.national_goal is not None else None,
    format=lambda row, value: ind.national_deviation(row, value[0]),
    tone=lambda row, value: _STATUS_TONES.get(ind.status(row, row.national_goal, None, value[0]) or "", "neutral"),
    applies=lambda block, workshop: any(row.national_goal is not None for row in block.rows),
)


def _has_history(block: Block, workshop) -> bool:
    return bool(getattr(workshop, "history", None))


LAST_YEAR = ComputedColumn(
    id="i-fjor",
    title="I fjor",
    width=8,
    compute=lambda row, values: ind.number(values.get(ind.LAST_YEAR)),
    format=lambda row, value: ind.show_value(row, value) if value is not None else "",
    tone=lambda row, value: "neutral",
    applies=_has_history,
)

TREND = ComputedColumn(
    id="trend",
    title="Trend",
    width=9,
    compute=lambda row, values: ind.trend(row, ind.effective_result(values), values.get(ind.LAST_YEAR)),
    format=lambda row, value: f"{value[0]} {value[1]}" if value else "",
    tone=lambda row, value: cast(Tone, {"bedre": "good", "verre": "bad"}.get(value[1], "neutral") if value else "neutral"),
    applies=_has_history,
)

#: A NIR code's share of everyone who ended with the same status.
GROUP_SHARE = ComputedColumn(
    id="andel",
    title="Andel av status",
    width=17,
    compute=lambda row, values: values.get(ind.GROUP_SHARE),
    format=lambda row, value: ind.format_share(value) if value else "",
    tone=lambda row, value: "neutral",
)

LIMIT_COLUMN = {"id": ind.LIMIT, "title": ind.LOWER_LIMIT, "type": "indicator", "optional": True,
                "aliases": list(ind.LIMIT_NAMES) + ["grense"], "after": ind.GOAL}


def _check_limit(row: Row, values: RowValues) -> str | None:
    return ind.limit_problem(row, values.get(ind.GOAL), values.get(ind.LIMIT))

KINDS: dict[str, KindSpec] = {spec.id: spec for spec in (
    KindSpec("table", "tabell"),
    KindSpec("checklist", "sjekkliste"),
    KindSpec("roles", "rolletabell"),
    KindSpec("indicators", "indikatortabell", own_column_types=("indicator",),
             computed=(DEVIATION, STATUS, FROM_NIR, NATIONAL_GOAL, LAST_YEAR, TREND),
             extra_columns=(LIMIT_COLUMN,), derive=ind.derive_indicator, check_row=_check_limit,
             clear_on_copy=(ind.RESULT,), chart=True),
    # IMDi's NIR code table (seed 001): a count per end code, each code's share of its status.
    KindSpec("nir", "NIR-kodetabell", own_column_types=("count",), computed=(GROUP_SHARE,),
             derive=ind.derive_code, clear_on_copy=("antall",)),
    KindSpec("fields", "felttabell", label_value_pair=True, word_grid=False, default_columns=(
        {"id": LABEL, "title": "Felt", "type": LABEL}, {"id": "verdi", "title": "Verdi"})),
    KindSpec("list", "liste", word_grid=False, default_columns=({"id": "tekst", "title": "Tekst"},)),
    KindSpec("link", "lenke", label_value_pair=True, counts_for_fill=False, word_grid=False, default_columns=(
        {"id": LABEL, "title": "Lenke", "type": LABEL}, {"id": "adresse", "title": "Adresse"})),
    # The virksomhetsplan's plan (seed 001, p. 23): an area, its goal, its measures -
    # laid out as the booklet's extract by every writer that has a layout for it.
    KindSpec("goal-plan", "målplan", word_grid=False, default_columns=(
        {"id": "omrade", "title": "Område"},
        {"id": "delmal", "title": "Delmål", "multiline": True},
        {"id": "tiltak", "title": "Tiltak", "multiline": True})),
    # The kjøreplan's agenda (issue 21): the meeting's plan, not an answer - left out of "how much is
    # filled in"; "Faktisk tid" is written by running the meeting (core/model/agenda.py).
    KindSpec("agenda", "agenda", counts_for_fill=False, default_columns=(
        {"id": "tid", "title": "Tid"},
        {"id": "aktivitet", "title": "Aktivitet"},
        {"id": "seksjon", "title": "Seksjon"},
        {"id": "form", "title": "Plenum/grupper"},
        {"id": "leder", "title": "Leder"},
        {"id": "faktisk", "title": "Faktisk tid"})),
)}

#: Column types that belong to one kind only.
OWN_COLUMN_TYPES = {own: spec.id for spec in KINDS.values() for own in spec.own_column_types}


def register(spec: KindSpec) -> KindSpec:
    """Add (or replace) a kind; templates may use its id from then on."""
    KINDS[spec.id] = spec
    OWN_COLUMN_TYPES.update({own: spec.id for own in spec.own_column_types})
    return spec


def unregister(kind_id: str) -> None:
    """Remove a kind (a test's throw-away kind) and the column types it owned."""
    KINDS.pop(kind_id, None)
    for own in [own for own, owner in OWN_COLUMN_TYPES.items() if owner == kind_id]:
        del OWN_COLUMN_TYPES[own]


def kind(block_or_id: Block | str) -> KindSpec:
    """The spec of a block (or of a kind id)."""
    return KINDS[block_or_id if isinstance(block_or_id, str) else block_or_id.kind]


def computed_columns(block: Block, workshop=None) -> tuple[ComputedColumn, ...]:
    """The kind's computed columns; given a workshop, only those that apply to this block in it."""
    columns = kind(block).computed
    if workshop is None:
        return columns
    return tuple(c for c in columns if c.applies is None or c.applies(block, workshop))


def computed_values(block: Block, row: Row, values: RowValues,
                    columns: tuple[ComputedColumn, ...] | None = None) -> list[tuple[ComputedColumn, Any]]:
    """Each computed column of the block (or of ``columns``) with its value for this row (None on group rows)."""
    columns = kind(block).computed if columns is None else columns
    return [(column, None if row.group else column.compute(row, values)) for column in columns]


__all__ = ["KINDS", "ComputedColumn", "KindSpec", "Tone", "computed_columns", "computed_values", "kind", "register",
           "unregister"]
