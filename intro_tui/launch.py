"""Start the app from the command line: choose mouse reporting, run, report.

Over SSH, mouse reporting is off unless asked for: any-event tracking sends
bytes on every mouse move, which a slow link feels (DESIGN.md).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def under_ssh() -> bool:
    return bool(os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY") or os.environ.get("SSH_CLIENT"))


def launch(data_dir: Path, *, workshop_id: str | None = None, section: str | None = None,
           mouse: bool = False) -> int:
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        print("intro-tui: feil: appen trenger en terminal (bruk kommandoene, se «intro-tui --help»)", file=sys.stderr)
        return 2
    from .app import make_app

    if workshop_id is not None:
        from .cli import _store

        class _Args:
            pass

        args = _Args()
        args.data_dir = data_dir
        _store(args).load(workshop_id)  # unknown id: a one-line error before the screen opens
    app = make_app(data_dir, workshop_id=workshop_id, section=section)
    app.run(mouse=mouse or not under_ssh())
    return app.return_code or 0
