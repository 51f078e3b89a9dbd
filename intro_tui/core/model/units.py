"""The workshop's units (enheter) in role cells: completing what was typed, and their exact spelling.

A role cell names one or more units, comma-separated ("Flyktningtjenesten,
NAV"), or holds free text.  The app completes each comma-separated part that
begins a unit's name (``Fl`` -> ``Flyktningtjenesten``), and every writer
shows a part that equals a unit in another case with the unit's own spelling
(``nav`` -> ``NAV``).  The command line stores role text as typed; these
helpers only change how it is completed in the app and how it reads.
"""

from __future__ import annotations

from collections.abc import Sequence


def unit_for(part: str, units: Sequence[str], *, prefix: bool) -> str | None:
    """The unit ``part`` names: equal ignoring case, or (``prefix``) the first unit it begins."""
    typed = part.strip().casefold()
    if not typed:
        return None
    for unit in units:
        if unit.casefold() == typed:
            return unit
    if prefix:
        for unit in units:
            if unit.casefold().startswith(typed):
                return unit
    return None


def _parts(text: str) -> list[str]:
    return text.split(",")


def complete_units(text: str, units: Sequence[str]) -> str:
    """Each comma-separated part that begins a unit becomes that unit: ``Fl, NA`` -> ``Flyktningtjenesten, NAV``.

    Parts that begin no unit are kept as typed (free text is allowed).
    """
    if not units or not text.strip():
        return text
    out = []
    for part in _parts(text):
        unit = unit_for(part, units, prefix=True)
        out.append(unit if unit is not None else part.strip())
    return ", ".join(p for p in out if p)


def spell_units(text: str, units: Sequence[str]) -> str:
    """Parts equal to a unit in another case take the unit's spelling (``nav`` -> ``NAV``); nothing else changes."""
    if not units or not text:
        return text
    parts = _parts(text)
    fixed = [unit_for(part, units, prefix=False) for part in parts]
    if all(f is None for f in fixed):
        return text
    return ", ".join((f if f is not None else p.strip()) for f, p in zip(fixed, parts))


def suggestion(text: str, units: Sequence[str]) -> str | None:
    """What the editor shows greyed after the cursor: the last part completed, or None."""
    head, sep, last = text.rpartition(",")
    typed = last.lstrip()
    if not typed:
        return None
    unit = unit_for(typed, units, prefix=True)
    if unit is None or unit == typed:
        return None
    return head + sep + (" " if sep else "") + unit
