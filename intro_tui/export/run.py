"""One entry point for every export format, shared by the CLI and the app.

Deliberately free of Textual: ``intro-tui export`` must start fast.
"""

from __future__ import annotations

from pathlib import Path

from ..core.model.template import Template
from ..core.model.workshop import Workshop
from ..core.store.errors import WriteFailed
from .files import default_export_name, resolve_output, select_parts, write_bytes_atomic
from .formats import FORMATS


def export_workshop(template: Template, workshop: Workshop, fmt: str, *, blank: bool = False,
                    step: str | None = None, section: str | None = None, output: str | None = None,
                    exports_dir: Path = Path("exports")) -> Path:
    """Write the export and return its path.  Raises ``WriteFailed`` / ``LookupError`` with a user message."""
    if step is not None or section is not None:
        try:
            select_parts(template, step, section)
        except LookupError as exc:
            raise WriteFailed(str(exc.args[0])) from None
    name = default_export_name(workshop.id, fmt, blank=blank, step=step, section=section)
    path = resolve_output(output, exports_dir, name)
    payload = render(template, workshop, fmt, blank=blank, step=step, section=section)
    try:
        write_bytes_atomic(path, payload)
    except OSError as exc:
        raise WriteFailed.from_os_error(path, exc) from None
    return path


def render(template: Template, workshop: Workshop, fmt: str, *, blank: bool = False,
           step: str | None = None, section: str | None = None) -> bytes:
    if fmt not in FORMATS:
        raise WriteFailed(f"ukjent format «{fmt}» (velg {', '.join(FORMATS)})")
    return FORMATS[fmt].write(template, workshop, blank, step, section)
