"""Command palette (Ctrl+P): jump to a section, export, new workshop, switch workshop.

One list of commands feeds both ``discover`` (shown before typing) and
``search`` (fuzzy matched while typing).
"""

from __future__ import annotations

from functools import partial
from typing import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider


class IntroCommands(Provider):
    def commands(self) -> list[tuple[str, Callable[[], None], str]]:
        from .screens.workshop import WorkshopScreen

        app = self.app
        found: list[tuple[str, Callable[[], None], str]] = [
            ("Nytt verksted", app.action_new_workshop, "Lag et nytt verksted fra en mal"),
            ("Hjelp", app.action_help, "Alle tastene på denne skjermen"),
            ("Avslutt", app.exit_after_editing, "Lukk intro-tui (alt er lagret)"),
        ]
        screen = self.screen  # the screen the palette was opened over
        if isinstance(screen, WorkshopScreen):
            found.append(("Eksporter", screen.action_export, "Word, Markdown eller JSON"))
            found.append(("Endringslogg", screen.action_changelog, "Hvem endret hva og når"))
            found.append(("Led rommet", screen.action_lead, "De som følger, ser det du ser (F2)"))
            found.append(("Følg lederen", screen.action_follow, "Vis det den som leder ser (F3)"))
            for section in screen.session.template.sections:
                found.append((f"Gå til {section.heading}", partial(self._goto, screen, section.id), "Seksjon"))
        workshops, _ = app.store.summaries()
        for workshop in workshops:
            found.append((f"Bytt til {workshop.title}", partial(self._switch, workshop.id), "Verksted"))
        return found

    def _goto(self, screen, section_id: str) -> None:
        from .widgets.navigator import Navigator

        screen.show_section(section_id, focus=True)
        screen.query_one(Navigator).select_section(section_id)

    def _switch(self, workshop_id: str) -> None:
        from .screens.home import HomeScreen
        from .screens.workshop import WorkshopScreen

        app = self.app
        if isinstance(self.screen, WorkshopScreen):
            if not self.screen.leave_editor():
                return
        while not isinstance(app.screen, HomeScreen) and len(app.screen_stack) > 1:
            app.pop_screen()
        app.open_workshop(workshop_id)

    async def discover(self) -> Hits:
        for name, run, help_text in self.commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
