"""Who may start an app process: the join code, the participant's name, and the limits.

Kept apart from the aiohttp server so the rules can be read (and tested) on
their own.  textual-serve starts one app process per websocket and has no
authentication; everything here runs before that.

- The **code** is 6 characters from an alphabet without look-alikes (no 0/O,
  1/I/L), new at every start and on request; typed case-insensitively, spaces
  and dashes ignored.  ~10⁹ codes.
- A **wrong code** costs its sender a growing wait (0.5 s, 1 s, 2 s … up to
  30 s, per address) before the answer, and attempts during that wait and as
  long again after it are refused at once: guessing is slow.
- A **name** is what the others see and what the change log records: 1-40
  characters, no control characters, no markup brackets.
- A right code and a good name give a **ticket** (a random token in an
  HttpOnly cookie); only a ticket opens the app page and its websocket, and
  no more than ``max_participants`` app processes run at once.
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass, field

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
FIRST_DELAY = 0.5
MAX_DELAY = 30.0
NAME_MAX = 40
TICKETS_MAX = 1000
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
class _Strikes:
    count: int = 0
    until: float = 0.0


@dataclass
class Gate:
    max_participants: int = 40
    code: str = field(default_factory=new_code)
    tickets: dict[str, str] = field(default_factory=dict)  # token -> name
    running: int = 0  # app processes started and not yet ended
    _strikes: dict[str, _Strikes] = field(default_factory=dict)

    def renew(self) -> str:
        """A new code (the old one stops working; tickets already given keep working)."""
        self.code = new_code()
        return self.code

    def wait_for(self, address: str) -> float:
        """Seconds this address must still wait before trying again (0: it may try now)."""
        strikes = self._strikes.get(address)
        return max(0.0, strikes.until - time.monotonic()) if strikes else 0.0

    def try_code(self, address: str, code: str) -> tuple[bool, float]:
        """(right?, how long to hold the answer back).  A wrong code doubles this address's wait."""
        if secrets.compare_digest(normalise_code(code).encode(), self.code.encode()):
            self._strikes.pop(address, None)
            return True, 0.0
        strikes = self._strikes.setdefault(address, _Strikes())
        strikes.count += 1
        delay = min(FIRST_DELAY * 2 ** (strikes.count - 1), MAX_DELAY)
        strikes.until = time.monotonic() + 2 * delay  # the answer is held back `delay`, then as long again
        if len(self._strikes) > 10_000:  # bounded memory under a flood of addresses
            self._strikes.clear()
        return False, delay

    def give_ticket(self, name: str) -> str:
        if len(self.tickets) >= TICKETS_MAX:
            self.tickets.pop(next(iter(self.tickets)))
        token = secrets.token_urlsafe(24)
        self.tickets[token] = name
        return token

    def name_for(self, token: str | None) -> str | None:
        return self.tickets.get(token) if token else None

    def room_for_one_more(self) -> bool:
        return self.running < self.max_participants
