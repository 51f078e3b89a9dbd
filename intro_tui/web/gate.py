"""Who may start an app process: the join code, the participant's name, and the limits.

Kept apart from the aiohttp server so the rules can be read (and tested) on
their own.  textual-serve starts one app process per websocket and has no
authentication; everything here runs before that.

- The **code** is 6 characters from an alphabet without look-alikes (no 0/O,
  1/I/L), new at every start and on request; typed case-insensitively, spaces
  and dashes ignored.  31⁶ ≈ 887 million codes.
- **Guessing is slow, per address, counting attempts in flight**: the
  attempts of one address are checked one at a time (at most
  :data:`QUEUE_MAX` waiting, more are refused unchecked), and a wrong code
  holds that address's next check back 0.5 s, 1 s, 2 s … up to 30 s.  Parallel
  requests therefore gain nothing, and a right code from *another* address is
  never held up by a guesser (behind a reverse proxy the address is the one
  the proxy reports, see ``--trusted-proxy``).
- **The room locks** after :data:`WRONG_MAX` wrong codes against one code: no
  code gets in until the facilitator makes a new one.  A guesser with every
  address in the world then has at most 10,000 / 887 million ≈ 1 in 89,000.
- A **name** is what the others see and what the change log records: 1-40
  characters, no control characters, no markup brackets.
- A right code and a good name give a **ticket** (a random token in an
  HttpOnly cookie); only a ticket opens the app page and its websocket.  At
  most :data:`TICKETS_PER_ADDRESS` unused tickets per address and
  :data:`TICKETS_MAX` in all are kept; when full, the oldest *unused* ticket of
  that address (else of anyone) goes, never one that opened the app.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import time
from dataclasses import dataclass, field

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
FIRST_DELAY = 0.5
MAX_DELAY = 30.0
QUEUE_MAX = 3
WRONG_MAX = 10_000
NAME_MAX = 40
TICKETS_MAX = 1000
TICKETS_PER_ADDRESS = 20
ADDRESSES_MAX = 10_000
_NAME_BAD = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\[\]<>{}\\]")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    return re.sub(r"[\s-]", "", text or "").upper()[:32]


def check_name(text: str) -> tuple[str | None, str]:
    """(the cleaned name, "") or (None, why it was refused, in Norwegian)."""
    name = " ".join((text or "").split())
    if not name:
        return None, "Skriv navnet ditt."
    if len(name) > NAME_MAX:
        return None, f"Navnet kan ha høyst {NAME_MAX} tegn."
    if _NAME_BAD.search(text or ""):
        return None, "Navnet kan ikke ha kontrolltegn eller tegnene [ ] < > { } \\."
    return name, ""


@dataclass
class _Address:
    """One address's guessing: its wrong codes so far, when it may be checked next, attempts in flight."""

    strikes: int = 0
    next_check: float = 0.0
    in_flight: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass
class _Ticket:
    name: str
    address: str
    used: bool = False
    group: str = ""  # the group picked on the join page (an id the page offered), "" for none


class Refused(Exception):
    """An attempt not checked at all (too many in flight from this address, or the room is locked)."""


@dataclass
class Gate:
    max_participants: int = 40
    code: str = field(default_factory=new_code)
    tickets: dict[str, _Ticket] = field(default_factory=dict)  # token -> ticket, oldest first
    wrong: int = 0  # wrong codes against the current code
    _addresses: dict[str, _Address] = field(default_factory=dict)

    def renew(self) -> str:
        """A new code (the old one stops working, the lock opens; tickets already given keep working)."""
        self.code = new_code()
        self.wrong = 0
        return self.code

    @property
    def locked(self) -> bool:
        return self.wrong >= WRONG_MAX

    async def try_code(self, address: str, code: str) -> bool:
        """Check one attempt, one at a time per address, after that address's wait; a wrong one is answered late.

        Raises :class:`Refused` without checking when the room is locked or
        this address already has :data:`QUEUE_MAX` attempts in flight.
        """
        if self.locked:
            raise Refused("locked")
        state = self._addresses.get(address)
        if state is None:
            if len(self._addresses) >= ADDRESSES_MAX:  # bounded memory: forget idle addresses first
                for key in [k for k, s in self._addresses.items() if not s.in_flight][: ADDRESSES_MAX // 2]:
                    del self._addresses[key]
            state = self._addresses[address] = _Address()
        if state.in_flight >= QUEUE_MAX:
            raise Refused("in flight")
        state.in_flight += 1
        try:
            async with state.lock:
                await asyncio.sleep(max(0.0, state.next_check - time.monotonic()))
                if self.locked:
                    raise Refused("locked")
                if secrets.compare_digest(normalise_code(code).encode(), self.code.encode()):
                    state.strikes = 0
                    return True
                self.wrong += 1
                state.strikes += 1
                delay = min(FIRST_DELAY * 2 ** (state.strikes - 1), MAX_DELAY)
                state.next_check = time.monotonic() + delay
                await asyncio.sleep(delay)  # the answer is held back too: one guess per wait, in flight or not
                return False
        finally:
            state.in_flight -= 1

    def give_ticket(self, name: str, address: str, group: str = "") -> str:
        unused = [t for t, ticket in self.tickets.items() if not ticket.used]
        mine = [t for t in unused if self.tickets[t].address == address]
        if len(mine) >= TICKETS_PER_ADDRESS:
            del self.tickets[mine[0]]
        elif len(self.tickets) >= TICKETS_MAX:
            del self.tickets[(unused or list(self.tickets))[0]]
        token = secrets.token_urlsafe(24)
        self.tickets[token] = _Ticket(name, address, group=group)
        return token

    def name_for(self, token: str | None) -> str | None:
        ticket = self.tickets.get(token) if token else None
        return ticket.name if ticket else None

    def group_for(self, token: str | None) -> str:
        ticket = self.tickets.get(token) if token else None
        return ticket.group if ticket else ""

    def mark_used(self, token: str | None) -> None:
        """A ticket that opened the app is kept: a flood of joins never pushes it out."""
        ticket = self.tickets.get(token) if token else None
        if ticket is not None:
            ticket.used = True
