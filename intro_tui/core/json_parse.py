"""Parsing JSON from files a group member may have written: every failure one Norwegian reason.

Apart from :mod:`intro_tui.core.safe_fs` (which reads the bytes, bounded and
without following links) so each module keeps one job and its size.
"""

from __future__ import annotations


class BadFile(ValueError):
    """A file that cannot be used as JSON; the message says why, in Norwegian (the caller adds the name)."""


#: The JSON decoder's English reasons, in bokmål (the start of each message; the rest is a position).
_JSON_NB = (
    ("Expecting value", "forventet en verdi"),
    ("Expecting property name enclosed in double quotes", "forventet et feltnavn i doble anførselstegn"),
    ("Expecting ',' delimiter", "forventet komma"),
    ("Expecting ':' delimiter", "forventet kolon"),
    ("Unterminated string", "tekst uten avsluttende anførselstegn"),
    ("Invalid control character", "ugyldig kontrolltegn i en tekst"),
    ("Invalid \\escape", "ugyldig \\-sekvens i en tekst"),
    ("Invalid \\uXXXX escape", "ugyldig \\u-sekvens i en tekst"),
    ("Extra data", "mer tekst etter slutten"),
    ("Unexpected UTF-8 BOM", "uventet byte order mark (BOM)"),
)


def _json_reason(message: str) -> str:
    return next((words for english, words in _JSON_NB if message.startswith(english)), "ugyldig JSON")


def _unique_keys(pairs: list) -> dict:
    """An object whose keys are all different: ``{"a": 1, "a": 2}`` is refused, never silently the last one."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))
        from .shorten import one_line

        raise ValueError(f"feltet «{one_line(twice, 40)}» finnes to ganger i samme objekt")
    return result


def parse_json(raw: bytes, *, unique_keys: bool = False):
    """``json.loads`` for hostile input: every failure is a :class:`BadFile` with a Norwegian reason.

    A UTF-8 byte order mark (Windows editors write one) is skipped.
    ``unique_keys``: refuse an object that names a key twice (imports: which
    value was meant is not ours to guess).
    """
    import json

    if not raw.strip():
        raise BadFile("filen er tom")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise BadFile("filen er ikke UTF-8-tekst") from None
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=_finite,
                          object_pairs_hook=_unique_keys if unique_keys else None)
    except json.JSONDecodeError as exc:
        raise BadFile(f"ugyldig JSON på linje {exc.lineno}, kolonne {exc.colno} ({_json_reason(exc.msg)})") from None
    except RecursionError:
        raise BadFile("ugyldig JSON (for dypt nøstet)") from None
    except ValueError as exc:  # int() refuses > 4,300 digits; our hooks refuse NaN and 1e999
        raise BadFile(f"ugyldig JSON ({'et tall med for mange sifre' if 'digits' in str(exc) else exc})") from None


def _no_constant(name: str):
    raise ValueError(f"{name} er ikke et tall")


def _finite(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise ValueError(f"tallet {text[:20]} er for stort")
    return number
