"""Cell values: cleaning user text, parsing and formatting by kind.

The rules live here once so the CLI, the TUI editors and the importers accept
exactly the same input and give the same Norwegian message when they refuse it.
Which rule a column's cells follow is its type's entry in :mod:`.column_types`
(``parse_cell``, ``format_cell`` and ``as_input`` are there).

Stored forms (what the workshop file and the JSON export hold):

* text, roles, labels: ``str`` ("" when empty);
* yes/no: ``"ja"``, ``"nei"`` or ``None`` (not answered);
* indicator values: ``int``/``float`` for percent and count rows, ``str`` for
  text rows, ``None`` when empty.
"""

from __future__ import annotations

import math
import re

from ..shorten import CONTROL, one_line, visible
from .template import Row

#: Longest cell we accept.  Generous (a cell may hold a long note), but a
#: bound keeps a pasted file from turning a workshop into megabytes.
MAX_CELL_CHARS = 100_000
#: Longest title, kommune or unit name.  Word's document properties hold at
#: most 255 characters (python-docx refuses more); a title is one line anyway.
MAX_NAME_CHARS = 200

#: A number as people type it: digits, at most one decimal comma or point.  No
#: exponents (1e-400), no underscores (1_0), no inner spaces (6 5) - Python's
#: float() takes all three.  ``GROUPED`` allows "1 000" (groups of three) for counts.
_NUMBER = re.compile(r"[+-]?[0-9]{1,15}(?:[.,][0-9]{1,15})?\Z")
_GROUPED = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+\Z")

YES, NO = "ja", "nei"
_YES_WORDS = {"ja", "j", "yes", "y", "x", "1", "true", "☒", "✓", "✔"}
_NO_WORDS = {"nei", "n", "no", "0", "false"}
_EMPTY_WORDS = {"", "-", "–", "ikke besvart", "☐"}


class ValueProblem(ValueError):
    """A value that does not fit its cell; the message is for the user."""


class BadValue(str):
    """A value read from disk that does not fit its column type (a Ja/Nei cell holding a list).

    It reads as a warning wherever a cell is shown (the app, ``show``, md,
    Word) instead of crashing the screen for everyone who opens that section;
    ``raw`` is what the file holds, written back unchanged until someone edits
    the cell.  See :mod:`intro_tui.core.store.value_check`.
    """

    raw: object

    def __new__(cls, raw: object) -> "BadValue":
        text = raw if isinstance(raw, str) else repr(raw)
        value = super().__new__(cls, f"⚠ ugyldig verdi i filen: {one_line(text, 40)}")
        value.raw = raw
        return value


def clean_text(text: str) -> str:
    """User text as we store it: line breaks normalised, control characters gone."""
    text = visible(text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) > MAX_CELL_CHARS:
        raise ValueProblem(f"teksten er for lang ({say_number(len(text))} tegn, høyst {say_number(MAX_CELL_CHARS)})")
    return text


def clean_name(text: str, what: str = "tittelen") -> str:
    """A title, kommune or unit: cleaned, one line, at most :data:`MAX_NAME_CHARS` characters."""
    text = " ".join(clean_text(str(text)).split())
    if len(text) > MAX_NAME_CHARS:
        raise ValueProblem(f"{what} er for lang ({len(text)} tegn, høyst {MAX_NAME_CHARS})")
    return text


def typed_name(text: str, limit: int, *, empty: str) -> str:
    """A name typed for a copy or a group, cleaned: :class:`ValueProblem` for control characters
    (refused, not cleaned away: the user sees what they typed), over ``limit`` characters, or nothing
    (``empty`` says so).  Whether the name is taken is the caller's rule."""
    if CONTROL.search(text.replace("\n", " ").replace("\t", " ")):
        raise ValueProblem("navnet kan ikke inneholde kontrolltegn (escape-sekvenser)")
    if len(text) > limit:
        raise ValueProblem(f"navnet er for langt ({len(text)} tegn, høyst {limit})")
    name = clean_name(text, "navnet")
    if not name:
        raise ValueProblem(empty)
    return name


_WHAT = {"title": "tittelen", "kommune": "kommunenavnet"}


def clean_meta(key: str, value):
    """A workshop's title, kommune, year or units as stored, or :class:`ValueProblem`."""
    if key == "year":
        return parse_year(value)
    if key == "units":
        units = [clean_name(u, "enhetsnavnet") for u in value]
        return [u for i, u in enumerate(units) if u and u not in units[:i]]
    text = clean_name(str(value), _WHAT[key])
    if key == "title" and not text:
        raise ValueProblem("tittelen kan ikke være tom")
    return text


def parse_yesno(text: str) -> str | None:
    word = text.strip().lower()
    if word in _YES_WORDS:
        return YES
    if word in _NO_WORDS:
        return NO
    if word in _EMPTY_WORDS:
        return None
    raise ValueProblem(f"«{one_line(text)}» er ikke ja eller nei (skriv ja, nei eller tomt)")


def _number(text: str, *, grouped: bool = False) -> float:
    """"65", "-3", "65,5", "65.5" (and "1 000" if ``grouped``) -> a float; anything else is refused."""
    cleaned = text.strip()
    if grouped and _GROUPED.match(cleaned):
        cleaned = re.sub(r"[^0-9]", "", cleaned)
    if not _NUMBER.match(cleaned):
        raise ValueProblem(f"«{one_line(text)}» er ikke et tall (skriv f.eks. 65 eller 65,5)")
    number = float(cleaned.replace(",", "."))
    if not math.isfinite(number):
        raise ValueProblem(f"«{one_line(text)}» er ikke et tall")
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
    if "," in raw or "." in raw:  # "1.000" is a thousand in Norway and 1 in Python: ask instead of guessing
        try:
            shown = say_number(_number(raw))  # "2.5" is refused as "2,5": numbers in messages have a decimal comma
        except ValueProblem:
            shown = one_line(raw)
        raise ValueProblem(f"et antall må være et helt tall, skrevet uten komma og punktum (1000 eller 1 000), ikke {shown}")
    number = _number(raw, grouped=True)
    if number < 0 or number != int(number):
        raise ValueProblem(f"et antall må være et helt tall ≥ 0, ikke {say_number(number)}")
    return int(number)


def parse_year(text) -> int | None:
    """A workshop's year: "2026" -> 2026, "" -> None; refuses what is not a year."""
    raw = "" if text is None else str(text).strip()
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{4}", raw):  # int() takes "²", "1_999" and 5,000 digits
        raise ValueProblem(f"«{one_line(raw)}» er ikke et årstall")
    year = int(raw)
    if not 1900 <= year <= 2200:
        raise ValueProblem(f"«{one_line(raw)}» er ikke et årstall")
    return year


def _tidy(number: float) -> int | float:
    return int(number) if number == int(number) else round(number, 2)


def format_number(number: int | float, *, grouped: bool = False) -> str:
    """A cell's number: "65", "65,5"; ``grouped`` (for reading, not editing) writes "12 500" from 10 000 on.

    The thousands are set apart with a no-break space, as Språkrådet advises and
    :func:`say_number` does, so "12" and "500" never end up on two lines.
    """
    if isinstance(number, float) and number != int(number):
        text = f"{number:.2f}".rstrip("0").replace(".", ",")
    else:
        text = str(int(number))
    if grouped and abs(number) >= 10_000:
        whole, comma, decimals = text.partition(",")
        sign = "-" if whole.startswith("-") else ""
        text = sign + f"{int(whole.lstrip('-')):,}".replace(",", "\u00a0") + comma + decimals
    return text


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
