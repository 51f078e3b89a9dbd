"""Start the app from the command line: choose mouse reporting, run, report.

Over SSH, mouse reporting is off unless asked for: any-event tracking sends
bytes on every mouse move, which a slow link feels.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def under_ssh() -> bool:
    return bool(os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY") or os.environ.get("SSH_CLIENT"))


def launch(data_dir: Path, *, workshop_id: str | None = None, section: str | None = None,
           mouse: bool = False, ask_name: bool = False, room_role: str | None = None) -> int:
    try:  # a data folder we cannot read (permissions, a symlink loop) is one line here, not a traceback later
        os.listdir(data_dir)
    except FileNotFoundError:
        pass  # made on the first save
    except OSError as exc:
        from ..core.os_errors import os_message

        print(f"intro-tui: feil: {os_message(exc)}", file=sys.stderr)
        return 2
    web = "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")  # a browser tab under `intro-tui serve`
    if not web and (not sys.stdin.isatty() or not sys.stdout.isatty()):
        print("intro-tui: feil: appen trenger en terminal (bruk kommandoene, se «intro-tui --help»)", file=sys.stderr)
        return 2
    if workshop_id is not None:  # an unknown id is a one-line error, before the screen opens
        from ..core.model.catalog import load_catalog
        from ..core.store.workshops import WorkshopStore

        WorkshopStore(data_dir, load_catalog(data_dir)).load(workshop_id)
    from .app import make_app

    ask_name = ask_name or os.environ.get("INTRO_TUI_ASK_NAME", "") not in ("", "0")
    app = make_app(data_dir, workshop_id=workshop_id, section=section, ask_name=ask_name, room_role=room_role)
    app.run(mouse=mouse or not under_ssh())
    return app.return_code or 0
