"""Opening hours as a pure function of (schedule, instant): open or closed, why, and when next open."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ivr.calendar import HolidayCalendar
from ivr.schedule import DayType, Schedule

OUTSIDE_HOURS = "outside-hours"
HOLIDAY = "holiday"
# A yearly closure can last at most a year; a schedule with hours opens within that.
_SEARCH_DAYS = 400


@dataclass(frozen=True)
class Decision:
    """Whether a desk is open at an instant; when closed, why and when it next opens."""

    open: bool
    reason: str | None  # None when open; OUTSIDE_HOURS, HOLIDAY or a closure's reason
    rule: str  # what decided it, for logs: "always", "weekday 09:30-20:00", "closure 12-29..01-03"
    next_open: datetime | None = None  # aware, in the schedule's zone; None when open


def decide(schedule: Schedule, instant: datetime, zone: ZoneInfo,
           calendar: HolidayCalendar) -> Decision:
    """Decide whether `schedule` is open at `instant` (any aware datetime)."""
    if instant.tzinfo is None:
        raise ValueError("decide() needs an aware datetime, e.g. datetime.now(zone)")
    if schedule.always:
        return Decision(True, None, "always")
    local = instant.astimezone(zone)
    today = local.date()
    closure = _closure(schedule, today)
    if closure is not None:
        return Decision(False, closure.reason, f"closure {closure.start}..{closure.end}",
                        _next_open(schedule, local, zone, calendar))
    day_type = calendar.day_type(today)
    minute = local.hour * 60 + local.minute
    for interval in schedule.intervals(day_type):
        if interval.start <= minute < interval.end:
            return Decision(True, None, f"{day_type.value} {interval}")
    reason = HOLIDAY if day_type is DayType.HOLIDAY and not schedule.intervals(day_type) \
        else OUTSIDE_HOURS
    rule = f"{day_type.value} " + (" ".join(map(str, schedule.intervals(day_type))) or "closed")
    return Decision(False, reason, rule, _next_open(schedule, local, zone, calendar))


def _closure(schedule: Schedule, day: date):
    return next((c for c in schedule.closures if c.covers(day.month, day.day)), None)


def _next_open(schedule: Schedule, local: datetime, zone: ZoneInfo,
               calendar: HolidayCalendar) -> datetime | None:
    """The first interval start after `local` on a day that is not closed."""
    for offset in range(_SEARCH_DAYS):
        day = local.date() + timedelta(days=offset)
        if _closure(schedule, day) is not None:
            continue
        for interval in schedule.intervals(calendar.day_type(day)):
            start = _at(day, interval.start, zone)
            if start > local:
                return start
    return None


def _at(day: date, minutes: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=zone)
