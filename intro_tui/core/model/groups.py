"""Groups of a working meeting, and group drafts: the data, no I/O (issue 21).

A kjøreplan's meeting splits the room into groups ("Gruppe 1 – Renhold"); each
group has a *place* to work on:

- a section or a per-bransje copy (``2.2``, ``2.2#2``): the group fills the
  plenary version itself (a copy per group keeps the groups apart);
- a **group draft** of a section or copy (``1.3~g1``): a private version of it
  for the group, starting from the plenary content.  Its cells are stored under
  the draft key like a copy's (``Workshop.cells``), so everything that edits a
  section edits a draft; :meth:`.template.Template.section` gives the section
  under that key.  Drafts are not walked where copies are (fill counts,
  navigator, ``show``, Word) unless asked: a draft is its group's.

``Workshop.drafts`` remembers every draft made (key -> the group's name), also
after its group is removed: nothing a group wrote is lost, and its draft stays
readable and exportable.  Group ids (``g1``, ``g2`` …) are never reused within a
workshop (``Workshop.group_seq``), so a new group never inherits an old draft.

The store's writes (make, join, take …) are :mod:`intro_tui.core.store.groups`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..shorten import CONTROL, one_line
from .layout import _norm
from .template import COPY_MARK, DRAFT_MARK, Section, Template
from .values import ValueProblem, typed_name
from .workshop import Workshop

__all__ = ["DRAFT_MARK", "Group", "draft_key", "is_draft", "base_of", "by_id", "group_of"]

#: A group's name (shown in every member's header: kept short).
MAX_GROUP_NAME = 60
#: A member's name, as the room shows it (:func:`intro_tui.core.store.room.clean_name`).
MAX_MEMBER_NAME = 40
#: Groups one workshop may have at once, and members per group: far above a real meeting's.
MAX_GROUPS = 30
MAX_MEMBERS = 200

#: The appendix of a filled handout that holds the group drafts (the Word reader knows it by this heading).
APPENDIX = "Gruppenes svar"

_GROUP_ID = re.compile(r"g[1-9][0-9]{0,5}")


@dataclass(frozen=True)
class Group:
    """One group of the room: its place to work, its members (by name) and its named lead."""

    id: str  # "g1", "g2", … never reused within a workshop
    name: str  # "Gruppe 1 – Renhold" (cleaned, ≤ 60 characters)
    place: str  # the section key it works on: "2.2", a copy "2.2#2", or its own draft "1.3~g1"
    members: tuple[str, ...] = ()  # participant names (as the room shows them), assigned or picked
    lead: str = ""  # the named lead; "" = the first member to join leads

    @property
    def has_draft(self) -> bool:
        return is_draft(self.place)

    @property
    def leader(self) -> str:
        """Who leads: the named lead, else the first member ("" when the group is empty)."""
        return self.lead or (self.members[0] if self.members else "")


def draft_key(base_id: str, group_id: str) -> str:
    """Group ``group_id``'s draft of section or copy ``base_id``: ``draft_key("1.3", "g1") == "1.3~g1"``."""
    return f"{base_id}{DRAFT_MARK}{group_id}"


def is_draft(key: str) -> bool:
    return DRAFT_MARK in key


def base_of(key: str) -> str:
    """The plenary key a draft is of: "1.3~g1" -> "1.3", "2.2#2~g1" -> "2.2#2"; any other key is itself."""
    return key.split(DRAFT_MARK, 1)[0]


def place_words(key: str) -> str:
    """A group's place as the room reads it: "utkast av 1.3" for a draft ("1.3~g1" is the file's key), a
    section or copy key ("2.2#2") as it is."""
    return f"utkast av {base_of(key)}" if is_draft(key) else key


def group_id_of(key: str) -> str:
    """The group a draft key belongs to ("1.3~g1" -> "g1"); "" for a key that is no draft."""
    return key.partition(DRAFT_MARK)[2]


def by_id(workshop: Workshop, group_id: str) -> Group | None:
    return next((g for g in workshop.groups if g.id == group_id), None)


def group_of(workshop: Workshop, member: str) -> Group | None:
    """The group a participant (by name) is in, or None."""
    return next((g for g in workshop.groups if member in g.members), None)


def draft_exists(workshop: Workshop, key: str) -> bool:
    return key in workshop.drafts


def draft_name(workshop: Workshop | None, key: str) -> str:
    """The name of the group a draft is of: the group's current name, or the one it had when removed."""
    if workshop is None:
        return group_id_of(key)
    group = by_id(workshop, group_id_of(key))
    return group.name if group is not None else workshop.drafts.get(key, group_id_of(key))


def draft_label(workshop: Workshop | None, key: str) -> str:
    """What a draft is called on screen and paper (after the section's title): "utkast for Gruppe 1"."""
    return f"utkast for {draft_name(workshop, key)}"


def drafts_of(workshop: Workshop, plenary: str) -> list[str]:
    """The draft keys of one section or copy, in the order of the groups (a removed group's last)."""
    keys = [key for key in workshop.drafts if base_of(key) == plenary]
    order = {g.id: n for n, g in enumerate(workshop.groups)}
    return sorted(keys, key=lambda k: (order.get(group_id_of(k), len(order)), _number(group_id_of(k))))


def draft_view(template: Template, workshop: Workshop | None, key: str) -> Section:
    """The section under draft ``key``, headed "1.3 … – utkast for Gruppe 1"; KeyError if unknown."""
    return replace(template.section(key), copy_name=draft_label(workshop, key))


def check_group_name(text: str, workshop: Workshop, *, group_id: str = "") -> str:
    """A group's name, cleaned; :class:`ValueProblem` for an empty, too long or taken one."""
    name = typed_name(text, MAX_GROUP_NAME, empty="gruppen må ha et navn")
    for other in workshop.groups:
        if other.id != group_id and _norm(other.name) == _norm(name):
            raise ValueProblem(f"det finnes allerede en gruppe som heter «{one_line(name, 60)}»")
    return name


def check_member(text: str) -> str:
    """A participant's name as groups store it: one line, ≤ 40 characters; ValueProblem for an empty one."""
    if CONTROL.search(text.replace("\n", " ").replace("\t", " ")):
        raise ValueProblem("navnet kan ikke inneholde kontrolltegn (escape-sekvenser)")
    name = one_line(text, None)
    if not name:
        raise ValueProblem("deltakeren må ha et navn")
    if len(name) > MAX_MEMBER_NAME:
        raise ValueProblem(f"navnet er for langt ({len(name)} tegn, høyst {MAX_MEMBER_NAME})")
    return name


def find_group(workshop: Workshop, spec: str) -> Group:
    """A group by id ("g2"), number ("2") or name (case and spacing ignored, or leading words); ValueProblem if none."""
    spec = spec.strip()
    wanted = _norm(spec)
    for rule in (lambda g: g.id == spec or (spec.isdigit() and g.id == f"g{spec}"),
                 lambda g: _norm(g.name) == wanted,
                 lambda g: bool(wanted) and _norm(g.name).startswith(wanted)):
        found = [g for g in workshop.groups if rule(g)]
        if len(found) == 1:
            return found[0]
        if found:
            raise ValueProblem(f"«{one_line(spec, 40)}» passer flere grupper: "
                               f"{', '.join(f'{g.id} «{one_line(g.name, 30)}»' for g in found)}")
    known = ", ".join(f"{g.id} «{one_line(g.name, 30)}»" for g in workshop.groups) or "ingen ennå"
    raise ValueProblem(f"ingen gruppe «{one_line(spec, 40)}» (gruppene er: {known})")


def next_id(workshop: Workshop) -> str:
    """The id a new group gets: one past every id handed out (also of removed groups and their drafts)."""
    used = [workshop.group_seq, *(_number(g.id) for g in workshop.groups),
            *(_number(group_id_of(k)) for k in workshop.drafts)]
    return f"g{max(used) + 1}"


def _number(group_id: str) -> int:
    return int(group_id[1:]) if _GROUP_ID.fullmatch(group_id) else 0


def with_members(workshop: Workshop, group_id: str, change) -> None:
    """Replace group ``group_id`` by ``change(group)`` in place (groups are frozen)."""
    workshop.groups = [change(g) if g.id == group_id else g for g in workshop.groups]


def without_member(workshop: Workshop, member: str) -> Group | None:
    """Take ``member`` out of whichever group has them (their lead mark too); that group as it was, or None."""
    group = group_of(workshop, member)
    if group is not None:
        with_members(workshop, group.id, lambda g: replace(
            g, members=tuple(m for m in g.members if m != member), lead="" if g.lead == member else g.lead))
    return group


# -- the file's meta: read back checked (a hand-edited file must not break the room) --------------

def _key_ok(value) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 80 and not CONTROL.search(value)


def read_groups(value) -> list[Group]:
    """``groups`` as a file holds it, checked: a damaged entry (or a repeated id) is dropped."""
    out: list[Group] = []
    if not isinstance(value, list):
        return out
    seen_members: set[str] = set()
    for item in value[:MAX_GROUPS]:
        if not isinstance(item, dict):
            continue
        gid, name, place = item.get("id"), item.get("name"), item.get("place")
        if not (isinstance(gid, str) and _GROUP_ID.fullmatch(gid)) or any(g.id == gid for g in out):
            continue
        if not isinstance(name, str) or not _key_ok(place):
            continue
        assert isinstance(place, str)
        if is_draft(place) and group_id_of(place) != gid:
            continue
        members: list[str] = []
        raw = item.get("members")
        for member in raw[:MAX_MEMBERS] if isinstance(raw, list) else []:
            if isinstance(member, str) and (clean := one_line(member, MAX_MEMBER_NAME)) and clean not in seen_members:
                members.append(clean)
                seen_members.add(clean)
        lead = item.get("lead")
        lead = one_line(lead, MAX_MEMBER_NAME) if isinstance(lead, str) else ""
        out.append(Group(gid, one_line(name, MAX_GROUP_NAME) or gid, place, tuple(members), lead))
    return out


def read_drafts(value) -> dict[str, str]:
    """``drafts`` as a file holds it, checked: draft key -> group name."""
    out: dict[str, str] = {}
    if not isinstance(value, dict):
        return out
    for key, name in list(value.items())[:1000]:
        if _key_ok(key) and key.count(DRAFT_MARK) == 1 and _GROUP_ID.fullmatch(group_id_of(key)) \
                and base_of(key) and COPY_MARK not in group_id_of(key) and isinstance(name, str):
            out[key] = one_line(name, MAX_GROUP_NAME) or group_id_of(key)
    return out


def read_seq(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 999_999 else 0


def schema_for(workshop: Workshop) -> int:
    """3 when the workshop has groups or drafts (an older intro-tui refuses it, rather than show drafts as junk), else 0."""
    return 3 if workshop.groups or workshop.drafts or workshop.split or workshop.group_seq else 0
