"""``arbeidsrettet-lop.json`` against its seed document.

The template transcribes seed 002 (Rambøll for IMDi: *Oppgavemaler - Modell
for utvikling av arbeidsrettet løp ...*).  The seed is parsed here,
independently of the template, and the two are compared section by section:
every paragraph, instruction, field, block heading, link, table header and
preset row of the seed must appear in the template, in the seed's order, and
the template must hold nothing the seed does not.  A row or header that is
dropped, reordered or misspelt makes a test fail.

The seed is plain text: tables are tab-separated lines, ``<i>...</i>`` (and
``*...*`` outside tables) marks italic placeholder text such as *skriv inn*.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from intro_tui.core.model.agenda import BLOCK as AGENDA_BLOCK
from intro_tui.core.model.template import Block, Instructions, Row, Section, Template, Text
from intro_tui.core.model.template_loader import TemplateError, load_template_file

from conftest import seed_file

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_FILE = ROOT / "intro_tui" / "templates" / "arbeidsrettet-lop.json"
SEED_FILE = "002_a1880bb30efc19a7.txt"
URL = (
    "https://www.imdi.no/om-imdi/brosjyrer-handboker-og-veiledere/modell-for-utvikling-av-arbeidsrettet-lop-"
    "for-deltakere-i-introduksjonsprogram-med-lite-eller-ingen-skolebakgrunn/"
)

# The body headings of the seed.  The seed's table of contents leaves out 3.4,
# but the body has it; the titles are the body's (4.4 has no "for").
EXPECTED_SECTIONS = [
    ("1.1", "Kartlegging av arbeidskraftbehovet"),
    ("1.2", "Vurdering av mulighetsrommet i arbeidsmarkedet"),
    ("1.3", "Roller og ansvarsfordeling av oppgaver – steg 1"),
    ("1.4", "Kjøreplan for arbeidsmøte 1"),
    ("2.1", "Status – kvalifiserende tiltak som kommunen tilbyr"),
    ("2.2", "Vurdering av tiltak innen gitt bransje/yrke som kan være aktuell for målgruppen"),
    ("2.3", "Planlegging av justering av eksisterende tiltak"),
    ("2.4", "Roller og ansvarsfordeling av oppgaver – steg 2"),
    ("2.5", "Kjøreplan for arbeidsmøte 2"),
    ("3.1", "Vurdering av nye tiltak innen gitt bransje/yrke som kan være aktuell for målgruppen"),
    ("3.2", "Planlegging av utvikling av nytt tiltak"),
    ("3.3", "Roller og ansvarsfordeling av oppgaver – steg 3"),
    ("3.4", "Kjøreplan for arbeidsmøte 3"),
    ("4.1", "Sjekkliste – Forberedelse til å inngå avtale med arbeidsgiver"),
    ("4.2", "Forberedelse til møte med arbeidsgiver om praksisavtale"),
    ("4.3", "Roller og ansvarsfordeling av oppgaver – steg 4"),
    ("4.4", "Kjøreplan arbeidsmøte 4"),
    ("5.1", "Sjekkliste – forberedelse av deltaker før praksis"),
    ("5.2", "Plan for opplæring av deltaker før praksis"),
    ("5.3", "Roller og ansvarsfordeling av oppgaver – steg 5"),
    ("5.4", "Kjøreplan for arbeidsmøte 5"),
    ("6.1", "Sjekkliste – oppfølging av deltaker og arbeidsgiver i praksisperioden"),
    ("6.2", "Plan for oppfølging av deltaker og arbeidsgiver i praksisperioden"),
    ("6.3", "Roller og ansvarsfordeling av oppgaver – steg 6"),
    ("6.4", "Kjøreplan for arbeidsmøte 6"),
    ("7.1", "Sjekkliste – sluttevaluering av praksis og videre oppfølging av deltaker"),
    ("7.2", "Roller og ansvarsfordeling av oppgaver – steg 7"),
    ("7.3", "Kjøreplan for arbeidsmøte 7"),
]

EXPECTED_STEPS = [
    "Innhente og vurdere arbeidskraftbehov",
    "Vurdere og justere eksisterende kvalifiseringstiltak",
    "Velge og utvikle nye kvalifiseringstiltak",
    "Samarbeide med arbeidsgiver",
    "Tilpasse kvalifisering for deltaker",
    "Følge opp arbeidsgiver i praksisperioden",
    "Sluttevaluere og følge opp deltaker videre",
]

# Group rows whose seed text does not end with ":" (those that do are checked
# generically): 5.1's heading row and 6.2's "Grunnleggende ferdigheter".
EXTRA_GROUP_ROWS = {
    ("5.1", "Vi gjør følgende forberedelser med deltakeren før praksisperioden begynner"),
    ("6.2", "Grunnleggende ferdigheter"),
}


# --------------------------------------------------------------------------
# Normalising seed text
# --------------------------------------------------------------------------

_ITALIC = re.compile(r"<i>(.*?)</i>|\*([^*\t]+)\*")


def norm(text: str) -> str:
    """Collapse whitespace."""
    return " ".join(text.split())


def clean_cell(cell: str) -> str:
    """A table cell as shown: no tags (``<i>``, the 6.2 ``<ul ...>``), no ``▪`` bullet."""
    return norm(re.sub(r"<[^>]*>", "", cell).replace("▪", ""))


def italics(text: str) -> str:
    """The italic (placeholder) parts of a piece of seed text."""
    return norm(" ".join(a or b for a, b in _ITALIC.findall(text)))


def clean_line(line: str) -> str:
    """A paragraph line as shown.

    ``[text](#)`` is a link, ``<https://...>`` an address, ``.....`` the dotted
    leader of a field to fill in, ``*...*`` italics.  Parentheses around an
    italic prompt belong to the prompt's rendering, not to the text:
    "Kompetansemål fra (<i>skriv inn navn på fag eller yrke</i>)".
    """
    line = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", line)
    line = re.sub(r"<(https?://[^>]+)>", r"\1", line)
    line = re.sub(r"\((<i>[^<]*</i>)\)", r"\1", line)
    line = re.sub(r"\.{3,}", " ", line)
    line = re.sub(r"\*([^*]+)\*", r"\1", line)
    return clean_cell(line)


# --------------------------------------------------------------------------
# Parsing the seed
# --------------------------------------------------------------------------

_STEG = re.compile(r"^(?:\d\. )?STEG (\d)$")
_HEADING = re.compile(r"^(\d\.\d) (.+)$")
_TOOL_PAGE = re.compile(r", s\. \d+$")  # "3.1 Mal for vurdering av nye tiltak, s. 15"


@dataclass
class SeedLine:
    text: str  # as shown
    italic: str  # its placeholder part


@dataclass
class SeedTable:
    titles: list[str]  # column headers
    groups: list[str]  # the heading spanning each column ("" if none)
    rows: list[list[str]]  # raw cells
    italic_titles: list[str] = field(default_factory=list)  # the italic part of each header ("" if none)


@dataclass
class SeedSection:
    id: str
    title: str
    raw: list[str] = field(default_factory=list)
    items: list[SeedLine | SeedTable] = field(default_factory=list)


@dataclass
class SeedPart:
    label: str
    title: str = ""
    tools_title: str = ""
    tools: list[str] = field(default_factory=list)
    sections: list[SeedSection] = field(default_factory=list)


def _table(run: list[list[str]]) -> list[SeedLine] | SeedTable:
    """A run of tab-separated lines as a table (or, 5.2, as a column of fields)."""
    header = run[0]
    filled = [c for c in header if clean_cell(c)]
    if len(filled) == 1:
        # "Deltaker må kunne<TAB>": labelled fields, one per line, nothing else
        assert all(not clean_cell(c) for cells in run for c in cells[1:]), run
        return [SeedLine(clean_cell(cells[0]), italics(cells[0])) for cells in run]
    if any(not clean_cell(c) for c in header):
        # 6.2: a line of headings spanning columns over the column headers;
        # the first cell of the second line is the first row (the "Oppgaver"
        # cell above it is the column's header).
        sub = run[1]
        titles = [clean_cell(header[0])] + [clean_cell(c) for c in sub[1:]]
        groups, current = [""], ""
        for cell in header[1:]:
            current = clean_cell(cell) or current
            groups.append(current)
        assert len(groups) == len(titles), run[:2]
        return SeedTable(titles, groups, [[sub[0]] + [""] * (len(sub) - 1)] + run[2:],
                         [italics(header[0])] + [italics(c) for c in sub[1:]])
    return SeedTable([clean_cell(c) for c in header], [""] * len(header), run[1:], [italics(c) for c in header])


def _section_items(raw: list[str]) -> list[SeedLine | SeedTable]:
    """Paragraph lines and tables; a blank line inside a table is a page break."""
    items: list[SeedLine | SeedTable] = []
    runs: list[list[list[str]]] = []
    order: list[object] = []
    run: list[list[str]] | None = None
    for line in raw:
        if not line.strip():
            continue
        if "\t" in line:
            if run is None:
                run = []
                runs.append(run)
                order.append(run)
            run.append(line.split("\t"))
        else:
            run = None
            order.append(SeedLine(clean_line(line), italics(line)))
    for thing in order:
        if isinstance(thing, SeedLine):
            items.append(thing)
        else:
            table = _table(thing)
            items.extend(table if isinstance(table, list) else [table])
    return items


def parse_seed(text: str) -> list[SeedPart]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if _STEG.match(line))  # after the contents
    parts: list[SeedPart] = []
    section: SeedSection | None = None
    for line in lines[start:]:
        steg = _STEG.match(line)
        if steg:
            section = None
            if not parts or parts[-1].label != f"STEG {steg[1]}":
                parts.append(SeedPart(f"STEG {steg[1]}"))
            continue
        heading = _HEADING.match(line)
        if heading and "\t" not in line and not _TOOL_PAGE.search(line):
            section = SeedSection(heading[1], norm(heading[2]))
            parts[-1].sections.append(section)
            continue
        if section is not None:
            section.raw.append(line)
            continue
        text_line = norm(line)  # the part's own page: title, "VERKTØY FOR STEG N", the tools
        if not text_line:
            continue
        part = parts[-1]
        if text_line.startswith("VERKTØY FOR"):
            part.tools_title = text_line
        elif part.tools_title:
            part.tools.append(text_line.removeprefix("- "))
        else:
            assert not part.title, f"unexpected line on the page of {part.label}: {line!r}"
            part.title = text_line
    for part in parts:
        for sec in part.sections:
            sec.items = _section_items(sec.raw)
    return parts


# --------------------------------------------------------------------------
# The template, flattened the same way
# --------------------------------------------------------------------------


@dataclass
class TemplateLine:
    text: str
    italic: str  # the prompt the line carries ("" for plain text)


def display(row: Row) -> str:
    return norm(f"{row.label} {row.prompt}")


def headers(block: Block) -> tuple[list[str], list[str]]:
    """Column headers as printed: a split yes/no column is its two titles."""
    titles: list[str] = []
    groups: list[str] = []
    for column in block.columns:
        shown = list(column.split) or [column.title]
        titles += [norm(t) for t in shown]
        groups += [norm(column.group)] * len(shown)
    return titles, groups


def template_items(section: Section) -> list[TemplateLine | Block]:
    items: list[TemplateLine | Block] = []
    for item in section.content:
        if isinstance(item, Text):
            items.append(TemplateLine(norm(item.text), ""))
        elif isinstance(item, Instructions):
            for i, instruction in enumerate(item.items):
                marker = f"{item.start + i}." if item.numbered else "-"
                items.append(TemplateLine(norm(f"{marker} {instruction.text}"), ""))
                items += [TemplateLine(norm(f"- {sub}"), "") for sub in instruction.items]
        elif item.kind == "link":
            items += [TemplateLine(norm(t), "") for t in (item.link_text, item.url_intro, item.url)]
        elif item.id == AGENDA_BLOCK:
            continue  # the kjøreplan's agenda (issue 21) is intro-tui's addition: the seed links to its plan only
        else:
            if item.title or item.title_prompt:
                items.append(TemplateLine(norm(f"{item.title} {item.title_prompt}"), norm(item.title_prompt)))
            if item.kind == "fields":
                items += [TemplateLine(display(row), norm(row.prompt)) for row in item.rows]
            elif item.kind == "list":
                items += [TemplateLine(norm(f"- {display(row)}"), norm(row.prompt)) for row in item.rows]
            else:
                items.append(item)
    return items


def key(item: SeedLine | SeedTable | TemplateLine | Block) -> tuple:
    if isinstance(item, (SeedLine, TemplateLine)):
        return ("line", item.text)
    if isinstance(item, SeedTable):
        return ("table", tuple(item.titles))
    return ("table", tuple(headers(item)[0]))


# --------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template() -> Template:
    return load_template_file(TEMPLATE_FILE)


@pytest.fixture(scope="module")
def seed() -> list[SeedPart]:
    parts = parse_seed(seed_file(SEED_FILE).read_text(encoding="utf-8"))
    # guard the parser itself: 7 steps, 28 sections, 25 tables
    assert [p.label for p in parts] == [f"STEG {n}" for n in range(1, 8)]
    assert [(s.id, s.title) for p in parts for s in p.sections] == EXPECTED_SECTIONS
    tables = [t for p in parts for s in p.sections for t in s.items if isinstance(t, SeedTable)]
    assert len(tables) == 25
    assert sum(1 for t in tables for row in t.rows if clean_cell(row[0])) == 120
    return parts


def seed_pairs(template: Template, seed: list[SeedPart]):
    """(section id, seed table, template block) for every table of the seed."""
    pairs = []
    for part in seed:
        for sec in part.sections:
            items = template_items(template.section(sec.id))
            assert [key(i) for i in items] == [key(i) for i in sec.items], sec.id
            pairs += [(sec.id, s, t) for s, t in zip(sec.items, items) if isinstance(s, SeedTable)]
    return pairs


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------


def test_sections_and_steps(template: Template) -> None:
    assert template.id == "arbeidsrettet-lop"
    assert template.layout == "steps"
    assert [(s.id, s.title) for s in template.sections] == EXPECTED_SECTIONS
    assert [p.id for p in template.parts] == [str(n) for n in range(1, 8)]
    assert [p.label for p in template.parts] == [f"STEG {n}" for n in range(1, 8)]
    assert [p.title for p in template.parts] == EXPECTED_STEPS
    assert [p.tools_title for p in template.parts] == [f"VERKTØY FOR STEG {n}" for n in range(1, 8)]
    for part in template.parts:
        assert all(s.id.startswith(f"{part.id}.") for s in part.sections), part.id


def test_steps_match_seed(template: Template, seed: list[SeedPart]) -> None:
    for mine, theirs in zip(template.parts, seed, strict=True):
        assert mine.label == theirs.label
        assert mine.title == theirs.title
        assert mine.tools_title == theirs.tools_title
        assert list(mine.tools) == theirs.tools, mine.label
        assert [(s.id, s.title) for s in mine.sections] == [(s.id, s.title) for s in theirs.sections]


def test_section_text_and_tables_in_seed_order(template: Template, seed: list[SeedPart]) -> None:
    """Every line and table of each seed section, in order, and nothing else."""
    for part in seed:
        for sec in part.sections:
            mine = template_items(template.section(sec.id))
            assert [key(i) for i in mine] == [key(i) for i in sec.items], sec.id
            for theirs, ours in zip(sec.items, mine):
                if isinstance(theirs, SeedLine):
                    # an italic placeholder in the seed is a prompt in the template
                    assert ours.italic == theirs.italic, (sec.id, theirs.text)


def test_table_headers_and_groups(template: Template, seed: list[SeedPart]) -> None:
    for sid, table, block in seed_pairs(template, seed):
        titles, groups = headers(block)
        assert titles == table.titles, (sid, block.id)
        assert groups == table.groups, (sid, block.id)
        shown_italic = [norm(c.title_italic) for c in block.columns for _ in (c.split or (c.title,))]
        assert shown_italic == table.italic_titles, (sid, block.id)  # 1.2: "(språknivå, … mm.)"
        assert block.columns[0].id == "label" and block.columns[0].type == "label", (sid, block.id)
        if titles[1:3] == ["Ja", "Nei"]:
            assert block.kind == "checklist", (sid, block.id)
            assert block.columns[1].type == "yesno" and block.columns[1].split == ("Ja", "Nei")
            assert block.columns[2].multiline, (sid, block.id)
        elif template.section(sid).title.startswith("Roller og ansvarsfordeling"):
            assert block.kind == "roles", (sid, block.id)
            assert [c.type for c in block.columns] == ["label", "roles", "roles", "roles", "text"], sid
        else:
            assert block.kind == "table", (sid, block.id)


def test_table_rows(template: Template, seed: list[SeedPart]) -> None:
    for sid, table, block in seed_pairs(template, seed):
        where = (sid, block.id)
        preset = [cells for cells in table.rows if clean_cell(cells[0])]
        blank = [cells for cells in table.rows if not clean_cell(cells[0])]
        expected = [clean_cell(cells[0]).removeprefix("- ") for cells in preset]
        assert [display(row) for row in block.rows] == expected, where

        # where a cell is shown in the seed, which column of the block it is
        column_at = [c for c in block.columns for _ in (c.split or (c.title,))]
        assert len(column_at) == len(table.titles), where
        for cells in table.rows:
            for i, cell in enumerate(cells[1:], start=1):
                if clean_cell(cell) == "Ja/Nei":
                    assert column_at[i].type == "yesno", where

        for cells, row in zip(preset, block.rows):
            shown = clean_cell(cells[0])
            at = (sid, block.id, shown)
            italic = italics(cells[0])
            if italic:
                assert row.prompt.strip("()") == italic, at
            else:  # 1.3 "Annet (skriv inn flere oppgaver ved behov)" is a prompt without italics
                assert not row.prompt or ("skriv inn" in row.prompt and shown.endswith(row.prompt)), at
            if shown.startswith("- "):
                assert row.indent == 1, at
            # the list mark the seed prints before the label: "- " (4.1) or "▪" (6.2), else none
            assert row.marker == ("–" if shown.startswith("- ") else "▪" if "▪" in cells[0] else ""), at
            if shown.endswith(":") or (sid, shown) in EXTRA_GROUP_ROWS:
                assert row.group, at
            else:
                assert not row.group, at
            defaults = {
                column_at[i].id: clean_cell(cell)
                for i, cell in enumerate(cells[1:], start=1)
                if clean_cell(cell) and clean_cell(cell) != "Ja/Nei"
            }
            assert dict(row.defaults) == defaults, at

        # sub-items: every indented row hangs under a group row (4.1's "- " rows
        # under "3. Vi har avklart internt ...:"); the row after a group is indented
        for i, row in enumerate(block.rows):
            assert row.indent in (0, 1), (sid, block.id, row.label)
            if row.group:
                assert row.indent == 0 and i + 1 < len(block.rows) and block.rows[i + 1].indent == 1, (sid, row.label)
            if row.indent:
                above = next(r for r in reversed(block.rows[:i]) if not r.indent) if i else None
                assert above is not None and above.group, (sid, block.id, row.label)

        if blank:
            assert block.blank_rows == len(blank) and block.add_rows, where
        if not table.rows:
            assert block.add_rows and 4 <= block.blank_rows <= 8, where
        if block.kind in ("roles", "checklist"):
            assert block.add_rows, where
        if table.titles[0] == "Vurderingskriterier":
            assert not block.add_rows and block.blank_rows == 0, where


def test_sub_item_structure(template: Template) -> None:
    """Which rows are sub-items: the seed shows it only by layout, so it is spelt out."""

    def shape(sid: str, bid: str) -> str:
        # G = group row, ">" = indented row, "." = ordinary row
        rows = template.section(sid).block(bid).rows
        return "".join("G" if r.group else ">" if r.indent else "." for r in rows)

    assert shape("4.1", "interne") == "..G>>>>>"
    assert shape("4.1", "samarbeid") == "........"
    assert shape("4.3", "roller") == "...G>>>>.."
    assert shape("5.1", "forberedelser") == "G>>>>>>>>"
    assert shape("5.3", "roller") == "..G>>>>.."
    assert shape("6.1", "sjekkliste") == ".G>>>...."
    assert shape("6.2", "oppgaver") == ".G>>>"
    assert shape("7.1", "samarbeid") == "....."
    assert shape("7.1", "intern") == "...."
    assert shape("7.1", "oppfolging") == "G>>.."
    rows_62 = template.section("6.2").block("oppgaver").rows
    assert [(r.label, r.prompt) for r in rows_62] == [
        ("Fase 1 (fag)", "skriv inn hva som skal læres"),
        ("Grunnleggende ferdigheter", ""),
        ("Norsk muntlig, skriftlig og lesing norsk –", "skriv inn hva som skal læres"),
        ("IKT –", "skriv inn hva som skal læres"),
        ("Matte -", "skriv inn hva som skal læres"),
    ]
    involverte = template.section("6.2").block("involverte")
    assert [r.label for r in involverte.rows] == [
        "Programrådgiver",
        "Lærer (grunnleggende ferdigheter og norsk)",
        "Faglærer (lærer fra videregående eller arbeidsgiver)",
        "Fadder",
    ]


def test_fields_lists_and_links(template: Template) -> None:
    def fields(sid: str, bid: str) -> list[tuple[str, str]]:
        block = template.section(sid).block(bid)
        assert block.kind == "fields"
        return [(r.label, r.prompt) for r in block.rows]

    for sid in ("2.2", "3.1"):
        assert fields(sid, "bransje") == [("BRANSJE/YRKE", "skriv inn")]
    for sid in ("2.3", "3.2"):
        assert fields(sid, "tiltak") == [("Yrke/bransje", ""), ("Navn på tiltak", "")]
    assert fields("5.2", "bransje") == [("Bransje/yrke", "")]
    krav = template.section("5.2").block("krav")
    assert (krav.title, krav.title_prompt) == ("Krav fra arbeidsgiver", "skriv inn")
    assert fields("5.2", "krav") == [("Deltaker må kunne", ""), ("Personlige egenskaper", ""), ("Språkkrav", "")]
    assert fields("6.2", "fag") == [("Kompetansemål fra", "skriv inn navn på fag eller yrke")]

    goals = template.section("6.2").block("kompetansemal")
    assert goals.kind == "list" and goals.add_rows
    assert [(r.key, r.label, r.prompt) for r in goals.rows] == [(f"r{n}", "", "") for n in range(1, 7)]

    links = [(s.id, b) for s in template.sections for b in s.blocks if b.kind == "link"]
    assert [sid for sid, _ in links] == [s for s, title in EXPECTED_SECTIONS if title.startswith("Kjøreplan")]
    for sid, block in links:
        meeting = sid.split(".")[0]
        assert block.link_text == f"Her finner du kjøreplan for arbeidsmøte {meeting}."
        assert block.url_intro == "Alternativt kan du skrive inn følgende adresse:"
        assert block.url == URL


def test_instruction_lists(template: Template) -> None:
    def lists(sid: str) -> list[tuple[bool, int, int]]:
        content = template.section(sid).content
        return [(i.numbered, i.start, len(i.items)) for i in content if isinstance(i, Instructions)]

    assert lists("4.3") == lists("5.3") == [(False, 1, 3)]
    assert lists("6.2") == [(True, 1, 1), (True, 2, 1), (True, 3, 3)]
    for sid in ("1.3", "2.4", "3.3", "4.3", "5.3", "6.3", "7.2"):
        (instructions,) = [i for i in template.section(sid).content if isinstance(i, Instructions)]
        assert [len(i.items) for i in instructions.items] == [0, 3, 0], sid


def test_typo_in_a_key_names_the_file(tmp_path: Path) -> None:
    data = json.loads(TEMPLATE_FILE.read_text(encoding="utf-8"))
    roles = data["parts"][0]["sections"][2]["content"][1]
    assert roles["type"] == "roles"
    roles["add_row"] = roles.pop("add_rows")
    copy = tmp_path / "kopi-av-arbeidsrettet.json"
    copy.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template_file(copy)
    message = str(caught.value)
    assert "kopi-av-arbeidsrettet.json" in message
    assert "ukjent felt 'add_row'" in message
    assert "(1.3)" in message


def test_italic_part_of_a_header_must_be_in_the_header(tmp_path: Path) -> None:
    data = json.loads(TEMPLATE_FILE.read_text(encoding="utf-8"))
    table = data["parts"][0]["sections"][1]["content"][2]
    column = next(c for c in table["columns"] if c.get("title_italic"))
    column["title_italic"] = "(språknivå mm.)"  # not what the title says
    copy = tmp_path / "kopi.json"
    copy.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template_file(copy)
    assert "title_italic" in str(caught.value) and "del av tittelen" in str(caught.value)
