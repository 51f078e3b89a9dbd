"""WordprocessingML below python-docx's API, for the document as a whole: fields, links, sections, settings, parts.

The other half of :mod:`.ooxml` (runs, cells, tables); together they are the
only modules that touch the XML directly.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .ooxml import _text


# -- fields ---------------------------------------------------------------------------


def _run(paragraph_element, *children):
    run = OxmlElement("w:r")
    for child in children:
        run.append(child)
    paragraph_element.append(run)
    return run


def _fld_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _instr(text: str):
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = f" {text} "
    return element


def add_field(paragraph, instruction: str, cached: str = "") -> None:
    """A complex field (PAGE, NUMPAGES, …) at the end of ``paragraph``, showing ``cached`` until updated."""
    p = paragraph._p
    _run(p, _fld_char("begin"))
    _run(p, _instr(instruction))
    _run(p, _fld_char("separate"))
    if cached:
        _run(p, _text(cached))
    _run(p, _fld_char("end"))


def add_internal_link(paragraph, text: str, bookmark: str) -> None:
    """``text`` at the end of ``paragraph``, linked to a bookmark in the document (a contents line, a tool)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    _run(link, _text(text))


def add_page_ref(paragraph, bookmark: str) -> None:
    """The page a bookmark lands on: a PAGEREF field with nothing cached.

    The page is only known after layout.  LibreOffice (and its PDF) computes
    a PAGEREF outside a TOC field when it lays the page out; Word shows the
    cached result until the reader updates fields (F9) - an empty one, so a
    number is missing rather than wrong, and nothing asks to update on opening.
    """
    add_field(paragraph, f"PAGEREF {bookmark} \\h", "")


# -- bookmarks and hyperlinks ---------------------------------------------------------


def bookmark_paragraph(paragraph, name: str, bookmark_id: int) -> None:
    """Wrap the paragraph's content in a bookmark (the target of a TOC entry)."""
    p = paragraph._p
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    p_pr = p.find(qn("w:pPr"))
    if p_pr is not None:
        p_pr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def add_hyperlink(paragraph, url: str, text: str, *, style_id: str | None = "Hyperlink",
                  color: str = "0563C1") -> None:
    """An external hyperlink run at the end of ``paragraph`` (blue, underlined)."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    if style_id:
        r_style = OxmlElement("w:rStyle")
        r_style.set(qn("w:val"), style_id)
        r_pr.append(r_style)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), color)
    r_pr.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    r_pr.append(underline)
    run.append(r_pr)
    run.append(_text(text))
    link.append(run)
    paragraph._p.append(link)


# -- sections and document settings ------------------------------------------------------


def new_section(document, *, landscape: bool):
    """Start a new page section in the given orientation (orientation set and width/height swapped)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    width, height = section.page_width, section.page_height
    if landscape != (width > height):
        section.page_width, section.page_height = height, width
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.different_first_page_header_footer = False  # only the cover goes without header and footer
    return section


def _doc_default(document, path: str, tag: str):
    """The ``tag`` element under a docDefaults ``path`` (created if missing), or None without defaults."""
    parent = document.styles.element.find("/".join(qn(part) for part in path.split("/")))
    if parent is None:
        return None
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    return element


def set_language(document, language: str) -> None:
    """The proofing language of all text (``w:lang`` in the style defaults)."""
    lang = _doc_default(document, "w:docDefaults/w:rPrDefault/w:rPr", "w:lang")
    if lang is not None:
        lang.set(qn("w:val"), language)
        lang.set(qn("w:eastAsia"), language)


def set_default_size(document, size_pt: float) -> None:
    """The text size of the document defaults, beneath the table style.

    Set here rather than on Normal: a size on the paragraph style would win
    over the table style's smaller size in both Word and LibreOffice.
    """
    for tag in ("w:sz", "w:szCs"):
        element = _doc_default(document, "w:docDefaults/w:rPrDefault/w:rPr", tag)
        if element is not None:
            element.set(qn("w:val"), str(round(size_pt * 2)))


def set_default_spacing(document, *, after_twips: int, line: int = 240) -> None:
    """Paragraph spacing in the document defaults (the template has 10 pt after and 1.15 lines)."""
    spacing = _doc_default(document, "w:docDefaults/w:pPrDefault/w:pPr", "w:spacing")
    if spacing is not None:
        spacing.set(qn("w:after"), str(after_twips))
        spacing.set(qn("w:line"), str(line))
        spacing.set(qn("w:lineRule"), "auto")


# -- package parts: what the file says about itself --------------------------------------

_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            '<Application>{app}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
            '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>'
            '<HyperlinksChanged>false</HyperlinksChanged></Properties>')


def set_application(document, name: str) -> None:
    """docProps/app.xml names the program that wrote the file (the default says "Microsoft Macintosh Word")."""
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _APP_XML.format(app=escape(name)).encode("utf-8")


_LEFTOVERS = (RT.THUMBNAIL, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
              RT.CUSTOM_XML)  # the default template's empty bibliography (b:Sources)


def drop_leftover_parts(document) -> None:
    """Unwritten: the default template's blank preview picture, Word 2010's en-US stylesWithEffects.xml,
    and its empty bibliography part (customXml/item1.xml)."""
    for owner in (document.part.package, document.part):
        for r_id, rel in list(owner.rels.items()):
            if rel.reltype in _LEFTOVERS:
                owner.rels.pop(r_id)


def set_locale(document, language: str, decimal: str, list_separator: str) -> None:
    """settings.xml: the language of theme fonts, the decimal symbol and list separator Word uses in fields.

    Also drops ``w:savePreviewPicture`` (Word would store a new thumbnail on save).
    """
    settings = document.settings.element
    for tag, values in (("w:themeFontLang", {"w:val": language}), ("w:decimalSymbol", {"w:val": decimal}),
                        ("w:listSeparator", {"w:val": list_separator})):
        element = settings.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            settings.append(element)  # python-docx's default settings have all three; a fallback only
        element.attrib.clear()
        for key, value in values.items():
            element.set(qn(key), value)
    preview = settings.find(qn("w:savePreviewPicture"))
    if preview is not None:
        settings.remove(preview)
