"""One registry of export formats: what each is called, its file ending, how it is written and read back.

The command line's ``--format`` choices, the export dialog's buttons, default
file names, the writer dispatch and ``intro-tui import``'s choice of reader
(by file ending) all read :data:`FORMATS`, so a new format is one module plus
one entry here (``docs/architecture.md``, "Adding an export format").  Writers and readers are imported only
when a file of their format is made or read: ``intro-tui export --format md``
never pays for python-docx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the command line reads this registry before it knows it needs the model
    from typing import Callable

    from pathlib import Path

    from ..core.model.catalog import Catalog
    from ..core.model.template import Template
    from ..core.model.workshop import Workshop
    from .docx_reader import ImportPlan



class ExportFormat(NamedTuple):
    """A NamedTuple, not a dataclass: ``intro-tui list`` reads this module and dataclasses cost 7 ms to import."""

    id: str
    extension: str
    #: How the app's export dialog names it.
    label: str
    #: (template, workshop, blank, step, section, groups) -> the file's bytes (``groups``: see export/group_pages.py).
    write: Callable[[Template, Workshop, bool, str | None, str | None, bool], bytes]
    #: It can leave the answers out (a handout) and cover one step or section.
    handout: bool = True
    #: Reads a file of this format back: (path, catalog, workshop or None) -> (ImportPlan, title); None if it cannot.
    read: Callable[[Path, Catalog, Workshop | None], tuple[ImportPlan, str]] | None = None


def _docx(template: Template, workshop: Workshop, blank: bool, step: str | None, section: str | None,
          groups: bool = False) -> bytes:
    from .docx import render_docx

    return render_docx(template, workshop, blank=blank, step=step, section=section, groups=groups)


def _read_docx(path: Path, catalog: Catalog, workshop: Workshop | None) -> tuple[ImportPlan, str]:
    from .docx_reader import read_docx

    return read_docx(path, catalog, workshop)


def _markdown(template: Template, workshop: Workshop, blank: bool, step: str | None, section: str | None,
              groups: bool = False) -> bytes:
    from .markdown import render_markdown

    return render_markdown(template, workshop, blank=blank, step=step, section=section,
                           groups=groups).encode("utf-8")


def _json(template: Template, workshop: Workshop, blank: bool, step: str | None, section: str | None,
          groups: bool = False) -> bytes:
    """The whole workshop, answers included: what ``intro-tui import`` reads back (no group drafts)."""
    import json

    from ..core.model.document import to_document

    return (json.dumps(to_document(template, workshop), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


#: In the order the app offers them; the first is the default.
FORMATS: dict[str, ExportFormat] = {f.id: f for f in (
    ExportFormat("docx", ".docx", "Word (.docx)", _docx, read=_read_docx),
    ExportFormat("md", ".md", "Markdown (.md)", _markdown),
    ExportFormat("json", ".json", "JSON (.json)", _json, handout=False),
)}
DEFAULT_FORMAT = next(iter(FORMATS))


def format_for_extension(path: str) -> ExportFormat | None:
    """The format a file name's ending asks for (``steg4.docx`` -> Word), or None."""
    lowered = path.lower()
    for fmt in FORMATS.values():
        if lowered.endswith(fmt.extension):
            return fmt
    return None
