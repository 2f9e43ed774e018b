"""The browser simulator's calls in progress, each a Caller kept in memory under a random id.

Development runs one process, so memory is the right place; it is bounded all the same, since
a page left open or a script calling in a loop must not grow the server without end.
"""
from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from ivr.tools.simulator import Caller, Event

MAX_CALLS = 32  # a tester has a tab or two open; beyond this, the least recently used goes
IDLE_SECONDS = 30 * 60  # long enough to edit the menus between two keys of one call


@dataclass
class Call:
    """One call of the page: its Caller, and how much of its record the page has been sent."""

    caller: Caller
    sent: int = 0
    used: float = 0.0
    # The page waits for each answer, but two tabs or a double click may still act at once.
    lock: threading.Lock = field(default_factory=threading.Lock)

    def unsent(self) -> list[Event]:
        """The events since the last time this was asked: what the last action brought."""
        events = self.caller.events[self.sent:]
        self.sent = len(self.caller.events)
        return events


class Calls:
    """At most `limit` calls, each forgotten when unused for `idle` seconds."""

    def __init__(self, limit: int = MAX_CALLS, idle: float = IDLE_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.idle, self._clock = limit, idle, clock
        self._calls: OrderedDict[str, Call] = OrderedDict()  # least recently used first
        self._lock = threading.Lock()

    def add(self, caller: Caller) -> tuple[str, Call]:
        """Keep `caller` under a new id, forgetting the least recently used call when full."""
        call = Call(caller)
        with self._lock:
            self._forget_idle()
            while len(self._calls) >= self.limit:
                self._calls.popitem(last=False)
            call_id = secrets.token_urlsafe(12)
            call.used = self._clock()
            self._calls[call_id] = call
        return call_id, call

    def get(self, call_id: str) -> Call | None:
        """The call of that id, now the most recently used; None when unknown or forgotten."""
        with self._lock:
            self._forget_idle()
            call = self._calls.get(call_id)
            if call is not None:
                call.used = self._clock()
                self._calls.move_to_end(call_id)
            return call

    def __len__(self) -> int:
        return len(self._calls)

    def _forget_idle(self) -> None:
        now = self._clock()
        while self._calls and now - next(iter(self._calls.values())).used > self.idle:
            self._calls.popitem(last=False)
