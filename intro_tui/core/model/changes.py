"""Which sections another session's save changed, and which sections a section on screen reads.

Every session of a room reads every save.  Split into groups, each session
shows its own group's draft or copy, so most saves change nothing it shows:
on two cores, sixty sessions each redrawing their tables and recounting every
navigator mark on every save kept a group lead's edit from reaching its own
group within a second (issue 21's bench).  With these two answers a session
redraws only what a save touched.  Anything beyond cells and added rows (a
title, the units, copies, groups, the split) counts as a change to everything.
"""

from __future__ import annotations

from dataclasses import fields

from .template import Section
from .workshop import Workshop

#: What a save writes section by section (compared key by key), or never shows (``updated``, ``history``).
_BY_SECTION = frozenset({"cells", "user_rows", "updated", "history"})


def changed_sections(old: Workshop, new: Workshop) -> frozenset[str] | None:
    """The keys of the sections (copies' and group drafts' keys as they are) whose cells or added rows differ;
    None when anything else differs, so that everything may look different."""
    if any(getattr(old, f.name) != getattr(new, f.name) for f in fields(Workshop) if f.name not in _BY_SECTION):
        return None
    changed = {key[0] for key in old.cells.keys() ^ new.cells.keys()}
    changed.update(key[0] for key, value in new.cells.items() if key in old.cells and not _same(old.cells[key], value))
    changed.update(key[0] for key in old.user_rows.keys() | new.user_rows.keys()
                   if old.user_rows.get(key) != new.user_rows.get(key))
    return frozenset(changed)


def _same(a: object, b: object) -> bool:
    """Equal and of one type: ``True == 1`` in Python, but a ticked box and a count of one read differently."""
    return type(a) is type(b) and a == b


def sections_read(section: Section) -> frozenset[str]:
    """The sections whose values ``section`` shows: itself, and the NIR code table its indicator rows count from."""
    return frozenset({section.id} | {row.nir.section for block in section.blocks for row in block.rows
                                     if row.nir is not None})


def touches(changed: frozenset[str] | None, section: Section) -> bool:
    """Whether a save that changed ``changed`` (see :func:`changed_sections`) changes what ``section`` shows."""
    return changed is None or not changed.isdisjoint(sections_read(section))
