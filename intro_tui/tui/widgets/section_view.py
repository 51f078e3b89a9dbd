"""One section on screen: breadcrumb, foldable instructions, then each block's editor.

A fresh ``SectionView`` is mounted for every section shown (see
``WorkshopScreen.show_section``), so nothing of the previous section lingers.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Collapsible, Static

from ...core.model.template import Instructions, Section, Text as TemplateText
from ...core.session import EditSession
from .kind_tables import editor_for
from .table_notes import RowDetail, TableNotes


def instructions_text(section: Section) -> Text:
    """The section's intro and instructions, literally, as one Text."""
    text = Text(end="")
    for item in section.content:
        if isinstance(item, TemplateText):
            style = {"italic": "italic", "bold": "bold", "heading": "bold"}.get(item.style, "")
            text.append(item.text + "\n", style)
        elif isinstance(item, Instructions):
            for i, instruction in enumerate(item.items):
                marker = f"{item.start + i}. " if item.numbered else "• "
                text.append(marker + instruction.text + "\n")
                for sub in instruction.items:
                    text.append("   – " + sub + "\n")
    text.rstrip()
    return text


class EmptyHint(Static):
    """Shown under a table that has no rows yet: how to add one."""

    def __init__(self, block_id: str, visible: bool):
        super().__init__(Text("Ingen rader ennå – Insert eller Ctrl+N legger til en rad."), classes="empty-hint")
        self.block_id = block_id
        self.display = visible


class SectionView(VerticalScroll):
    """One section: breadcrumb, foldable instructions, then each block's editor."""

    def __init__(self, section: Section, session: EditSession, width: int, instructions_open: bool):
        super().__init__(classes="section-pane")
        self.section = section
        self.session = session
        self.width_for_tables = width
        self.instructions_open = instructions_open

    def compose(self) -> ComposeResult:
        section, workshop = self.section, self.session.workshop
        part = self.session.template.part_of(section.id)
        crumbs = " › ".join(t for t in (part.label or part.title, section.heading) if t)
        yield Static(Text(crumbs, style="bold"), classes="section-title")
        self.detail = RowDetail()  # docked at the foot: the current row in full stays on screen
        yield self.detail
        instructions = instructions_text(section)
        if instructions.plain:
            yield Collapsible(Static(instructions, classes="instructions"), title="Instruksjoner",
                              collapsed=not self.instructions_open, classes="instructions-box")
        for block in section.blocks:
            if block.title:
                heading = Text(block.title, style="bold", end="")
                if block.title_prompt:
                    heading.append(" " + block.title_prompt, "italic dim")
                yield Static(heading, classes="block-title")
            if block.kind == "link" and block.link_text:
                yield Static(Text(block.link_text, style="underline"), classes="block-title")
            table = editor_for(section, block, workshop, self.width_for_tables)
            if any(column.group for column in block.columns):  # 6.2: "Opplæring" over three columns
                table.group_header = Static("", classes="column-groups")
                yield table.group_header
            yield table
            table.notes = TableNotes()  # the units' legend and the columns collapsed for width
            table.detail = self.detail
            yield table.notes
            if block.add_rows:
                yield EmptyHint(block.id, not block.rows and not workshop.rows_added(section.id, block.id))
