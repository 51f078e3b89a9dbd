"""The two IMDi indicator templates against their seed documents.

``malindikatorer.json`` comes from seed 000 (IMDi: *Forslag til mål- og
resultatindikatorer i introduksjonsprogrammet*); ``virksomhetsplan.json`` from
seed 001 (IMDi booklet *Sett mål – oppnå resultater*, 2008).  The seeds are
parsed here, independently of the templates, so a row that is dropped,
reordered or misspelt in a template makes a test fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intro_tui.core.model.template import Block, Row, Template, Text
from intro_tui.core.model.template_loader import load_template_file

from conftest import seed_file

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "intro_tui" / "templates"
SEED_INDICATORS = "000_e4b7c3f2aac41fcc.txt"
SEED_BOOKLET = "001_01a51556d7fa9646.txt"
HINT = "F.eks. forbedre, igangsette, videreutvikle"


def norm(text: str) -> str:
    """Collapse all whitespace (the seeds have non-breaking spaces and trailing blanks)."""
    return " ".join(text.split())


def seed_text(name: str) -> str:
    return seed_file(name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def malindikatorer() -> Template:
    return load_template_file(TEMPLATES / "malindikatorer.json")


@pytest.fixture(scope="module")
def virksomhetsplan() -> Template:
    return load_template_file(TEMPLATES / "virksomhetsplan.json")


def texts_before(section_content: tuple, block: Block) -> list[Text]:
    items = []
    for item in section_content:
        if item is block:
            return items
        if isinstance(item, Text):
            items.append(item)
    raise AssertionError(f"block {block.id} not in section")


def texts_after(section_content: tuple, block: Block) -> list[Text]:
    index = next(i for i, item in enumerate(section_content) if item is block)
    return [item for item in section_content[index + 1 :] if isinstance(item, Text)]


# --------------------------------------------------------------------------
# Seed 000: Forslag til mål- og resultatindikatorer
# --------------------------------------------------------------------------


def parse_indicator_seed(text: str) -> list[dict]:
    """The seed's table as a list of header blocks with their rows.

    In the seed a table row is a run of non-blank lines; each cell starts with
    a tab, and a line without a tab continues the cell before it (the
    "(Viktig punkt: ...)" line, the "(også her ...)" note under a header).
    A row whose second cell is "Mål" is a header; a row with one cell is a
    group heading.
    """
    blocks: list[dict] = []
    for chunk in text.split("\n\n"):
        lines = [line for line in chunk.split("\n") if line]
        if not lines or not lines[0].startswith("\t"):
            continue  # the title and the "År" line
        cells: list[str] = []
        for line in lines:
            if line.startswith("\t"):
                cells.append(line[1:].rstrip())
            else:
                cells[-1] += "\n" + line.rstrip()
        cells = [cell.strip() for cell in cells]
        if len(cells) == 3 and cells[1] == "Mål":
            header, _, note = cells[0].partition("\n")
            blocks.append({"header": header, "note": note, "rows": []})
        elif len(cells) == 1:
            blocks[-1]["rows"].append({"label": cells[0], "group": True, "mal": ""})
        else:
            assert len(cells) == 3, cells
            blocks[-1]["rows"].append({"label": cells[0], "group": False, "mal": cells[1]})
    return blocks


SECTION_OF_HEADER = {
    "Underveis i programmet:": ("underveis", "Underveis i programmet"),
    "Ved avsluttet introduksjonsprogram:": ("avsluttet", "Ved avsluttet introduksjonsprogram"),
    "Annet:": ("annet", "Annet"),
}


@pytest.fixture(scope="module")
def indicator_seed() -> list[dict]:
    blocks = parse_indicator_seed(seed_text(SEED_INDICATORS))
    # guard the parser itself: the form has three blocks of 21, 8 and 7 rows
    assert [b["header"] for b in blocks] == list(SECTION_OF_HEADER)
    assert [len(b["rows"]) for b in blocks] == [21, 8, 7]
    return blocks


def test_malindikatorer_shape(malindikatorer: Template) -> None:
    t = malindikatorer
    assert t.id == "malindikatorer"
    assert t.layout == "form"
    assert t.publisher == "IMDi"
    assert t.title == t.full_title == "Forslag til mål- og resultatindikatorer i introduksjonsprogrammet"
    assert [(p.id, p.label, p.title) for p in t.parts] == [("indikatorer", "", "")]
    assert [(s.id, s.title) for s in t.sections] == [*SECTION_OF_HEADER.values(), ("nir", "Kodeverk i NIR")]
    for section in t.sections[:-1]:
        assert [b.id for b in section.blocks] == ["indikatorer"]
        block = section.blocks[0]
        assert block.kind == "indicators"
        assert block.add_rows
        form = [c for c in block.columns if not c.optional]  # the columns IMDi's form has
        assert [(c.id, c.type) for c in form] == [
            ("label", "label"),
            ("mal", "indicator"),
            ("resultat", "indicator"),
        ]
        assert [c.title for c in form][1:] == ["Mål", "Resultat"]
        # the limit is the kind's optional column, after Mål
        assert [c.id for c in block.columns] == ["label", "mal", "nedre", "resultat"]


def test_malindikatorer_rows_match_seed(malindikatorer: Template, indicator_seed: list[dict]) -> None:
    for seed_block in indicator_seed:
        section_id, _ = SECTION_OF_HEADER[seed_block["header"]]
        block = malindikatorer.section(section_id).block("indikatorer")
        assert block.columns[0].title == seed_block["header"]
        assert [norm(r.label) for r in block.rows] == [norm(r["label"]) for r in seed_block["rows"]]
        assert [r.group for r in block.rows] == [r["group"] for r in seed_block["rows"]]
        for row in block.rows:
            assert row.label == row.label.strip(), row.label
            assert "\xa0" not in row.label, row.label


def test_malindikatorer_notes(malindikatorer: Template, indicator_seed: list[dict]) -> None:
    for seed_block in indicator_seed:
        section = malindikatorer.section(SECTION_OF_HEADER[seed_block["header"]][0])
        block = section.block("indikatorer")
        before = texts_before(section.content, block)
        if seed_block["note"]:
            assert [(norm(t.text), t.style) for t in before] == [(norm(seed_block["note"]), "italic")]
        else:
            assert before == []
    assert indicator_seed[1]["note"].startswith("(også her kan målene differensieres")


def expected_kind(label: str) -> str:
    if label.startswith("Andel"):
        return "percent"
    if label.startswith("Antall"):
        return "count"
    return "text"


def test_malindikatorer_value_kinds_and_hints(malindikatorer: Template, indicator_seed: list[dict]) -> None:
    hinted = 0
    for seed_block in indicator_seed:
        block = malindikatorer.section(SECTION_OF_HEADER[seed_block["header"]][0]).block("indikatorer")
        for row, seed_row in zip(block.rows, seed_block["rows"], strict=True):
            if row.group:
                continue
            assert row.value_kind == expected_kind(seed_row["label"]), row.label
            if seed_row["mal"] == HINT:
                hinted += 1
                assert row.hint == HINT, row.label
                assert row.value_kind == "text", row.label
            else:
                assert row.hint == "", row.label
    assert hinted == 4

    def row(section_id: str, start: str) -> Row:
        block = malindikatorer.section(section_id).block("indikatorer")
        matches = [r for r in block.rows if r.label.startswith(start)]
        assert len(matches) == 1, start
        return matches[0]

    assert row("underveis", "Andel deltakere i grunnskoleopplæring").value_kind == "percent"
    assert row("underveis", "Deltakere har kvalifiserende tiltak i ferier").value_kind == "text"
    assert row("underveis", "Antall deltakere som får tilbud om språk").value_kind == "count"
    assert row("underveis", "Antall deltakere som har fått tilbud om karrierveilending").value_kind == "count"
    assert row("avsluttet", "Andel deltakere som har gått over på lønnstilskudd").value_kind == "percent"
    assert row("annet", "Antall deltakere per programrådgiver").value_kind == "count"
    assert row("annet", "Teamet har etablert samarbeid").value_kind == "text"
    assert row("annet", "Deltakere i mentorordninger").value_kind == "text"
    assert row("annet", "Samarbeidsavtaler med arbeidsgiver").hint == HINT


def test_malindikatorer_group_and_indent(malindikatorer: Template) -> None:
    rows = malindikatorer.section("underveis").block("indikatorer").rows
    groups = [i for i, r in enumerate(rows) if r.group]
    assert len(groups) == 1
    g = groups[0]
    assert rows[g].label == "Det kan være nyttig å differensiere mål for ulike målgrupper. Noen eksempler:"
    assert all(r.indent == 0 for r in rows[: g + 1])
    assert len(rows[g + 1 :]) == 5
    assert all(r.indent == 1 for r in rows[g + 1 :])
    for section_id in ("avsluttet", "annet"):
        assert all(not r.group and r.indent == 0 for r in malindikatorer.section(section_id).block("indikatorer").rows)


def test_malindikatorer_viktig_punkt_line_break(malindikatorer: Template, indicator_seed: list[dict]) -> None:
    seed_row = indicator_seed[2]["rows"][5]
    assert "\n(Viktig punkt:" in seed_row["label"]
    row = malindikatorer.section("annet").block("indikatorer").rows[5]
    first, second = row.label.split("\n")
    assert first == "Samarbeidsavtale mellom flyktningtjeneste, NAV og Voksenopplæring"
    assert second.startswith("(Viktig punkt: Programrådgivere skal ha en kontaktperson i NAV")
    assert [norm(part) for part in row.label.split("\n")] == [norm(part) for part in seed_row["label"].split("\n")]


# --------------------------------------------------------------------------
# Seed 001: Sett mål – oppnå resultater
# --------------------------------------------------------------------------


def booklet_lines() -> list[str]:
    return seed_text(SEED_BOOKLET).split("\n")


def parse_booklet_table(lines: list[str]) -> tuple[str, list[str], list[str]]:
    """The "Sentrale mål- og resultatindikatorer" table: (title, column titles, row labels)."""
    start = next(i for i, line in enumerate(lines) if line.startswith("Sentrale mål- og resultatindikatorer\t"))
    title = lines[start].split("\t")[0]
    columns = [cell for cell in lines[start + 1].split("\t")[1:]]
    labels = []
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        assert line.endswith("\t\t"), line
        labels.append(line.split("\t")[0].strip())
    return title, columns, labels


def parse_booklet_merk(lines: list[str]) -> str:
    i = next(i for i, line in enumerate(lines) if line.strip() == "MERK:")
    following = next(line for line in lines[i + 1 :] if line.strip())
    return f"MERK: {following.strip()}"


def parse_followup(lines: list[str], heading: str) -> tuple[list[str], str]:
    """The questions under "Resultater:" or "Tiltak:" on the booklet's poster.

    The extracted text puts the first question flush ("- ") and the rest
    indented (" - "); the next flush bullet is no longer a question (the
    "Husk:" reminder after Resultater, a poster step after Tiltak).  Returns
    the questions and that next bullet.
    """
    start = lines.index(heading)
    questions: list[str] = []
    for line in lines[start + 1 :]:
        if not line.strip():
            continue
        if line.startswith("- ") and not questions:
            questions.append(line[2:].strip())
        elif line.startswith(" - "):
            questions.append(line[3:].strip())
        elif line.startswith("- "):
            return questions, line[2:].strip()
        else:
            break
    raise AssertionError(f"no end of the list under {heading}")


def test_virksomhetsplan_shape(virksomhetsplan: Template) -> None:
    t = virksomhetsplan
    assert t.id == "virksomhetsplan"
    assert t.layout == "form"
    assert t.publisher == "IMDi"
    assert t.title == "Virksomhetsplan med mål- og resultatindikatorer"
    assert t.full_title == "Sett mål – oppnå resultater: virksomhetsplan"
    assert len(t.parts) == 1 and t.parts[0].label == "" and t.parts[0].title == ""
    assert [(s.id, s.title) for s in t.sections] == [
        ("indikatorer", "Sentrale mål- og resultatindikatorer"),
        ("plan", "Virksomhetsplan"),
        ("oppfolging", "Oppfølging av resultater"),
        ("nir", "Kodeverk i NIR"),
    ]


def test_virksomhetsplan_indicator_table_matches_seed(virksomhetsplan: Template) -> None:
    lines = booklet_lines()
    title, columns, labels = parse_booklet_table(lines)
    assert len(labels) == 13  # guard the parser

    section = virksomhetsplan.section("indikatorer")
    block = section.block("indikatorer")
    assert block.kind == "indicators"
    assert block.add_rows
    form = tuple(c for c in block.columns if not c.optional)
    assert [c.title for c in form] == [title, *columns]
    assert [(c.id, c.type) for c in form] == [
        ("label", "label"),
        ("mal", "indicator"),
        ("resultat", "indicator"),
    ]
    assert [norm(r.label) for r in block.rows] == [norm(label) for label in labels]

    group = labels.index("Andel av deltakerne som avslutter introduksjonsprogram:")
    for i, (row, label) in enumerate(zip(block.rows, labels, strict=True)):
        assert row.group == (i == group), label
        assert row.indent == (1 if i > group else 0), label
        if row.group:
            continue
        expected = "percent" if label.startswith("%") else "count"
        assert row.value_kind == expected, label
    assert block.rows[2].label == "Kursdeltakere, norsk og samfunnskunnskap"
    assert block.rows[2].value_kind == "count"
    assert block.rows[7].label == "% i arbeid, > 29 t/uke"
    assert block.rows[7].value_kind == "percent"

    after = texts_after(section.content, block)
    assert [(t.text, t.style) for t in after] == [(parse_booklet_merk(lines), "italic")]


def test_virksomhetsplan_plan_section(virksomhetsplan: Template) -> None:
    section = virksomhetsplan.section("plan")
    assert [(b.id, b.kind) for b in section.blocks] == [("enhet", "fields"), ("delmal", "goal-plan")]
    enhet = section.block("enhet")
    assert [r.label for r in enhet.rows] == ["Enhet", "Hovedmål"]
    intro = texts_before(section.content, enhet)
    assert len(intro) == 1 and intro[0].style == "italic"
    assert "Utdrag fra virksomhetsplan for to enheter" in intro[0].text
    # the booklet's example, to check the text quotes it correctly
    assert "Hovedmål: 75 % av deltakerne som avslutter introduksjonsprogram, går over i arbeid eller utdanning." in (
        booklet_lines()
    )

    delmal = section.block("delmal")
    assert delmal.label_column is None
    assert [(c.id, c.title, c.multiline) for c in delmal.columns] == [
        ("omrade", "Område", False),
        ("delmal", "Delmål", True),
        ("tiltak", "Tiltak", True),
    ]
    assert delmal.rows == ()
    assert delmal.add_rows
    assert delmal.blank_rows == 6


def test_virksomhetsplan_followup_matches_seed(virksomhetsplan: Template) -> None:
    lines = booklet_lines()
    resultater, husk = parse_followup(lines, "Resultater:")
    tiltak, after_tiltak = parse_followup(lines, "Tiltak:")
    # guard the parser
    assert resultater == ["Hva er oppnådd?", "Hva er ikke oppnådd?"]
    assert len(tiltak) == 7
    assert tiltak[0] == "Hvilke tiltak er gjennomført etter planen?"
    assert tiltak[-1] == "Bør andre enheter i kommunen eller eksterne instanser involveres?"
    assert husk.startswith("Husk:")
    assert after_tiltak.startswith("Ledelsen inspirerer")

    section = virksomhetsplan.section("oppfolging")
    assert [(b.id, b.kind) for b in section.blocks] == [("periode", "fields"), ("sporsmal", "table")]
    assert [r.label for r in section.block("periode").rows] == ["Kvartal"]

    table = section.block("sporsmal")
    assert [(c.id, c.title, c.type, c.multiline) for c in table.columns] == [
        ("label", "Spørsmål", "label", False),
        ("svar", "Svar", "text", True),
    ]
    # the booklet's list in its order: the "Husk:" reminder closes Resultater, the poster's
    # last step closes Tiltak; both are notes (group rows), not questions to answer
    expected = [("Resultater:", True, 0)]
    expected += [(q, False, 1) for q in resultater]
    expected += [(husk, True, 0), ("Tiltak:", True, 0)]
    expected += [(q, False, 1) for q in tiltak]
    expected += [(after_tiltak, True, 0)]
    assert [(norm(r.label), r.group, r.indent) for r in table.rows] == [(norm(q), g, i) for q, g, i in expected]
    # the rows that were there before keep their keys, so stored answers stay on them
    assert [r.key for r in table.rows if not r.label.startswith(("Husk:", "Ledelsen"))] == [
        f"r{n}" for n in range(1, 12)]
    assert texts_before(section.content, table) == [] and texts_after(section.content, table) == []
