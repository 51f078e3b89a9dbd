"""Cell values: cleaning user text, parsing and formatting by kind.

The rules live here once so the CLI, the TUI editors and the importers accept
exactly the same input and give the same Norwegian message when they refuse it.

Stored forms (what the workshop file and the JSON export hold):

* text, roles, labels: ``str`` ("" when empty);
* yes/no: ``"ja"``, ``"nei"`` or ``None`` (not answered);
* indicator values: ``int``/``float`` for percent and count rows, ``str`` for
  text rows, ``None`` when empty.
"""

from __future__ import annotations

import math
import re

from ..shorten import one_line
from .template import Column, Row

#: Longest cell we accept.  Generous (a cell may hold a long note), but a
#: bound keeps a pasted file from turning a workshop into megabytes.
MAX_CELL_CHARS = 100_000

# Characters that break terminals or XML: C0 controls except tab and newline,
# DEL, C1 controls, and the two XML non-characters.  Kept: \t and \n.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

YES, NO = "ja", "nei"
_YES_WORDS = {"ja", "j", "yes", "y", "x", "1", "true", "☒", "✓", "✔"}
_NO_WORDS = {"nei", "n", "no", "0", "false"}
_EMPTY_WORDS = {"", "-", "–", "ikke besvart", "☐"}


class ValueProblem(ValueError):
    """A value that does not fit its cell; the message is for the user."""


def clean_text(text: str) -> str:
    """User text as we store it: line breaks normalised, control characters gone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _FORBIDDEN.sub("", text)
    if len(text) > MAX_CELL_CHARS:
        raise ValueProblem(f"teksten er for lang ({say_number(len(text))} tegn, høyst {say_number(MAX_CELL_CHARS)})")
    return text


def parse_yesno(text: str) -> str | None:
    word = text.strip().lower()
    if word in _YES_WORDS:
        return YES
    if word in _NO_WORDS:
        return NO
    if word in _EMPTY_WORDS:
        return None
    raise ValueProblem(f"«{_short(text)}» er ikke ja eller nei (skriv ja, nei eller tomt)")


def _number(text: str) -> float:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueProblem(f"«{_short(text)}» er ikke et tall") from None
    if not math.isfinite(number):
        raise ValueProblem(f"«{_short(text)}» er ikke et tall")
    return number


def parse_percent(text: str) -> int | float | None:
    """'65', '65 %', '65,5', '65.5%' -> 65 / 65.5; refuses anything outside 0-100."""
    raw = text.strip()
    if not raw:
        return None
    number = _number(raw.removesuffix("%").removesuffix("prosent").strip())
    if not 0 <= number <= 100:
        raise ValueProblem(f"en andel må være mellom 0 og 100 %, ikke {say_number(number)} %")
    return _tidy(number)


def parse_count(text: str) -> int | None:
    raw = text.strip()
    if not raw:
        return None
    number = _number(raw)
    if number < 0 or number != int(number):
        raise ValueProblem(f"et antall må være et helt tall ≥ 0, ikke {say_number(number)}")
    return int(number)


def parse_year(text) -> int | None:
    """A workshop's year: "2026" -> 2026, "" -> None; refuses what is not a year."""
    raw = "" if text is None else str(text).strip()
    if not raw:
        return None
    try:
        year = int(raw)
    except ValueError:
        raise ValueProblem(f"«{_short(raw)}» er ikke et årstall") from None
    if not 1900 <= year <= 2200:
        raise ValueProblem(f"«{_short(raw)}» er ikke et årstall")
    return year


def _tidy(number: float) -> int | float:
    return int(number) if number == int(number) else round(number, 2)


def parse_cell(column: Column, row: Row | None, text: str):
    """Turn what a user typed into the stored value for this cell, or refuse."""
    if column.type == "yesno":
        return parse_yesno(text)
    if column.type == "indicator":
        kind = row.value_kind if row is not None else "text"
        if kind == "percent":
            return parse_percent(text)
        if kind == "count":
            return parse_count(text)
        cleaned = clean_text(text)
        return cleaned if cleaned.strip() else None
    if column.type == "count":
        return parse_count(text)
    return clean_text(text)


def format_number(number: int | float) -> str:
    if isinstance(number, float) and number != int(number):
        return f"{number:.2f}".rstrip("0").replace(".", ",")
    return str(int(number))


def say_number(number: int | float) -> str:
    """A number in a message as a Norwegian writes it: "2,5", "-5", "200 000", all its digits.

    Unlike :func:`format_number` (cells, two decimals) nothing is rounded away:
    "100,001 %" must not read as the allowed "100 %" in a refusal.  Thousands
    are grouped with a no-break space from 10 000 on, as Språkrådet advises.
    """
    if number == int(number) and abs(number) < 1e15:
        whole = int(number)
        return f"{whole:,}".replace(",", "\u00a0") if abs(whole) >= 10_000 else str(whole)
    return f"{number:.15g}".replace(".", ",")


def format_cell(column: Column, row: Row | None, value) -> str:
    """How a stored value reads for a person (show, md, docx, editors)."""
    if value is None or value == "":
        return ""
    if column.type == "yesno":
        return "Ja" if value == YES else "Nei" if value == NO else ""
    if column.type == "indicator" and isinstance(value, (int, float)) and not isinstance(value, bool):
        kind = row.value_kind if row is not None else "text"
        return f"{format_number(value)} %" if kind == "percent" else format_number(value)
    return str(value)


def as_input(column: Column, row: Row | None, value) -> str:
    """A stored value as text to edit again (the inverse of :func:`parse_cell`)."""
    if column.type in ("indicator", "count") and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    return format_cell(column, row, value)


def deviation(row: Row, goal, result) -> int | float | None:
    """Avvik = resultat − mål (prosentpoeng, "pp", for shares); None if not computable."""
    if row.value_kind not in ("percent", "count"):
        return None
    numbers = [v for v in (goal, result) if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if len(numbers) != 2:
        return None
    return _tidy(result - goal)


def format_deviation(row: Row, value: int | float | None) -> str:
    if value is None:
        return ""
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    unit = " pp" if row.value_kind == "percent" else ""  # prosentpoeng
    return f"{sign}{format_number(abs(value))}{unit}"


def _short(text: str, limit: int = 40) -> str:
    return one_line(_FORBIDDEN.sub("", text), limit)
