"""Answers kept for the callers who ask the same: most of a webhook's work is the same for every
caller at the same place in the same menus, until the next instant anything about the time
could change it (ivr.calls.steadiness).

An answer is kept under everything it depends on — the menus' version, the route, the call's
state as its URL gives it, the key pressed or the transfer's outcome, the number called — and
given again only while the time is between the instant it was worked out and its edge. What a
caller said is never part of a key: an answer to speech is always worked out afresh. Only the
current menus' answers are kept; a reload drops them all. The memory is bounded: the oldest
used answers go first once `max_bytes` of answers are kept.
"""
from __future__ import annotations

import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ivr.calls.navigator import Navigator
from ivr.calls.steadiness import Steadiness
from ivr.calls.steps import Step
from ivr.menus.wallclock import timeline

# A few megabytes a worker, whatever the traffic: the shipped menus' answers are 1-3 KB each.
MAX_BYTES = 4 * 1024 * 1024
# What a key may hold of what the request carries (its path and query, the number called, the
# keys pressed, Twilio's status): Twilio's come to a hundred or two; longer is answered afresh.
MAX_KEY = 512
# Each kept answer's own cost beyond its strings: the step and its speech, the log fields,
# the entry and the key's tuple: about 1.1 KB on the shipped menus (tracemalloc), counted high.
_OVERHEAD = 1600


@dataclass(frozen=True)
class Answer:
    """An answer as the webhook gives it, but for the call's own id in its log line."""

    step: Step
    fields: dict  # the step's log fields, without call_sid
    header: str  # X-IVR-Decision
    body: str  # the TwiML


@dataclass(frozen=True)
class _Kept:
    answer: Answer
    size: int  # bytes counted against the bound
    # On the time line: worked out at `since`, and right until `until`; both None for an answer
    # that does not depend on the time.
    since: timedelta | None
    until: timedelta | None

    def right_at(self, at: datetime | None) -> bool:
        if at is None or self.since is None or self.until is None:
            return at is None and self.since is None
        return self.since <= timeline(at) < self.until


class AnswerCache:
    """The current menus' answers, least recently used first; safe to share between threads."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._answers: OrderedDict[Hashable, _Kept] = OrderedDict()
        self._version: str | None = None
        self._lock = threading.Lock()
        self._steadiness: weakref.WeakKeyDictionary[Navigator, Steadiness] = (
            weakref.WeakKeyDictionary())
        self.bytes = self.hits = self.misses = 0

    def get(self, version: str, key: Hashable, at: datetime | None) -> Answer | None:
        """The answer kept for `key` in menus `version`, if it is right at `at` (None: for an
        answer that does not depend on the time)."""
        with self._lock:
            if version != self._version:
                self._drop(version)
            kept = self._answers.get(key)
            if kept is None or not kept.right_at(at):
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return kept.answer

    def keep(self, version: str, key: tuple, answer: Answer, navigator: Navigator,
             at: datetime | None) -> None:
        """Keep `answer`, worked out at `at` with `navigator` (menus `version`), for as long as
        it is right; at None, for an answer that does not depend on the time, for good."""
        since = until = None
        if at is not None:
            edge = self._steadiness_of(navigator).until(at)
            if edge is None:
                return  # at the calendar's ends: not kept
            since, until = timeline(at), timeline(edge)
        size = (sum(sys.getsizeof(part) for part in key if part is not None)
                + sys.getsizeof(answer.body) + sys.getsizeof(answer.header) + _OVERHEAD)
        with self._lock:
            if self._version is None:
                self._version = version
            if version != self._version or size > self.max_bytes:
                return  # worked out for menus replaced meanwhile, or too big to keep
            old = self._answers.pop(key, None)
            if old is not None:
                self.bytes -= old.size
            self._answers[key] = _Kept(answer, size, since, until)
            self.bytes += size
            while self.bytes > self.max_bytes:
                _, dropped = self._answers.popitem(last=False)
                self.bytes -= dropped.size

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"hits": self.hits, "misses": self.misses, "entries": len(self._answers),
                    "bytes": self.bytes}

    def _steadiness_of(self, navigator: Navigator) -> Steadiness:
        """The edges of `navigator`'s menus, worked out once a version (and not in the lock)."""
        steadiness = self._steadiness.get(navigator)
        if steadiness is None:
            steadiness = self._steadiness[navigator] = Steadiness(navigator.menus)
        return steadiness

    def _drop(self, version: str) -> None:
        """Menus `version` now serve: the answers of any other go (called with the lock)."""
        self._answers.clear()
        self.bytes, self._version = 0, version


def key_of(*parts: str | bytes | None) -> tuple | None:
    """The key of a request made of `parts`; None, not to be kept, when they are longer than
    what Twilio sends."""
    if sum(len(part) for part in parts if part is not None) > MAX_KEY:
        return None
    return parts
