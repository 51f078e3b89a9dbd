"""What every writer needs while a document is built: the inputs and the page flow.

The page flow is the one piece of shared state: whether the next paragraph
starts on a fresh page (so a heading that wants a new page does not leave an
empty one behind after a section break), and whether we are in a landscape
section (so tables are sized for the wider page).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from docx.document import Document
from docx.shared import Emu

from ...core.model.template import Template
from ...core.model.workshop import Workshop
from . import ooxml, ooxml_document, theme

if TYPE_CHECKING:
    from .pagefill import Region


@dataclass
class Context:
    document: Document
    template: Template
    workshop: Workshop
    blank: bool
    landscape: bool = False
    fresh_page: bool = True  # nothing written on the current page yet
    page_first: int = 0  # index (in the body's paragraphs and tables) of the current page's first item
    bookmarks: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)  # (kind, id) -> (name, id)
    region: Region | None = None  # a blank handout's current page region
    header_label: str = ""  # what the current Word section's header names ("2.2 – Renhold"; "" for the workshop only)
    bullet_list: int | None = None  # numId of the document's bullet list, once one is written
    _style_ids: dict[str, str] = field(default_factory=dict)

    def style_id(self, name: str) -> str:
        """A style's id from its name, looked up once per document."""
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[name].style_id
        return self._style_ids[name]

    def paragraph(self, style: str | None = None):
        """A new paragraph at the end of the body, in the named style."""
        paragraph = self.document.add_paragraph()
        if style is not None:
            ooxml.set_paragraph_style(paragraph, self.style_id(style))
        return paragraph

    def heading(self, level: int):
        return self.paragraph(f"Heading {level}")

    @property
    def text_width(self) -> Emu:
        """Usable width of the current page between the margins."""
        section = self.document.sections[-1]
        return Emu(int(section.page_width - section.left_margin - section.right_margin))  # pyright: ignore[reportOperatorIssue, reportOptionalOperand]

    def wrote(self) -> None:
        self.fresh_page = False

    def start_on_new_page(self, paragraph) -> None:
        """Begin ``paragraph`` (the newest item of the body) on a new page unless the page is still empty."""
        if not self.fresh_page:
            paragraph.paragraph_format.page_break_before = True
            if self.blank:  # only a blank handout fills its pages (pagefill)
                self.page_first = self._item_count() - 1
        self.fresh_page = False

    def _item_count(self) -> int:
        return sum(1 for _ in self.document.iter_inner_content())

    def set_landscape(self, landscape: bool) -> None:
        """Switch orientation with a new section (a new page), or do nothing if already there."""
        if landscape == self.landscape:
            return
        self.new_section(landscape)

    def new_section(self, landscape: bool):
        """A new Word section (a new page) in the given orientation; its header is the one before until set."""
        section = ooxml_document.new_section(self.document, landscape=landscape)
        self.landscape = landscape
        self.fresh_page = True
        if self.blank:
            self.page_first = self._item_count()
        return section

    def bookmark(self, kind: str, ident: str) -> str:
        key = (kind, ident)
        if key not in self.bookmarks:
            number = len(self.bookmarks) + 1
            self.bookmarks[key] = (f"_Toc{number:08d}", number)
        return self.bookmarks[key][0]

    def mark_heading(self, paragraph, kind: str, ident: str) -> None:
        """Bookmark a heading so the table of contents can point at it (only if it has an entry)."""
        key = (kind, ident)
        if key in self.bookmarks:
            name, number = self.bookmarks[key]
            ooxml_document.bookmark_paragraph(paragraph, name, number)


def is_wide(column_count: int) -> bool:
    return column_count >= theme.WIDE_TABLE_COLUMNS
