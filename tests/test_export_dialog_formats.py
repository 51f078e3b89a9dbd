"""The app's export dialog honours the format registry: a format that is no handout (JSON) never writes one."""

from __future__ import annotations

from pathlib import Path

from conftest import pilot_wait_until
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.export.formats import FORMATS
from intro_tui.tui.app import make_app


async def test_json_with_blank_ticked_writes_the_whole_workshop_not_a_blank_file(store: WorkshopStore, data_dir: Path,
                                                                                 tmp_path: Path):
    wid = store.create(Workshop(id="", title="Utdeling", template="arbeidsrettet-lop", units=["NAV"])).id
    store.set_cell(wid, "1.3", "roller", "r1", "nar", "hver uke")
    exports = tmp_path / "exports"
    assert not FORMATS["json"].handout
    app = make_app(data_dir, workshop_id=wid, section="1.3", exports_dir=exports)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        order = list(FORMATS)
        await pilot.press(*["down"] * order.index("json"), "space")  # JSON
        await pilot.pause()
        await pilot.press("tab", "tab", "space")  # the Blank box, ticked if it can be
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: exports.is_dir() and any(exports.iterdir()), what="an export written")
    names = sorted(p.name for p in exports.iterdir())
    assert names == [f"{wid}.json"], names
    assert "hver uke" in (exports / f"{wid}.json").read_text(encoding="utf-8")
