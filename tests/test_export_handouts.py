"""Word handouts as a reader of the originals sees them (issue 13, part 1), checked in the .docx.

What can be read from the file itself is checked here (fast, no LibreOffice):
metadata, fields, the text and marks of cells, row heights, fills.  What only
shows after layout (page numbers, full pages, broken words, right-to-left
alignment) is checked on LibreOffice's PDF in ``test_export_pdf.py``.
Workshops are built in memory; expected texts come from the template or the
seeds, never from the writer.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from intro_tui.export.docx import render_docx
from intro_tui.export.markdown import render_markdown
from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import UserRow, Workshop

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
HINT = "F.eks. forbedre, igangsette, videreutvikle"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(None)


def workshop(template: str, *, title: str = "Arbeidsmøte 3 – nye tiltak", kommune: str = "", year=None,
             cells: dict | None = None, rows: dict | None = None) -> Workshop:
    """A workshop in memory; ``rows`` maps (section, block) to [{column: text}, …] added by users."""
    ws = Workshop(id="w", title=title, template=template, kommune=kommune, year=year,
                  units=["NAV", "Voksenopplæringen", "Flyktningtjenesten"], cells=dict(cells or {}))
    for (section, block), added in (rows or {}).items():
        ws.user_rows[(section, block)] = []
        for i, texts in enumerate(added):
            key = f"u{i}"
            ws.user_rows[(section, block)].append(UserRow(key, float(i)))
            for column, text in texts.items():
                ws.cells[(section, block, key, column)] = text
    return ws


def render(catalog, ws: Workshop, **kwargs) -> bytes:
    return render_docx(catalog.get(ws.template), ws, **kwargs)


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


def table_with(document, text: str):
    for table in document.tables:
        for row in table.rows:
            if any(cell_text(c) == text for c in row.cells):
                return table
    raise AssertionError(f"no table with {text!r}")


def first_cells(document) -> list[str]:
    return [cell_text(row.cells[0]) for table in document.tables for row in table.rows]


# -- 8. metadata ------------------------------------------------------------------------------------


def test_metadata_names_intro_tui_no_thumbnail_norwegian_settings(catalog):
    data = render(catalog, workshop("arbeidsrettet-lop", kommune="Bærum", year=2026))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        app = z.read("docProps/app.xml").decode()
        rels = z.read("_rels/.rels").decode()
        settings = z.read("word/settings.xml").decode()
        core = z.read("docProps/core.xml").decode()
        english = [n for n in names if n.endswith(".xml") and b"en-US" in z.read(n)]
    assert re.search(r"<Application>intro-tui</Application>", app), app
    assert "Macintosh" not in app and "Normal.dotm" not in app
    assert not [n for n in names if "thumbnail" in n] and "thumbnail" not in rels
    assert 'w:decimalSymbol w:val=","' in settings and 'w:listSeparator w:val=";"' in settings
    assert re.search(r'<w:themeFontLang w:val="nb-NO"', settings)
    assert "en-US" not in settings and "savePreviewPicture" not in settings
    assert "lastPrinted" not in core
    assert not english, english  # Norwegian throughout (Word 2010's stylesWithEffects.xml said en-US)


# -- 1. contents and Verktøy: no prompt, no page number that can be wrong ------------------------------


def test_no_update_prompt_and_page_numbers_left_to_layout(catalog):
    document = open_docx(render(catalog, workshop("arbeidsrettet-lop")))
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")) is None  # Word asks "…fields that may refer to other files"
    body = document.element.body
    assert not [f for f in body.iter(qn("w:fldChar")) if f.get(qn("w:dirty")) in ("true", "1")]
    # every page number is a PAGEREF to a heading's bookmark, with nothing cached that could be stale
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    refs = _pagerefs(body)
    template = catalog.get("arbeidsrettet-lop")
    tool_count = sum(len(part.tools) for part in template.parts)
    assert len(refs) == len(template.parts) + len(template.sections) + tool_count  # contents, then Verktøy
    for target, cached in refs:
        assert target in bookmarks and cached == ""
    # the original's "s. 17" refer to its own pages: none is copied into ours
    tools = [p.text.rstrip("\t") for p in document.paragraphs  # a Word bullet list, the "•" not typed
             if p.style.name == "Punkt 1" and re.match(r"\d\.\d", p.text)]
    assert len(tools) == tool_count
    assert not [t for t in tools if re.search(r"\bs\. ?\d", t)], tools[:3]
    assert "1.1. Mal for kartlegging av arbeidskraftbehovet" in tools  # no dangling reference to the original
    # and each tool leads to its section
    anchors = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink")) if h.get(qn("w:anchor"))]
    assert len([a for a in anchors if a in bookmarks]) == len(refs)


def _pagerefs(body) -> list[tuple[str, str]]:
    """(bookmark, cached text) of each PAGEREF field, walking the runs in order."""
    out, state, target, cached = [], None, "", []
    for element in body.iter(qn("w:fldChar"), qn("w:instrText"), qn("w:t")):
        if element.tag == qn("w:fldChar"):
            kind = element.get(qn("w:fldCharType"))
            if kind == "begin":
                state, target, cached = "instr", "", []
            elif kind == "separate" and state == "instr":
                state = "result"
            elif kind == "end" and state:
                if target:
                    out.append((target, "".join(cached)))
                state = None
        elif element.tag == qn("w:instrText") and state == "instr":
            match = re.match(r"\s*PAGEREF\s+(\S+)", element.text or "")
            target = match[1] if match else target
        elif element.tag == qn("w:t") and state == "result":
            cached.append(element.text or "")
    return out


# -- 9. markdown carries the indicator hints ---------------------------------------------------------------


@pytest.mark.parametrize("blank", [True, False], ids=["blank", "filled"])
def test_markdown_indicator_hints(catalog, blank):
    template = catalog.get("malindikatorer")
    hinted = [r for s in template.sections for b in s.blocks for r in b.rows if r.hint]
    assert hinted
    first = next((s, b, r) for s in template.sections for b in s.blocks for r in b.rows if r.hint)
    cells = {(first[0].id, first[1].id, first[2].key, "mal"): "Igangsette samarbeid"}
    text = render_markdown(template, workshop("malindikatorer", cells=cells), blank=blank)
    lines = [line for line in text.splitlines() if line.startswith("|")]
    for row in hinted:
        line = next(line for line in lines if row.label.split(" (")[0][:40] in line)
        if not blank and row is first[2]:
            assert "Igangsette samarbeid" in line and HINT not in line
        else:
            assert f"*{HINT}*" in line, line


# -- 6. header rows and group rows apart on a black-and-white print ----------------------------------------


def _grey(fill: str | None) -> float:
    """Luminance 0 (black) … 1 (white) of a hex fill as a greyscale print shows it."""
    if not fill or fill == "auto":
        return 1.0
    r, g, b = (int(fill[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b


def _fill(cell) -> str | None:
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return shd.get(qn("w:fill")) if shd is not None else None


def test_header_and_group_rows_distinct_without_colour(catalog):
    document = open_docx(render(catalog, workshop("arbeidsrettet-lop"), blank=True))
    table = table_with(document, "3. Vi har avklart internt hva vi kan tilby en arbeidsgiver:")
    header = table.rows[0].cells[0]
    group = next(r for r in table.rows if cell_text(r.cells[0]).startswith("3. Vi har avklart")).cells[0]
    head_grey, group_grey = _grey(_fill(header)), _grey(_fill(group))
    assert head_grey < 0.4 and group_grey > 0.8, (_fill(header), _fill(group))
    head_runs = [r for r in header.paragraphs[0].runs if r.text]
    assert all(r.bold and str(r.font.color.rgb) == "FFFFFF" for r in head_runs)  # white on dark
    assert all(r.bold for r in group.paragraphs[0].runs if r.text)


# -- 3. the meeting's title on a blank handout; lines to write kommune and year on ---------------------------


def test_blank_handout_carries_the_meeting_title(catalog):
    document = open_docx(render(catalog, workshop("arbeidsrettet-lop"), blank=True))
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "Arbeidsmøte 3 – nye tiltak" in header
    cover = [p for p in document.paragraphs[:14]]
    texts = [p.text for p in cover]
    assert "Arbeidsmøte: Arbeidsmøte 3 – nye tiltak" in texts
    for label in ("Kommune:", "År:"):
        line = next(p for p in cover if p.text.startswith(label))
        assert line.text.rstrip("\t ") == label  # nothing filled in …
        stops = line.paragraph_format.tab_stops
        assert "\t" in line.text and any(s.leader is not None and s.leader != 0 for s in stops)  # … a line to write on
    form = open_docx(render(catalog, workshop("malindikatorer"), blank=True))
    assert "Arbeidsmøte: Arbeidsmøte 3 – nye tiltak" in [p.text for p in form.paragraphs[:6]]


# -- 4. small faults of fidelity ---------------------------------------------------------------------------


def test_column_header_italic_part_as_in_the_seed(catalog):
    seed = (SEEDS / "002_a1880bb30efc19a7.txt")
    if seed.is_file():
        assert "Kompetansekrav som stilles <i>(språknivå, basisferdigheter, personlige egenskaper mm.)</i>" \
            in seed.read_text(encoding="utf-8")
    document = open_docx(render(catalog, workshop("arbeidsrettet-lop"), blank=True))
    cell = next(c for t in document.tables for c in t.rows[0].cells if cell_text(c).startswith("Kompetansekrav"))
    runs = [r for r in cell.paragraphs[0].runs if r.text.strip()]
    italic = "".join(r.text for r in runs if r.italic)
    assert italic.strip() == "(språknivå, basisferdigheter, personlige egenskaper mm.)"
    assert not any(r.bold for r in runs if r.italic)
    assert all(r.bold for r in runs if not r.italic)
    plain = next(c for t in document.tables for c in t.rows[0].cells if cell_text(c).startswith("Bransjer/yrker som an"))
    assert not any(r.italic for r in plain.paragraphs[0].runs)  # "(uten fagbrev)" is not italic in the seed


def test_sub_item_marks_only_where_the_seed_has_them(catalog):
    document = open_docx(render(catalog, workshop("arbeidsrettet-lop"), blank=True))
    labels = first_cells(document)
    assert "1. Vi setter kompetansemål" in labels and "– 1. Vi setter kompetansemål" not in labels
    assert "Kontaktperson" in labels and "fag" in labels  # 4.3, 6.1: no dash in the seed
    dashed = sorted({t for t in labels if t.startswith(("–", "-"))})
    # the seed's only "- " rows: 4.1's offers
    assert dashed == ["– Vi kan gi opplæring til fadder på arbeidsplassen", "– Vi kan stille med kontaktperson",
                      "– andre ting vi tilbyr"], dashed
    involverte = table_with(document, "Involverte")
    rows = [cell_text(r.cells[0]) for r in involverte.rows[1:5]]
    assert rows == ["▪ Programrådgiver", "▪ Lærer (grunnleggende ferdigheter og norsk)",
                    "▪ Faglærer (lærer fra videregående eller arbeidsgiver)", "▪ Fadder"]


def test_plan_header_keeps_fase_1(catalog):
    """6.2: "Oppgaver" over "Fase 1 (fag) skriv inn hva som skal læres", beside hvor / hvordan / … (the seed)."""
    for blank in (True, False):
        document = open_docx(render(catalog, workshop("arbeidsrettet-lop"), blank=blank))
        table = table_with(document, "hvordan")
        top, second = table.rows[0].cells, table.rows[1].cells
        assert cell_text(top[0]) == "Oppgaver"
        assert cell_text(second[0]) == "Fase 1 (fag) skriv inn hva som skal læres"
        assert [cell_text(c) for c in second[1:4]] == ["hvor", "hvordan", "av hvem"]
        italic = "".join(r.text for r in second[0].paragraphs[0].runs if r.italic)
        assert italic.strip() == "skriv inn hva som skal læres"
        assert table.rows[2].cells[0]._tc is not second[0]._tc
        assert cell_text(table.rows[2].cells[0]) == "Grunnleggende ferdigheter"


def test_plan_row_fase_1_with_answers_stays_a_row(catalog):
    cells = {("6.2", "oppgaver", "r1", "label"): "Stell av pasienter", ("6.2", "oppgaver", "r1", "hvor"): "På sykehjemmet"}
    document = open_docx(render(catalog, workshop("arbeidsrettet-lop", cells=cells)))
    table = table_with(document, "hvordan")
    row = next(r for r in table.rows[2:] if "Stell av pasienter" in cell_text(r.cells[0]))
    assert cell_text(row.cells[1]) == "På sykehjemmet"


def test_virksomhetsplan_followup_as_the_booklet(catalog):
    document = open_docx(render(catalog, workshop("virksomhetsplan"), blank=True))
    table = table_with(document, "Spørsmål")
    labels = [cell_text(r.cells[0]) for r in table.rows]
    husk = labels.index("Husk: Én person bør ha ansvaret for å innhente informasjon om resultater.")
    assert labels[husk - 1] == "Hva er ikke oppnådd?" and labels[husk + 1] == "Tiltak:"
    assert labels[-1] == ("Ledelsen inspirerer jevnlig slik at alle ansatte opplever at måloppnåelse har en høy "
                          "status i virksomheten.")
    assert labels[-2] == "Bør andre enheter i kommunen eller eksterne instanser involveres?"
    assert sum(1 for p in document.paragraphs if p.text.startswith("Husk:")) == 0  # not above the table


def test_virksomhetsplan_handout_has_three_areas(catalog):
    document = open_docx(render(catalog, workshop("virksomhetsplan"), blank=True))
    assert len([p for p in document.paragraphs if p.text.startswith("Område:")]) == 3


def test_each_measure_gets_its_own_tiltak_and_stays_with_its_delmal(catalog):
    rows = {("plan", "delmal"): [
        {"omrade": "Overgang til arbeid", "delmal": "50 % går over i lønnet arbeid.",
         "tiltak": "Det avholdes jobbsøkerkurs i enheten.\n- Månedlige oppfølgingsmøter.\n\n"},
        {"delmal": "Høyst 10 % fravær.", "tiltak": "Tett oppfølging."},
    ]}
    document = open_docx(render(catalog, workshop("virksomhetsplan", rows=rows)))
    plan = next(t for t in document.tables if cell_text(t.rows[0].cells[0]) == "Delmål:")
    assert [[cell_text(c) for c in r.cells] for r in plan.rows] == [
        ["Delmål:", "50 % går over i lønnet arbeid."],
        ["Tiltak:", "Det avholdes jobbsøkerkurs i enheten."],
        ["Tiltak:", "Månedlige oppfølgingsmøter."],
        ["Delmål:", "Høyst 10 % fravær."],
        ["Tiltak:", "Tett oppfølging."],
    ]
    keep = [all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs) for r in plan.rows]
    assert keep == [True, True, False, True, False]  # a Delmål and its Tiltak go to the next page together


# -- 7. right-to-left text -----------------------------------------------------------------------------------


def test_right_to_left_text_marked_by_direction(catalog):
    arabic, hebrew = "مرحبا بكم في البرنامج، 65 %.", "שלום (עולם)."
    rows = {("1.1", "behov"): [{"label": arabic, "kilder": "NAV og " + hebrew}, {"label": "Renhold", "kilder": "NAV"}]}
    document = open_docx(render(catalog, workshop("arbeidsrettet-lop", rows=rows), section="1.1"))
    table = table_with(document, "b. Skriv inn kilder/informanter")
    ar, mixed = table.rows[1].cells
    latin = table.rows[2].cells[0]
    p_ar = ar.paragraphs[0]._p
    assert p_ar.pPr is not None and p_ar.pPr.find(qn("w:bidi")) is not None
    assert all(r.find(qn("w:rPr") + "/" + qn("w:rtl")) is not None for r in p_ar.iter(qn("w:r")))
    p_mixed = mixed.paragraphs[0]._p
    assert p_mixed.pPr is None or p_mixed.pPr.find(qn("w:bidi")) is None  # starts in Latin: a left-to-right line
    runs = [("".join(t.text for t in r.iter(qn("w:t"))), r.find(qn("w:rPr") + "/" + qn("w:rtl")) is not None)
            for r in p_mixed.iter(qn("w:r"))]
    assert ("NAV og ", False) in runs and any(rtl and "שלום" in text for text, rtl in runs)
    assert cell_text(mixed) == "NAV og " + hebrew
    p_latin = latin.paragraphs[0]._p
    assert not list(p_latin.iter(qn("w:rtl"))) and not list(p_latin.iter(qn("w:bidi")))


# -- 2. room in proportion to what a column asks ---------------------------------------------------------------


def _data_heights(table, skip: int = 1) -> list[int]:
    return [row.height or 0 for row in table.rows[skip:] if len({id(c._tc) for c in row.cells}) > 1]


def test_blank_rows_sized_by_what_they_ask(catalog):
    document = open_docx(render(catalog, workshop("arbeidsrettet-lop"), blank=True))
    checklist = table_with(document, "Forslag til endring/forbedring/ny praksis")  # Forslag: several lines
    roles = table_with(document, "Hoved-ansvarlig")  # unit names and a time
    forslag, roller = min(_data_heights(checklist)), min(_data_heights(roles))
    assert forslag >= Cm(1.9), forslag / 360000  # three lines to write a suggestion on
    assert Cm(0.9) <= roller < forslag
    for table in document.tables:  # no row with a cell to fill in is left without room to write in
        for row in table.rows:
            cells = row.cells
            if len({c._tc for c in cells}) < 2 or any(cell_text(c) in ("Ja", "Nei", "Mål") for c in cells):
                continue  # a group row, or a header
            if any(cell_text(c) == "" for c in cells[1:]):
                assert (row.height or 0) >= Cm(0.9), [cell_text(c) for c in cells]


# -- issue 19 point 12: the blank NIR count table, one line per code -------------------------------------------


@pytest.mark.parametrize("template", ["virksomhetsplan", "malindikatorer"])
def test_blank_nir_table_gives_one_line_per_code(catalog, template):
    """A code asks for one number: its row is one line of handwriting high, never stretched to fill a page."""
    document = open_docx(render(catalog, workshop(template), blank=True))
    table = table_with(document, "Status og begrunnelse")
    codes = [row for row in table.rows[1:] if len({id(c._tc) for c in row.cells}) > 1]
    assert len(codes) >= 19
    for row in codes:
        assert row.height is not None and row.height <= Cm(1.0), (cell_text(row.cells[0]), row.height / 360000)
        assert row.height_rule is not None and "EXACT" not in str(row.height_rule)  # a long label may still wrap


def test_a_delmal_repeated_row_by_row_is_printed_once(catalog):
    """Issue 19 point 13: one row per Tiltak, each repeating its Delmål, reads as the booklet: the Delmål once."""
    goal = "50 % går over i lønnet arbeid."
    rows = {("plan", "delmal"): [
        {"omrade": "Overgang til arbeid", "delmal": goal, "tiltak": "Jobbsøkerkurs."},
        {"omrade": "Overgang til arbeid", "delmal": goal, "tiltak": "Månedlige oppfølgingsmøter."},
        {"delmal": " 50 %  går over i lønnet arbeid. ", "tiltak": "Praksisplass."},
        {"delmal": "Høyst 10 % fravær.", "tiltak": "Tett oppfølging."},
        {"delmal": goal, "tiltak": "Studieverksted."},  # the same words after another Delmål: said again
    ]}
    document = open_docx(render(catalog, workshop("virksomhetsplan", rows=rows)))
    plan = next(t for t in document.tables if cell_text(t.rows[0].cells[0]) == "Delmål:")
    assert [[cell_text(c) for c in r.cells] for r in plan.rows] == [
        ["Delmål:", goal],
        ["Tiltak:", "Jobbsøkerkurs."],
        ["Tiltak:", "Månedlige oppfølgingsmøter."],
        ["Tiltak:", "Praksisplass."],
        ["Delmål:", "Høyst 10 % fravær."],
        ["Tiltak:", "Tett oppfølging."],
        ["Delmål:", goal],
        ["Tiltak:", "Studieverksted."],
    ]
