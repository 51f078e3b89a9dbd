"""The only module that reaches below python-docx's API into WordprocessingML.

python-docx has no API for cell shading, repeated header rows, fields (table
of contents, page numbers), hyperlinks, bookmarks or the document language
(DESIGN.md, pitfalls).  Each helper here adds exactly the element Word writes
itself, in the position the schema wants it, so Word and LibreOffice both
open the file without a repair prompt.  Nothing else in the package imports
``docx.oxml``.
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# Children of w:tcPr that must come after w:shd (ECMA-376 §17.4.70, CT_TcPr order).
_TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                   "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
# Children of w:trPr that must come after w:tblHeader.
_TRPR_AFTER_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
# Children of w:tblPr that must come after w:tblBorders.
_TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                        "w:tblDescription", "w:tblPrChange")
# Children of w:settings that must come after w:updateFields (CT_Settings order, abridged).
# (m:mathPr and sl:schemaLibrary follow it too; python-docx's settings have w:compat before them.)
_SETTINGS_AFTER_UPDATE = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
                          "w:rsids", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
                          "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
                          "w:captions", "w:readModeInkLockDown", "w:smartTagType", "w:shapeDefaults",
                          "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")


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


def set_table_style(table, style_id: str) -> None:
    table._tbl.tblPr.style = style_id


# -- runs ----------------------------------------------------------------------------


def append_run(paragraph, text: str, *, bold: bool = False, italic: bool = False, size_pt: float | None = None,
               color: str | None = None) -> None:
    """A run with ``text`` at the end of ``paragraph``: ``\n`` becomes ``w:br``, ``\t`` ``w:tab``.

    Built directly rather than through ``Run.text``, which appends the text one
    character at a time (the single largest cost of a long export).
    """
    run = OxmlElement("w:r")
    if bold or italic or size_pt or color:
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


def add_spanned_row(table, spans: list[int], *, height_twips: int) -> list:
    """A new last row of cells spanning ``spans`` grid columns each (``w:gridSpan``), kept on one page.

    Built as bare elements: the chart draws a bar as a few joined cells, and
    ``Table.add_row`` would first make one cell per grid column (most of the
    chart's cost).  Returns each cell's paragraph (``w:p``) and its ``w:tc``.
    """
    tr = OxmlElement("w:tr")
    tr_pr = OxmlElement("w:trPr")
    tr_pr.append(OxmlElement("w:cantSplit"))
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(height_twips))
    height.set(qn("w:hRule"), "atLeast")
    tr_pr.append(height)
    tr.append(tr_pr)
    cells = []
    for span in spans:
        tc = OxmlElement("w:tc")
        tc_pr = OxmlElement("w:tcPr")
        if span > 1:
            grid_span = OxmlElement("w:gridSpan")
            grid_span.set(qn("w:val"), str(span))
            tc_pr.append(grid_span)
        tc.append(tc_pr)
        p = OxmlElement("w:p")
        tc.append(p)
        tr.append(tc)
        cells.append((p, tc))
    table._tbl.append(tr)
    return cells


def shade_tc(tc, fill: str) -> None:
    """Background colour of a cell given as its ``w:tc``."""
    _shade_tc(tc, fill)


def repeat_as_header(row) -> None:
    """Mark a row as a header row: Word repeats it at the top of every page the table spans."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        _insert_before(tr_pr, OxmlElement("w:tblHeader"), _TRPR_AFTER_HEADER)


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


def _fld_char(kind: str, dirty: bool = False):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    if dirty:
        element.set(qn("w:dirty"), "true")
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
    _run(p, _text(cached))
    _run(p, _fld_char("end"))


def begin_toc(paragraph, levels: str = "1-2") -> None:
    """Open a TOC field in ``paragraph``; its cached result follows until :func:`end_toc`.

    Marked dirty, and with ``w:updateFields`` in the settings Word rebuilds it
    (page numbers included) when the document is opened.
    """
    p = paragraph._p
    _run(p, _fld_char("begin", dirty=True))
    _run(p, _instr(f'TOC \\o "{levels}" \\h \\z \\u'))
    _run(p, _fld_char("separate"))


def end_toc(paragraph) -> None:
    _run(paragraph._p, _fld_char("end"))


def add_toc_entry(paragraph, text: str, bookmark: str) -> None:
    """One cached TOC line: the heading text, linked to the heading's bookmark.

    No page number: it cannot be known before layout, and Word replaces the
    whole cached result when it refreshes the field (LibreOffice shows the
    cached lines as they are, so a number here would only be wrong).
    """
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    _run(link, _text(text))


def update_fields_on_open(document) -> None:
    """``w:updateFields`` in settings.xml: Word refreshes the TOC and page references on opening."""
    settings = document.settings.element
    element = settings.find(qn("w:updateFields"))
    if element is None:
        element = OxmlElement("w:updateFields")
        _insert_before(settings, element, _SETTINGS_AFTER_UPDATE)
    element.set(qn("w:val"), "true")


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


def set_default_spacing(document, *, after_twips: int, line: int = 240) -> None:
    """Paragraph spacing in the document defaults (the template has 10 pt after and 1.15 lines)."""
    spacing = _doc_default(document, "w:docDefaults/w:pPrDefault/w:pPr", "w:spacing")
    if spacing is not None:
        spacing.set(qn("w:after"), str(after_twips))
        spacing.set(qn("w:line"), str(line))
        spacing.set(qn("w:lineRule"), "auto")
