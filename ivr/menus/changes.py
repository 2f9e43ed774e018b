"""Temporary changes: a desk closed for maintenance or a disaster, or forced open or closed until
an instant.

They live in `menus/temporary.yaml`, apart from the regular hours, so an operator in a hurry
edits one short file; each change ends by itself at its `end`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, model_validator

from ivr.menus.fields import Frozen, Name, Text
from ivr.menus.lookalikes import or_retyped
from ivr.menus.wallclock import first_showing, in_zone, timeline

ALL = "all"


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


class Change(Frozen):
    """Closed (with a message per language) or open, from `start` (or now) until `end`."""

    # What _coherent checks, said for editors.
    model_config = ConfigDict(json_schema_extra={
        "if": {"required": ["state"], "properties": {"state": {"const": "open"}}},
        "then": {"properties": {"message": False}},
        "else": {"required": ["message"]}})

    name: Name = Field(description="a name for logs and the check command, e.g. "
                                   "maintenance-2026-12")
    schedules: tuple[Name, ...] = Field(min_length=1, description="the schedules it changes, "
                                        "or [all]")
    state: Literal["closed", "open"] = Field("closed", description="closed (the default) or "
                                             "open, whatever the regular hours say")
    start: Instant | None = Field(None, description="when it begins, \"YYYY-MM-DD HH:MM\" in "
                                                    "the menus' time zone; left out: now")
    end: Instant = Field(description="when it ends, \"YYYY-MM-DD HH:MM\" in the menus' time zone")
    message: dict[str, Text] | None = Field(None, description="closed: why, said as the reason, "
                                                              "per language")

    @model_validator(mode="after")
    def _coherent(self) -> Change:
        if self.state == "closed" and not self.message:
            raise ValueError("a closure tells callers why — add message: with a sentence for "
                             "every language, e.g. "
                             "ja: システムメンテナンスのため受付を停止しております")
        if self.state == "open" and self.message:
            raise ValueError("a desk forced open says nothing about it — remove message:")
        return self

    def applies_to(self, schedule: str) -> bool:
        return ALL in self.schedules or schedule in self.schedules

    def timed(self, zone: tzinfo) -> TimedChange:
        """The change with aware instants in `zone`; a time without offset is on its clocks."""
        start = _read(self.start, zone) if self.start else None
        return TimedChange(self.name, self.state == "open", start, _read(self.end, zone),
                           self.message or {})


def _read(text: str, zone: tzinfo) -> datetime:
    """The instant `text` names, as `zone`'s clocks show it. A clock time the clocks skip is
    read as the instant they jump past it, one they show twice as the first of the two."""
    written = _parse(text)
    return in_zone(written, zone) if written.tzinfo else first_showing(written, zone)


@dataclass(frozen=True)
class TimedChange:
    """A change as the hours decision uses it: in force from `start` (or always) until `end`."""

    name: str
    open: bool
    start: datetime | None
    end: datetime
    message: Mapping[str, str]

    def in_force(self, instant: datetime) -> bool:
        now = timeline(instant)
        return (self.start is None or timeline(self.start) <= now) and now < timeline(self.end)


class ChangesFile(Frozen):
    changes: tuple[Change, ...] = Field((), description="temporary changes; each ends by itself "
                                                        "at its end")

