"""The document around the content: page setup, styles, properties, header and footer, cover, contents.

python-docx starts from its own default template (US Letter, author
"python-docx", dates from 2013); everything a reader or a file manager sees
of that is replaced here.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

from ...core.model.template import Template
from ...core.model.workshop import Workshop
from ...core.shorten import cut
from . import headers, ooxml_document, theme
from .context import Context
from .paragraphs import INDENT, ITEM_STYLES, writing_line
from .text import add_text, clean

LANGUAGE = "nb-NO"
APPLICATION = "intro-tui"
COVER_LINE = Cm(11)  # how far a line to write kommune or year on reaches
_MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember")


def norwegian_date(day: date) -> str:
    """5. mai 2026"""
    return f"{day.day}. {_MONTHS[day.month - 1]} {day.year}"


# -- the empty document ---------------------------------------------------------------


def new_document() -> DocxDocument:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = theme.PAGE_WIDTH, theme.PAGE_HEIGHT
    section.left_margin = section.right_margin = theme.MARGIN_SIDE
    section.top_margin, section.bottom_margin = theme.MARGIN_TOP, theme.MARGIN_BOTTOM
    section.header_distance = section.footer_distance = Cm(1.0)
    ooxml_document.set_language(document, LANGUAGE)
    ooxml_document.set_locale(document, LANGUAGE, decimal=",", list_separator=";")  # as Norwegian Word writes them
    ooxml_document.set_application(document, APPLICATION)
    ooxml_document.drop_leftover_parts(document)
    ooxml_document.set_default_spacing(document, after_twips=80, line=252)  # 4 pt after, 1.05 lines
    _styles(document)
    return document


def _styles(document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = theme.FONT
    ooxml_document.set_default_size(document, theme.BODY_SIZE.pt)  # not on Normal: tables keep their own size
    for name, size, before, after in (("Heading 1", 20, 0, 6), ("Heading 2", 14, 0, 8), ("Heading 3", 11.5, 10, 4)):
        style = styles[name]
        style.font.name = theme.FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = theme.ACCENT
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.font.name = theme.FONT
    title.font.size = Pt(20)
    title.font.color.rgb = theme.ACCENT
    for name in ("Header", "Footer"):
        styles[name].font.size = theme.SMALL_SIZE
        styles[name].font.color.rgb = theme.MUTED
    body = styles["Body Text"]
    body.paragraph_format.space_after = Pt(6)
    for level, name in enumerate(ITEM_STYLES):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        indent = INDENT * (level + 1)
        style.paragraph_format.left_indent = indent
        style.paragraph_format.first_line_indent = -INDENT
        style.paragraph_format.tab_stops.add_tab_stop(indent)
        style.paragraph_format.space_after = Pt(3)
    table = styles.add_style("Intro Tabell", WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Table Grid"]
    table.font.size = theme.TABLE_SIZE
    table.paragraph_format.space_before = Pt(2)
    table.paragraph_format.space_after = Pt(2)
    table.paragraph_format.line_spacing = 1.0
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.font.color.rgb = theme.LINK
    for level in (1, 2):  # Word's built-in names, so a refreshed TOC uses them too
        toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = normal
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(2 if level == 2 else 4)
        toc.paragraph_format.space_before = Pt(6 if level == 1 else 0)
        # no dot leader: where Word shows no number yet, dots would lead to nothing
        toc.paragraph_format.tab_stops.add_tab_stop(Cm(17.0), WD_TAB_ALIGNMENT.RIGHT)
        toc.font.bold = level == 1


# -- properties -------------------------------------------------------------------------


def set_properties(document, template: Template, workshop: Workshop, *, blank: bool, now: datetime) -> None:
    props = document.core_properties
    title = workshop.title if workshop.title and workshop.title.strip() else template.title  # blank: the meeting's
    props.title = _prop(title)
    props.subject = _prop(template.title)
    author = _prop(workshop.kommune).strip() or "intro-tui"
    props.author = author
    props.last_modified_by = author
    props.created = now
    props.modified = now  # never printed: no "last printed" date
    props.revision = 1
    props.language = LANGUAGE
    props.keywords = _prop(f"introduksjonsprogram; {template.publisher}; {template.id}")
    props.comments = _prop(template.description)
    props.category = "Blankett" if blank else "Utfylt mal"


#: python-docx refuses core properties longer than this (a title from an old file or an import may be).
MAX_PROPERTY_CHARS = 255


def _prop(text: str) -> str:
    """A core property: cleaned, one line, cut to what Word's properties hold."""
    value = " ".join(clean(text).split())
    return cut(value, MAX_PROPERTY_CHARS)


def local_today() -> date:
    return datetime.now().astimezone().date()


def utc_now() -> datetime:
    """Core properties are stored in UTC (python-docx writes the value as given, with a Z)."""
    return datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)


# -- header and footer ----------------------------------------------------------------------


def add_header_footer(ctx: Context, *, cover: bool, label: str = "") -> None:
    """Header: the workshop's title and kommune (and ``label``, see :mod:`.headers`); footer: "Side N".  None on the cover page."""
    section = ctx.document.sections[0]
    section.different_first_page_header_footer = cover
    headers.fill(ctx, section.header, label)
    ctx.header_label = label
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(footer, "Side ")
    ooxml_document.add_field(footer, "PAGE", "1")


# -- cover, contents, form heading ---------------------------------------------------------------


def cover_kind(template: Template) -> str:
    """'Oppgavemaler – arbeidsrettet løp' -> 'OPPGAVEMALER', as on Rambøll's cover."""
    return template.title.split(" – ")[0].split(" - ")[0].strip().upper()


def add_cover(ctx: Context, today: date) -> None:
    """Cover page: OPPGAVEMALER, the model's full title, then kommune, workshop and date."""
    document, template, workshop = ctx.document, ctx.template, ctx.workshop
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_before = Cm(5)
    kind = document.add_paragraph()
    add_text(kind, cover_kind(template), bold=True, size=Pt(30), color=theme.ACCENT)
    kind.paragraph_format.space_after = Pt(18)
    full = document.add_paragraph()
    add_text(full, template.full_title or template.title, bold=True, size=Pt(16), color=theme.ACCENT)
    full.paragraph_format.space_after = Pt(48)
    lines = [("Kommune", workshop.kommune, True),
             ("Arbeidsmøte", workshop.title, False),
             ("År", str(workshop.year) if workshop.year else "", True),
             ("Enheter", ", ".join(workshop.units), False),
             ("Dato", norwegian_date(today), False)]
    for label, value, to_write in lines:
        value = clean(value).strip()
        if not value and not to_write:
            continue
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(10 if not value else 6)
        add_text(paragraph, f"{label}: ", bold=True, size=Pt(12))
        if value:
            add_text(paragraph, value, size=Pt(12))
        else:  # not set yet: a line to write it on by hand
            writing_line(paragraph, COVER_LINE)
    if ctx.blank:
        paragraph = document.add_paragraph()
        add_text(paragraph, "Utgave til utfylling for hånd", italic=True, size=Pt(12), color=theme.MUTED)
    if template.colophon:  # the publisher's lines, as on the original's title page
        for i, line in enumerate(template.colophon):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.space_before = Cm(3) if i == 0 else Pt(0)
            paragraph.paragraph_format.space_after = Pt(0)
            add_text(paragraph, line, size=theme.SMALL_SIZE, color=theme.MUTED, bold=i == 0)
    else:
        source = document.add_paragraph()
        source.paragraph_format.space_before = Cm(4)
        add_text(source, f"Mal: {template.publisher}" if template.publisher else "", size=theme.SMALL_SIZE,
                 color=theme.MUTED)
    ctx.wrote()


def add_contents(ctx: Context, entries: list[tuple[int, str, str]]) -> None:
    """INNHOLDSFORTEGNELSE: each heading linked to its place, its page number a PAGEREF field.

    Not a TOC field: LibreOffice shows a TOC field's cached lines as they are,
    and Word only rebuilds one after asking "This document contains fields
    that may refer to other files" on every open.  A PAGEREF outside a TOC is
    laid out by LibreOffice (and its PDF) with the right page; Word leaves it
    empty until fields are updated (F9), so a number is missing, never wrong.
    """
    document = ctx.document
    heading = document.add_paragraph()
    ctx.start_on_new_page(heading)
    add_text(heading, "INNHOLDSFORTEGNELSE", bold=True, size=Pt(16), color=theme.ACCENT)
    heading.paragraph_format.space_after = Pt(12)
    for level, text, bookmark in entries:
        paragraph = ctx.paragraph(f"toc {level}")
        ooxml_document.add_internal_link(paragraph, clean(text), bookmark)
        add_text(paragraph, "\t")
        ooxml_document.add_page_ref(paragraph, bookmark)


def add_form_head(ctx: Context) -> None:
    """A form (IMDi): its title, then "År: 2026" (or "År: (sett inn)"), kommune and workshop."""
    document, template, workshop = ctx.document, ctx.template, ctx.workshop
    title = ctx.paragraph("Title")
    add_text(title, template.full_title or template.title)
    year = document.add_paragraph()
    add_text(year, "År: ", bold=True)
    add_text(year, str(workshop.year) if workshop.year else "(sett inn)")
    facts = [("Kommune", workshop.kommune), ("Arbeidsmøte", workshop.title), ("Enheter", ", ".join(workshop.units))]
    for label, value in facts:
        if value and value.strip():
            paragraph = document.add_paragraph()
            add_text(paragraph, f"{label}: ", bold=True)
            add_text(paragraph, value)
    document.add_paragraph().paragraph_format.space_after = Pt(2)
    ctx.wrote()


def add_part_head(ctx: Context, today: date) -> None:
    """Heading of a one-step or one-section export of a stepped template (no cover, no contents)."""
    document, template, workshop = ctx.document, ctx.template, ctx.workshop
    title = document.add_paragraph()
    add_text(title, template.title, bold=True, size=Pt(13), color=theme.ACCENT)
    title.paragraph_format.space_after = Pt(2)
    facts = [workshop.kommune, workshop.title, norwegian_date(today)]
    line = document.add_paragraph()
    add_text(line, " · ".join(clean(f).replace("\n", " ") for f in facts if f and f.strip()), color=theme.MUTED)
    line.paragraph_format.space_after = Pt(12)
    ctx.wrote()

