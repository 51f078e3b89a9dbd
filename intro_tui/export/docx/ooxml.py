"""The only module that reaches below python-docx's API into WordprocessingML.

python-docx has no API for cell shading, repeated header rows, fields (page
numbers and page references), hyperlinks, bookmarks, right-to-left text, the
document language or the package's own description of itself (DESIGN.md,
pitfalls).  Each helper here adds exactly the element Word writes
itself, in the position the schema wants it, so Word and LibreOffice both
open the file without a repair prompt.  Nothing else in the package imports
``docx.oxml``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# Children of w:tcPr that must come after w:shd (ECMA-376 §17.4.70, CT_TcPr order).
_TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                   "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
# Children of w:pPr that must come after w:bidi.
_PPR_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                   "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                   "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                   "w:pPrChange")
# Children of w:trPr that must come after w:tblHeader.
_TRPR_AFTER_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
# Children of w:tblPr that must come after w:tblBorders.
_TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                        "w:tblDescription", "w:tblPrChange")


def _insert_before(parent, child, successors: tuple[str, ...]) -> None:
    """Insert ``child`` before the first existing successor, else append it."""
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


# -- styles by id ---------------------------------------------------------------------
# python-docx resolves a style *name* on every assignment by scanning all styles (and
# again to see whether it is the default): a third of the export's time.  The writers
# look each id up once (Context.style_id) and set it here.


def set_paragraph_style(paragraph, style_id: str) -> None:
    paragraph._p.style = style_id


def style_id_of(paragraph) -> str | None:
    p_pr = paragraph._p.pPr
    return p_pr.style if p_pr is not None else None


def set_table_style(table, style_id: str) -> None:
    table._tbl.tblPr.style = style_id


# -- runs ----------------------------------------------------------------------------


def append_run(paragraph, text: str, *, bold: bool = False, italic: bool = False, size_pt: float | None = None,
               color: str | None = None, rtl: bool = False) -> None:
    """A run with ``text`` at the end of ``paragraph``: ``\n`` becomes ``w:br``, ``\t`` ``w:tab``.

    Built directly rather than through ``Run.text``, which appends the text one
    character at a time (the single largest cost of a long export).  ``rtl``
    marks right-to-left text (``w:rtl``), so its numbers and punctuation are
    ordered as an Arabic or Hebrew reader expects.
    """
    run = OxmlElement("w:r")
    if bold or italic or size_pt or color or rtl:
        r_pr = OxmlElement("w:rPr")
        for flag, tag in ((bold, "w:b"), (italic, "w:i")):
            if flag:
                r_pr.append(OxmlElement(tag))
        if color:
            element = OxmlElement("w:color")
            element.set(qn("w:val"), color)
            r_pr.append(element)
        if size_pt:
            for tag in ("w:sz", "w:szCs"):
                element = OxmlElement(tag)
                element.set(qn("w:val"), str(round(size_pt * 2)))
                r_pr.append(element)
        if rtl:
            r_pr.append(OxmlElement("w:rtl"))  # after w:szCs in CT_RPr order
        run.append(r_pr)
    for i, line in enumerate(text.split("\n")):
        if i:
            run.append(OxmlElement("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                run.append(OxmlElement("w:tab"))
            if piece:
                run.append(_text(piece))
    paragraph._p.append(run)


def has_runs(paragraph) -> bool:
    return paragraph._p.find(qn("w:r")) is not None


def set_right_to_left(paragraph) -> None:
    """A right-to-left paragraph (``w:bidi``): it starts at the right edge and ends at the left."""
    p_pr = paragraph._p.get_or_add_pPr()
    if p_pr.find(qn("w:bidi")) is None:
        _insert_before(p_pr, OxmlElement("w:bidi"), _PPR_AFTER_BIDI)


# -- tables -----------------------------------------------------------------------


def set_table_width(table, width) -> None:
    """The table's preferred width (``w:tblW``, in twips) - with a fixed layout, the sum of its columns."""
    tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is None:
        return
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(int(width) * 1440 // 914400))


def shade_cell(cell, fill: str) -> None:
    """Background colour of one cell: a new ``w:shd`` per cell (elements cannot be shared)."""
    _shade_tc(cell._tc, fill)


def shade_row(row, fill: str) -> None:
    """Shade every cell of a row, merged ones included (each ``w:tc`` once)."""
    for tc in row._tr.tc_lst:
        _shade_tc(tc, fill)


def _shade_tc(tc, fill: str) -> None:
    tc_pr = tc.get_or_add_tcPr()
    old = tc_pr.find(qn("w:shd"))
    if old is not None:
        tc_pr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    _insert_before(tc_pr, shd, _TCPR_AFTER_SHD)


def repeat_as_header(row) -> None:
    """Mark a row as a header row: Word repeats it at the top of every page the table spans."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        _insert_before(tr_pr, OxmlElement("w:tblHeader"), _TRPR_AFTER_HEADER)


def is_header_row(row) -> bool:
    tr_pr = row._tr.trPr
    return tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None


def keep_row_together(row) -> None:
    """A row is not split across two pages (``w:cantSplit``)."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        cant = OxmlElement("w:cantSplit")
        _insert_before(tr_pr, cant, ("w:trHeight", "w:tblHeader") + _TRPR_AFTER_HEADER)


def set_table_borders(table, *, top: str | None = None, bottom: str | None = None, sides: str | None = None,
                      inside_h: str | None = None, inside_v: str | None = None, color: str = "A6A6A6",
                      size: int = 4) -> None:
    """Table borders, each edge a line style ("single") or None for no line."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge, style in (("top", top), ("left", sides), ("bottom", bottom), ("right", sides),
                        ("insideH", inside_h), ("insideV", inside_v)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), style or "nil")
        if style:
            element.set(qn("w:sz"), str(size))
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), color)
        borders.append(element)
    _insert_before(tbl_pr, borders, _TBLPR_AFTER_BORDERS)


# -- fields -------------------------------------------------------------------------


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


def _text(text: str):
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
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


_LEFTOVERS = (RT.THUMBNAIL, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")


def drop_leftover_parts(document) -> None:
    """Unwritten: the default template's blank preview picture, Word 2010's en-US stylesWithEffects.xml."""
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
