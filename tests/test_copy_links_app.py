"""Links between per-choice sections in the app at 80×24 (issue 20, point 6): 2.3 within 2.2's trades.

2.3's ``Yrke/bransje`` completes from 2.2's copies as one types (→ takes it); F9 on a tiltak written in
2.2's "Forslag til justering av eksisterende tiltak" makes it a copy of 2.3.  Real key presses, the screen read.
"""

from __future__ import annotations

import pytest
from conftest import fresh_store, pilot_wait_until, screen_text

from intro_tui.core.model import copies
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import copies as store_copies
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app

SIZE = (80, 24)
ARB = "arbeidsrettet-lop"


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    """2.2 filled for two trades; 2.3 not yet started."""
    workshop = store.create(Workshop(id="", title="Lenker", template=ARB))
    store.set_cell(workshop.id, "2.2", "bransje", "bransje", "verdi", "Renhold")
    store_copies.add_copy(store, workshop.id, "2.2", "Helse og omsorg")
    return workshop.id


def bottom(app) -> str:
    return "\n".join(screen_text(app).splitlines()[-6:])


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


async def test_yrke_bransje_in_23_completes_from_22s_trades(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="2.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: "Yrke/bransje" in screen_text(app), "2.3 on screen")
        await pilot.press("right", "enter")  # Yrke/bransje's value
        await type_text(pilot, "hel")
        await pilot_wait_until(pilot, lambda: "helse og omsorg" in bottom(app).casefold(), "the suggestion shown")
        assert "→ Fullfør" in screen_text(app).splitlines()[-1]
        await pilot.press("right", "enter")  # → takes it, Enter stores it
        await pilot_wait_until(pilot, lambda: "→ Fullfør" not in screen_text(app).splitlines()[-1], "editor closed")
        assert "Yrke/bransje" in screen_text(app) and "Helse og omsorg" in screen_text(app)
        await pilot.press("down", "enter")  # Navn på tiltak does not complete from the trades
        await type_text(pilot, "Re")
        await pilot_wait_until(pilot, lambda: bottom(app).count("Re") >= 1, "typed")
        assert "Renhold" not in bottom(app) and "→ Fullfør" not in screen_text(app).splitlines()[-1]
        await pilot.press("escape")
    workshop = fresh_store(data_dir).load(workshop_id)
    assert workshop.value("2.3", "tiltak", "yrke", "verdi") == "Helse og omsorg"


async def test_a_new_trade_is_stored_as_typed_when_the_suggestion_is_not_taken(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="2.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: "Yrke/bransje" in screen_text(app), "2.3 on screen")
        await pilot.press("right", "enter")
        await type_text(pilot, "Ren")
        await pilot_wait_until(pilot, lambda: "Renhold" in bottom(app), "the suggestion shown")
        await pilot.press("enter")  # Enter stores what was typed
        await pilot_wait_until(pilot, lambda: "→ Fullfør" not in screen_text(app).splitlines()[-1], "editor closed")
    assert fresh_store(data_dir).load(workshop_id).value("2.3", "tiltak", "yrke", "verdi") == "Ren"
    assert copies.keys_of(fresh_store(data_dir).load(workshop_id), "2.3") == ["2.3"]


@pytest.fixture
def proposed(store: WorkshopStore, workshop_id: str) -> str:
    """Renhold's 2.2 proposes two tiltak in «Forslag til justering av eksisterende tiltak» (one a line)."""
    store.set_cell(workshop_id, "2.2", "vurdering", "r6", "bedres", "- Renholdskurs\n- Språkpraksis")
    return workshop_id


def key_bar(app) -> str:
    return screen_text(app).splitlines()[-1]


async def down_to_proposals(pilot, app) -> None:
    """Arrow down 2.2's rows until the cursor is on «Forslag til justering» (the key bar then offers F9)."""
    for _ in range(14):
        if "F9 Lag 2.3" in key_bar(app):
            return
        await pilot.press("down")
        await pilot.pause()
    raise AssertionError(screen_text(app))


async def back_to_renhold(pilot, app) -> None:
    """F5 (the previous section) until Renhold's 2.2 is on screen: the navigator's order is 2.2, 2.2#2, 2.3 …"""
    for _ in range(6):
        await pilot.press("f5")
        try:
            await pilot_wait_until(pilot, lambda: "STEG 2 › 2.2" in screen_text(app), "a 2.2", timeout=5)
        except AssertionError:
            continue
        if "målgruppen – Renhold" in screen_text(app):
            return
    raise AssertionError(screen_text(app))


async def test_f9_on_a_proposed_tiltak_makes_it_a_copy_of_23_with_its_trade(data_dir, proposed):
    app = make_app(data_dir, workshop_id=proposed, section="2.2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: "BRANSJE/YRKE" in screen_text(app), "2.2 on screen")
        assert "F9" not in key_bar(app)  # only where a tiltak is proposed
        await down_to_proposals(pilot, app)
        await pilot.press("f9")  # the first copy of 2.3 is unnamed: it becomes Renholdskurs's plan
        await pilot_wait_until(pilot, lambda: "Tiltaket «Renholdskurs» har nå sin egen 2.3" in screen_text(app),
                               "the message")
        text = screen_text(app)
        assert "2.3 Planlegging av justering" in text and "Yrke/bransje" in text and "Renhold" in text
        assert "Renholdskurs" in text
        await back_to_renhold(pilot, app)  # F9 again: the next tiltak of the cell
        await down_to_proposals(pilot, app)
        await pilot.press("f9")
        await pilot_wait_until(pilot, lambda: "Tiltaket «Språkpraksis» har nå sin egen 2.3" in screen_text(app),
                               "the second copy")
        assert "– Språkpraksis" in screen_text(app)
        await back_to_renhold(pilot, app)
        await down_to_proposals(pilot, app)
        await pilot.press("f9")  # both planned: F9 goes to the first one's plan
        await pilot_wait_until(pilot, lambda: "2.3 «Renholdskurs» finnes allerede" in screen_text(app), "no third")
    workshop = fresh_store(data_dir).load(proposed)
    template = fresh_store(data_dir).template_of(workshop)
    keys = copies.keys_of(workshop, "2.3")
    assert [copies.name_of(template.section("2.3"), workshop, k) for k in keys] == ["Renholdskurs", "Språkpraksis"]
    assert [workshop.value(k, "tiltak", "yrke", "verdi") for k in keys] == ["Renhold", "Renhold"]


async def test_f9_elsewhere_says_where_it_works_and_f1_lists_it(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="2.2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: "BRANSJE/YRKE" in screen_text(app), "2.2 on screen")
        await pilot.press("f9")
        await pilot_wait_until(pilot, lambda: "F9 lager en plan for et tiltak" in screen_text(app), "the refusal")
        assert "I en kjøreplan starter F9 møtet." in " ".join(screen_text(app).split())  # F9's other meaning
        await down_to_proposals(pilot, app)
        await pilot.press("f9")  # the row is empty
        await pilot_wait_until(pilot, lambda: "Skriv tiltaket i cellen først" in screen_text(app), "empty cell")
        await pilot.press("f1")
        await pilot_wait_until(pilot, lambda: "Hjelp – taster" in screen_text(app), "F1 help")
        for _ in range(8):  # page down the list of keys
            if "Tiltaket i cellen får sin egen plan" in screen_text(app):
                break
            await pilot.press("pagedown")
            await pilot.pause()
        assert "F9" in screen_text(app) and "Tiltaket i cellen får sin egen plan" in screen_text(app)
    assert copies.keys_of(fresh_store(data_dir).load(workshop_id), "2.3") == ["2.3"]


async def test_one_ctrl_z_takes_back_what_f9_did_and_ctrl_y_does_it_again(data_dir, proposed, store):
    store.set_cell(proposed, "2.3", "tiltak", "navn", "verdi", "Språkkurs")  # 2.3's first copy has a name: F9 adds
    app = make_app(data_dir, workshop_id=proposed, section="2.2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: "BRANSJE/YRKE" in screen_text(app), "2.2 on screen")
        await down_to_proposals(pilot, app)
        await pilot.press("f9")
        await pilot_wait_until(pilot, lambda: "– Renholdskurs" in screen_text(app), "the new copy on screen")
        await pilot.press("ctrl+z")  # the copy and its trade go in one step
        await pilot_wait_until(pilot, lambda: "Angret" in screen_text(app), "undone")
        assert copies.keys_of(fresh_store(data_dir).load(proposed), "2.3") == ["2.3"]
        await pilot.press("ctrl+y")
        await pilot_wait_until(pilot, lambda: "Gjort om" in screen_text(app), "redone")
    workshop = fresh_store(data_dir).load(proposed)
    keys = copies.keys_of(workshop, "2.3")
    assert len(keys) == 2 and workshop.value(keys[1], "tiltak", "yrke", "verdi") == "Renhold"
    assert workshop.value(keys[1], "tiltak", "navn", "verdi") == "Renholdskurs"
