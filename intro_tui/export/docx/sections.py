"""The body: steps (STEG N), sections (N.M), and their content in template order.

Stepped templates (Rambøll) start every step and every section on a new
page, as the original does; forms (IMDi) flow on.  A block with many columns
(6.2's plan) gets a landscape section of its own, then the pages turn back
to portrait.
"""

from __future__ import annotations

import re

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Pt

from ...core.model.copies import copies_of
from ...core.model.layout import display_columns
from ...core.model.template import Block, Instructions, Part, Section, Text
from . import headers, ooxml_document, ooxml_numbering, pagefill
from .blocks import WRITERS, write_block
from .context import Context, is_wide
from .paragraphs import body, item, numbered_list
from .text import add_text, clean


def toc_entries(ctx: Context, selection: list[tuple[Part, list[Section]]]) -> list[tuple[int, str, str]]:
    """(level, text, bookmark) of every heading the contents list shows, in order."""
    entries = []
    for part, sections in selection:
        if part.label or part.title:
            number = step_number(ctx, part)
            text = f"{number}. {part_heading(part)}" if number else part_heading(part)  # as the heading shows it
            entries.append((1, text, ctx.bookmark("part", part.id)))
        for section in sections:
            entries.append((2, section.heading, ctx.bookmark("section", section.id)))
    return entries


def part_heading(part: Part) -> str:
    return part.label or part.title


def step_number(ctx: Context, part: Part) -> int:
    """A step's number in a stepped template (1 for STEG 1), 0 for a part that is not numbered."""
    if ctx.template.layout != "steps" or part not in ctx.template.parts:
        return 0
    return ctx.template.parts.index(part) + 1


def write_parts(ctx: Context, selection: list[tuple[Part, list[Section]]], *, tools: bool) -> None:
    """Every section of a stepped template on a new page; in a blank handout every section after the first too.

    A blank handout's sections then fill their pages with room to write (``pagefill``).
    """
    stepped = ctx.template.layout == "steps"
    first = True
    for part, sections in selection:
        if part.label or part.title:
            _part(ctx, part, tools=tools, first=sections[0] if sections else None)
        for section in sections:
            write_section(ctx, section, new_page=stepped or (ctx.blank and not first), heading=stepped)
            first = False


def _part(ctx: Context, part: Part, *, tools: bool, first: Section | None) -> None:
    shared = first is not None and not (tools and part.tools)  # the first section follows on the step's page
    headers.use(ctx, headers.label_of(first) if shared and first is not None else "", landscape=False)
    ctx.set_landscape(False)
    heading = ctx.heading(1)
    ctx.start_on_new_page(heading)
    number = step_number(ctx, part)
    if number:  # "1. STEG 1": the number is Word's heading numbering, as in the original
        ooxml_numbering.set_list(heading, ooxml_numbering.list_id(ctx.document, "heading", number))
    add_text(heading, part_heading(part))
    ctx.mark_heading(heading, "part", part.id)
    if part.label and part.title:
        subtitle = ctx.document.add_paragraph()
        subtitle.paragraph_format.space_after = Pt(18)
        add_text(subtitle, part.title, bold=True, size=Pt(15))
    if tools and part.tools:
        title = ctx.document.add_paragraph()
        title.paragraph_format.space_before = Pt(12)
        title.paragraph_format.keep_with_next = True
        add_text(title, part.tools_title or "Verktøy", bold=True)
        for tool in part.tools:
            _tool(ctx, part, tool)
    else:
        ctx.fresh_page = True  # a step heading alone does not need a page of its own


# ", s. 17" in the tools, and what names the original's document after it (' i dokumentet "Oppgavemaler"')
_PAGE_IN_ORIGINAL = re.compile(r",\s*s\.\s*\d+(?:\s*[–-]\s*\d+)?(?:\s+i dokumentet\s+[\"«“][^\"»”]*[\"»”])?(?=\s|$)")
_TOOL_SECTION = re.compile(r"(\d+\.\d+)\.?\s")


def tool_text(tool: str) -> str:
    """A Verktøy line without the original's page reference: its "s. 17" is a page of Rambøll's document."""
    return _PAGE_IN_ORIGINAL.sub("", tool).strip()


def _tool(ctx: Context, part: Part, tool: str) -> None:
    """A Verktøy line linked to its section, with the section's page as a PAGEREF (see ``ooxml_document.add_page_ref``)."""
    match = _TOOL_SECTION.match(tool)
    section = next((s for s in part.sections if match and s.id == match[1]), None)
    if section is None:
        item(ctx, tool_text(tool))
        return
    for view in copies_of(section, ctx.workshop):  # a per-choice section: one line per copy, each with its page
        bookmark = ctx.bookmark("section", view.id)
        paragraph = item(ctx, "")
        paragraph.paragraph_format.tab_stops.add_tab_stop(ctx.text_width, WD_TAB_ALIGNMENT.RIGHT)
        text = tool_text(tool) + (f" – {view.copy_name}" if view.copy_name else "")
        ooxml_document.add_internal_link(paragraph, clean(text), bookmark)
        add_text(paragraph, "\t")
        ooxml_document.add_page_ref(paragraph, bookmark)


def write_section(ctx: Context, section: Section, *, new_page: bool, heading: bool = True) -> None:
    landscape = landscape_plan(section)
    wide = bool(landscape) and landscape[0]  # a section that opens with its wide table
    headers.use(ctx, headers.label_of(section), landscape=wide)  # a copy's pages name it in their header
    ctx.set_landscape(wide)
    if heading or not _heading_repeats_table(section):
        title = ctx.heading(2)
        if new_page:
            ctx.start_on_new_page(title)
        else:
            title.paragraph_format.space_before = Pt(16)
        add_text(title, section.heading)
        ctx.mark_heading(title, "section", section.id)
        ctx.wrote()
    elif new_page:  # a form's table that is its own heading ("Annet:"), on a new page
        ctx.start_on_new_page(ctx.paragraph())
    if ctx.blank:
        pagefill.start(ctx)
    following = list(section.content[1:]) + [None]
    for content, wide, after in zip(section.content, landscape, following):
        if ctx.blank and wide != ctx.landscape:
            pagefill.fill(ctx)  # the page before the turn is full; a new region starts on the turned page
            ctx.set_landscape(wide)
            pagefill.start(ctx)
        ctx.set_landscape(wide)
        if isinstance(content, Block):
            write_block(ctx, section, content)
            if content.kind == "fields" and isinstance(after, Block):
                _keep_with_what_follows(ctx)  # "Kvartal: …" does not end a page its table starts after
            continue
        last = _text(ctx, content) if isinstance(content, Text) else _instructions(ctx, content)
        if last is not None and isinstance(after, Block):
            last.paragraph_format.keep_with_next = True  # what introduces a table stays on its page
    if ctx.blank:
        pagefill.fill(ctx)


def _keep_with_what_follows(ctx: Context) -> None:
    """The lines just written (a fields block's, as lines or as a handout's table) stay with what comes next."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    for element in reversed(list(ctx.document.element.body)):
        if element.tag == qn("w:p"):
            Paragraph(element, None).paragraph_format.keep_with_next = True  # pyright: ignore[reportArgumentType]
            if "".join(t.text or "" for t in element.iter(qn("w:t"))).strip():
                return
        elif element.tag == qn("w:tbl"):
            for paragraph in element.iter(qn("w:p")):  # every row, the last one too
                Paragraph(paragraph, None).paragraph_format.keep_with_next = True  # pyright: ignore[reportArgumentType]
            return


def _wide_block(content) -> bool:
    return (isinstance(content, Block) and content.kind not in WRITERS
            and is_wide(len(display_columns(content))) and not _short_columns(content))


def _short_columns(block: Block) -> bool:
    """Columns of a few words each (the kjøreplan's agenda: Tid, Aktivitet, …) fit a portrait page."""
    columns = display_columns(block)
    return not any(c.column.multiline for c in columns) and sum(len(c.title) for c in columns) <= SHORT_TITLES


#: Letters in all column titles together up to which a table without multi-line columns stays portrait.
SHORT_TITLES = 60


def landscape_plan(section: Section) -> list[bool]:
    """Which content items go on landscape pages: wide tables, with the text and instructions just before them.

    6.2's instructions 3-5 describe its wide plan table; they go on the
    landscape page with it rather than alone on a portrait page before it.
    """
    plan = [_wide_block(content) for content in section.content]
    for i in range(len(plan) - 1, 0, -1):
        if plan[i] and not isinstance(section.content[i - 1], Block):
            plan[i - 1] = True
    return plan


def _heading_repeats_table(section: Section) -> bool:
    """IMDi's form titles its tables "Underveis i programmet:" - no heading above saying it again."""
    wanted = _norm(section.title)
    for block in section.blocks:
        label = block.label_column
        if label is not None and _norm(label.title) == wanted:
            return True
    return False


def _norm(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(":").strip()


def _text(ctx: Context, text: Text):
    if text.style == "heading":
        heading = ctx.heading(3)
        add_text(heading, text.text)
        ctx.wrote()
        return heading
    return body(ctx, text.text, bold=text.style == "bold", italic=text.style == "italic")


def _instructions(ctx: Context, instructions: Instructions):
    last = None
    numbers = numbered_list(ctx, instructions.start) if instructions.numbered else None
    for instruction in instructions.items:
        last = item(ctx, instruction.text, list_id=numbers)
        for sub in instruction.items:
            last = item(ctx, sub, list_id=numbers, level=1)
    if last is not None:
        last.paragraph_format.space_after = Pt(8)
    return last
