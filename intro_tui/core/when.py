"""Times as a Norwegian reader writes them: 26.11.2026 14:03:12, in local time.

Stored times are ISO 8601 with an offset (``2026-11-26T14:03:12+01:00``, see
:func:`intro_tui.core.model.workshop.now_iso`); lists, the change log and its
CSV show them through here so every screen and file agrees.  Text that is not
a time comes back cleaned and unchanged rather than raising: a hand-edited
file must not break a listing.
"""

from __future__ import annotations

from datetime import datetime

from .shorten import one_line


def local_time(iso: str) -> datetime | None:
    """The moment in this machine's time zone, or None if ``iso`` is not a time."""
    try:
        moment = datetime.fromisoformat(str(iso).strip())
    except (TypeError, ValueError):
        return None
    return moment.astimezone() if moment.tzinfo is not None else moment


def full_when(iso: str) -> str:
    """``26.11.2026 14:03:12`` (the change log, CSV)."""
    moment = local_time(iso)
    return moment.strftime("%d.%m.%Y %H:%M:%S") if moment else one_line(str(iso or ""), 25)


def short_when(iso: str, now: datetime | None = None) -> str:
    """``26.11. 21:07`` this year, ``26.11.2025 21:07`` another year (lists)."""
    moment = local_time(iso)
    if moment is None:
        return one_line(str(iso or ""), 16)
    now = now or datetime.now().astimezone()
    return moment.strftime("%d.%m. %H:%M" if moment.year == now.year else "%d.%m.%Y %H:%M")
