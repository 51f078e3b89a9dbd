"""``intro-tui restore ID``: bring back a workshop that ``delete`` moved to ``data/.deleted/``.

The newest deleted state of that id comes back with its change log; the
record of the delete and of the restore stays in ``.deleted/records.jsonl``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.store.workshops import WorkshopStore


def cmd_restore(store: WorkshopStore, args) -> None:
    from .text import safe_line

    workshop = store.restore(args.id)
    if workshop is None:  # a file the reader refuses comes back as it was deleted
        print(f"Hentet tilbake {args.id}.json, men filen kan ikke leses av intro-tui (se «intro-tui list»)")
        return
    print(f"Hentet tilbake «{safe_line(workshop.title)}» ({workshop.id})")
