"""A guest session: a browser participant of ``intro-tui serve``.

``serve`` runs one app process per browser tab *as the account that started
it*, so without limits a participant could read that account's files (the
Word-import dialog opens server paths), reach every workshop from the home
screen and write exports into serve's working folder.  A guest session:

- works in the served workshop only: no home screen, Esc never leaves the
  workshop, the palette offers nothing outside it, no new/copy/delete/restore;
- never opens a server path: Word import is off (a line says so);
- gets every export (Ctrl+E, the change log's CSV) in the browser through
  ``App.deliver_binary``; nothing is written on the server;
- sees no data-folder path in a message.

The flag is the environment variable :data:`GUEST_ENV`, which the web server
sets for every app process it starts (``intro_tui/web/server.py``); this is
the one place that reads it.  Setting it by hand only takes rights away.
"""

from __future__ import annotations

import os

GUEST_ENV = "INTRO_TUI_GUEST"

NO_IMPORT = "Innlesing fra Word er slått av i nettleseren: be verten lese inn dokumentet."
STAY = "Du er med som gjest i dette verkstedet. Ctrl+Q avslutter."
NOT_FOR_GUESTS = "Ikke mulig for gjester i nettleseren: bare dette verkstedet kan brukes her."


def guest_from_environment() -> bool:
    """True in an app process started by ``intro-tui serve`` for a browser participant."""
    return os.environ.get(GUEST_ENV, "") not in ("", "0")


def hide_paths(text: str, *paths: object) -> str:
    """A message without the server's folders in it (a guest never learns where data lives)."""
    for path in paths:
        name = str(path or "")
        if len(name) > 1:
            text = text.replace(name, "…")
    return text
