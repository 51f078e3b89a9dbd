"""The join gate's rules on their own (``intro_tui/web/gate.py``), without a server.

The lock after 10,000 wrong codes (issue 16, point 4) would take hours over
HTTP at the real delays, so the delays are set to zero here; the rules are
the same.  The HTTP behaviour is in ``test_web.py`` and ``test_web_bounds.py``.
"""

from __future__ import annotations

import asyncio

import pytest

from intro_tui.web import gate as gate_module
from intro_tui.web.gate import WRONG_MAX, Gate, Refused


@pytest.fixture
def no_delays(monkeypatch):
    monkeypatch.setattr(gate_module, "FIRST_DELAY", 0.0)
    monkeypatch.setattr(gate_module, "MAX_DELAY", 0.0)


async def test_ten_thousand_wrong_codes_lock_the_room_until_a_new_code(no_delays):
    gate = Gate()
    for i in range(WRONG_MAX):
        assert not await gate.try_code(f"10.0.{i // 250}.{i % 250}", "WRONG1")
    with pytest.raises(Refused):
        await gate.try_code("192.0.2.7", gate.code)  # even the right code, from anyone
    gate.renew()
    assert await gate.try_code("192.0.2.7", gate.code)


async def test_attempts_in_flight_count(no_delays, monkeypatch):
    monkeypatch.setattr(gate_module, "FIRST_DELAY", 0.2)
    monkeypatch.setattr(gate_module, "MAX_DELAY", 0.2)
    gate = Gate()
    results = await asyncio.gather(*(gate.try_code("198.51.100.1", "WRONG1") for _ in range(10)),
                                   return_exceptions=True)
    refused = [r for r in results if isinstance(r, Refused)]
    assert len(refused) == 10 - gate_module.QUEUE_MAX and gate.wrong == gate_module.QUEUE_MAX
    assert await gate.try_code("198.51.100.2", gate.code), "another address is not held up"


def test_joins_push_out_only_unused_tickets_and_not_another_addresses():
    gate = Gate()
    anne = gate.give_ticket("Anne", "198.51.100.1")
    gate.mark_used(anne)
    kari = gate.give_ticket("Kari", "198.51.100.2")  # joined, her page still loading
    for _ in range(3000):
        gate.give_ticket("X", "203.0.113.9")
    assert gate.name_for(anne) == "Anne" and gate.name_for(kari) == "Kari"
    assert len(gate.tickets) <= gate_module.TICKETS_MAX
