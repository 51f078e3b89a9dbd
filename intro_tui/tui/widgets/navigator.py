"""The step and section navigator on the left of the workshop screen.

Moving the highlight shows that section at once (a facilitator on a
projector wants the room to see where they are going); Enter moves the focus
into the section's first table.  Each section carries a fill mark:
○ nothing filled, ◐ partly, ● every answerable cell filled.
"""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual.reactive import reactive
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.model.copies import expand, view_of
from ...core.model.layout import section_fill
from ...core.shorten import one_line
from ...core.model.template import Section, Template
from ...core.model.workshop import Workshop
from ..keys import Key, bindings


#: The navigator's width at 80 columns; wider screens give it more (see :func:`navigator_width`).
NAVIGATOR_WIDTH = 24
#: Its width less the border, the scrollbar and the marks' columns.
TEXT_MARGIN = 5
#: From this width the navigator always shows; below it, it is a drawer (Esc).
WIDE_SCREEN = 100


def navigator_width(screen_width: int, *, choosing: bool = False) -> int:
    """24 columns at 80, about a quarter of a wide screen (33 at 120), at most 44 - and more while a
    section is being chosen (the focus in the navigator), when titles are read, not tables: half a
    narrow screen (the drawer: 40 at 80), a third of a wide one (40 at 120)."""
    if choosing:
        return max(NAVIGATOR_WIDTH, screen_width // 2 if screen_width < WIDE_SCREEN else min(48, screen_width // 3))
    return max(NAVIGATOR_WIDTH, min(44, screen_width * 28 // 100))


def _label(section: Section, width: int) -> str:
    """The section's heading cut to ``width``; a copy keeps its name: "2.2 Vurdering… – Renhold"."""
    if not section.copy_name:
        return one_line(section.heading, width)
    name = one_line(section.copy_name, max(width - len(section.base_id) - 3, 4))
    room = width - len(name) - len(section.base_id) - 4  # for the title between the number and the name
    base = f"{section.base_id} {one_line(section.title, room)}" if room >= 4 else section.base_id
    return one_line(f"{base} – {name}", width)


def fill_mark(filled: int, total: int) -> str:
    if total == 0 or filled == 0:
        return "○"
    return "●" if filled >= total else "◐"


class Navigator(OptionList):
    """Steps as headings, sections as options (option id = section id)."""

    DEFAULT_CSS = """
    Navigator {
        width: 24;
        height: 1fr;
        border: none;
        border-right: vkey $panel-lighten-2;
        padding: 0;
    }
    """

    #: Its keys (help, key bar, bindings); ^Q is the app's, named here because the bar offers it here.
    KEYS = [
        Key("enter", "select", "Åpne seksjonen (til tabellen)", "Åpne", rank=10),
        Key("right", "enter_section", "Til tabellen"),
        Key("down", "cursor_down", "Neste seksjon i lista (vises med en gang)", "Velg", rank=55, shown_as="↑↓"),
        Key("up", "cursor_up", "Forrige seksjon i lista"),
        Key("ctrl+q", "app.quit", "Avslutt", "Avslutt", rank=95),
    ]
    BINDINGS = bindings(KEYS)

    #: Ctrl+B on a narrow screen: the drawer stays open while the tables have the focus.
    pinned: reactive[bool] = reactive(False)
    #: Ctrl+B on a wide screen: hidden although there is room.
    hidden_by_choice: reactive[bool] = reactive(False)
    #: Columns it has now (set by :meth:`fit` from the screen's width).
    width_now: reactive[int] = reactive(NAVIGATOR_WIDTH)
    #: The section on screen: marked ▶ and bold, not only by a background a projector washes out.
    current: str | None = None

    def fit(self, screen_width: int, focused) -> bool:
        """Show or hide for this width and focus; True if that changed (the tables must be resized).

        At 80 columns a table beside the navigator gets 52 columns; without it,
        76.  So below :data:`WIDE_SCREEN` the navigator is a drawer: shown while
        it has the focus (Esc), closed on Enter or a chosen section, kept open
        by Ctrl+B.
        """
        if screen_width >= WIDE_SCREEN:
            wanted = not self.hidden_by_choice or focused is self
        else:
            wanted = self.pinned or focused is self
        width = navigator_width(screen_width, choosing=focused is self)
        changed = self.display != wanted or width != self.width_now
        self.width_now = width
        self.display = wanted
        return changed

    def watch_width_now(self, width: int) -> None:
        self.styles.width = width
        if self.is_mounted:
            self.rebuild()

    @property
    def text_width(self) -> int:
        return self.width_now - TEXT_MARGIN

    def toggle_pinned(self, screen_width: int) -> None:
        """Ctrl+B: pin the drawer (narrow) or hide/show the navigator (wide)."""
        if screen_width >= WIDE_SCREEN:
            self.hidden_by_choice = not self.hidden_by_choice
        else:
            self.pinned = not self.pinned

    class SectionChosen(Message):
        """``focus`` is True when the user asked to go into the section (Enter)."""

        def __init__(self, navigator: "Navigator", section_id: str, focus: bool):
            super().__init__()
            self.navigator = navigator
            self.section_id = section_id
            self.focus = focus

        @property
        def control(self) -> "Navigator":
            return self.navigator

    def __init__(self, template: Template, workshop: Workshop, **kwargs):
        super().__init__(**kwargs)
        self.template = template
        self.workshop = workshop
        self._quiet = False
        self.others: dict[str, Text] = {}

    def on_mount(self) -> None:
        self.rebuild()

    def _prompt(self, section: Section) -> Text:
        mark = fill_mark(*section_fill(section, self.workshop))
        here = section.id == self.current
        text = Text(end="", no_wrap=True)
        text.append("▶" if here else " ", "bold reverse" if here else "")
        text.append(mark + " ", "green" if mark == "●" else "yellow" if mark == "◐" else "dim")
        others = self.others.get(section.id)
        room = len(others) + 1 if others else 0
        text.append(_label(section, self.text_width - 2 - room), "bold underline" if here else "")
        if others:
            text.append(" ")
            text.append_text(others)
        return text

    def _heading(self, label: str, title: str) -> Text:
        """"STEG 4 Samarbeide med arbeidsgiver": the space after the step kept, cut to the width."""
        whole = one_line(" ".join(t for t in (label, title) if t), self.text_width + 1)
        text = Text(end="", no_wrap=True)
        text.append(whole[: len(label)], "bold")
        text.append(whole[len(label):], "bold dim")
        return text

    def set_current(self, section_id: str) -> None:
        previous, self.current = self.current, section_id
        for sid in {previous, section_id} - {None}:
            if sid in self._ids():  # a copy another session removed has no option any more
                self.replace_option_prompt(sid, self._prompt(view_of(self.template, self.workshop, sid)))

    def action_cursor_up(self) -> None:
        """↑ on the first section stays there (no wrapping round to the last one)."""
        first = next((i for i, o in enumerate(self._options) if not o.disabled), None)
        if self.highlighted is None or self.highlighted != first:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        last = max((i for i, o in enumerate(self._options) if not o.disabled), default=None)
        if self.highlighted is None or self.highlighted != last:
            super().action_cursor_down()

    def rebuild(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        options: list[Option] = []
        for part in self.template.parts:
            if part.label or part.title:
                options.append(Option(self._heading(part.label or part.title, part.title if part.label else ""),
                                      disabled=True))
            for section in expand(part.sections, self.workshop):  # a per-choice section: one line per copy
                options.append(Option(self._prompt(section), id=section.id))
        self.add_options(options)
        if highlighted is not None:
            self._quiet = True
            self.highlighted = highlighted
            self._quiet = False

    def _sections(self) -> list[Section]:
        return expand(self.template.sections, self.workshop)

    def _ids(self) -> set[str]:
        return {option.id for option in self._options if option.id}

    def sync_copies(self, workshop: Workshop) -> None:
        """List the copies ``workshop`` has (one added or removed by an undo), before one is marked."""
        if [s.id for s in expand(self.template.sections, workshop)] != [o.id for o in self._options if o.id]:
            self.update_marks(workshop)

    def update_marks(self, workshop: Workshop, only: Collection[str] | None = None) -> None:
        """Count the fill marks again: of every section, or ``only`` those a save changed.

        A line is replaced only when it reads otherwise: each replacement has the list measured and drawn again.
        """
        self.workshop = workshop
        sections = self._sections()
        if [s.id for s in sections] != [o.id for o in self._options if o.id]:  # a copy added or removed
            self.rebuild()
            return
        for section in sections:
            if only is None or section.id in only:
                prompt = self._prompt(section)
                if self.get_option(section.id).prompt != prompt:
                    self.replace_option_prompt(section.id, prompt)

    def mark_others(self, by_section: dict[str, Text]) -> None:
        """Show the others' initials on the sections where they are (presence, see tui/room_view.py)."""
        changed = {sid for sid in set(by_section) | set(self.others) if by_section.get(sid) != self.others.get(sid)}
        self.others = by_section
        for section in self._sections():
            if section.id in changed:
                self.replace_option_prompt(section.id, self._prompt(section))

    def select_section(self, section_id: str) -> None:
        if section_id not in self._ids():  # a copy this session has not read yet
            return
        self._quiet = True
        try:
            self.highlighted = self.get_option_index(section_id)
        finally:
            self._quiet = False

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        # A highlight moved on since (select_section twice in a row: following a leader) is stale.
        if not self._quiet and event.option.id and event.option_index == self.highlighted:
            self.post_message(self.SectionChosen(self, event.option.id, focus=False))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.SectionChosen(self, event.option.id, focus=True))

    def action_enter_section(self) -> None:
        if self.highlighted is not None:
            option = self.get_option_at_index(self.highlighted)
            if option.id:
                self.post_message(self.SectionChosen(self, option.id, focus=True))
