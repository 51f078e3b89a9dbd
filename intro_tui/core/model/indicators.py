"""Indicators that steer: status against goal and limit, direction, results from NIR end codes, last year.

Pure functions over stored values, shared by every program that shows an
indicator (the kind registry's computed columns call them): the app, ``show``,
markdown, Word and the chart all say the same thing about a row.

* **Status** (IMDi's booklet, Bærum: "et ønsket nivå på 75 % og en «nedre
  grense» på 70 %"): *nådd* when the result meets the goal, *nær* between the
  limit and the goal, *ikke nådd* beyond the limit (or short of the goal when
  no limit is set); nothing while the goal or the result is missing.
* **Direction**: some indicators are better when lower ("Antall deltakere per
  programrådgiver", seed 004); the limit of such a row is an upper limit.
* **NIR**: a row linked to the NIR code table gets its result as a share of
  the counts: codes over everyone who ended with the same status.  A result
  typed by hand wins over the computed one.
* **Last year**: a workshop copied from last year's (``predecessor``) carries
  the chain of earlier workshops in ``history``; their results give *I fjor*
  and the trend.
"""

from __future__ import annotations

from typing import Any, Mapping

from .template import Block, Row
from .values import format_deviation, format_number

GOAL, RESULT, LIMIT = "mal", "resultat", "nedre"
#: Keys the indicator kind adds to a row's values (see :func:`derive`).
NIR_SHARE, LAST_YEAR, GROUP_SHARE = "_nir", "_ifjor", "_andel"

REACHED, NEAR, MISSED = "nadd", "naer", "ikke"
STATUS_WORDS = {REACHED: "nådd", NEAR: "nær", MISSED: "ikke nådd"}
#: A symbol beside the word, for the app and Word (the word alone reads in black and white).
STATUS_MARKS = {REACHED: "✓", NEAR: "≈", MISSED: "✗"}

LOWER_LIMIT, UPPER_LIMIT = "Nedre grense", "Øvre grense"
LIMIT_NAMES = (LOWER_LIMIT, UPPER_LIMIT, "Grense", "Nedre/øvre grense")


def number(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def _tidy(value: float) -> int | float:
    return int(value) if value == int(value) else round(value, 1)


def numeric(row: Row) -> bool:
    return row.value_kind in ("percent", "count") and not row.group


def _at_least_as_good(row: Row, a: float, b: float) -> bool:
    return a >= b if row.direction == "higher" else a <= b


def status(row: Row, goal: Any, limit: Any, result: Any) -> str | None:
    """REACHED / NEAR / MISSED, or None while the goal or the result is missing."""
    goal, limit, result = number(goal), number(limit), number(result)
    if not numeric(row) or goal is None or result is None:
        return None
    if _at_least_as_good(row, result, goal):
        return REACHED
    if limit is not None and _at_least_as_good(row, result, limit):
        return NEAR
    return MISSED


def limit_problem(row: Row, goal: Any, limit: Any) -> str | None:
    """Why a goal and a limit cannot both hold (a lower limit above the goal), or None."""
    if limit not in (None, "") and not numeric(row):
        return "en grense gjelder bare indikatorer med andel eller antall"
    goal, limit = number(goal), number(limit)
    if goal is None or limit is None or not numeric(row):
        return None
    if row.direction == "higher" and limit > goal:
        return (f"nedre grense ({show_value(row, limit)}) kan ikke være over målet ({show_value(row, goal)}): "
                "grensen er det laveste dere godtar")
    if row.direction == "lower" and limit < goal:
        return (f"øvre grense ({show_value(row, limit)}) kan ikke være under målet ({show_value(row, goal)}): "
                "her er lavere bedre, og grensen er det høyeste dere godtar")
    return None


def limit_title(rows: tuple[Row, ...]) -> str:
    """The limit column's header: upper when every numeric row is better lower, lower when none is."""
    directions = {row.direction for row in rows if numeric(row)}
    if directions == {"lower"}:
        return UPPER_LIMIT
    if directions == {"higher", "lower"}:
        return "Nedre/øvre grense"
    return LOWER_LIMIT


def show_value(row: Row, value: int | float) -> str:
    return show_value_kind(row.value_kind, value)


def show_value_kind(value_kind: str, value: int | float) -> str:
    return f"{format_number(value)} %" if value_kind == "percent" else format_number(value)


# -- NIR --------------------------------------------------------------------------------


def nir_share(row: Row, cells: Mapping) -> tuple[int, int] | None:
    """(counted, of) for a row linked to the NIR table; None when no one is counted yet."""
    link = row.nir
    if link is None:
        return None

    def count(key: str) -> int:
        value = cells.get((link.section, link.block, key, link.column))
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    total = sum(count(key) for key in link.base)
    if total <= 0:
        return None
    return sum(count(key) for key in link.codes), total


def percent_of(share: tuple[int, int]) -> int | float:
    counted, total = share
    return _tidy(100 * counted / total)


def format_share(share: tuple[int, int]) -> str:
    """'25 % (5 av 20)': the share and the count behind it."""
    counted, total = share
    return f"{format_number(percent_of(share))} % ({counted} av {total})"


def effective_result(values: Mapping) -> Any:
    """The typed Resultat if there is one, else the one computed from NIR."""
    typed = values.get(RESULT)
    if typed not in (None, ""):
        return typed
    share = values.get(NIR_SHARE)
    return percent_of(share) if share else None


def result_in(workshop, section_id: str, block_id: str, row: Row) -> Any:
    """A row's effective result in another workshop (last year's)."""
    values = {RESULT: workshop.cells.get((section_id, block_id, row.key, RESULT))}
    share = nir_share(row, workshop.cells)
    if share:
        values[NIR_SHARE] = share
    return effective_result(values)


def group_share(block: Block, row: Row, cells: Mapping, section_id: str, column: str) -> tuple[int, int] | None:
    """A code's count over all counts of its status group (the rows under the same group row)."""
    group: list[Row] = []
    found = False
    for candidate in block.rows:
        if candidate.group:
            if found:
                break
            group = []
            continue
        group.append(candidate)
        found = found or candidate.key == row.key

    def count(key: str) -> int:
        value = cells.get((section_id, block.id, key, column))
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    total = sum(count(r.key) for r in group)
    if not found or total <= 0:
        return None
    return count(row.key), total


def derive_indicator(view, workshop) -> dict:
    """What an indicator row's computed columns need beyond its cells: the NIR share, last year's result."""
    out: dict = {}
    if view.user or view.row.group:
        return out
    share = nir_share(view.row, workshop.cells)
    if share:
        out[NIR_SHARE] = share
    history = getattr(workshop, "history", None)
    if history:
        out[LAST_YEAR] = result_in(history[-1], view.section.id, view.block.id, view.row)
    return out


def derive_code(view, workshop) -> dict:
    """A NIR code row's share of its status group."""
    count_column = next((c.id for c in view.block.columns if c.type == "count"), None)
    if view.row.group or count_column is None:
        return {}
    share = group_share(view.block, view.row, workshop.cells, view.section.id, count_column)
    return {GROUP_SHARE: share} if share else {}


def trend(row: Row, now: Any, before: Any) -> tuple[str, str] | None:
    """(arrow, word) comparing this year's result with last year's, judged by the row's direction."""
    now, before = number(now), number(before)
    if not numeric(row) or now is None or before is None:
        return None
    if now == before:
        return "→", "uendret"
    arrow = "↑" if now > before else "↓"
    better = (now > before) == (row.direction == "higher")
    return arrow, "bedre" if better else "verre"


def national_deviation(row: Row, result: Any) -> str:
    """'65 % (−15 pp)': IMDi's national goal and how far the result is from it."""
    goal = row.national_goal
    text = show_value(row, goal) if goal is not None else ""
    result = number(result)
    if goal is not None and result is not None:
        text += f" ({format_deviation(row, _tidy(result - goal))})"
    return text
