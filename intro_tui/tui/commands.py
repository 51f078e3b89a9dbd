"""Command palette (Ctrl+P): jump to a section, export, new workshop, switch workshop.

One list of commands feeds both ``discover`` (shown before typing) and
``search`` (fuzzy matched while typing).
"""

from __future__ import annotations

from functools import partial
from typing import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..export.formats import FORMATS


class IntroCommands(Provider):
    """The palette's commands; each one calls an app or screen method, the logic stays there."""

    def commands(self) -> list[tuple[str, Callable[[], None], str]]:
        from .app import IntroApp
        from .screens.workshop import WorkshopScreen

        app = self.app
        assert isinstance(app, IntroApp)
        found: list[tuple[str, Callable[[], None], str]] = [] if app.guest else [  # a guest: this workshop only
            ("Nytt verksted", app.action_new_workshop, "Lag et nytt verksted fra en mal"),
            ("Les inn fra Word", app.action_import_word, "Et utfylt Word-dokument inn i et verksted, med forhåndsvisning"),
        ]
        found += [
            ("Hjelp", app.action_help, "Alle tastene på denne skjermen"),
            ("Avslutt", app.exit_after_editing, "Lukk intro-tui (alt er lagret)"),
        ]
        screen = self.screen  # the screen the palette was opened over
        if isinstance(screen, WorkshopScreen):
            found.append(("Eksporter", screen.action_export, ", ".join(f.label for f in FORMATS.values())))
            found.append(("Endringslogg", screen.action_changelog, "Hvem endret hva og når"))
            found.append(("Led rommet", screen.action_lead, "De som følger, ser det du ser (F2)"))
            found.append(("Følg lederen", screen.action_follow, "Vis det den som leder ser (F3)"))
            found.append(("Start møtet / Neste punkt", screen.action_meeting,
                          "Kjøreplanens agenda: første eller neste punkt, med tid for alle (F9)"))
            found.append(("Grupper", screen.action_groups,
                          "Lag grupper, gi dem en seksjon eller et utkast, sett inn deltakere (F10)"))
            found.append(("Gruppenes svar", screen.action_compare,
                          "Gruppenes utkast av denne seksjonen side om side; ta et svar inn i plenum"))
            found.append(("Velg gruppe", screen.action_pick_group, "Gruppen du jobber i når rommet deles (Ctrl+U)"))
            found.append(("Gruppene nå", screen.action_group_overview,
                          "Hvem er hvor i gruppene, hvor mye de har fylt ut; del i grupper, plenum (F12)"))
            found.append(("Eksempel på kjøreplan", screen.action_agenda_example,
                          "En agenda bygd av stegets seksjoner, i en tom kjøreplan (Ctrl+A)"))
            for section in screen.session.template.sections:
                found.append((f"Gå til {section.heading}", partial(screen.go_to_section, section.id), "Seksjon"))
        workshops, _ = ([], None) if app.guest else app.store.summaries()
        for workshop in workshops:
            found.append((f"Bytt til {workshop.title}", partial(app.switch_workshop, workshop.id), "Verksted"))
        return found

    async def discover(self) -> Hits:
        for name, run, help_text in self.commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
