"""An export from the app, made off the event loop (issue 22 point 7).

A Word export of a whole workshop renders for a second or more on a loaded
machine; on the loop that froze the keys of everyone at the workshop
screen.  :func:`start` says «Eksporterer …» at once and reads, renders and
writes the file in a thread worker; the worker posts :class:`ExportDone` to
the app, and :func:`finish` says the result on the loop (the path, one line
in bokmål, the question before replacing a file, or a guest's download).

One export at a time per app: a second while one runs is refused with a line
(:data:`BUSY`), so two never race to the same file and the message line
never says which of two finished.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from ..core.os_errors import os_reason
from ..core.store.errors import StoreError

if TYPE_CHECKING:
    from ..core.model.template import Template
    from .app import IntroApp
    from .screens.dialogs import ExportChoice

GROUP = "export"
STARTED = "Eksporterer …"
BUSY = "En eksport pågår allerede: vent til den er ferdig, og eksporter så igjen."


@dataclass
class ExportJob:
    """What to export; ``deliver``: render only, and hand the bytes to the browser (a guest)."""

    template: Template
    workshop_id: str
    choice: ExportChoice
    force: bool = False
    deliver: bool = False


@dataclass
class ExportResult:
    path: Path | None = None
    notes: list[str] = field(default_factory=list)
    payload: bytes | None = None
    name: str = ""
    #: The destination exists: ask before replacing it.
    exists: Path | None = None
    problem: str | None = None


class ExportDone(Message):
    """The worker's export finished (or failed); handled on the loop by :func:`finish`."""

    def __init__(self, job: ExportJob, result: ExportResult):
        super().__init__()
        self.job = job
        self.result = result


def start(app: IntroApp, job: ExportJob) -> bool:
    """Start the export in a worker; False (and a line saying so) while another runs."""
    if app.exporting:
        app.tell(BUSY, error=True)
        return False
    app.exporting = True
    app.tell(STARTED)
    store, exports_dir = app.store, app.exports_dir

    def work() -> None:
        result = ExportResult()
        try:
            _export(store, exports_dir, job, result)
        except Exception as exc:  # noqa: BLE001 - anything left: one line, the app stays up
            result.problem = f"{type(exc).__name__}: {exc}"
        finally:
            app.post_message(ExportDone(job, result))  # thread-safe in Textual

    app.run_worker(work, thread=True, group=GROUP, exit_on_error=False)
    return True


def _export(store, exports_dir: Path, job: ExportJob, result: ExportResult) -> None:
    """In the worker: read the workshop as saved now (another session may have edited it) and export it."""
    from ..export.destination import ExportExists
    from ..export.files import default_export_name
    from ..export.run import export_workshop, render

    choice = job.choice
    try:
        workshop = store.load(job.workshop_id)
        if job.deliver:
            result.payload = render(job.template, workshop, choice.format, blank=choice.blank,
                                    copies=choice.copies, step=choice.step, section=choice.section,
                                    groups=choice.groups)
            result.name = default_export_name(workshop.id, choice.format, blank=choice.blank,
                                              step=choice.step, section=choice.section)
            return
        result.path = export_workshop(job.template, workshop, choice.format, blank=choice.blank,
                                      copies=choice.copies, step=choice.step, section=choice.section,
                                      exports_dir=exports_dir, data_dir=store.data_dir, force=job.force,
                                      notes=result.notes, layout=False, groups=choice.groups)
    except ExportExists as exc:
        result.exists = exc.path
    except (StoreError, OSError, LookupError) as exc:
        result.problem = os_reason(exc) if isinstance(exc, OSError) else str(exc)


def finish(app: IntroApp, message: ExportDone) -> None:
    """On the loop: say how the export went (or ask before replacing a file, then export again)."""
    app.exporting = False
    job, result = message.job, message.result
    if result.exists is not None:
        from .screens.dialogs import ConfirmDialog

        def replace(yes: bool | None) -> None:
            if yes:
                start(app, ExportJob(job.template, job.workshop_id, job.choice, force=True, deliver=job.deliver))

        app.push_screen(ConfirmDialog(f"{result.exists} finnes fra før. Erstatte den?", yes="Erstatt"), replace)
        return
    if result.problem is not None:
        app.tell(f"Eksporten feilet: {result.problem}", error=True)
        return
    if result.payload is not None:
        app.deliver_binary(io.BytesIO(result.payload), save_filename=result.name)
        app.tell(f"Lastes ned: {result.name}")
        return
    app.tell(f"Eksportert: skrev {result.path}" + "".join(f" ({note})" for note in result.notes))
