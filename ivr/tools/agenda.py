"""A schedule day by day: when it is open on each date and why it is closed the rest of the day,
yearly closures, public holidays and temporary changes included.

Each day is cut at every instant where the answer could change (midnight, the instants the
clocks show the day type's interval edges and its dated hours', a jump of the clocks, the edges
of temporary changes), and each piece is decided by `ivr.calls.hours`, so this agrees with what
a caller is told at any instant of it, on the days the clocks change too.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from ivr.calls.hours import Decision, decide
from ivr.menus.changes import TimedChange
from ivr.menus.holiday_calendar import HolidayCalendar
from ivr.menus.schedule import DayType, Interval, Schedule
from ivr.menus.wallclock import first_showing, in_zone, jumps, readings, timeline, wall_time


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
    following = on + timedelta(days=1)
    # From the first instant the clocks show `on` to the first they show the next day: 23 or 25
    # hours on a day the clocks change.
    start = first_showing(wall_time(on), zone)
    end = first_showing(wall_time(following), zone)
    edges = [start, end, *jumps(on, zone)]
    # A day's interval edges, and the day before's and after's: clocks set back across
    # midnight show a date again.
    for ordinal in range(max(on.toordinal() - 1, 1), following.toordinal() + 1):
        near = date.fromordinal(ordinal)
        day_type = calendar.day_type(near)
        # The day type's intervals, and those dated hours give it (in force or not: each
        # piece is decided below).
        dated = [interval for change in changes
                 for interval in (change.hours or {}).get(day_type, ())]
        for interval in [*schedule.intervals(day_type), *dated]:
            edges += readings(wall_time(near, interval.start), zone)
            edges += readings(wall_time(near, interval.end), zone)
    edges += [edge for change in changes for edge in (change.start, change.end)
              if edge is not None]
    inside = {timeline(edge): in_zone(edge, zone) for edge in edges
              if timeline(start) <= timeline(edge) <= timeline(end)}
    ordered = [inside[key] for key in sorted(inside)]
    stretches: list[Stretch] = []
    for since, until in pairwise(ordered):
        decision = decide(schedule, since, zone, calendar, changes)
        if stretches and _same(stretches[-1].decision, decision):
            stretches[-1] = Stretch(stretches[-1].start, until, stretches[-1].decision)
        else:
            stretches.append(Stretch(since, until, decision))
    return Day(on, calendar.day_type(on), calendar.holiday_name(on), tuple(stretches))


def month(schedule: Schedule, year: int, number: int, zone: ZoneInfo,
          calendar: HolidayCalendar, changes: Sequence[TimedChange] = ()) -> list[Day]:
    """Every day of the month `number` of `year`."""
    first = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    return [day(schedule, first + timedelta(days=offset), zone, calendar, changes)
            for offset in range((following - first).days)]


def hours_rules(by_day: Mapping[DayType, tuple[Interval, ...]]) -> list[str]:
    """Day types with their intervals, those alike said together: "weekday 09:30-20:00",
    "saturday, sunday, holiday closed", "every day 08:30-20:00"."""
    groups: dict[tuple, list[str]] = {}
    for day_type, intervals in by_day.items():
        groups.setdefault(intervals, []).append(day_type.value)
    return [(", ".join(days) if len(days) < len(DayType) else "every day") + " "
            + (" ".join(map(str, intervals)) or "closed") for intervals, days in groups.items()]


def dated_rule(change: TimedChange) -> str:
    """Dated hours as a rule: "saturday 10:00-16:00 from 2026-12-01 00:00 (saturdays)"."""
    when = " ".join(f"{word} {moment:%Y-%m-%d %H:%M}" for word, moment in
                    (("from", change.start), ("until", change.end)) if moment is not None)
    return f"{', '.join(hours_rules(change.hours or {}))} {when} ({change.name})".replace("  ", " ")


def _same(before: Decision, after: Decision) -> bool:
    return (before.open, before.reason, before.change) == (after.open, after.reason, after.change)
