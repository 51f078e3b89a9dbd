"""Reading a filled Word document back into a workshop: ``intro-tui import FIL.docx`` and the app's "Les inn fra Word".

The document may be an intro-tui handout filled in Word, or the original
Rambøll or IMDi document filled by a municipality; it is matched to a
template by section headings, table headers and row labels, never by hidden
ids.  One job per module:

* ``container`` - refuse what is not a plain, bounded .docx before parsing;
* ``extract`` - paragraphs and tables as text (content controls, symbols);
* ``reader``, ``grid``, ``others``, ``keys`` - match them to the template;
* ``plan`` - compare with the workshop: lands, conflicts, left over;
* ``apply`` - write through the store (locking, change log).

No Textual here; python-docx is imported only when a file is read.
"""

from __future__ import annotations

from pathlib import Path

from ...core.model.catalog import Catalog
from ...core.model.template import Template
from ...core.model.workshop import Workshop
from .container import ImportRefused, check_docx, read_docx_bytes
from .plan import ImportPlan, describe, make_plan

__all__ = ["ImportPlan", "ImportRefused", "describe", "read_docx", "plan_docx"]


def read_docx(path: Path, catalog: Catalog, workshop: Workshop | None = None) -> tuple[ImportPlan, str]:
    """(the plan for ``workshop`` - or for a new one of the recognised template -, a title for a new one)."""
    path = Path(path)
    return plan_docx(read_docx_bytes(path), path.name, catalog, workshop)


def plan_docx(data: bytes, name: str, catalog: Catalog, workshop: Workshop | None = None) -> tuple[ImportPlan, str]:
    from functools import partial

    from .copy_pages import read_with_copies
    from .extract import body_items, open_document
    from .group_appendix import cut_appendix, report_appendix
    from .reader import Fits, read_items, recognise, score_template

    check_docx(data, name)
    try:
        document = open_document(data)
        items = body_items(document)
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged file
        raise ImportRefused(f"{name}: kan ikke leses som Word-dokument ({type(exc).__name__})") from None
    items, appendix = cut_appendix(items)  # the group drafts: listed, never read over the room's answers
    if workshop is not None:
        template = catalog.get(workshop.template)
        fits = Fits()
        best, best_score = recognise(catalog.templates, items, fits)
        if best is not None and best.id != template.id and score_template(template, items, fits) * 2 < best_score:
            raise ImportRefused(f"{name}: er utfylt etter malen {best.id}, men verkstedet {workshop.id} bruker "
                                f"{template.id}; les den inn som et nytt verksted")
        reading, planned, new_copies = read_with_copies(template, items, partial(read_items, fits=fits), workshop)
        if not reading.tables_placed and not reading.cells:
            raise ImportRefused(f"{name}: ligner ikke på malen {template.id} (fant ingen av dens tabeller)")
    else:
        fits = Fits()
        found, _ = recognise(catalog.templates, items, fits)
        if found is None:
            raise ImportRefused(f"{name}: ligner ikke på noen av malene (fant ingen kjente overskrifter eller tabeller)")
        blank = Workshop(id="", title="", template=found.id)
        reading, planned, new_copies = read_with_copies(found, items, partial(read_items, fits=fits), blank)
        planned.units = list(reading.cover.get("units") or reading.units)
    reading.unplaced.extend(report_appendix(appendix))
    plan = make_plan(reading, planned, name)
    plan.new_copies = new_copies  # copies of per-choice sections the document adds (see copy_pages)
    title = str(reading.cover.get("title") or "")[:200] or _title(document, reading.template, name)
    return plan, title


def _title(document, template: Template, name: str) -> str:
    """A new workshop's title: the document's own title unless it is just the template's name."""
    try:
        title = (document.core_properties.title or "").strip()
    except Exception:
        title = ""
    if title and title not in (template.title, template.full_title):
        return title[:200]
    return Path(name).stem[:200] or "Import fra Word"
