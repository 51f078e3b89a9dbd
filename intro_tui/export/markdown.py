"""Markdown export: the template's structure with GitHub tables (tabulate).

Follows the same order as the Word export - heading, steps with their
*Verktøy* list, sections with intro, instructions and tables - so a reader of
either sees the same document.
"""

from __future__ import annotations

import re

from tabulate import tabulate

from ..core.model.copies import copies_of
from ..core.model.layout import block_rows
from ..core.model.template import Block, Instructions, Section, Template, Text
from ..core.model.column_types import format_cell
from ..core.model.workshop import Workshop
from .files import select_parts
from .tables import block_grid, plan_areas


def md_escape(text: str) -> str:
    """User text inside markdown: no table breaks, no accidental markup."""
    text = text.replace("\\", "\\\\")
    for char in "|*_`[]<>#":
        text = text.replace(char, "\\" + char)
    return text.replace("\t", " ").replace("\n", "<br>")


def render_markdown(template: Template, workshop: Workshop, *, blank: bool = False,
                    step: str | None = None, section: str | None = None, groups: bool = False) -> str:
    """``groups``: the group drafts as an appendix (filled) or one copy per group (blank), see group_pages."""
    from .group_pages import APPENDIX, appendix_sections, per_group_selection

    out: list[str] = []
    title = template.full_title or template.title
    out.append(f"# {md_escape(title)}")
    out.append("")
    facts = [f"Kommune: {md_escape(workshop.kommune)}" if workshop.kommune else "",
             f"Verksted: {md_escape(workshop.title)}" if workshop.title and not blank else "",
             f"År: {workshop.year}" if workshop.year else ""]
    line = " · ".join(f for f in facts if f)
    if line:
        out += [line, ""]
    selection = select_parts(template, step, section, workshop)
    if groups and blank:
        selection = per_group_selection(template, workshop, selection)
        if not selection:
            from .destination import ExportFailed

            raise ExportFailed("verkstedet har ingen grupper med en seksjon i det som eksporteres")
    for part, sections in selection:
        if part.label or part.title:
            out.append(f"## {md_escape(' – '.join(t for t in (part.label, part.title) if t))}")
            out.append("")
        if part.tools and section is None:
            out.append(f"**{md_escape(part.tools_title or 'Verktøy')}**")
            out.append("")
            out += [f"- {md_escape(_tool(part, tool, workshop))}" for tool in part.tools]
            out.append("")
        for sec in sections:
            out += _section(sec, workshop, blank)
    drafts = appendix_sections(template, workshop, selection) if groups and not blank else []
    if drafts:
        out += [f"## {APPENDIX}", ""]
        for sec in drafts:
            out += _section(sec, workshop, blank)
    return "\n".join(out).rstrip() + "\n"


def _tool(part, tool: str, workshop: Workshop) -> str:
    """A Verktøy line; a section filled per bransje/tiltak names its copies: "2.2 Mal for … (Renhold, Helse)"."""
    match = re.match(r"(\d+\.\d+)\.?\s", tool)
    section = next((s for s in part.sections if match and s.id == match[1]), None)
    names = [view.copy_name for view in copies_of(section, workshop)] if section is not None else []
    return f"{tool} ({', '.join(names)})" if len(names) > 1 else tool


def _section(section: Section, workshop: Workshop, blank: bool) -> list[str]:
    out = [f"### {md_escape(section.heading)}", ""]
    for item in section.content:
        if isinstance(item, Text):
            text = md_escape(item.text)
            out.append({"italic": f"*{text}*", "bold": f"**{text}**", "heading": f"#### {text}"}.get(item.style, text))
            out.append("")
        elif isinstance(item, Instructions):
            for i, instruction in enumerate(item.items):
                marker = f"{item.start + i}." if item.numbered else "-"
                out.append(f"{marker} {md_escape(instruction.text)}")
                out += [f"   - {md_escape(sub)}" for sub in instruction.items]
            out.append("")
        else:
            out += _block(section, item, workshop, blank)
    return out


def _block(section: Section, block: Block, workshop: Workshop, blank: bool) -> list[str]:
    out: list[str] = []
    if block.title:
        prompt = f" *{md_escape(block.title_prompt)}*" if block.title_prompt else ""
        out += [f"**{md_escape(block.title)}**{prompt}", ""]
    return out + WRITERS.get(block.kind, _table)(section, block, workshop, blank) + [""]


def _link(section: Section, block: Block, workshop: Workshop, blank: bool) -> list[str]:
    view = block_rows(section, block, None if blank else workshop)[0]
    url = block.url if blank else format_cell(block.columns[1], view.row, view.value(workshop, block.columns[1]))
    out = [f"[{md_escape(block.link_text or url)}]({url.replace(')', '%29')})"]
    if block.url_intro:
        out += ["", md_escape(block.url_intro), "", f"<{url}>"]
    return out


def _fields(section: Section, block: Block, workshop: Workshop, blank: bool) -> list[str]:
    out = []
    for view in block_rows(section, block, None if blank else workshop):
        value = "" if blank else format_cell(block.columns[1], view.row, view.value(workshop, block.columns[1]))
        prompt = view.row.prompt if not value else ""
        shown = md_escape(value) if value else (f"*{md_escape(prompt)}*" if prompt else "…………")
        out.append(f"**{md_escape(view.row.label)}:** {shown}  ")
    return out


def _list(section: Section, block: Block, workshop: Workshop, blank: bool) -> list[str]:
    out = []
    for view in block_rows(section, block, None if blank else workshop):
        value = "" if blank else format_cell(block.columns[0], view.row, view.value(workshop, block.columns[0]))
        out.append(f"- {md_escape(value)}" if value else "- ")
    return out


def _goal_plan(section: Section, block: Block, workshop: Workshop, blank: bool) -> list[str]:
    """As the booklet prints it (and the Word export): each Område a heading, then Delmål/Tiltak lines."""
    grid = block_grid(section, block, workshop, blank=blank)
    titles = {shown.column.id: shown.title for shown in grid.columns}
    if blank:
        return [f"**{titles['omrade']}:** …………", "", f"- **{titles['delmal']}:** …………",
                f"- **{titles['tiltak']}:** …………", f"- **{titles['tiltak']}:** …………"]
    out: list[str] = []
    for area, lines in plan_areas(grid, titles):
        if area:
            out += [f"**{md_escape(area)}**", ""]
        out += [f"- **{md_escape(label)}:** {md_escape(text)}" for label, text in lines]
        out.append("")
    return out[:-1] if out else ["*Ingen delmål eller tiltak er fylt inn ennå.*"]


def _table(section: Section, block: Block, workshop: Workshop, blank: bool) -> list[str]:
    """Every kind without a layout of its own: a GitHub table of the block's grid."""
    grid = block_grid(section, block, workshop, blank=blank)
    goal = next((i for i, shown in enumerate(grid.columns) if shown.column.type == "indicator"), None)
    rows = []
    for row in grid.rows:
        cells = [md_escape(c) for c in row.cells]
        hint = row.view.row.hint if row.view is not None else ""
        if goal is not None and hint and not row.cells[goal].strip():
            cells[goal] = f"*{md_escape(hint)}*"  # as the form (and the Word export) shows it in the Mål cell
        if cells:
            marker = row.view.row.marker if row.view is not None else ""
            label = md_escape(f"{marker} {row.cells[0]}" if marker and block.label_column else row.cells[0])
            if row.group:
                label = f"**{label}**"
            elif row.italic_label:
                label = f"*{label}*"
            cells[0] = label
        rows.append(cells)
    return [tabulate(rows, headers=[md_escape(h) for h in grid.headers], tablefmt="github", disable_numparse=True)]


#: Kinds with a layout of their own; the rest are written as tables.
WRITERS = {"link": _link, "fields": _fields, "list": _list, "goal-plan": _goal_plan}
