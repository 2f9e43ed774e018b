"""Dated hours: the intervals a desk follows at an instant when temporary changes give some day
types other hours (`hours:` in temporary.yaml), and the hours its callers are told then.

A change in force gives its day types its intervals; where two give the same day type, the one
that started later wins. Callers are told the desk's hours with the changes that have no end
folded in (from their start they are the desk's hours), and, when a change with an end makes
today's hours differ from those, today's hours besides ("today we are open until 12:00").
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ivr.menus.changes import TimedChange
from ivr.menus.holiday_calendar import HolidayCalendar
from ivr.menus.schedule import DayType, Interval, Schedule
from ivr.menus.wallclock import timeline


def in_force(changes: Sequence[TimedChange], instant: datetime) -> list[TimedChange]:
    """The dated hours in force at `instant`, the earliest started first."""
    return by_start([change for change in changes
                     if change.hours is not None and change.in_force(instant)])


def by_start(changes: Sequence[TimedChange]) -> list[TimedChange]:
    """The changes in the order they begin: those without a start first, then as written."""
    return sorted(changes, key=lambda change: (change.start is not None,
                                               timeline(change.start) if change.start else None))


def day_hours(schedule: Schedule, day: DayType,
              dated: Sequence[TimedChange]) -> tuple[tuple[Interval, ...], TimedChange | None]:
    """The intervals of day type `day` under `dated` (from in_force), and the change that gave
    them, if one did."""
    for change in reversed(dated):
        if change.hours is not None and day in change.hours:
            return change.hours[day], change
    return schedule.intervals(day), None


def followed(schedule: Schedule, dated: Sequence[TimedChange]) -> Schedule:
    """The schedule as it is while `dated` (from in_force) are in force."""
    days: dict[DayType, tuple[Interval, ...]] = {}
    for change in dated:
        days.update(change.hours or {})
    return schedule.with_days(days) if days else schedule


@dataclass(frozen=True)
class SaidHours:
    """The hours a closed desk's caller is told at an instant."""

    schedule: Schedule  # whose hours are said: the changes without an end folded in
    changes: tuple[str, ...]  # the names of those changes: equal names, equal sentence
    today: tuple[Interval, ...]  # today's, when changes with an end make them differ; else ()


def said_hours(schedule: Schedule, changes: Sequence[TimedChange], local: datetime,
               calendar: HolidayCalendar) -> SaidHours:
    """What the caller of `schedule` is told of its hours at `local` (in the menus' zone)."""
    dated = in_force(changes, local)
    for_good = [change for change in dated if change.end is None]
    said = followed(schedule, for_good)
    day = calendar.day_type(local.date())
    today, _ = day_hours(schedule, day, dated)
    differs = today != said.intervals(day)
    return SaidHours(said, tuple(change.name for change in for_good), today if differs else ())
