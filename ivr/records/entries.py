"""What the webhook hands to the writer: one entry per step the IVR decided and per status
callback from Twilio. Plain values, made on the request's thread in a few microseconds; the
writer does the rest (local times, summaries, SQL) on its own.

Every text is cut to its column's size and rid of NUL characters here, so that no request,
however hostile, makes an entry that the database refuses (which would hold up the others).
"""
from __future__ import annotations

from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from ivr.records.endings import FAILED_ANSWERS

SID, NAME, KEY, REASON, STATUS = 64, 100, 20, 100, 20  # column sizes, shared with schema.py
# A reason is kept only where it is the IVR's own word (a closure's name, Twilio's
# DialCallStatus, a URL that led nowhere). Invalid and silent answers carry what the caller
# said, which is not kept: only speech that matched an option is, as that option's key.
_SPOKEN_REASONS = FAILED_ANSWERS - {"goodbye"}


class StepEntry(NamedTuple):
    """One step: where and when, what the navigator decided, and where it left the caller."""

    call_sid: str
    seq: int  # when the request arrived: time.time_ns(), the real clock, on every machine
    at: datetime  # the app's clock (a simulated call's pretend time), aware
    zone: ZoneInfo  # the menus' zone, for the local day, weekday and hour
    line: str | None  # where the caller answered; a new call: the line reached, its first menu
    menu: str | None
    next_line: str | None  # where the caller is next (a transfer's: its menu); None: hung up
    next_menu: str | None
    key: str | None
    decision: str
    reason: str | None
    language: str | None
    menus: str  # the version of the menus that answered
    caller: str | None  # the keyed hash of the caller's number, on a new call only


class StatusEntry(NamedTuple):
    """Twilio's status callback: the call's status (completed, busy, …) and its length."""

    call_sid: str
    at: datetime
    status: str | None
    duration: int | None


def step_entry(call_sid: str, seq: int, at: datetime, zone: ZoneInfo,
               where: tuple[str | None, str | None], then: tuple[str | None, str | None],
               key: str | None, decision: str, reason: str | None, language: str | None,
               menus: str, caller: str | None) -> StepEntry:
    """A step's entry; `where` is (line, menu), `then` the next ones. What the request brought
    (its URL's line and menu, keys, a reason naming them, the CallSid and language) is cut to
    fit; the rest is the IVR's own: names from the checked menus, its decisions."""
    kept = None if decision in _SPOKEN_REASONS else reason
    return StepEntry(_cut(call_sid, SID) or "", seq, at, zone, _cut(where[0], NAME),
                     _cut(where[1], NAME), then[0], then[1], _cut(key, KEY), decision,
                     _cut(kept, REASON), _cut(language, KEY), menus, caller)


def status_entry(call_sid: str, at: datetime, status: str | None,
                 duration: str | None) -> StatusEntry:
    """A status callback's entry; a duration that is not a whole number of seconds is None."""
    seconds = int(duration) if duration and duration.isascii() and duration.isdigit() \
        and len(duration) < 10 else None
    return StatusEntry(_cut(call_sid, SID) or "", at, _cut(status, STATUS), seconds)


def _cut(text: str | None, size: int) -> str | None:
    if not text:
        return None
    return text.replace("\x00", "")[:size] or None
