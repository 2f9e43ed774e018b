"""When something written in temporary.yaml is in force: its `start` and `end`, as operators write
them ("2026-12-05 22:00", in the menus' time zone, or with an offset), read on the menus' clocks.

Temporary changes (ivr.menus.changes) and announcements (ivr.menus.announcements) share them, so
that both begin and end at the same instant for the same words.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Annotated

from pydantic import AfterValidator, Field

from ivr.menus.lookalikes import or_retyped
from ivr.menus.wallclock import first_showing, in_zone, timeline

# Every zone's clocks differ from UTC by less than a day, so an instant from 0001-01-02 up to
# 9999-12-31 in UTC converts to every zone, and a clock time without offset in that range
# converts to UTC whatever the menus' zone. Nearer the calendar's ends converting overflows,
# at start or in a call.
_EARLIEST = datetime(1, 1, 2)
_END = datetime(9999, 12, 31)


@or_retyped
def _instant(value: str) -> str:
    try:
        moment = _parse(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date and time — write it as \"YYYY-MM-DD HH:MM\" "
                         "in the menus' time zone, e.g. \"2026-12-05 22:00\"") from None
    wall, offset = moment.replace(tzinfo=None), moment.utcoffset() or timedelta(0)
    # wall - offset is the time in UTC, compared here without computing it: it may not exist.
    if wall - _EARLIEST < offset:
        side = "start of the calendar (year 1)"
    elif wall - _END >= offset:
        side = "end of the calendar (year 9999)"
    else:
        return value
    example = "in UTC, e.g. \"2026-12-05 22:00+09:00\"" if moment.tzinfo else \
        "e.g. \"2026-12-05 22:00\""
    raise ValueError(f"{value!r} is too close to the {side} to be shown in every time zone — "
                     f"write a date and time from 0001-01-02 to 9999-12-30 {example}")


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace(" ", "T"))


Instant = Annotated[str, AfterValidator(_instant), Field(json_schema_extra={
    "pattern": r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?(?:Z|[+-]\d{2}:?\d{2})?$"})]


def read(text: str, zone: tzinfo) -> datetime:
    """The instant `text` (an `Instant`) names, as `zone`'s clocks show it. A clock time the
    clocks skip is read as the instant they jump past it, one they show twice as the first of
    the two."""
    written = _parse(text)
    return in_zone(written, zone) if written.tzinfo else first_showing(written, zone)


def read_optional(text: str | None, zone: tzinfo) -> datetime | None:
    return read(text, zone) if text is not None else None


@dataclass(frozen=True, kw_only=True)
class Dated:
    """In force from `start` (or since ever) until `end` (or for good); aware instants."""

    start: datetime | None
    end: datetime | None

    def in_force(self, instant: datetime) -> bool:
        now = timeline(instant)
        return ((self.start is None or timeline(self.start) <= now)
                and (self.end is None or now < timeline(self.end)))

    def over(self, instant: datetime) -> bool:
        """Whether it has ended by `instant`, and so has no effect any more."""
        return self.end is not None and timeline(self.end) <= timeline(instant)

    def started(self, instant: datetime) -> bool:
        return self.start is None or timeline(self.start) <= timeline(instant)
