"""Copies of per-choice sections: 2.2 filled once for renhold, once for helse og omsorg.

Some sections are forms a workshop fills once per choice (a bransje, a tiltak, a
fag; the template marks them with ``per_choice``, see docs/templates.md).  A copy
is the same section under another *key*: the first copy is the section itself
(``2.2``, so a workshop that fills it once is unchanged), further copies are
``2.2#2``, ``2.2#3`` … and their cells are stored under that key like any
section's.  ``Workshop.copies`` lists the further copy numbers in order.

A copy's name is the value of the section's naming field (``BRANSJE/YRKE``,
``Navn på tiltak``): one source, so renaming the field renames the copy.

Everything that walks a workshop's sections (navigator, fill counts, ``show``,
the writers) asks :func:`expand` for the copies instead of the template's list.
"""

from __future__ import annotations

from dataclasses import replace

from ..shorten import one_line
from .layout import AddressError, _named, _norm, find_section
from .template import COPY_MARK, DRAFT_MARK, Section, Template
from .values import MAX_NAME_CHARS, ValueProblem, typed_name
from .workshop import Workshop

#: Copies one section may have (the first included).  Far above real use (a municipality
#: looks at a handful of trades), and low enough that every list of copies stays quick.
MAX_COPIES = 50


def copy_key(base_id: str, number: int) -> str:
    """The key of a copy: the section id for the first, ``2.2#n`` for the n-th."""
    return base_id if number == 1 else f"{base_id}{COPY_MARK}{number}"


def copy_number(key: str) -> int:
    _, mark, number = key.partition(COPY_MARK)
    return int(number) if mark and number.isdigit() else 1


def keys_of(workshop: Workshop | None, base_id: str) -> list[str]:
    """Every copy key of one section, the first first."""
    extra = workshop.copies.get(base_id, []) if workshop is not None else []
    return [base_id] + [copy_key(base_id, n) for n in extra]


def exists(workshop: Workshop, key: str) -> bool:
    """Whether the section, copy or group draft (``1.3~g1``, see :mod:`.groups`) under ``key`` is there."""
    if DRAFT_MARK in key:
        return key in workshop.drafts and exists(workshop, key.split(DRAFT_MARK, 1)[0])
    return key in keys_of(workshop, key.split(COPY_MARK, 1)[0])


def name_of(section: Section, workshop: Workshop | None, key: str | None = None) -> str:
    """The value of the naming field in copy ``key`` (the section's own id when None): "" when unnamed."""
    choice = section.per_choice
    if choice is None or workshop is None:
        return ""
    value = workshop.cells.get((key or section.id, choice.block, choice.row, choice.column))
    return one_line(value, None) if isinstance(value, str) else ""


def label_of(section: Section, workshop: Workshop | None, key: str) -> str:
    """What a copy is called on screen and paper: its name, or "kopi n" while it has none."""
    return name_of(section, workshop, key) or f"kopi {copy_number(key)}"


def copies_of(section: Section, workshop: Workshop | None, *, blank_copies: int = 1) -> list[Section]:
    """The section's copies as sections (ids are the copy keys).

    Named in their headings only when there is more than one, so a section filled
    once reads as before.  ``blank_copies``: a blank handout's number of empty copies.
    """
    base = section if section.id == section.base_id else replace(section, id=section.base_id, copy_name="")
    if base.per_choice is None:
        return [base]
    if workshop is None:
        count = max(1, min(blank_copies, MAX_COPIES))
        return [replace(base, id=copy_key(base.id, n), copy_name=f"kopi {n}" if count > 1 else "")
                for n in range(1, count + 1)]
    keys = keys_of(workshop, base.id)
    if len(keys) == 1:
        return [base]
    return [replace(base, id=key, copy_name=label_of(base, workshop, key)) for key in keys]


def expand(sections: list[Section] | tuple[Section, ...], workshop: Workshop | None, *,
           blank_copies: int = 1) -> list[Section]:
    """``sections`` with every per-choice section replaced by its copies, in order."""
    out: list[Section] = []
    for section in sections:
        if section.id != section.base_id:  # already one copy: keep it as it is
            out.append(section)
        else:
            out.extend(copies_of(section, workshop, blank_copies=blank_copies))
    return out


def view_of(template: Template, workshop: Workshop | None, key: str) -> Section:
    """The section (or copy, or group draft) under ``key``, named as :func:`copies_of` names it; KeyError if unknown."""
    if DRAFT_MARK in key:
        from .groups import draft_view

        return draft_view(template, workshop, key)
    section = template.section(key)
    for view in copies_of(section, workshop):
        if view.id == section.id:
            return view
    raise KeyError(key)


def check_name(text: str, section: Section, workshop: Workshop, *, key: str | None = None) -> str:
    """A new name for a copy of ``section`` (``key``: the copy being renamed), cleaned; :class:`ValueProblem` if not."""
    name = typed_name(text, MAX_NAME_CHARS, empty="navnet kan ikke være tomt")
    for other in keys_of(workshop, section.base_id):
        if other != key and _norm(name_of(section, workshop, other)) == _norm(name):
            raise ValueProblem(f"seksjon {section.base_id} har allerede en kopi som heter «{one_line(name, 60)}»")
    return name


def next_number(workshop: Workshop, base_id: str) -> int:
    """The number a new copy gets; :class:`ValueProblem` at :data:`MAX_COPIES`."""
    extra = workshop.copies.get(base_id, [])
    if len(extra) + 1 >= MAX_COPIES:
        raise ValueProblem(f"seksjon {base_id} har allerede {len(extra) + 1} kopier (høyst {MAX_COPIES})")
    return max(extra, default=1) + 1


def add_copy(workshop: Workshop, section: Section, name: str) -> str:
    """Add a copy named ``name`` (checked) to the workshop's data; its key.  The store wraps this in a transaction."""
    if section.per_choice is None:
        raise ValueProblem(f"seksjon {section.base_id} fylles ut én gang og har ingen kopier")
    name = check_name(name, section, workshop)
    number = next_number(workshop, section.base_id)
    workshop.copies.setdefault(section.base_id, []).append(number)
    key = copy_key(section.base_id, number)
    choice = section.per_choice
    workshop.cells[(key, choice.block, choice.row, choice.column)] = name
    return key


def _listing(section: Section, workshop: Workshop) -> str:
    return ", ".join(f"«{one_line(label_of(section, workshop, k), 40)}» ({k})" for k in keys_of(workshop, section.id))


def select(template: Template, workshop: Workshop, spec: str) -> list[Section]:
    """SECTION as ``show`` and ``export`` take it: a section by itself means all its copies, a copy itself."""
    if COPY_MARK not in spec and DRAFT_MARK not in spec:
        try:
            section = find_section(template, spec)
        except AddressError:
            pass
        else:
            return copies_of(section, workshop)
    return [resolve(template, workshop, spec)]


def only_key(section: Section) -> str:
    """The key that picks exactly this copy out of all its section's copies (``2.2#1`` for the first)."""
    return f"{section.base_id}{COPY_MARK}{copy_number(section.id)}" if section.per_choice else section.id


def resolve(template: Template, workshop: Workshop, spec: str) -> Section:
    """SECTION as the CLI takes it: "2.2" (the first copy), "2.2 Renhold", "2.2 helse" (leading words), "2.2#3".

    An unknown or ambiguous copy raises :class:`AddressError` listing the copies.
    """
    spec = spec.strip()
    if DRAFT_MARK in spec:  # a group draft ("1.3~g1"): see .groups
        draft = find_section(template, spec)
        if not exists(workshop, draft.id):
            raise AddressError(f"ingen gruppe har utkastet «{one_line(spec)}» (gruppeutkastene er: "
                               f"{', '.join(workshop.drafts) or 'ingen'})")
        return view_of(template, workshop, draft.id)
    if COPY_MARK in spec:
        try:
            key = template.section(spec).id
        except KeyError:
            key = ""
        if key and exists(workshop, key):
            return view_of(template, workshop, key)
        base = find_section(template, spec.split(COPY_MARK, 1)[0])
        raise AddressError(f"seksjon {base.id} har ingen kopi «{one_line(spec)}» (kopiene er: {_listing(base, workshop)})")
    try:
        return view_of(template, workshop, find_section(template, spec).id)
    except AddressError:
        words = spec.split()
        for cut in range(len(words) - 1, 0, -1):
            try:
                section = find_section(template, " ".join(words[:cut]))
            except AddressError:
                continue
            if section.per_choice is None:
                continue
            wanted = " ".join(words[cut:])
            keys = keys_of(workshop, section.id)
            found = _named(wanted, [(k, (name_of(section, workshop, k), k), (name_of(section, workshop, k),))
                                    for k in keys])
            if len(found) == 1:
                return view_of(template, workshop, found[0])
            what = "passer flere kopier" if found else "er ingen kopi"
            raise AddressError(f"«{one_line(wanted)}» {what} av seksjon {section.id} "
                               f"(kopiene er: {_listing(section, workshop)})") from None
        raise


def read_copies(value) -> dict[str, list[int]]:
    """``copies`` as a file holds it, checked: section id -> distinct copy numbers ≥ 2 (a damaged entry is dropped)."""
    out: dict[str, list[int]] = {}
    if not isinstance(value, dict):
        return out
    for base, numbers in list(value.items())[:1000]:
        if not isinstance(base, str) or COPY_MARK in base or not isinstance(numbers, list):
            continue
        good: list[int] = []
        for n in numbers[:MAX_COPIES - 1]:
            if isinstance(n, int) and not isinstance(n, bool) and 2 <= n <= 1_000_000 and n not in good:
                good.append(n)
        if good:
            out[base] = good
    return out


def schema_for(workshop: Workshop) -> int:
    """The schema a workshop is written with: 2 when it holds copies, else 1 (readable by older versions)."""
    return 2 if any(workshop.copies.values()) else 1


def name_suggestions(template: Template, workshop: Workshop, section: Section) -> list[str]:
    """Names a new copy of ``section`` is likely to get: what earlier steps wrote.

    The trades of 1.2 and the tiltak of 2.1 are the labels their tables' rows were given;
    every copy name of another per-choice section (2.2's trades for 2.3 and 3.1) too.
    The section's own copies' names are left out (a copy name is not repeated).
    """
    own = {_norm(name_of(section, workshop, k)) for k in keys_of(workshop, section.base_id)}
    found: list[str] = []
    for other in template.sections:
        if other.id == section.base_id:
            break  # only what earlier steps wrote
        if other.per_choice is not None:
            found += [name_of(other, workshop, k) for k in keys_of(workshop, other.id)]
        for (sid, _block, _row, column), value in workshop.cells.items():
            if sid == other.id and column == "label" and isinstance(value, str):
                found.append(one_line(value, None))
    out: list[str] = []
    for name in found:
        if name and _norm(name) not in own and name not in out and len(name) <= MAX_NAME_CHARS:
            out.append(name)
    return out
