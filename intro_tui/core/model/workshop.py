"""A workshop: one filled instance of a template.

Pure data, no I/O.  The datastore (``intro_tui.core.store``) reads and writes it;
the views in ``intro_tui.core.model.layout`` pair it with its template for display.

Answers are kept sparse: ``cells`` maps a cell address to its stored value,
and ``user_rows`` lists the rows a user added to a block.  A cell address is
``(section_id, block_id, row_key, column_id)``.  Preset rows take their keys
from the template; user rows get a random key when added, so two people adding
rows at the same moment never collide.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .groups import Group

CellAddress = tuple[str, str, str, str]
BlockAddress = tuple[str, str]

#: Workshop ids become file names: keep them short, ASCII and safe.
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


def now_iso() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def slugify(text: str, fallback: str = "verksted") -> str:
    """'Arbeidsmøte Bærum 2026!' -> 'arbeidsmote-baerum-2026' (a safe file name)."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:48].strip("-")
    return slug or fallback


@dataclass(frozen=True)
class UserRow:
    key: str
    order: float


@dataclass
class Workshop:
    id: str
    title: str
    template: str
    kommune: str = ""
    year: int | None = None
    units: list[str] = field(default_factory=list)
    created: str = ""
    updated: str = ""
    cells: dict[CellAddress, object] = field(default_factory=dict)
    user_rows: dict[BlockAddress, list[UserRow]] = field(default_factory=dict)
    #: The workshop this one was copied from (last year's), "" when none: a chain of years.
    predecessor: str = ""
    #: Further copies of per-choice sections: section id -> copy numbers (2, 3, …), in order (:mod:`.copies`).
    copies: dict[str, list[int]] = field(default_factory=dict)
    #: The room's groups, in order, and whether the room works in them now (:mod:`.groups`).
    groups: list["Group"] = field(default_factory=list)
    split: bool = False
    #: Every group draft made, kept after its group is removed: draft key ("1.3~g1") -> the group's name.
    drafts: dict[str, str] = field(default_factory=dict)
    #: The number of the last group id handed out ("g3" -> 3): ids are never reused.
    group_seq: int = 0
    #: The predecessors as read from disk, oldest first (not stored; the store fills it on load).
    history: list["Workshop"] = field(default_factory=list, compare=False, repr=False)

    def value(self, section: str, block: str, row: str, column: str, default=None):
        return self.cells.get((section, block, row, column), default)

    def rows_added(self, section: str, block: str) -> list[UserRow]:
        return sorted(self.user_rows.get((section, block), []), key=lambda r: (r.order, r.key))

    def meta(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "template": self.template,
            "kommune": self.kommune,
            "year": self.year,
            "units": list(self.units),
            "created": self.created,
            "updated": self.updated,
            **({"predecessor": self.predecessor} if self.predecessor else {}),
            **({"copies": {k: list(v) for k, v in self.copies.items() if v}} if any(self.copies.values()) else {}),
            **({"groups": [{"id": g.id, "name": g.name, "place": g.place, "members": list(g.members),
                            "lead": g.lead} for g in self.groups]} if self.groups else {}),
            **({"split": True} if self.split else {}),
            **({"drafts": dict(self.drafts)} if self.drafts else {}),
            **({"group_seq": self.group_seq} if self.group_seq else {}),
        }

    def copy(self) -> "Workshop":
        return replace(
            self,
            units=list(self.units),
            cells=dict(self.cells),
            user_rows={k: list(v) for k, v in self.user_rows.items()},
            copies={k: list(v) for k, v in self.copies.items()},
            groups=list(self.groups),
            drafts=dict(self.drafts),
        )
