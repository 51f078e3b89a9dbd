"""Issue 18 point 2 (the change log): Før and Etter can be read at 80x24.

The log's five columns were as wide as their longest value, so at 80
columns Før and Etter lay beyond the right edge; now the columns share the
dialog's width and a long value wraps at its words; under the list the
entry under the cursor is shown whole (Hvor, Før, Etter), as the row detail
does under a section's tables.
"""

from __future__ import annotations

from conftest import fresh_store, pilot_wait_until, screen_text

from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app

OLD = "hvert kvartal i arbeidsmøtet med Flyktningtjenesten"
NEW = "hver måned, første mandag, sammen med Voksenopplæringen"


def words_on_screen(app) -> set[str]:
    return set(screen_text(app).split())


async def test_before_and_after_are_readable_at_80x24(data_dir):
    store = fresh_store(data_dir)
    workshop_id = store.create(Workshop(id="", title="Møte", template="arbeidsrettet-lop")).id
    store.set_cell(workshop_id, "1.3", "roller", "r2", "nar", OLD)
    store.set_cell(workshop_id, "1.3", "roller", "r2", "nar", NEW)
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot_wait_until(pilot, lambda: "Esc Meny" in screen_text(app), what="the section")
        await pilot.press("ctrl+l")
        await pilot_wait_until(pilot, lambda: "Endringslogg" in screen_text(app), what="the change log")

        def readable() -> bool:
            header = next((line for line in screen_text(app).splitlines() if "Når" in line and "Hvem" in line), "")
            seen = words_on_screen(app)
            return ("Før" in header and "Etter" in header and "Før:" in seen and "Etter:" in seen
                    and all(w in seen for w in (OLD + " " + NEW).split()))

        await pilot_wait_until(pilot, readable, what="Før and Etter with every word of both values on screen")
        assert all(len(line) <= 80 for line in screen_text(app).splitlines())
