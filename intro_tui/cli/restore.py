"""``intro-tui restore ID``: bring back a workshop that ``delete`` moved to ``data/.deleted/``.

The newest deleted state of that id comes back with its change log; the
record of the delete and of the restore stays in ``.deleted/records.jsonl``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.store.workshops import WorkshopStore


def cmd_restore(store: "WorkshopStore", args) -> None:
    from .text import safe_line

    workshop = store.restore(args.id)
    print(f"Hentet tilbake «{safe_line(workshop.title)}» ({workshop.id})")
