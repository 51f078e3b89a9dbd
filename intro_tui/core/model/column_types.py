"""One entry per column type: how a cell of that type is parsed, shown, edited, stored and sized.

Before this registry a new type (a date, say) meant edits in the template
loader, :mod:`.values`, :mod:`.layout`, :mod:`.document`, the store's value
check, the block table and the Word grid writer, each comparing type strings.
Now each of them asks :func:`column_type` and a new type is one
:class:`ColumnType` passed to :func:`register` (see ``docs/architecture.md``).

The primitive parsers (numbers, Ja/Nei, cleaning text) stay in :mod:`.values`;
this module says which of them a type uses.  Core only: the Word width is a
number (centimetres) the Word writer reads, the screen width a pair of
character counts the block table reads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

from .template import LABEL, Column, Row
from .values import (NO, YES, BadValue, clean_text, format_number, parse_count, parse_percent,
                     parse_yesno)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_text(value) -> bool:
    return isinstance(value, str) and not isinstance(value, BadValue)


@dataclass(frozen=True)
class ColumnType:
    """What a column type is, apart from how any one program draws it."""

    id: str
    #: Typed text -> the stored value, or :class:`~.values.ValueProblem` (the row decides an indicator's kind).
    parse: Callable[[Row | None, str], Any] = lambda row, text: clean_text(text)
    #: A stored, non-empty, valid value -> how it reads for a person (app, ``show``, md, Word).
    format: Callable[[Row | None, Any], str] = lambda row, value: str(value)
    #: A stored value -> the text to edit again (None: as :attr:`format` writes it).
    as_input: Callable[[Row | None, Any], str] | None = None
    #: Whether a stored, non-empty value has the form this type stores (the store's check of a file).
    fits: Callable[[Any], bool] = _is_text
    #: What an unanswered cell holds ("" for text, None for a value that may be absent).
    empty: Any = ""
    #: Input form: False - typed in an editor; True - ticked with x/space (Ja/Nei), never typed.
    toggle: bool = False
    #: Cells name the workshop's units (short names on a narrow screen, "nav" spelled "NAV").
    units: bool = False
    #: Screen: (least, most) characters of a fixed-width column sized by its title; None: shares the room.
    screen_width: tuple[int, int] | None = None
    #: Word: the column's fixed width in centimetres; None: shares the page by weight.
    word_width: float | None = None
    #: Word: how the grid writer fills a cell: "text", "yesno" (both boxes), "count" (a figure, one line
    #: in a handout, the row not stretched), "indicator" (a figure; the first such column holds the hint).
    word_form: str = "text"


def _indicator_parse(row: Row | None, text: str):
    kind = row.value_kind if row is not None else "text"
    if kind == "percent":
        return parse_percent(text)
    if kind == "count":
        return parse_count(text)
    cleaned = clean_text(text)
    return cleaned if cleaned.strip() else None


def _indicator_format(row: Row | None, value) -> str:
    if not _is_number(value):
        return str(value)
    kind = row.value_kind if row is not None else "text"
    return f"{format_number(value)} %" if kind == "percent" else format_number(value, grouped=True)


def _number_input(row: Row | None, value) -> str:
    return format_number(value) if _is_number(value) else str(value)


_REGISTRY: dict[str, ColumnType] = {}


def register(spec: ColumnType) -> ColumnType:
    """Add (or replace) a column type; templates may use its id from then on."""
    _REGISTRY[spec.id] = spec
    return spec


def unregister(type_id: str) -> None:
    """Remove a column type (a test's throw-away type)."""
    _REGISTRY.pop(type_id, None)


for _spec in (
    # the row's label (first column): fixed on template rows, written on prompt rows and the user's own
    ColumnType(LABEL),
    ColumnType("text"),
    ColumnType("yesno", parse=lambda row, text: parse_yesno(text),
               format=lambda row, value: "Ja" if value == YES else "Nei" if value == NO else "",
               fits=lambda value: value in (YES, NO) if isinstance(value, str) else False,
               empty=None, toggle=True, screen_width=(5, 14), word_form="yesno"),
    ColumnType("roles", units=True),
    # a Mål or Resultat whose kind (percent, count, text) the row gives
    ColumnType("indicator", parse=_indicator_parse, format=_indicator_format, as_input=_number_input,
               fits=lambda value: _is_text(value) or (_is_number(value) and math.isfinite(value)),
               empty=None, screen_width=(10, 14), word_width=3.0, word_form="indicator"),
    # a whole number >= 0 (the NIR code table's Antall)
    ColumnType("count", parse=lambda row, text: parse_count(text),
               format=lambda row, value: format_number(value, grouped=True) if _is_number(value) else str(value),
               as_input=_number_input, fits=lambda value: _is_number(value) and math.isfinite(value),
               empty=None, screen_width=(8, 8), word_form="count"),
):
    register(_spec)


def column_type(column_or_id: Column | str) -> ColumnType:
    """The spec of a column (or of a type id)."""
    return _REGISTRY[column_or_id if isinstance(column_or_id, str) else column_or_id.type]


def type_ids() -> tuple[str, ...]:
    """Every registered column type, as templates may name them."""
    return tuple(_REGISTRY)


def parse_cell(column: Column, row: Row | None, text: str):
    """Turn what a user typed into the stored value for this cell, or refuse."""
    return column_type(column).parse(row, text)


def format_cell(column: Column, row: Row | None, value) -> str:
    """How a stored value reads for a person (show, md, docx, editors)."""
    if value is None or value == "":
        return ""
    if isinstance(value, BadValue):
        return str(value)
    return column_type(column).format(row, value)


def as_input(column: Column, row: Row | None, value) -> str:
    """A stored value as text to edit again (the inverse of :func:`parse_cell`)."""
    spec = column_type(column)
    if spec.as_input is not None and value is not None and value != "" and not isinstance(value, BadValue):
        return spec.as_input(row, value)
    return format_cell(column, row, value)


def empty_value(column: Column):
    """What a never-answered cell of this column holds."""
    return column_type(column).empty


def fits(column_type_id: str, value) -> bool:
    """Whether a stored value is of the form its column type stores (empty always fits)."""
    if value is None or value == "":
        return not isinstance(value, BadValue)
    spec = _REGISTRY.get(column_type_id)
    return spec.fits(value) if spec is not None else _is_text(value)
