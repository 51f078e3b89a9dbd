"""One app process per participant, and what bounds it.

textual-serve's ``AppService`` starts ``sh -c COMMAND`` with the browser's
size, forwards ``resize`` as sent (20000×5000 grew a process to ~1 GB), and
on a closed tab asks the app to quit and waits for ever.  Here:

- the app is started without a shell, in its own process group, with
  ``INTRO_TUI_USER`` (the participant's name), ``INTRO_TUI_GROUP`` (the group picked, if any) and ``INTRO_TUI_GUEST=1`` (a
  guest session, ``intro_tui/tui/guest.py``), and its address space bounded
  by ``RLIMIT_AS`` (:data:`MEMORY_BYTES`) set in the child before it runs;
- every size (the first and each ``resize``) is clamped to
  :data:`MAX_WIDTH` × :data:`MAX_HEIGHT`; a malformed message is dropped;
- when the websocket closes, or nothing came from the browser for the idle
  limit (``--idle-minutes``), the app is asked to quit (the open edit is
  saved) and, if it has not ended after :data:`QUIT_SECONDS`, terminated and
  then killed: :meth:`ParticipantService.stop` returns only when the process
  is gone, so a seat is free only when its process is;
- the app's stderr is kept to its first 4 KB and logged as one line.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService

from ..tui.guest import GUEST_ENV
from .connections import log_event
from .group_choice import GROUP_ENV

MAX_WIDTH, MAX_HEIGHT = 500, 200
MIN_WIDTH, MIN_HEIGHT = 20, 10
MEMORY_BYTES = 1024 * 1024 * 1024
QUIT_SECONDS = 8.0
STDERR_KEPT = 4096


def clamp_size(width: object, height: object) -> tuple[int, int] | None:
    """A size a screen can be, or None for something that is not a size."""
    if not isinstance(width, int) or not isinstance(height, int) or isinstance(width, bool) \
            or isinstance(height, bool):
        return None
    return max(MIN_WIDTH, min(width, MAX_WIDTH)), max(MIN_HEIGHT, min(height, MAX_HEIGHT))


def _bound_memory() -> None:  # runs in the child, between fork and exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


class ParticipantService(AppService):
    """One app process for one participant: their name, a guest, bounded; gone when :meth:`stop` returns."""

    def __init__(self, argv: list[str], *, participant: str, group: str = "", **kwargs):
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv
        self.participant = participant
        self.group = group

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment["INTRO_TUI_USER"] = self.participant
        environment.pop(GROUP_ENV, None)
        if self.group:
            environment[GROUP_ENV] = self.group  # picked on the join page: the app joins it
        environment[GUEST_ENV] = "1"  # a guest: the served workshop only, no server files (tui/guest.py)
        environment.pop("INTRO_TUI_ASK_NAME", None)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24):
        width, height = clamp_size(width, height) or (80, 24)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=self._build_environment(width, height),
            preexec_fn=_bound_memory, start_new_session=True)
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def stop(self) -> None:
        """Ask the app to quit; after QUIT_SECONDS terminate, then kill its group; return when it is gone."""
        process = self._process
        if process is None:
            return
        if self._task is not None:
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
            await self.send_meta({"type": "quit"})
        for sig in (None, signal.SIGTERM, signal.SIGKILL):
            if sig is not None and process.returncode is None:
                try:
                    os.killpg(process.pid, sig)
                except (ProcessLookupError, PermissionError):
                    pass
            try:
                await asyncio.wait_for(process.wait(), QUIT_SECONDS if sig is None else 3.0)
                break
            except TimeoutError:
                continue
        if self._task is not None:
            task, self._task = self._task, None
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):  # run() catches the rest itself
                await task

    async def run(self) -> None:
        """textual-serve's reader loop with the app's stderr bounded and logged as one line."""
        process = self._process
        assert process is not None and process.stdout is not None and process.stderr is not None
        stdout, stderr = process.stdout, process.stderr
        kept = bytearray()

        async def read_stderr() -> None:
            while data := await stderr.read(4096):
                if len(kept) < STDERR_KEPT:
                    kept.extend(data[: STDERR_KEPT - len(kept)])

        stderr_task = asyncio.create_task(read_stderr())
        try:
            for _ in range(10):  # the prelude says it is a Textual app
                line = await stdout.readline()
                if not line or line == b"__GANGLION__\n":
                    break
            while True:
                kind = await stdout.readexactly(1)
                size = int.from_bytes(await stdout.readexactly(4), "big")
                payload = await stdout.readexactly(size)
                if kind == b"D":
                    await self.on_data(payload)
                elif kind == b"M":
                    await self.on_meta(payload)
                elif kind == b"P":
                    await self.on_packed(payload)
        except (asyncio.IncompleteReadError, ConnectionResetError, asyncio.CancelledError):
            pass
        except Exception as error:  # noqa: BLE001 - one broken packet ends this participant's app only
            log_event("app-output", "appens utdata kunne ikke leses: %r", error)
        finally:
            stderr_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, OSError):
                await stderr_task
        if kept:
            first = bytes(kept).decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            log_event("app-stderr", "en deltakers app skrev på stderr: %s", first[0][:200])


async def relay(websocket: web.WebSocketResponse, service: ParticipantService, idle_seconds: float) -> None:
    """The browser's messages to the app, sizes clamped; ends when the tab closes or stays silent too long."""
    while True:
        try:
            message = await websocket.receive(timeout=idle_seconds)
        except TimeoutError:
            log_event("idle", "en deltaker var stille i %.0f min: appen avsluttes", idle_seconds / 60)
            return
        if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
            return
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = message.json()
        except ValueError:
            continue
        if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
            continue
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(data, dict):
            size = clamp_size(data.get("width"), data.get("height"))
            if size is not None:
                await service.set_terminal_size(*size)
        elif kind == "ping" and isinstance(data, str):
            await websocket.send_json(["pong", data[:40]])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()
