"""``intro-tui serve``: the app in web browsers, behind a join code.

textual-serve (1.1.x) serves a Textual app to browsers, one app process per
websocket, with no authentication at all.  This server keeps its pieces (the
websocket bridge, downloads, the terminal's JavaScript) and puts a gate in
front: an aiohttp middleware that runs before every route and lets through only

- ``GET /`` and ``POST /join`` (the join page: code and name), and
- everything else only with a ticket (the cookie a right code gives), and
  ``/ws`` (which starts a process) only from serve's own page (``Origin``)
  while fewer than ``--max-participants`` app processes are alive.

Below it, :mod:`.connections` bounds connections per address and in all and
closes slow ones; :mod:`.gate` slows guessing and locks the room;
:mod:`.processes` bounds each app process and ends it with its tab.  Every
process is a guest session in the served workshop (``intro_tui/tui/guest.py``).
"""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server, to_int

from . import group_choice, pages
from .addresses import (
    Network,
    base_url,
    client_address,
    is_secure,
    origin_ok,
    reachable_host,
)
from .connections import BoundedRunner, Limits, log_event, mark_request, quiet_logging
from .gate import Gate, Refused, check_name
from .processes import ParticipantService, clamp_size, relay

COOKIE = "intro_tui_ticket"
TEMPLATES = Path(__file__).with_name("templates")
FORM_SECONDS = 10.0


class JoinServer(Server):
    """textual-serve's server with a join gate in front of it."""

    def __init__(self, data_dir: Path, *, host: str, port: int, workshop: str, max_participants: int,
                 public_url: str | None = None, on_code=None, trusted_proxies: list[Network] | None = None,
                 idle_minutes: float = 180.0):
        self.argv = [sys.executable, "-m", "intro_tui", "--data-dir", str(data_dir), "open", workshop]
        shown = reachable_host(host)
        #: False when serve listens on every address but found none others can open: say --public-url.
        self.address_known = bool(public_url) or shown is not None
        shown_host = shown or "localhost"
        shown_host = f"[{shown_host}]" if ":" in shown_host else shown_host
        super().__init__(" ".join(self.argv), host=host, port=port, title="intro-tui",
                         public_url=(public_url or f"http://{shown_host}:{port}").rstrip("/"),
                         templates_path=TEMPLATES)
        self.data_dir = data_dir
        self.fixed_url = public_url.rstrip("/") if public_url else None
        self.workshop = workshop
        self.gate = Gate(max_participants=max_participants)
        self.proxies = trusted_proxies or []
        self.limits = Limits(self.proxies)
        self.idle_seconds = idle_minutes * 60
        #: The app processes alive now (a seat is taken before the process starts, freed when it is gone).
        self.seats: set[ParticipantService] = set()
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
            web.get("/status", self.handle_status),
            web.get("/ws", self.handle_participant, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_shutdown.append(self.stop_all)
        return app

    @property
    def room_full(self) -> bool:
        return len(self.seats) >= self.gate.max_participants

    @web.middleware
    async def gatekeeper(self, request: web.Request, handler):
        """Before any route: only the join page is open; a ticket for the rest; a seat for a process."""
        mark_request(request)
        if request.path in ("/", "/join"):
            return await handler(request)
        name = self.gate.name_for(request.cookies.get(COOKIE))
        if name is None:
            if request.path == "/app":
                raise web.HTTPSeeOther("/")
            return web.Response(status=403, text="Ingen adgang: skriv inn koden på forsiden først.\n")
        request["participant"] = name
        request["group"] = self.gate.group_for(request.cookies.get(COOKIE))
        return await handler(request)

    async def stop_all(self, app: web.Application) -> None:
        """serve stops: every app quits (saving its open edit) and every tab is told, before the runner waits."""
        services = list(self.seats)
        await asyncio.gather(*(service.stop() for service in services), return_exceptions=True)
        await asyncio.gather(*(service.remote_close() for service in services), return_exceptions=True)

    # -- the join page ---------------------------------------------------------------------------

    def page(self, problem: str = "", **kwargs) -> web.Response:
        """The join page, with the served workshop's groups to pick from."""
        return pages.join_page(problem, groups=group_choice.choices(self.data_dir, self.workshop), **kwargs)

    async def handle_join_page(self, request: web.Request) -> web.Response:
        return self.page()

    async def handle_join(self, request: web.Request) -> web.Response:
        address = client_address(request, self.proxies)
        try:
            form = await asyncio.wait_for(request.post(), FORM_SECONDS)
        except (TimeoutError, ValueError, OSError, web.HTTPException):
            return self.page("Skjemaet kunne ikke leses.", status=400)
        code, raw_name = str(form.get("code", "")), str(form.get("name", ""))
        group = group_choice.chosen(form.get("group"), group_choice.choices(self.data_dir, self.workshop))
        name, problem = check_name(raw_name)
        if not code.strip():  # a slip, not a guess: no strike
            return self.page("Skriv inn koden som vises på skjermen.", status=403, name=raw_name if name else "",
                             group=group)
        try:
            right = await self.gate.try_code(address, code)
        except Refused:
            if self.gate.locked:
                log_event("locked", "rommet er låst etter for mange feil koder (siste fra %s)", address)
                return self.page("Rommet er låst etter for mange feil koder. Be verten om en ny kode.",
                                       status=503)
            log_event("in-flight", "for mange forsøk samtidig fra %s", address)
            return self.page("For mange forsøk på en gang. Vent litt og prøv igjen.", status=429)
        if not right:
            log_event("wrong-code", "feil kode fra %s", address)
            return self.page("Feil kode.", status=403, name=raw_name if name else "", group=group)
        if name is None:
            return self.page(problem, status=400)
        response = web.HTTPSeeOther("/app")
        response.set_cookie(COOKIE, self.gate.give_ticket(name, address, group), httponly=True, samesite="Strict",
                            secure=is_secure(request, self.proxies, self.fixed_url))
        raise response

    # -- the app processes ----------------------------------------------------------------------------

    async def handle_participant(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's bridge: from our page only, one seat per live process, sizes clamped."""
        if not origin_ok(request, self.proxies, self.fixed_url):
            log_event("origin", "websocket avvist: Origin %r", request.headers.get("Origin", "")[:80])
            return web.Response(status=403, text="Ingen adgang: feil opprinnelse (Origin).\n")
        if self.room_full:
            return web.Response(status=503, text=f"Fullt: høyst {self.gate.max_participants} deltakere.\n")
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=64 * 1024)
        size = clamp_size(to_int(request.query.get("width", "80"), 80), to_int(request.query.get("height", "24"), 24))
        service = ParticipantService(self.argv, participant=request["participant"], group=request["group"],
                                     write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                     close=websocket.close, download_manager=self.download_manager)
        self.seats.add(service)  # taken before the first await: a burst of websockets cannot overbook
        try:
            await websocket.prepare(request)
            self.gate.mark_used(request.cookies.get(COOKIE))
            await service.start(*(size or (80, 24)))
            await relay(websocket, service, self.idle_seconds)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # noqa: BLE001 - a broken message from one browser ends only that tab
            log_event("websocket", "websocket: %r", error)
        finally:
            try:
                await asyncio.shield(service.stop())  # the process is gone before the seat is free
            finally:
                self.seats.discard(service)
            if not websocket.closed:
                await websocket.close()
        return websocket

    async def handle_index(self, request: web.Request) -> web.Response:
        """The app page (our template, in bokmål), its URLs built from how this browser reached us."""
        import aiohttp_jinja2

        if self.room_full:
            return pages.message_page("Rommet er fullt",
                                      f"Høyst {self.gate.max_participants} kan være med samtidig. "
                                      "Prøv igjen når noen har gått.", status=503)
        base = base_url(request, self.proxies, self.fixed_url)
        websocket = ("wss:" if base.startswith("https") else "ws:") + base.split(":", 1)[1] + "/ws"
        context = {"font_size": max(8, min(to_int(request.query.get("fontsize", "16"), 16), 40)),
                   "app_websocket_url": websocket, "config": {"static": {"url": base + "/static/"}},
                   "application": {"name": "intro-tui"}, "max_participants": self.gate.max_participants}
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_status(self, request: web.Request) -> web.Response:
        """For the page after its websocket closed: was the room full?  (No answer at all: serve stopped.)"""
        return web.json_response({"full": self.room_full, "max": self.gate.max_participants},
                                 headers={"Cache-Control": "no-store"})

    def renew_code(self) -> str:
        code = self.gate.renew()
        if self.on_code:
            self.on_code(code)
        return code


def run(server: JoinServer) -> None:
    """Serve until Ctrl+C or SIGTERM; SIGUSR1 (or Enter in the terminal) makes a new code."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    quiet_logging()

    async def main() -> None:
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGINT, stop.set)
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_signal_handler(signal.SIGUSR1, server.renew_code)
        if sys.stdin is not None and sys.stdin.isatty():
            loop.add_reader(sys.stdin.fileno(), lambda: (sys.stdin.readline(), server.renew_code()))
        runner = BoundedRunner(await server._make_app(), limits=server.limits)
        await runner.setup()
        try:
            await web.TCPSite(runner, server.host, server.port, backlog=256).start()
            await stop.wait()
        finally:
            await runner.cleanup()

    try:
        loop.run_until_complete(main())
    finally:
        import gc

        gc.collect()  # ended app processes' transports close while the loop still runs (no "loop is closed")
        loop.run_until_complete(asyncio.sleep(0.1))
        loop.close()
