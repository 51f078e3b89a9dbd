"""``intro-tui new MAL --example``: example workshops with content from the source documents.

The examples are JSON documents in ``intro_tui/examples/``.  These tests load
each one through ``from_document`` (so a template change that breaks an example
fails here, with the place named) and run the real command line on them.
"""

from __future__ import annotations

import json
import re

import pytest

from intro_tui.examples import EXAMPLES_DIR, example_path, example_workshop
from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.document import from_document, to_document

from conftest import ok

CATALOG = load_catalog()
WITH_EXAMPLE = sorted(t for t in CATALOG.templates if example_path(t) is not None)
EXAMPLE_FILES = sorted(p.name for p in EXAMPLES_DIR.glob("*.json"))

#: Short texts (they must not wrap in ``show``) that each example must show.
EXPECTED = {
    "arbeidsrettet-lop": ["Bærum", "Renhold", "NAV bedriftsundersøkelse", "Flyktningtjenesten", "hvert kvartal",
                          "januar", "Renholdsoperatørfaget", "Tolk på oppstartsmøtet", "☒"],
    "malindikatorer": ["Eksempelkommune", "2010", "Igangsette", "Videreutvikle", "−21 pp"],
    "virksomhetsplan": ["Enhet med ansvar for", "Overgang til arbeid", "Overgang til utdanning",
                        "HMS for deltakere", "studieverksted", "2. kvartal 2009"],
}


def new_example(run_cli, template_id: str, *extra: str) -> str:
    workshop_id = ok(run_cli("new", template_id, "--example", *extra)).strip().splitlines()[-1]
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", workshop_id), workshop_id
    return workshop_id


def filled(cells: dict) -> dict:
    return {k: v for k, v in cells.items() if v not in ("", None)}


# -- the files -------------------------------------------------------------------


def test_the_builtin_templates_have_examples():
    assert WITH_EXAMPLE == ["arbeidsrettet-lop", "malindikatorer", "virksomhetsplan"]
    assert EXAMPLE_FILES == [f"{t}.json" for t in WITH_EXAMPLE], "an example file without a template"


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_example_file_loads_through_from_document(name):
    data = json.loads((EXAMPLES_DIR / name).read_text(encoding="utf-8"))
    assert data["template"] == name.removesuffix(".json")
    assert not {"id", "created", "updated"} & data.keys(), "authoring metadata left in the example"
    workshop = from_document(data, CATALOG.templates)
    assert workshop.title.startswith("Eksempel") and workshop.kommune and workshop.year
    assert len(workshop.cells) >= 20

    # Nothing in the file is silently dropped: every value comes back on export.
    template = CATALOG.templates[workshop.template]
    again = to_document(template, workshop)

    def values(doc):
        return {(s["id"], b["id"], r["key"]): filled(r.get("cells", {}))
                for s in doc["sections"] for b in s["blocks"] for r in b["rows"]}

    wanted, got = values(data), values(again)
    for address, cells in wanted.items():
        assert got.get(address, {}) == cells, f"{name}: {address} changed on load"


@pytest.mark.parametrize("template_id", WITH_EXAMPLE)
def test_example_workshop_is_unsaved(template_id):
    workshop = example_workshop(CATALOG.get(template_id), CATALOG)
    assert workshop.id == "" and workshop.created == "" and workshop.template == template_id
    assert workshop.title and workshop.cells


def test_arbeidsrettet_example_has_units_and_own_rows():
    workshop = example_workshop(CATALOG.get("arbeidsrettet-lop"), CATALOG)
    assert workshop.kommune == "Bærum" and workshop.year == 2026
    assert workshop.units == ["Flyktningtjenesten", "NAV", "Voksenopplæringen"]
    assert len(workshop.rows_added("1.1", "behov")) >= 3


def test_virksomhetsplan_example_follows_the_booklet():
    workshop = example_workshop(CATALOG.get("virksomhetsplan"), CATALOG)
    assert workshop.value("plan", "enhet", "r1", "verdi") == "Enhet med ansvar for introduksjonsprogram"
    assert workshop.value("plan", "enhet", "r2", "verdi") == (
        "75 % av deltakerne som avslutter introduksjonsprogram, går over i arbeid eller utdanning.")
    rows = [(workshop.value("plan", "delmal", r.key, "omrade"), workshop.value("plan", "delmal", r.key, "delmal"),
             workshop.value("plan", "delmal", r.key, "tiltak")) for r in workshop.rows_added("plan", "delmal")]
    assert [r[0] for r in rows] == ["Overgang til arbeid", "Overgang til utdanning", "HMS for deltakere",
                                    "HMS for deltakere"]
    assert rows[0][1] == "50 % av dem som avslutter introduksjonsprogram, går over i lønnet arbeid."
    assert len(rows[0][2].splitlines()) == 3
    assert rows[1][1:] == ("25 % av dem som avslutter program, påbegynner utdanning.", "Det avholdes studieverksted.")


# -- the command line --------------------------------------------------------------


@pytest.mark.parametrize("template_id", WITH_EXAMPLE)
def test_new_example_then_show(run_cli, template_id):
    workshop_id = new_example(run_cli, template_id)
    shown = ok(run_cli("show", workshop_id))
    for text in EXPECTED[template_id]:
        assert text in shown, f"«{text}» missing from show of the {template_id} example"


def test_malindikatorer_shows_the_national_deviation(run_cli):
    """IMDi 2010: goal 65 % into work or education, result 2009 44 % -> "21 % negativt resultatavvik"."""
    workshop_id = new_example(run_cli, "malindikatorer")
    shown = ok(run_cli("show", workshop_id, "avsluttet"))
    rows = re.split(r"\n[├└].*\n", shown)
    row = next(r for r in rows if "−21 pp" in r)
    first = row.splitlines()[0]
    assert "65 %" in first and "44 %" in first and "−21 pp" in first
    assert "arbeid og" in row


def test_title_option_overrides_the_example_title(run_cli):
    workshop_id = new_example(run_cli, "virksomhetsplan", "--title", "Vårt arbeidsmøte")
    shown = ok(run_cli("show", workshop_id, "plan"))
    assert shown.splitlines()[0].startswith("Vårt arbeidsmøte · ")
    assert "Enhet med ansvar for" in shown


def test_each_example_is_a_new_workshop(run_cli, tmp_path):
    first = new_example(run_cli, "malindikatorer")
    second = new_example(run_cli, "malindikatorer")
    assert first != second
    ok(run_cli("export", second, "--format", "json", "-o", str(tmp_path / "second.json")))
    exported = json.loads((tmp_path / "second.json").read_text(encoding="utf-8"))
    assert exported["id"] == second and exported["created"] and exported["year"] == 2010


def test_own_template_without_example_gets_an_empty_workshop(run_cli, data_dir):
    template = json.loads((EXAMPLES_DIR.parent / "templates" / "virksomhetsplan.json").read_text(encoding="utf-8"))
    template.update(id="egen-plan", title="Vår egen plan")
    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "egen.json").write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    workshop_id = new_example(run_cli, "egen-plan")
    shown = ok(run_cli("show", workshop_id))
    assert shown.splitlines()[0].startswith("Eksempel – Vår egen plan · ")
    assert "Enhet med ansvar for" not in shown
