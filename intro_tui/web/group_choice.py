"""The group choice on the join page: the served workshop's groups, and the one a participant picked.

Read afresh for every page (a facilitator may add a group while people join);
a workshop that cannot be read offers no choice rather than failing the page.
The choice travels with the ticket to the participant's app as
``INTRO_TUI_GROUP`` (:data:`GROUP_ENV`), which joins that group when it opens
the workshop (:mod:`intro_tui.tui.screens.group_actions`), as the name travels
as ``INTRO_TUI_USER``.
"""

from __future__ import annotations

from pathlib import Path

from ..core.shorten import one_line
from ..tui.group_follow import GROUP_ENV  # noqa: F401 - the name the app reads, as processes.py passes it


def choices(data_dir: Path, workshop_id: str) -> list[tuple[str, str]]:
    """(group id, name) of the served workshop's groups, in order; [] when it has none or cannot be read."""
    from ..core.model.catalog import load_catalog
    from ..core.store.workshops import WorkshopStore

    try:
        workshop = WorkshopStore(data_dir, load_catalog(data_dir)).load(workshop_id)
    except Exception:  # noqa: BLE001 - the page works without groups
        return []
    return [(group.id, one_line(group.name, 60)) for group in getattr(workshop, "groups", []) or []]


def chosen(value: object, offered: list[tuple[str, str]]) -> str:
    """The picked group's id if it is one of those offered, else "" (none: pick in the app, or be assigned)."""
    return value if isinstance(value, str) and value in {gid for gid, _ in offered} else ""
