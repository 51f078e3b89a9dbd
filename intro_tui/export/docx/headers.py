"""The page header: the workshop on the right, and on a copy's pages the copy's name on the left.

A municipality that fills 2.2 for three trades prints three sets of 2.2 pages; as
the original's per-bransje pages, each page says which trade it is for, also in
the header (``2.2 – Renhold``), so a loose page from a stack is placed at a glance.
Each run of pages with another label is a Word section of its own with its own
header (unlinked from the one before), so Word and LibreOffice print it alike.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT

from ...core.model.template import Section, Template
from ...core.model.workshop import Workshop
from .context import Context
from .text import add_text, clean

# The Header style's own tab stops (python-docx's default template, Letter paper): cleared in favour of the
# page's text width.
_STYLE_TABS = (2971800, 5943600)


def header_text(template: Template, workshop: Workshop) -> str:
    """The meeting's title (a blank handout is printed for a meeting too) and kommune; the template's title without one."""
    title = workshop.title if workshop.title and workshop.title.strip() else template.title
    return " · ".join(clean(t).replace("\n", " ") for t in (title, workshop.kommune) if t and t.strip())


def label_of(section: Section) -> str:
    """What a section's pages name in the header: ``2.2 – Renhold`` for a named copy, "" for anything else."""
    if not section.copy_name:
        return ""
    return f"{section.base_id} – {clean(section.copy_name).replace(chr(10), ' ')}"


def fill(ctx: Context, header, label: str) -> None:
    """Write the header's one line: ``label`` on the left (if any), the workshop on the right."""
    paragraph = header.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    workshop = header_text(ctx.template, ctx.workshop)
    if not label:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_text(paragraph, workshop)
        return
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    tabs = paragraph.paragraph_format.tab_stops
    for position in _STYLE_TABS:
        tabs.add_tab_stop(position, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(ctx.text_width, WD_TAB_ALIGNMENT.RIGHT)
    add_text(paragraph, label, bold=True)
    add_text(paragraph, "\t" + workshop)


def use(ctx: Context, label: str, *, landscape: bool) -> None:
    """From here on the pages' header names ``label``: a new Word section (a new page, turned to ``landscape``)
    when it changes - one section break, not a second one for the turn."""
    if label == ctx.header_label:
        return
    section = ctx.new_section(landscape)
    section.header.is_linked_to_previous = False
    fill(ctx, section.header, label)
    ctx.header_label = label
