"""Word documents built from the seed text and filled by hand, the ways municipalities fill them.

Each builder returns ``Filled``: the python-docx document, the values typed
({(section, block, row label, column): value as stored}) and the texts that
have no place in the template (a note under a table) which the import must
list as "uten plass".  The documents are the *original* templates typed from
the seeds (plain headings, the seed's headers and labels, no ids), never
intro-tui's own export.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK

SEEDS = Path("/work/shared/seeds")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass
class Filled:
    document: object
    #: {(section id, block id, row label (start of it), column id): the value the workshop should get}
    values: dict = field(default_factory=dict)
    #: Texts typed where the template has no place: each must be listed by its text under "uten plass".
    leftovers: list[str] = field(default_factory=list)
    #: What the cover/head says: {"year": 2026, "kommune": "…"}.
    cover: dict = field(default_factory=dict)

    def data(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)  # type: ignore[attr-defined]
        return out.getvalue()


def seed_lines(number: str) -> list[str]:
    path = next(SEEDS.glob(f"{number}_*.txt"))
    return path.read_text(encoding="utf-8").splitlines()


def ramboll_table(heading: str, nth: int = 0) -> list[list[str]]:
    """The rows of the ``nth`` table under ``heading`` in the Rambøll seed (the body, not the contents)."""
    lines = seed_lines("002")
    start = max(i for i, line in enumerate(lines) if line.strip() == heading)
    tables: list[list[list[str]]] = [[]]
    for line in lines[start + 1:]:
        if "\t" in line and not line.startswith(" -"):
            tables[-1].append([re.sub(r"</?i>|<[^>]+>", "", c).strip() for c in line.split("\t")])
        elif tables[-1] and line.strip():
            if len(tables) > nth:
                break
            tables.append([])
    return tables[nth]


def add_table(document, rows: list[list[str]], width: int | None = None):
    width = width or max(len(r) for r in rows)
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for cells in rows:
        out = table.add_row().cells
        for cell, text in zip(out, cells + [""] * (width - len(cells))):
            if text:
                cell.paragraphs[0].add_run(text)
    return table


def page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def type_over(cell, text: str) -> None:
    """Replace what a cell says, as a person overtyping it does (keeps the first run)."""
    paragraph = cell.paragraphs[0]
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    if paragraph.runs:
        paragraph.runs[0].text = text
    else:
        paragraph.add_run(text)
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)


def fill(table, label: str, values: dict[int, str]) -> None:
    """Type ``values`` ({column index: text}) into the row whose first cell starts with ``label``."""
    for row in table.rows:
        if row.cells[0].text.strip().startswith(label):
            for column, text in values.items():
                type_over(row.cells[column], text)
            return
    raise AssertionError(f"no row {label!r}")


def merge_down(table, row: int, column: int, text: str) -> None:
    """One cell over two rows (Word: Merge Cells), holding ``text``."""
    top = table.rows[row].cells[column]
    merged = top.merge(table.rows[row + 1].cells[column])
    type_over(merged, text)


# -- the Rambøll templates -------------------------------------------------------------------

H13 = "1.3 Roller og ansvarsfordeling av oppgaver – steg 1"
H22 = "2.2 Vurdering av tiltak innen gitt bransje/yrke som kan være aktuell for målgruppen"
H23 = "2.3 Planlegging av justering av eksisterende tiltak"
H24 = "2.4 Roller og ansvarsfordeling av oppgaver – steg 2"
H33 = "3.3 Roller og ansvarsfordeling av oppgaver – steg 3"
H62 = "6.2 Plan for oppfølging av deltaker og arbeidsgiver i praksisperioden"


def ramboll_split(*, header_again: bool, cut: int, breaker: str = "page") -> Filled:
    """1.3's role table cut in two at a page break (the header typed again, or not), then 2.4 and 3.3.

    ``breaker``: "page" (a page break between the parts), "empty" (an empty paragraph) or "none".
    """
    document = Document()
    filled = Filled(document)
    document.add_paragraph("OPPGAVEMALER")
    document.add_paragraph(H13)
    rows = ramboll_table(H13)
    first = add_table(document, rows[:cut + 1])
    if breaker == "page":
        page_break(document)
    elif breaker == "empty":
        document.add_paragraph("")
    second = add_table(document, ([rows[0]] if header_again else []) + rows[cut + 1:])
    parts = [first, second]
    typed = {"Innhente informasjon om arbeidskraftbehovet": ("NAV", "Voksenopplæringen", "Januar"),
             "Vurdere muligheter i arbeidsmarkedet for deltakerne": ("Flyktningtjenesten", "NAV", "Hver uke"),
             "Formidle/dele informasjon internt i kommunen": ("Voksenopplæringen", "Flyktningtjenesten", "Mars"),
             "Formidle/deler informasjon til deltakerne": ("NAV", "NAV", "Hvert kvartal")}
    for label, (main, doer, when) in typed.items():
        table = next(t for t in parts if any(r.cells[0].text.startswith(label) for r in t.rows))
        fill(table, label, {1: main, 2: doer, 4: when})
        filled.values.update({("1.3", "roller", label, "hovedansvarlig"): main,
                              ("1.3", "roller", label, "utforer"): doer, ("1.3", "roller", label, "nar"): when})
    fill(parts[1], "Annet", {0: "Annet: Jobbmesse for deltakerne", 1: "NAV"})  # typed over the prompt
    filled.values[("1.3", "roller", "Annet", "label")] = "Jobbmesse for deltakerne"
    filled.values[("1.3", "roller", "Annet", "hovedansvarlig")] = "NAV"
    for heading, section, label, main in ((H24, "2.4", "Definere hvordan vurderingen", "Flyktningtjenesten"),
                                          (H33, "3.3", None, "Voksenopplæringen")):
        document.add_paragraph(heading)
        table = add_table(document, ramboll_table(heading))
        label = label or table.rows[1].cells[0].text.strip()
        fill(table, label, {1: main})
        filled.values[(section, "roller", label, "hovedansvarlig")] = main
    return filled


def ramboll_fields(spelling: int) -> Filled:
    """2.3's fields and 6.2's "Kompetansemål fra" and Fase 1 typed the ordinary ways (several spellings)."""
    document = Document()
    filled = Filled(document)
    document.add_paragraph("OPPGAVEMALER")
    document.add_paragraph(H23)
    if spelling == 0:
        document.add_paragraph("Yrke/bransje – Helse og omsorg")
        document.add_paragraph("Navn på tiltak: Språkpraksis på sykehjem")
    elif spelling == 1:
        document.add_paragraph("Yrke/bransje")
        document.add_paragraph("Helse og omsorg")
        document.add_paragraph("Navn på tiltak")
        document.add_paragraph("Språkpraksis på sykehjem")
    else:
        document.add_paragraph("Yrke/bransje - Helse og omsorg")
        document.add_paragraph("Navn på tiltak – Språkpraksis på sykehjem")
    filled.values[("2.3", "tiltak", "Yrke/bransje", "verdi")] = "Helse og omsorg"
    filled.values[("2.3", "tiltak", "Navn på tiltak", "verdi")] = "Språkpraksis på sykehjem"
    document.add_paragraph("1. Identifiser aktiviteter som bør gjennomføres for å få justert eksisterende tiltak.")
    add_table(document, ramboll_table(H23) + [["", "", ""]])
    document.add_paragraph(H62)
    fag = ["Kompetansemål fra (Renholdsoperatørfaget Vg3)", "Kompetansemål fra: Renholdsoperatørfaget Vg3",
           "Kompetansemål fra Renholdsoperatørfaget Vg3"][spelling]
    document.add_paragraph(fag)
    filled.values[("6.2", "fag", "Kompetansemål fra", "verdi")] = "Renholdsoperatørfaget Vg3"
    rows = ramboll_table(H62, 1)
    table = add_table(document, rows)
    fase = ["Fase 1 (fag) Daglig renhold av kontorer", "Fase 1 (fag): Daglig renhold av kontorer",
            "Fase 1 (fag) – Daglig renhold av kontorer"][spelling]
    type_over(table.rows[1].cells[0], fase)  # the second header row: where the original has this prompt
    fill(table, "Norsk muntlig", {1: "I klasserommet"})
    filled.values[("6.2", "oppgaver", "Fase 1", "label")] = "Daglig renhold av kontorer"
    filled.values[("6.2", "oppgaver", "Norsk muntlig", "hvor")] = "I klasserommet"
    return filled


def ramboll_merged_and_notes(note: str) -> Filled:
    """1.3 with "Når" merged over two rows, and a note typed under the table."""
    document = Document()
    filled = Filled(document)
    document.add_paragraph("OPPGAVEMALER")
    document.add_paragraph(H13)
    table = add_table(document, ramboll_table(H13))
    merge_down(table, 1, 4, "Hver måned")
    merge_down(table, 3, 1, "NAV")
    for label in ("Innhente informasjon om arbeidskraftbehovet", "Vurdere muligheter i arbeidsmarkedet for deltakerne"):
        filled.values[("1.3", "roller", label, "nar")] = "Hver måned"
    for label in ("Formidle/dele informasjon internt i kommunen", "Formidle/deler informasjon til deltakerne"):
        filled.values[("1.3", "roller", label, "hovedansvarlig")] = "NAV"
    document.add_paragraph(note)
    filled.leftovers.append(note.split(":", 1)[-1].strip())
    document.add_paragraph(H24)
    add_table(document, ramboll_table(H24))
    return filled


# -- IMDi's indicator form --------------------------------------------------------------------


def imdi_rows() -> list[list[str]]:
    """The form's rows as the seed shows them: [label, Mål, Resultat] (a block heading is a row too)."""
    rows: list[list[str]] = []
    cells: list[str] = []
    for line in seed_lines("000")[2:] + [""]:
        if line.startswith("\t"):
            cells.append(line[1:].strip())
        elif line.strip() and cells:
            cells[-1] += "\n" + line.strip()
        elif cells:
            rows.append(cells)
            cells = []
    return rows


def imdi_one_table(year_line: str, *, hint_row: bool = True) -> Filled:
    """The form laid out as ONE table whose block headings are rows inside it; "År: 2026" typed as people do."""
    document = Document()
    filled = Filled(document, cover={"year": 2026})
    document.add_paragraph(seed_lines("000")[0].strip())
    document.add_paragraph(year_line)
    rows = [r for r in imdi_rows() if hint_row or len(r) > 1]
    table = add_table(document, [r if len(r) == 3 else r + [""] * (3 - len(r)) for r in rows], 3)
    typed = {("underveis", "Andel deltakere som har arbeid i introduksjonsprogrammet"): ("60 %", "55", 60, 55),
             ("underveis", "Andel deltakere i de ulike sporene"): ("40", "38 %", 40, 38),
             ("avsluttet", "Andel deltakere som har gått over i arbeid"): ("65", "44 %", 65, 44),
             ("avsluttet", "Andel deltakere som har gått over på lønnstilskudd"): ("10 %", "12", 10, 12),
             ("annet", "Antall deltakere per programrådgiver"): ("15", "17", 15, 17)}
    for (section, label), (goal, result, goal_value, result_value) in typed.items():
        fill(table, label, {1: goal, 2: result})
        filled.values[(section, "indikatorer", label, "mal")] = goal_value
        filled.values[(section, "indikatorer", label, "resultat")] = result_value
    return filled


# -- the booklet (virksomhetsplan) ---------------------------------------------------------------

QUESTIONS = ("Hva er oppnådd?", "Hva er ikke oppnådd?", "Hvilke tiltak er gjennomført etter planen?")


def booklet(spelling: int) -> Filled:
    """The booklet's pages: Enhet line, the quarterly questions as a list with answers under them,
    the NIR code table with an added Antall column, the indicator table with 0,45 in a share row."""
    document = Document()
    filled = Filled(document)
    document.add_paragraph("Sett mål – oppnå resultater")
    document.add_paragraph("Utdrag fra virksomhetsplan for to enheter")
    enhet = ["Enhet med ansvar for introduksjonsprogram: Flyktningtjenesten",
             "Enhet: Flyktningtjenesten", "Enhet med ansvar for introduksjonsprogram – Flyktningtjenesten"][spelling]
    document.add_paragraph(enhet)
    filled.values[("plan", "enhet", "Enhet", "verdi")] = "Flyktningtjenesten"
    document.add_paragraph("Hovedmål: 75 % av deltakerne som avslutter introduksjonsprogram, går over i arbeid "
                           "eller utdanning.")
    filled.values[("plan", "enhet", "Hovedmål", "verdi")] = ("75 % av deltakerne som avslutter "
                                                             "introduksjonsprogram, går over i arbeid eller utdanning.")
    document.add_paragraph("Oppfølging av resultater")
    document.add_paragraph("Resultater:")
    answers = {"Hva er oppnådd?": "Åtte av tolv gikk over i arbeid.",
               "Hva er ikke oppnådd?": "Målet for norskprøven.",
               "Hvilke tiltak er gjennomført etter planen?": "Jobbsøkerkurset i mars."}
    style = "List Bullet"
    for question in QUESTIONS:
        if question.startswith("Hvilke"):
            document.add_paragraph("Tiltak:")
        document.add_paragraph(("- " if spelling == 2 else "") + question, style=None if spelling == 2 else style)
        document.add_paragraph(answers[question])
        filled.values[("oppfolging", "sporsmal", question, "svar")] = answers[question]
    document.add_paragraph("Kodeverk i NIR")
    document.add_paragraph("Kodeverk begrunnelse for avsluttet/avbrutt introduksjonsprogram")
    codes = [line.split("\t") for line in seed_lines("001") if line.count("\t") == 1 and (
        line.startswith(("Vedtak om permanent stans\t", "Avsluttet introprogram\t", "Avbrutt introprogram\t")))]
    header = [["Status", "Begrunnelse", "Antall"]] if spelling != 1 else []
    table = add_table(document, header + [c + [str(n % 5)] for n, c in enumerate(codes)], 3)
    del table
    for n, (status, code) in enumerate(codes):
        filled.values[("nir", "koder", (status, code), "antall")] = n % 5
    document.add_paragraph("Sentrale mål- og resultatindikatorer")
    rows = [r.split("\t") for r in seed_lines("001")[633:647]]
    ind = add_table(document, [["Sentrale mål- og resultatindikatorer", "Mål", "Resultat"]] + [r[:1] + ["", ""] for r in rows
                                                                                              if r[0].strip()], 3)
    fill(ind, "% i arbeid, > 29 t/uke", {1: "0,45", 2: "40 %"})
    filled.values[("indikatorer", "indikatorer", "% i arbeid, > 29 t/uke", "mal")] = 45
    filled.values[("indikatorer", "indikatorer", "% i arbeid, > 29 t/uke", "resultat")] = 40
    return filled


def libreoffice_copy(data: bytes, tmp: Path) -> bytes:
    """The same document opened and saved again by LibreOffice (soffice --convert-to docx)."""
    import subprocess

    source = tmp / "byhand.docx"
    source.write_bytes(data)
    out = tmp / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp / 'lo-profile'}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=240)
    return (out / "byhand.docx").read_bytes()


H71 = "7.1 Sjekkliste – sluttevaluering av praksis og videre oppfølging av deltaker"
LONG = ("fordi arbeidsgiveren ønsker en ny samtale med deltakeren og programrådgiveren før praksisperioden "
        "forlenges, og fordi Voksenopplæringen må få vite hvilke fag deltakeren skal følge videre i høst.")


def ramboll_long_leftovers() -> Filled:
    """Long texts typed where the template has none: a sentence in a Ja box of 7.1, a table of one's own.

    Each must be listed whole (no "…" cut): once imported, the list is the only place it is named.
    """
    document = Document()
    filled = Filled(document)
    document.add_paragraph("OPPGAVEMALER")
    document.add_paragraph(H71)
    table = add_table(document, ramboll_table(H71))
    row = next(r for r in table.rows if r.cells[0].text.strip().startswith("3. Vi undersøker muligheter"))
    type_over(row.cells[1], "Ja, " + LONG)
    filled.leftovers.append("Ja, " + LONG)
    document.add_paragraph("Egne notater")
    filled.leftovers.append("Egne notater")  # a heading of one's own is text too
    add_table(document, [["Hva vi lovet", "Hvem"], ["Vi lovet " + LONG, "Kari Nordmann i Flyktningtjenesten"]])
    filled.leftovers.append("Vi lovet " + LONG)
    return filled
