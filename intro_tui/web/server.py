"""``intro-tui serve``: the app in web browsers, behind a join code.

textual-serve (1.1.x) serves a Textual app to browsers, one app process per
websocket, with no authentication at all.  This server keeps its pieces (the
page template, the websocket bridge, downloads) and puts a gate in front:
an aiohttp middleware that runs before every route and lets through only

- ``GET /`` and ``POST /join`` (the join page: code and name), and
- everything else only with a ticket (the cookie a right code gives), and
  ``/ws`` (which starts a process) only while fewer than
  ``--max-participants`` processes run.

So a wrong or empty code, a bad name, an unknown URL or a flood of
connections never starts a process.  Each process runs ``intro-tui open``
(or the home screen) with ``INTRO_TUI_USER`` set to the participant's name,
so the name is what the others see and what the change log records.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shlex
import sys
from pathlib import Path

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from ..tui.guest import GUEST_ENV
from . import pages
from .gate import Gate

log = logging.getLogger("intro-tui.serve")
COOKIE = "intro_tui_ticket"


class ParticipantService(AppService):
    """One app process for one participant: their name in the environment."""

    def __init__(self, command: str, *, participant: str, **kwargs):
        super().__init__(command, **kwargs)
        self.participant = participant

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment["INTRO_TUI_USER"] = self.participant
        environment[GUEST_ENV] = "1"  # a guest: the served workshop only, no server files (tui/guest.py)
        environment.pop("INTRO_TUI_ASK_NAME", None)
        return environment


class JoinServer(Server):
    """textual-serve's server with a join gate in front of it."""

    def __init__(self, data_dir: Path, *, host: str, port: int, workshop: str | None, max_participants: int,
                 public_url: str | None = None, on_code=None):
        argv = [sys.executable, "-m", "intro_tui", "--data-dir", str(data_dir)]
        if workshop:
            argv += ["open", workshop]
        import socket

        shown_host = socket.getfqdn() if host in ("0.0.0.0", "::", "") else host  # an address others can open
        shown_host = f"[{shown_host}]" if ":" in shown_host else shown_host
        super().__init__(" ".join(shlex.quote(a) for a in argv), host=host, port=port, title="intro-tui",
                         public_url=(public_url or f"http://{shown_host}:{port}").rstrip("/"))
        self.data_dir = data_dir
        self.fixed_url = public_url.rstrip("/") if public_url else None
        self.workshop = workshop
        self.gate = Gate(max_participants=max_participants)
        self.on_code = on_code

    # -- the aiohttp application -------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        import aiohttp_jinja2
        import jinja2

        app = web.Application(middlewares=[self.gatekeeper], client_max_size=16 * 1024)
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_join_page, name="join"),
            web.post("/join", self.handle_join),
            web.get("/app", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        return app

    @web.middleware
    async def gatekeeper(self, request: web.Request, handler):
        """Before any route: only the join page is open; a ticket for the rest; a seat for a process."""
        if request.path in ("/", "/join"):
            return await handler(request)
        name = self.gate.name_for(request.cookies.get(COOKIE))
        if name is None:
            if request.path == "/app":
                raise web.HTTPSeeOther("/")
            return web.Response(status=403, text="Ingen adgang: skriv inn koden på forsiden først.\n")
        if request.path == "/ws" and not self.gate.room_for_one_more():
            return web.Response(status=503, text=f"Fullt: høyst {self.gate.max_participants} deltakere.\n")
        request["participant"] = name
        return await handler(request)

    async def on_startup(self, app: web.Application) -> None:
        pass  # textual-serve prints a banner; the command prints the address and the code itself

    # -- the join page ---------------------------------------------------------------------------

    async def handle_join_page(self, request: web.Request) -> web.Response:
        return pages.join_page()

    async def handle_join(self, request: web.Request) -> web.Response:
        address = request.remote or "?"
        wait = self.gate.wait_for(address)
        if wait > 0:
            return pages.join_page(f"For mange feil koder. Vent {wait:.0f} sekunder og prøv igjen.", status=429)
        try:
            form = await request.post()
        except Exception:
            return pages.join_page("Skjemaet kunne ikke leses.", status=400)
        code, raw_name = str(form.get("code", "")), str(form.get("name", ""))
        from .gate import check_name

        name, problem = check_name(raw_name)
        if not code.strip():  # a slip, not a guess: no strike
            return pages.join_page("Skriv inn koden som vises på skjermen.", status=403, name=raw_name if name else "")
        right, delay = self.gate.try_code(address, code)
        if not right:
            await asyncio.sleep(delay)  # guessing is slow
            return pages.join_page("Feil kode.", status=403, name=raw_name if name else "")
        if name is None:
            return pages.join_page(problem, status=400)
        response = web.HTTPSeeOther("/app")
        response.set_cookie(COOKIE, self.gate.give_ticket(name), httponly=True, samesite="Strict",
                            secure=self.public_url.startswith("https"))
        raise response

    # -- the app processes ----------------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's bridge, with the participant's name and a count of running processes."""
        from textual_serve.server import to_int

        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=64 * 1024)
        width = max(20, min(to_int(request.query.get("width", "80"), 80), 400))
        height = max(10, min(to_int(request.query.get("height", "24"), 24), 200))
        service: ParticipantService | None = None
        self.gate.running += 1
        try:
            await websocket.prepare(request)
            service = ParticipantService(self.command, participant=request["participant"],
                                         write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                         close=websocket.close, download_manager=self.download_manager)
            await service.start(width, height)
            try:
                await self._process_messages(websocket, service)
            finally:
                await service.stop()  # the tab closed: the app commits the open edit and leaves
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a broken message from one browser ends only that tab
            log.warning("websocket: %s", error)
        finally:
            if service is not None:
                await service.stop()
            self.gate.running -= 1
        return websocket

    async def handle_index(self, request: web.Request) -> web.Response:
        """textual-serve's app page, its URLs built from how this browser reached us (unless --public-url)."""
        import aiohttp_jinja2
        from textual_serve.server import to_int

        base = self.fixed_url or f"{request.scheme}://{request.host}"
        websocket = ("wss:" if base.startswith("https") else "ws:") + base.split(":", 1)[1] + "/ws"
        context = {"font_size": max(8, min(to_int(request.query.get("fontsize", "16"), 16), 40)),
                   "app_websocket_url": websocket, "config": {"static": {"url": base + "/static/"}},
                   "application": {"name": "intro-tui"}}
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        return response

    def renew_code(self) -> str:
        code = self.gate.renew()
        if self.on_code:
            self.on_code(code)
        return code


def run(server: JoinServer) -> None:
    """Serve until Ctrl+C; SIGUSR1 (or Enter in the terminal) makes a new code."""
    import signal

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.add_signal_handler(signal.SIGINT, server.request_exit)
    loop.add_signal_handler(signal.SIGTERM, server.request_exit)
    loop.add_signal_handler(signal.SIGUSR1, server.renew_code)
    if sys.stdin is not None and sys.stdin.isatty():
        loop.add_reader(sys.stdin.fileno(), lambda: (sys.stdin.readline(), server.renew_code()))
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    web.run_app(server._make_app(), host=server.host, port=server.port, handle_signals=False, loop=loop,
                print=lambda *args: None, access_log=None)
    os.environ.pop("INTRO_TUI_SERVE", None)
