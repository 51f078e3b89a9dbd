"""Connections before any request: bounded per address and in all, and slow ones closed.

aiohttp accepts every TCP connection and waits for its request as long as
its keep-alive allows; ~1,100 idle connections from one address made the
join page unreachable.  Here, below aiohttp's request handling:

- at most :data:`PER_ADDRESS` open connections per peer address (a trusted
  reverse proxy carries everyone's and is exempt) and :data:`TOTAL` in all;
  one more is closed at once, before a byte is read;
- a connection must deliver its first request's headers within
  :data:`FIRST_REQUEST_SECONDS`; between requests it may idle
  :data:`IDLE_SECONDS` (aiohttp's keep-alive); a websocket, once open, is the
  app's and stays.

And the log: one line per event, at most :data:`LOG_BURST` lines of one kind
per minute, the rest counted in the next line that gets through; no
tracebacks (a flood of broken connections wrote 228 MB in 70 s).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

from .addresses import Network, _trusted

PER_ADDRESS = 32
TOTAL = 1024
FIRST_REQUEST_SECONDS = 10.0
IDLE_SECONDS = 15.0
LOG_BURST = 5


class Limits:
    """Open connections per address; shared by every handler of one server."""

    def __init__(self, proxies: list[Network]):
        self.proxies = proxies
        self.open: Counter[str] = Counter()
        self.total = 0
        self.refused = 0

    def admit(self, address: str) -> bool:
        exempt = _trusted(address, self.proxies)
        if self.total >= TOTAL or (not exempt and self.open[address] >= PER_ADDRESS):
            self.refused += 1
            return False
        self.open[address] += 1
        self.total += 1
        return True

    def release(self, address: str) -> None:
        self.open[address] -= 1
        if self.open[address] <= 0:
            del self.open[address]
        self.total -= 1


class BoundedHandler(RequestHandler):
    """aiohttp's per-connection protocol, admitted by :class:`Limits` and timed until its first request."""

    limits: Limits  # set on the subclass made per server

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        self.peer = str(peer[0]) if isinstance(peer, tuple) and peer else "?"
        self.admitted = self.limits.admit(self.peer)
        if not self.admitted:
            log_event("connection-refused", "forbindelse avvist: for mange fra %s", self.peer)
            transport.close()
            return
        self.started_request = False
        self.first_timer = asyncio.get_running_loop().call_later(FIRST_REQUEST_SECONDS, self._too_slow)
        super().connection_made(transport)

    def _too_slow(self) -> None:
        if not self.started_request:
            log_event("slow", "forbindelse lukket: ingen forespørsel innen %.0f s fra %s", FIRST_REQUEST_SECONDS,
                      self.peer)
            self.force_close()
            if self.transport is not None:
                self.transport.close()

    def request_began(self) -> None:
        self.started_request = True
        self.first_timer.cancel()

    def connection_lost(self, exc: BaseException | None) -> None:
        if not getattr(self, "admitted", False):
            return
        self.admitted = False
        self.first_timer.cancel()
        self.limits.release(self.peer)
        super().connection_lost(exc)


def mark_request(request: web.Request) -> None:
    """Called by the gate for every request: the connection has delivered one in time."""
    protocol = request.protocol
    if isinstance(protocol, BoundedHandler):
        protocol.request_began()


class BoundedServer(web.Server):
    """aiohttp's Server making :class:`BoundedHandler`s (``handler_class`` is set per server)."""

    handler_class: type[BoundedHandler]

    def __call__(self) -> RequestHandler:
        return self.handler_class(self, loop=self._loop, **self._kwargs)


class BoundedRunner(web.AppRunner):
    """An AppRunner whose connections are :class:`BoundedHandler`s."""

    def __init__(self, app: web.Application, *, limits: Limits, **kwargs):
        super().__init__(app, keepalive_timeout=IDLE_SECONDS, access_log=None, shutdown_timeout=5.0, **kwargs)
        self.limits = limits

    async def _make_server(self) -> web.Server:
        server = await super()._make_server()
        server.__class__ = BoundedServer  # the same object, now making bounded handlers
        assert isinstance(server, BoundedServer)
        server.handler_class = type("Handler", (BoundedHandler,), {"limits": self.limits})
        return server


# -- the log: one line per event, rate-limited -----------------------------------------------------

_last: dict[str, tuple[float, int, int]] = {}  # kind -> (minute started, lines in it, lines held back)
log = logging.getLogger("intro-tui.serve")


def log_event(kind: str, message: str, *args: object) -> None:
    """One line; at most LOG_BURST of one kind a minute, then a count of what was held back."""
    now = time.monotonic()
    start, shown, held = _last.get(kind, (now, 0, 0))
    if now - start >= 60:
        if held:
            log.warning("(%d like linjer «%s» holdt tilbake siste minutt)", held, kind)
        start, shown, held = now, 0, 0
    if shown < LOG_BURST:
        log.warning(message, *args)
        shown += 1
    else:
        held += 1
    _last[kind] = (start, shown, held)


class OneLine(logging.Filter):
    """Other libraries' records (aiohttp's 'Error handling request' with a traceback) as rate-limited lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == log.name:
            return True
        text = record.getMessage().splitlines()[0][:200] if record.msg else ""
        why = f": {record.exc_info[1]!r}"[:200] if record.exc_info and record.exc_info[1] else ""
        log_event(f"{record.name}:{record.msg!s:.40}", "%s%s", text, why)
        return False


def quiet_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(OneLine())
