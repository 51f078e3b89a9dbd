"""Word export: the filled (or blank) template as a .docx that mirrors the original document.

``render_docx(template, workshop, blank=..., step=..., section=...)`` returns
the file's bytes.  No Textual here: ``intro-tui export`` must start fast.

Modules, one job each: ``document`` (page, styles, properties, header and
footer, cover, contents), ``sections`` (steps, sections, text and
instructions), ``blocks`` (one writer per kind of block), ``grid_table`` (a
grid of cells as a Word table), ``goalplan`` (the virksomhetsplan's plan),
``paragraphs`` and ``text`` (paragraph shapes, clean text), ``ooxml`` (the
only one that touches WordprocessingML below python-docx's API).
"""

from __future__ import annotations

import io

from ...core.model.template import Template
from ...core.model.workshop import Workshop
from ..files import select_parts
from . import document as doc
from . import headers
from .context import Context
from .sections import toc_entries, write_parts

__all__ = ["render_docx"]


def render_docx(template: Template, workshop: Workshop, *, blank: bool = False, step: str | None = None,
                section: str | None = None, groups: bool = False) -> bytes:
    """The .docx file's bytes.  Raises ``LookupError`` for an unknown step or section.

    ``groups``: filled, the group drafts as the appendix "Gruppenes svar"; blank, one copy per group
    (:mod:`..group_pages`).
    """
    from ..group_pages import APPENDIX, appendix_sections, per_group_selection

    selection = select_parts(template, step, section, workshop)
    if groups and blank:
        selection = per_group_selection(template, workshop, selection)
        if not selection:
            from ..destination import ExportFailed

            raise ExportFailed("verkstedet har ingen grupper med en seksjon i det som eksporteres")
    whole = step is None and section is None
    now = doc.utc_now()
    today = doc.local_today()
    document = doc.new_document()
    ctx = Context(document, template, workshop, blank)
    stepped = template.layout == "steps"
    cover = stepped and whole
    doc.set_properties(document, template, workshop, blank=blank, now=now)
    first = next((s for _, sections in selection for s in sections), None)
    # without a cover the first section shares page 1 with the heading above it: its header from the start
    doc.add_header_footer(ctx, cover=cover, label=headers.label_of(first) if first and not cover else "")
    if cover:
        doc.add_cover(ctx, today)
        doc.add_contents(ctx, toc_entries(ctx, selection))
    elif stepped:
        doc.add_part_head(ctx, today)
        ctx.fresh_page = True  # the first step heading follows on the same page
    else:
        doc.add_form_head(ctx)
    write_parts(ctx, selection, tools=section is None)
    if groups and not blank:
        from .group_appendix import write_appendix

        write_appendix(ctx, APPENDIX, appendix_sections(template, workshop, selection))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
