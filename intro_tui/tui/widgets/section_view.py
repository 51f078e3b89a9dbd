"""One section on screen: breadcrumb, foldable instructions, then each block's editor.

A ``SectionView`` is built the first time a section is shown and kept,
hidden, while others are shown (:class:`BuiltViews`, see
``WorkshopScreen.show_section``): building one (its tables, their styles)
is most of what a section change costs, and a room of 60 followers pays it
in every session on each of the leader's section moves.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Region, Spacing
from textual.message import Message
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import Collapsible, Static

from ...core.model.template import Instructions, Section
from ...core.model.template import Text as TemplateText
from ...core.session import EditSession
from .block_table import BlockTable
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

    def __init__(self, block_id: str, visible: bool, *, agenda: bool = False):
        words = "Ingen rader ennå – Insert eller Ctrl+N legger til en rad."
        if agenda:  # the kjøreplan's agenda: an example to start from, and how the meeting runs
            words = "Ingen punkter ennå – Insert legger til, Ctrl+A gir et eksempel, F9 starter møtet."
        super().__init__(Text(words), classes="empty-hint")
        self.block_id = block_id
        self.display = visible


class SectionView(VerticalScroll):
    """One section: breadcrumb, foldable instructions, then each block's editor.

    The instructions box shows at least :attr:`BOX_LINES` lines and grows to
    its text as far as the first table keeps its header and :attr:`ROW_LINES`
    lines of rows on screen (and the row detail its usual room): at 120x40
    1.3's whole text shows, at 80x24 the box stays at five lines and F4 reads
    the rest (``screens/instructions.py``).
    """

    BOX_LINES = 5
    ROW_LINES = 8
    DETAIL_LINES = 3

    class InstructionsFitted(Message):
        """The box has (a new) height: whether it cuts its text may have changed (the key bar's F4)."""

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
                yield EmptyHint(block.id, not block.rows and not workshop.rows_added(section.id, block.id),
                                agenda=block.kind == "agenda")

    def on_resize(self) -> None:
        self.fit_instructions()

    def fit_instructions(self) -> None:
        """Give the box the lines the first table does not need (never fewer than :attr:`BOX_LINES`)."""
        boxes, tables = self.query(Collapsible), self.query(BlockTable)
        if not boxes or not self.size.height:
            return
        contents = boxes.first().query(Collapsible.Contents)
        if not contents:
            return
        lines = self.BOX_LINES
        if tables:
            table = tables.first()
            above = 0
            for child in self.children:  # the crumbs, the box's title, the first block's title
                if child is table:
                    break
                if child is not self.detail:
                    above += 1 if child is boxes.first() else child.outer_size.height
            rows = min(table.virtual_size.height, table.header_height + self.ROW_LINES)
            notes = table.notes.outer_size.height if table.notes is not None else 0
            lines = max(lines, self.size.height - above - rows - notes - self.DETAIL_LINES)
        shown = contents.first().styles.max_height
        if shown is None or shown.cells != lines:
            contents.first().styles.max_height = lines
        self.call_after_refresh(self.post_message, self.InstructionsFitted())

    def show_cursor(self, table: BlockTable) -> None:
        """Scroll so the table's cursor row is on screen whole, above the row detail, with the heading rows
        right above it (and, on the table's first row, its title and header); again once laid out, when
        the row detail has its new height and a section just opened has its final layout."""
        self._show_cursor(table)
        self.call_after_refresh(self._show_cursor, table)

    def _show_cursor(self, table: BlockTable) -> None:
        if not table.is_attached or table.row_count == 0 or not self.is_attached or not table.has_focus:
            return  # a table that is not where the user is (its cursor set as it was built) moves nothing
        if table.parent is not self:
            return  # a late event of the section left, this one still being built (no detail yet): not ours
        top, height = table.cursor_lines()
        headings = table.heading_lines_above()
        top, height = top - headings, height + headings
        x, y = table.virtual_region.x, table.virtual_region.y
        if table.cursor_coordinate.row <= table.first_row():  # the header, title and heading rows too
            region = Region(x, max(y - 3, 0), 1, max(top, 0) + height + min(y, 3))
        else:
            region = Region(x, y + max(top, 0), 1, height)
        crumbs = self.query(".section-title")
        below = self.detail.outer_size.height if self.detail.display else 0
        spacing = Spacing(top=crumbs.first().outer_size.height if crumbs else 0, bottom=below)
        if region.height > self.scrollable_content_region.height - spacing.top - spacing.bottom:
            region = Region(x, y + max(top, 0), 1, height)  # no room for the title and header too: the row first
        self.scroll_to_region(region, animate=False, spacing=spacing, immediate=True)
        table.check_row_on_screen()  # scrolled: the row detail says the whole row if it is still cut

    def instructions_cut(self) -> bool:
        """The instructions box is open but shows only part of its text."""
        for box in self.query(Collapsible):
            contents = box.query(Collapsible.Contents)  # none yet while the box is being composed
            if not box.collapsed and contents and contents.first().max_scroll_y > 0:
                return True
        return False


class BuiltViews:
    """Section views built before, hidden; at most :attr:`LIMIT`, the least recently shown dropped."""

    LIMIT = 8

    def __init__(self) -> None:
        self._views: dict[str, SectionView] = {}

    def take(self, section_id: str, width: int, instructions_open: bool) -> SectionView | None:
        """The kept view of this section, shown again - if it was built for this width and still attached."""
        view = self._views.pop(section_id, None)
        if view is None:
            return None
        if not view.is_attached:
            return None
        view.width_for_tables = width
        for table in view.query(BlockTable):  # the screen was resized (or the navigator opened) meanwhile
            if table.available_width != width:
                table.available_width = width
                table.build()
        if view.instructions_open != instructions_open:
            view.instructions_open = instructions_open
            for collapsible in view.query(Collapsible):
                collapsible.collapsed = not instructions_open
        view.display = True
        return view

    def keep(self, view: SectionView) -> None:
        """Hide a view that was on screen; the oldest kept one goes if there are too many."""
        view.display = False
        self._views.pop(view.section.id, None)
        self._views[view.section.id] = view
        while len(self._views) > self.LIMIT:
            oldest = next(iter(self._views))
            self._views.pop(oldest).remove()


def when_shown(screen: Screen, view: SectionView | None, mounting: AwaitMount | None,
               callback: Callable[..., object], *args: object) -> None:
    """Call ``callback(*args)`` on ``screen`` once the section ``view`` on it has mounted its tables.

    A refresh alone is not enough: on a loaded machine (sixty sessions on two cores) the first
    refresh can come before a newly built view has composed its tables, and a focus or cursor
    move made then is lost - a follower with no focus until a key press. A view replaced
    meanwhile drops the call (``screen.section_view`` is another): whoever replaced it scheduled
    their own.
    """
    if view is None or view.is_mounted or mounting is None:
        screen.call_after_refresh(callback, *args)
        return

    def current() -> bool:
        return getattr(screen, "section_view", None) is view

    async def when_mounted() -> None:
        await mounting
        if current():
            screen.call_after_refresh(callback, *args)

    def after_refresh() -> None:  # mounted by now, nearly always: then at once
        if not current():
            return
        tables = list(view.query(BlockTable))
        if view.is_mounted or (tables and all(table.is_attached for table in tables)):
            callback(*args)
        else:
            screen.run_worker(when_mounted(), group="section-shown")

    screen.call_after_refresh(after_refresh)
