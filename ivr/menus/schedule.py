"""Opening hours as the YAML writes them: intervals per day type, yearly closures, or always
open; read once, when loaded, into what the hours decision looks up (minutes after midnight,
(month, day) pairs, the intervals of each day type)."""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from enum import StrEnum
from itertools import pairwise
from typing import Annotated, Any, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PrivateAttr,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from ivr.menus.fields import Frozen, Name
from ivr.menus.lookalikes import or_retyped

MINUTES_PER_DAY = 24 * 60
# Why a desk with hours is closed when no yearly closure or temporary change says otherwise;
# every language's `reasons:` says these two, besides its closures' own reasons.
OUTSIDE_HOURS = "outside-hours"
HOLIDAY = "holiday"


class DayType(StrEnum):
    """How a calendar date is treated; a public holiday wins over its day of the week."""

    WEEKDAY = "weekday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"
    HOLIDAY = "holiday"


EVERY_DAY = "every-day"  # under hours:, the intervals of all four day types
_DAY_KEYS = (*(day.value for day in DayType), EVERY_DAY)


def _day_key(key: str) -> str:
    if key not in _DAY_KEYS:
        close = difflib.get_close_matches(key, _DAY_KEYS, n=1)
        allowed = ", ".join(f"{k!r}" for k in _DAY_KEYS[:-1]) + f" or {_DAY_KEYS[-1]!r}"
        raise ValueError(f"{key!r} is not allowed here — "
                         + (f"did you mean {close[0]!r}? " if close else "")
                         + f"write one of {allowed}")
    return key


# A key under hours: a day type, or every-day.
DayKey = Annotated[str, AfterValidator(_day_key), Field(json_schema_extra={"enum": [*_DAY_KEYS]})]


def _clock(text: str, *, end: bool) -> int:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    limit = "24:00" if end else "23:59"
    if not match:
        raise ValueError(f"{text!r} is not a time — write hours and minutes as HH:MM, "
                         "e.g. 09:30")
    hours, minutes = int(match[1]), int(match[2])
    total = hours * 60 + minutes
    if minutes > 59 or total > (MINUTES_PER_DAY if end else MINUTES_PER_DAY - 1):
        raise ValueError(f"{text!r} is not a time of day — write a time from 00:00 to "
                         f"{limit}, e.g. 09:30")
    return total


_TIME = r"(?:[01]?[0-9]|2[0-3]):[0-5][0-9]"  # a time of day, as editors are told to write it


class Interval(BaseModel):
    """Open from `start` up to, not including, `end` (minutes after midnight)."""

    model_config = ConfigDict(frozen=True)
    start: int
    end: int

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        return _interval(value)

    def __str__(self) -> str:
        return f"{self.start // 60:02}:{self.start % 60:02}-{self.end // 60:02}:{self.end % 60:02}"

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"type": "string", "pattern": rf"^\s*{_TIME}\s*-\s*(?:{_TIME}|24:00)\s*$",
                "description": "open from the first time up to, not including, the second: "
                               "\"HH:MM-HH:MM\", e.g. \"09:30-20:00\"; \"24:00\" ends at midnight"}


@or_retyped
def _interval(value: Any) -> dict[str, int]:
    if not isinstance(value, str) or value.count("-") != 1:
        raise ValueError(f"{value!r} is not an opening interval — write it as "
                         "\"HH:MM-HH:MM\" in quotes, e.g. \"09:30-20:00\"")
    first, last = value.split("-")
    start, end = _clock(first, end=False), _clock(last, end=True)
    if end <= start:
        what = "ends before it starts" if end < start else "ends as it starts: never open"
        raise ValueError(f"{value!r} {what} — write the opening time first and the closing "
                         "time second, e.g. \"09:00-17:00\"; for a desk open past midnight "
                         "write two intervals, \"22:00-24:00\" and \"00:00-06:00\"")
    return {"start": start, "end": end}


_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February 29 may be named


class MonthDay(NamedTuple):
    """A day of every year, written "MM-DD"; pairs order as the days of a year do."""

    month: int
    day: int

    def __str__(self) -> str:
        return f"{self.month:02}-{self.day:02}"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any,
                                     handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(_month_day, core_schema.str_schema())

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"type": "string",
                "pattern": r"^\s*(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])\s*$"}


@or_retyped
def _month_day(value: str) -> MonthDay:
    match = re.fullmatch(r"(\d{2})-(\d{2})", value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a day of the year — write it as \"MM-DD\" in "
                         "quotes, e.g. \"12-29\"")
    month, day = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise ValueError(f"{value!r} names month {month}, and there are 12 — write \"MM-DD\", "
                         "month first, e.g. \"12-29\"")
    if not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
        raise ValueError(f"{value!r} names day {day}, and month {month} has at most "
                         f"{_DAYS_IN_MONTH[month - 1]} days — write a day that exists")
    return MonthDay(month, day)


class Closure(Frozen):
    """Closed every year from `start` to `end` inclusive; may cross New Year (12-29 to 01-03)."""

    start: MonthDay = Field(description="first closed day, \"MM-DD\"")
    end: MonthDay = Field(description="last closed day, \"MM-DD\"; may be in the next year "
                                      "(New Year)")
    reason: Name = Field("year-end", description="what callers are told (messages.reasons in "
                                                 "each language)")

    def covers(self, month: int, day: int) -> bool:
        if self.start <= self.end:
            return self.start <= (month, day) <= self.end
        return (month, day) >= self.start or (month, day) <= self.end


def _no_overlap(intervals: tuple[Interval, ...]) -> tuple[Interval, ...]:
    ordered = tuple(sorted(intervals, key=lambda i: i.start))
    for before, after in pairwise(ordered):
        if after.start < before.end:
            raise ValueError(f"the intervals {before} and {after} overlap — merge them into "
                             "one or make one end before the other starts")
    return ordered


DayHours = Annotated[tuple[Interval, ...], AfterValidator(_no_overlap)]
Hours = dict[DayKey, DayHours]  # hours: as a schedule, or a dated change to one, writes them


def one_way_of_writing(hours: Hours) -> None:
    """every-day stands for all four day types, so it comes alone."""
    if EVERY_DAY in hours and len(hours) > 1:
        others = ", ".join(key for key in hours if key != EVERY_DAY)
        raise ValueError(f"hours has {EVERY_DAY} and also {others} — use either "
                         f"{EVERY_DAY} alone or weekday/saturday/sunday/holiday")


def days_given(hours: Hours) -> dict[DayType, tuple[Interval, ...]]:
    """The intervals of each day type that `hours` names, every-day read as all four."""
    if EVERY_DAY in hours:
        return dict.fromkeys(DayType, hours[EVERY_DAY])
    return {DayType(key): intervals for key, intervals in hours.items()}


class Schedule(Frozen):
    """Weekly opening intervals per day type, yearly closures, or open around the clock."""

    # What _coherent checks, said for editors.
    model_config = ConfigDict(json_schema_extra={
        "if": {"required": ["always"], "properties": {"always": {"const": True}}},
        "then": {"properties": {"hours": False, "closures": False}},
        "else": {"required": ["hours"]}})

    always: bool = Field(False, description="true: open 24 hours, every day of the year (no "
                                            "hours or closures)")
    hours: Hours = Field(
        {}, description="opening intervals per day type: weekday (Monday-Friday that is not a "
                        "public holiday), saturday, sunday, holiday; or every-day alone. A day "
                        "type left out is closed")
    closures: tuple[Closure, ...] = Field((), description="closed every year from start to end "
                                          "inclusive, e.g. {start: \"12-29\", end: \"01-03\", "
                                          "reason: year-end}")
    # Each day type's intervals, every-day read as all four: what a call looks up.
    _by_day: dict[DayType, tuple[Interval, ...]] = PrivateAttr()

    def model_post_init(self, context: Any) -> None:
        given = days_given(self.hours)
        self._by_day = {day: given.get(day, ()) for day in DayType}

    @model_validator(mode="after")
    def _coherent(self) -> Schedule:
        if self.always and (self.hours or self.closures):
            raise ValueError("a schedule with always: true is open 24 hours every day — "
                             "remove its hours and closures, or remove always")
        one_way_of_writing(self.hours)
        if not self.always and not any(self.hours.values()):
            raise ValueError("this schedule is never open — give it hours, e.g. "
                             "hours: {weekday: [\"09:30-20:00\"]}, or always: true")
        if not self.days_left_open():
            raise ValueError("the closures cover every day of the year, so callers could never "
                             "be told when the desk opens — shorten or remove a closure")
        return self

    def days_left_open(self) -> list[MonthDay]:
        """The days of a year, 02-29 included, that no closure covers."""
        return [MonthDay(month, day) for month, days in enumerate(_DAYS_IN_MONTH, 1)
                for day in range(1, days + 1)
                if not any(c.covers(month, day) for c in self.closures)]

    def intervals(self, day: DayType) -> tuple[Interval, ...]:
        """The day type's intervals, earliest first (sorted when validated)."""
        return self._by_day[day]

    def with_days(self, days: Mapping[DayType, tuple[Interval, ...]]) -> Schedule:
        """This schedule with `days` following other intervals (a dated change to its hours):
        what intervals() answers changes; `hours` stays as the YAML writes it."""
        changed = self.model_copy()
        changed._by_day = {**self._by_day, **days}
        return changed
