"""One entry point for every export format, shared by the CLI and the app.

Deliberately free of Textual: ``intro-tui export`` must start fast.
"""

from __future__ import annotations

from pathlib import Path

from ..core.model.template import Template
from ..core.model.workshop import Workshop
from . import destination
from .destination import ExportFailed
from .files import blank_copies, default_export_name, resolve_output, select_parts
from .formats import FORMATS


def export_workshop(template: Template, workshop: Workshop, fmt: str, *, blank: bool = False,
                    step: str | None = None, section: str | None = None, output: str | None = None,
                    exports_dir: Path = Path("exports"), data_dir: Path | None = None,
                    force: bool = False, copies: int = 1, notes: list[str] | None = None,
                    layout: bool = True, groups: bool = False) -> Path | None:
    """Write the export and return its path (None: written to stdout, ``output="-"``).

    ``notes`` gets what the user should know about the file (a Word handout
    whose page numbers need F9 because LibreOffice is not on the machine).
    ``layout=False`` skips LibreOffice's layout of a Word file (seconds): the
    app, which must not freeze, says instead that the page numbers need F9.

    Raises :class:`ExportFailed` with a user message: an unknown part, a
    destination in ``data_dir`` or not a regular file, an existing file
    without ``force``, a failed write (see :mod:`.destination`).
    """
    notes = [] if notes is None else notes
    if step is not None or section is not None:
        try:
            select_parts(template, step, section, workshop)
        except LookupError as exc:
            raise ExportFailed(str(exc.args[0])) from None
    name = default_export_name(workshop.id, fmt, blank=blank, step=step, section=section)
    path = resolve_output(output, exports_dir, name)
    if path is not None:
        destination.check(path, data_dir=data_dir, force=force)  # before the work of rendering
    payload = render(template, workshop, fmt, blank=blank, step=step, section=section, copies=copies, groups=groups)
    if fmt == "docx" and not layout:
        notes.append("sidetall i Word: F9")
    elif fmt == "docx":  # page numbers Word shows without F9, when LibreOffice can lay the document out
        from .docx.page_numbers import fill_page_numbers

        payload, note = fill_page_numbers(payload)
        if note:
            notes.append(note)
    if path is None:
        destination.to_stdout(payload)
        return None
    destination.write(path, payload, data_dir=data_dir, force=force)
    return path


def render(template: Template, workshop: Workshop, fmt: str, *, blank: bool = False,
           step: str | None = None, section: str | None = None, copies: int = 1, groups: bool = False) -> bytes:
    """``copies``: a blank handout's number of empty copies of each per-choice section; ``groups``: the group
    drafts as an appendix (filled) or one copy per group (blank), see :mod:`.group_pages`."""
    if fmt not in FORMATS:
        raise ExportFailed(f"ukjent format «{fmt}» (velg {', '.join(FORMATS)})")
    if blank:
        workshop = blank_copies(template, workshop, copies)
    return FORMATS[fmt].write(template, workshop, blank, step, section, groups)
