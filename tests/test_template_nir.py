"""The NIR code table in both indicator templates against the booklet (seed 001), and the rows linked to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from intro_tui.core.model.nir_links import status_groups
from intro_tui.core.model.template_loader import TemplateError, load_template_file, parse_template

TEMPLATES = Path(__file__).resolve().parents[1] / "intro_tui" / "templates"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "001_01a51556d7fa9646.txt"


def booklet_codes() -> list[tuple[str, str]]:
    """(status, begrunnelse) pairs under the heading "Kodeverk begrunnelse for avsluttet/avbrutt …"."""
    if not SEED.is_file():
        pytest.skip(f"seed not available at {SEED}")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = lines.index("Kodeverk begrunnelse for avsluttet/avbrutt introduksjonsprogram") + 1
    pairs = []
    for line in lines[start:]:
        if not line.strip():
            if pairs:
                break
            continue
        status, reason = line.split("\t")
        pairs.append((status.strip(), reason.strip()))
    return pairs


def test_the_booklet_parser_finds_19_codes():
    pairs = booklet_codes()
    counts = {}
    for status, _ in pairs:
        counts[status] = counts.get(status, 0) + 1
    assert counts == {"Vedtak om permanent stans": 7, "Avsluttet introprogram": 9, "Avbrutt introprogram": 3}


@pytest.mark.parametrize("name", ["virksomhetsplan", "malindikatorer"])
def test_code_table_is_the_booklets(name):
    template = load_template_file(TEMPLATES / f"{name}.json")
    section = template.section("nir")
    block = section.block("koder")
    assert block.kind == "nir" and not block.add_rows
    assert [(c.id, c.type) for c in block.columns] == [("label", "label"), ("antall", "count")]
    ours = [(group.label, code.label) for group, codes in status_groups(block) for code in codes]
    assert ours == booklet_codes()
    texts = " ".join(getattr(item, "text", "") for item in section.content)
    assert "Avsluttet introprogram" in texts and "ingen personopplysninger" in texts
    assert "65 %" in texts


def test_virksomhetsplan_rows_linked_to_codes():
    template = load_template_file(TEMPLATES / "virksomhetsplan.json")
    rows = {row.label: row for row in template.section("indikatorer").block("indikatorer").rows}
    linked = {label: row.nir.codes for label, row in rows.items() if row.nir}
    assert linked == {
        "% i arbeid, > 29 t/uke": ("avsluttet-arbeid-over-29",),
        "% i arbeid, < 30 t/uke": ("avsluttet-arbeid-under-30",),
        "% i utdanning, videregående skole": ("avsluttet-vgs",),
        "% i utdanning, høyere utdanning": ("avsluttet-hoyere",),
        "% arbeidssøker på lønnstilskudd": ("avsluttet-lonnstilskudd",),
        "% arbeidssøker på andre tiltak i regi av NAV": ("avsluttet-nav-tiltak",),
    }
    for row in rows.values():
        if row.nir:
            assert row.nir.base_label == "Avsluttet introprogram" and len(row.nir.base) == 9
    headline = template.section("nir").block("hovedindikator").rows[0]
    assert headline.national_goal == 65
    assert set(headline.nir.codes) == {"avsluttet-arbeid-over-29", "avsluttet-arbeid-under-30",
                                       "avsluttet-vgs", "avsluttet-hoyere"}


def test_malindikatorer_links_and_direction():
    template = load_template_file(TEMPLATES / "malindikatorer.json")
    avsluttet = template.section("avsluttet").block("indikatorer")
    linked = [row.label for row in avsluttet.rows if row.nir]
    assert linked == ["Andel deltakere som har gått over i arbeid",
                      "Andel deltakere som har gått over i videregående opplæring",
                      "Andel deltakere som har gått over i arbeid og videregående opplæring",
                      "Andel deltakere som har gått over på lønnstilskudd"]
    annet = template.section("annet").block("indikatorer")
    adviser = annet.rows[0]
    assert adviser.label == "Antall deltakere per programrådgiver" and adviser.direction == "lower"
    assert annet.column("nedre").title == "Øvre grense"  # the limit of a lower-is-better table is an upper one
    assert template.section("underveis").block("indikatorer").column("nedre").title == "Nedre grense"


def _template(rows, extra_sections=()):
    return {"format": "intro-tui-template", "schema": 1, "id": "x", "title": "X", "parts": [{"id": "p", "sections": [
        {"id": "s", "title": "S", "content": [{"type": "indicators", "id": "i", "columns": [
            {"id": "label", "title": "L", "type": "label"}, {"id": "mal", "title": "Mål", "type": "indicator"},
            {"id": "resultat", "title": "Resultat", "type": "indicator"}], "rows": rows}]}, *extra_sections]}]}


def test_loader_refuses_bad_links():
    with pytest.raises(TemplateError, match="ingen NIR-kodetabell"):
        parse_template(_template([{"label": "a", "value": "percent", "nir": ["x"]}]))
    with pytest.raises(TemplateError, match="direction"):
        parse_template(_template([{"label": "a", "value": "percent", "direction": "sideways"}]))
    with pytest.raises(TemplateError, match="gjelder bare indikatorrader"):
        parse_template(_template([{"label": "a", "value": "text", "direction": "lower"}]))
    nir = {"id": "nir", "title": "N", "content": [{"type": "nir", "id": "k", "columns": [
        {"id": "label", "title": "L", "type": "label"}, {"id": "antall", "title": "Antall", "type": "count"}],
        "rows": [{"key": "g", "label": "G", "group": True}, {"key": "a", "label": "A"}]}]}
    with pytest.raises(TemplateError, match="ukjent NIR-kode «b»"):
        parse_template(_template([{"label": "a", "value": "percent", "nir": ["b"]}], [nir]))
    ok = parse_template(_template([{"label": "a", "value": "percent", "nir": ["a"]}], [nir]))
    assert ok.section("s").block("i").rows[0].nir.base == ("a",)
