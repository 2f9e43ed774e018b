"""Opening hours as a pure function of (schedule, instant): open or closed, why, when next open."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ivr.calls import dated_hours
from ivr.menus.changes import TimedChange
from ivr.menus.holiday_calendar import HolidayCalendar
from ivr.menus.loader import Menus
from ivr.menus.schedule import HOLIDAY, OUTSIDE_HOURS, Closure, DayType, Schedule
from ivr.menus.wallclock import in_zone, jumps, readings, timeline, wall_time

# How far ahead the next opening is looked for: over a year, so a yearly closure is passed.
# A desk that opens later still (Saturdays only, closed but on 31 December) has none, and its
# callers are told it is not open in the coming year.
_SEARCH_DAYS = 400
# Each temporary change adds at most two instants to look at while searching the next opening.
_SEARCH_STEPS = 1000
_LAST_ORDINAL = date.max.toordinal()


@dataclass(frozen=True)
class Decision:
    """Whether a desk is open at an instant; when closed, why and when it next opens."""

    open: bool
    reason: str | None  # None when open; OUTSIDE_HOURS, HOLIDAY, a closure's reason, or "change"
    rule: str  # what decided it, for logs: "always", "weekday 09:30-20:00", "closure 12-29..01-03"
    next_open: datetime | None = None  # aware, in the schedule's zone; None when open
    # The temporary change that decided it, if one did: a closure, a forced opening, or the
    # dated hours of the day (reason CHANGE when they close the desk and have a message).
    change: TimedChange | None = None


CHANGE = "change"


def decide_desk(menus: Menus, schedule: str, instant: datetime) -> Decision:
    """Whether the menus' schedule named `schedule` is open at `instant`: in their zone, with
    their holidays and the temporary changes to it."""
    return decide(menus.schedules[schedule], instant, menus.zone, menus.calendar,
                  menus.changes[schedule])


def decide(schedule: Schedule, instant: datetime, zone: ZoneInfo, calendar: HolidayCalendar,
           changes: Sequence[TimedChange] = ()) -> Decision:
    """Decide whether `schedule`, with temporary `changes` to it, is open at `instant` (aware)."""
    if instant.tzinfo is None:
        raise ValueError("decide() needs an aware datetime, e.g. datetime.now(zone)")
    local = in_zone(instant, zone)
    decision = _at(schedule, local, calendar, changes)
    if decision.open:
        return decision
    return Decision(False, decision.reason, decision.rule,
                    _next_open(schedule, local, zone, calendar, changes), decision.change)


def _at(schedule: Schedule, local: datetime, calendar: HolidayCalendar,
        changes: Sequence[TimedChange]) -> Decision:
    """Open or closed at `local`, and why; no next opening."""
    in_force = [change for change in changes if change.in_force(local)]
    # A closure wins over a forced opening: maintenance means nobody can answer.
    closing = next((change for change in in_force if change.closes), None)
    if closing is not None:
        return Decision(False, CHANGE, f"change {closing.name}", change=closing)
    opening = next((change for change in in_force if change.open), None)
    if opening is not None:
        return Decision(True, None, f"change {opening.name}", change=opening)
    if schedule.always:
        return Decision(True, None, "always")
    closure = _closure(schedule, local.date())
    if closure is not None:
        return Decision(False, closure.reason, f"closure {closure.start}..{closure.end}")
    day_type = calendar.day_type(local.date())
    intervals, dated = dated_hours.day_hours(schedule, day_type,
                                             dated_hours.in_force(in_force, local))
    by = f"change {dated.name} " if dated else ""
    minute = local.hour * 60 + local.minute
    for interval in intervals:
        if interval.start <= minute < interval.end:
            return Decision(True, None, f"{by}{day_type.value} {interval}", change=dated)
    reason = HOLIDAY if day_type is DayType.HOLIDAY and not intervals else OUTSIDE_HOURS
    hours = " ".join(map(str, intervals)) or "closed"
    return Decision(False, CHANGE if dated and dated.message else reason,
                    f"{by}{day_type.value} {hours}", change=dated)


def _closure(schedule: Schedule, day: date) -> Closure | None:
    return next((c for c in schedule.closures if c.covers(day.month, day.day)), None)


def _next_open(schedule: Schedule, local: datetime, zone: ZoneInfo, calendar: HolidayCalendar,
               changes: Sequence[TimedChange]) -> datetime | None:
    """The first instant after `local` when the desk is open, changes included, in `zone`."""
    moment = local
    for _ in range(_SEARCH_STEPS):
        after = timeline(moment)
        candidates = [edge for change in changes for edge in (change.start, change.end)
                      if edge is not None and timeline(edge) > after]
        # Dated hours change only at the edges of changes, which are candidates themselves.
        followed = dated_hours.followed(schedule, dated_hours.in_force(changes, moment))
        regular = _next_interval_start(followed, moment, zone, calendar)
        candidates += [regular] if regular else []
        if not candidates:
            return None
        moment = in_zone(min(candidates, key=timeline), zone)
        if _at(schedule, moment, calendar, changes).open:
            return moment
    return None


def _next_interval_start(schedule: Schedule, local: datetime, zone: ZoneInfo,
                         calendar: HolidayCalendar) -> datetime | None:
    """The first instant after `local`, on a day that is not closed, at which the wall clock
    shows an interval's start or the clocks jump (perhaps into an interval: a desk opening at
    01:30 opens at 02:00 BST on the day London's clocks skip from 01:00 to 02:00)."""
    if schedule.always:
        return None
    after = timeline(local)
    ordinal = local.date().toordinal()
    last = min(ordinal + _SEARCH_DAYS, _LAST_ORDINAL)
    # Clocks set back across midnight show yesterday's date again: around such a jump, dates
    # and instants are out of step, and the day before or after may hold an earlier start.
    if ordinal > 1 and jumps(date.fromordinal(ordinal - 1), zone):
        ordinal -= 1
    found: list[datetime] = []
    while ordinal <= last:
        day = date.fromordinal(ordinal)
        if _closure(schedule, day) is None:
            starts = [moment for interval in schedule.intervals(calendar.day_type(day))
                      for moment in readings(wall_time(day, interval.start), zone)]
            found += [moment for moment in [*starts, *jumps(day, zone)]
                      if timeline(moment) > after]
        if found:
            last = min(last, ordinal + (1 if jumps(day, zone) else 0))
        ordinal += 1
    return min(found, key=timeline, default=None)
