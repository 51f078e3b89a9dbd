"""Capture the README's screens: the 80x24 view with three people in the room.

Run from the checkout: ``.venv/bin/python docs/screens/capture.py``.  It makes a
throw-away data folder with the example workshop, two other people in it (one
editing), opens a section at 80x24 with Pilot and writes each screen as SVG
(Textual's ``save_screenshot``) and as plain text beside this file.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.store.presence import Presence, Spot
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.examples import example_workshop
from intro_tui.tui.app import make_app

HERE = Path(__file__).resolve().parent
SHOTS = [("arbeidsrettet-lop", "1.3", "room-80x24-roles"), ("arbeidsrettet-lop", "4.1", "room-80x24-checklist"),
         ("malindikatorer", "annet", "room-80x24-indicators")]


def screen_text(app) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip).rstrip() for strip in strips)


async def capture(data_dir: Path, template: str, section: str, name: str) -> None:
    catalog = load_catalog(data_dir)
    workshop = example_workshop(catalog.templates[template], catalog)
    workshop_id = WorkshopStore(data_dir, catalog, user="ola").create(workshop).id
    people = [Presence(data_dir, workshop_id, who) for who in ("Kari Berg", "Per Ås")]
    for person in people:
        person.beat()
    app = make_app(data_dir, workshop_id=workshop_id, section=section, user="ola")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        table = app.focused
        views = [v for v in table.views if not v.group]
        people[0].move(Spot(section, table.block.id, views[min(1, len(views) - 1)].key, 1, editing=True))
        people[1].move(Spot(section, table.block.id, views[-1].key, 0))
        for _ in range(100):
            if table.badges_reserved:
                break
            await pilot.pause(0.1)
        await pilot.press("down", "up")
        await pilot.pause(1.0)
        (HERE / f"{name}.txt").write_text(screen_text(app) + "\n", encoding="utf-8")
        app.save_screenshot(filename=f"{name}.svg", path=str(HERE))


async def main() -> None:
    for template, section, name in SHOTS:
        with tempfile.TemporaryDirectory() as folder:
            await capture(Path(folder), template, section, name)


if __name__ == "__main__":
    asyncio.run(main())
