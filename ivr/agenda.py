"""A schedule day by day: when it is open on each date and why it is closed the rest of the day,
yearly closures, public holidays and temporary changes included.

Each day is cut at every instant where the answer could change (midnight, the day type's
interval edges, the edges of temporary changes), and each piece is decided by `ivr.hours`,
so this agrees with what a caller is told at any instant of it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Sequence
from zoneinfo import ZoneInfo

from ivr.calendar import HolidayCalendar
from ivr.changes import TimedChange
from ivr.hours import Decision, decide
from ivr.schedule import DayType, Schedule


@dataclass(frozen=True)
class Stretch:
    """From `start` up to `end`, open or closed as `decision` says."""

    start: datetime
    end: datetime
    decision: Decision


@dataclass(frozen=True)
class Day:
    date: date
    day_type: DayType
    holiday: str | None  # the public holiday's name, in the calendar's language
    stretches: tuple[Stretch, ...]  # midnight to midnight, each differing from the one before

    @property
    def open(self) -> tuple[Stretch, ...]:
        return tuple(s for s in self.stretches if s.decision.open)


def day(schedule: Schedule, on: date, zone: ZoneInfo, calendar: HolidayCalendar,
        changes: Sequence[TimedChange] = ()) -> Day:
    """How `schedule`, with temporary `changes`, is open on the date `on` in `zone`."""
    midnight = datetime.combine(on, time(), tzinfo=zone)
    next_midnight = datetime.combine(on + timedelta(days=1), time(), tzinfo=zone)
    day_type = calendar.day_type(on)
    edges = {midnight, next_midnight}
    for interval in schedule.intervals(day_type):
        edges |= {midnight + timedelta(minutes=interval.start),
                  midnight + timedelta(minutes=interval.end)}
    edges |= {edge for change in changes for edge in (change.start, change.end)
              if edge is not None and midnight < edge < next_midnight}
    ordered = sorted(edge.astimezone(zone) for edge in edges if edge <= next_midnight)
    stretches: list[Stretch] = []
    for start, end in zip(ordered, ordered[1:]):
        decision = decide(schedule, start, zone, calendar, changes)
        if stretches and _same(stretches[-1].decision, decision):
            stretches[-1] = Stretch(stretches[-1].start, end, stretches[-1].decision)
        else:
            stretches.append(Stretch(start, end, decision))
    return Day(on, day_type, calendar.holiday_name(on), tuple(stretches))


def month(schedule: Schedule, year: int, number: int, zone: ZoneInfo,
          calendar: HolidayCalendar, changes: Sequence[TimedChange] = ()) -> list[Day]:
    """Every day of the month `number` of `year`."""
    first = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    return [day(schedule, first + timedelta(days=offset), zone, calendar, changes)
            for offset in range((following - first).days)]


def _same(before: Decision, after: Decision) -> bool:
    return (before.open, before.reason, before.change) == (after.open, after.reason, after.change)
