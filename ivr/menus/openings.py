"""Every schedule opens again: a desk whose hours fall only on days its closures cover would
tell each caller that it is closed, with no day on which it opens."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from ivr.menus.holiday_calendar import HolidayCalendar
from ivr.menus.problems import Problem
from ivr.menus.schedule import DayType, Schedule
from ivr.menus.yamlsource import Document

# Name the days the closures leave open when they are this few; else count them.
_NAMED_DAYS = 3


def check_schedules(schedules: Mapping[str, Schedule], doc: Document,
                    calendar: HolidayCalendar, today: date) -> list[Problem]:
    """Each schedule opens on some day from `today` to the end of the holiday data."""
    return [_never_opens(doc, name, schedule, calendar, today)
            for name, schedule in schedules.items()
            if not opens_some_day(schedule, calendar, today, calendar.last_day)]


def opens_some_day(schedule: Schedule, calendar: HolidayCalendar, first: date,
                   last: date) -> bool:
    """Whether `schedule` has hours on a day from `first` to `last` that no closure covers."""
    if schedule.always:
        return True
    day = first
    while day <= last:
        if (schedule.intervals(calendar.day_type(day))
                and not any(c.covers(day.month, day.day) for c in schedule.closures)):
            return True
        day += timedelta(days=1)
    return False


def _never_opens(doc: Document, name: str, schedule: Schedule, calendar: HolidayCalendar,
                 today: date) -> Problem:
    days = " or ".join(day.value for day in DayType if schedule.intervals(day))
    left = schedule.days_left_open()
    named = (", ".join(map(str, left)) if len(left) <= _NAMED_DAYS
             else f"{len(left)} days a year")
    return doc.problem(("schedules", name),
                       f"the schedule {name!r} never opens: from {today} to {calendar.last_day} "
                       f"no {days} falls outside its closures, which leave {named} open",
                       "give it hours on the day types those days are, or shorten a closure, "
                       "so that callers can be told when it opens")

