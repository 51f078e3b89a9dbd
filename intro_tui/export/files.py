"""Where exports go and how they are written.

A default export path is built from the workshop id only (ids are
``[a-z0-9-]``), so no title - whatever it holds - can steer a file out of the
exports folder.  Files are written whole or not at all (temp file + replace),
so a failed export never leaves a broken document where a good one was.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..core.model import copies
from ..core.model.template import COPY_MARK, Part, Section, Template
from ..core.model.workshop import Workshop
from . import destination
from .destination import ExportFailed
from .formats import FORMATS


def default_export_name(workshop_id: str, fmt: str, *, blank: bool = False, step: str | None = None,
                        section: str | None = None) -> str:
    parts = [workshop_id]
    if step:
        parts.append(f"steg-{step}")
    if section:
        parts.append("seksjon-" + section.replace(".", "-").replace("#", "-kopi-"))
    if blank:
        parts.append("blank")
    return "-".join(parts) + FORMATS[fmt].extension


def resolve_output(output: str | None, exports_dir: Path, name: str) -> Path | None:
    """``-o`` may name a file or an existing folder; without it, ``exports/<name>``; ``-o -``: None (stdout)."""
    if output is None:
        return exports_dir / name
    if output == destination.STDOUT:
        return None
    path = destination.expand(output)
    if destination.is_dir(path):
        return path / name
    return path


def write_bytes_atomic(path: Path, payload: bytes) -> None:
    """Replace ``path`` (a regular file or nothing) whole, creating its folder: the app's own exports."""
    destination.write(path, payload, data_dir=None, force=True)


def select_parts(template: Template, step: str | None = None, section: str | None = None,
                 workshop: Workshop | None = None) -> list[tuple[Part, list[Section]]]:
    """The parts and sections an export covers: all, one step, or one section (``2.2``: all its copies;
    ``2.2#1``, ``2.2#2``: one copy).  A per-choice section comes once per copy the workshop holds."""
    chosen: list[tuple[Part, list[Section]]] = []
    for part in template.parts:
        if step is not None and part.id != step:
            continue
        sections = [s for s in copies.expand(part.sections, workshop) if section is None or _picks(section, s)]
        if sections:
            chosen.append((part, sections))
    if not chosen:
        if step is not None:
            known = ", ".join(p.id for p in template.parts)
            raise LookupError(f"ukjent steg «{step}» (finnes: {known})")
        raise LookupError(f"ukjent seksjon «{section}»")
    return chosen


def _picks(spec: str, section: Section) -> bool:
    if COPY_MARK in spec:
        base, _, number = spec.partition(COPY_MARK)
        return section.base_id == base and number.isdigit() and section.id == copies.copy_key(base, int(number))
    return section.base_id == spec


def blank_copies(template: Template, workshop: Workshop, count: int) -> Workshop:
    """The workshop a blank handout is drawn from: ``count`` empty copies of each per-choice section.

    The other sections' answers stay (the writers leave them out of a blank
    handout): what the workshop uses still shapes the form, e.g. a limit column.
    A per-choice section's cells go, so its copies are named "kopi N", not after the workshop's trades.
    """
    if not 1 <= count <= copies.MAX_COPIES:
        raise ExportFailed(f"--copies skal være mellom 1 og {copies.MAX_COPIES}, ikke {count}")
    per_choice = {s.id for s in template.sections if s.per_choice}
    cells = {key: value for key, value in workshop.cells.items() if key[0].split("#", 1)[0] not in per_choice}
    return replace(workshop, cells=cells,
                   copies={section_id: list(range(2, count + 1)) for section_id in per_choice if count > 1})
