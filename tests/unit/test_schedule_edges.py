"""The edges of hours and closures that loading accepts, each decided as written: an interval
starting in the last minute of the day, a one-day closure, closures leaving one day open (what
loading refuses at these edges is in test_config's table of broken menus)."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from ivr.calls.hours import decide
from ivr.menus.holiday_calendar import HolidayCalendar
from ivr.menus.schedule import Closure, MonthDay, Schedule

TOKYO = ZoneInfo("Asia/Tokyo")
CALENDAR = HolidayCalendar("JP")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TOKYO)


def test_an_interval_may_start_at_23_59():
    schedule = Schedule.model_validate({"hours": {"every-day": ["23:59-24:00"]}})
    assert decide(schedule, at("2026-12-01 23:59:30"), TOKYO, CALENDAR).open
    closed = decide(schedule, at("2026-12-01 23:58:59"), TOKYO, CALENDAR)
    assert (closed.open, closed.next_open) == (False, at("2026-12-01 23:59"))


@pytest.mark.parametrize("month, day, covered", [(1, 1, True), (1, 2, False), (12, 31, False)])
def test_a_one_day_closure_covers_that_day_only(month, day, covered):
    assert Closure.model_validate({"start": "01-01", "end": "01-01"}).covers(month, day) == covered


def test_a_desk_with_a_one_day_closure_is_closed_that_day_and_open_around_it():
    schedule = Schedule.model_validate({"hours": {"every-day": ["09:00-17:00"]}, "closures": [
        {"start": "01-01", "end": "01-01", "reason": "new-year"}]})
    assert decide(schedule, at("2026-12-31 10:00"), TOKYO, CALENDAR).open
    closed = decide(schedule, at("2027-01-01 10:00"), TOKYO, CALENDAR)
    assert (closed.reason, closed.next_open) == ("new-year", at("2027-01-02 09:00"))


@pytest.mark.parametrize("closures, left", [
    pytest.param([("01-01", "12-30")], [MonthDay(12, 31)], id="all-but-12-31"),
    pytest.param([("01-01", "02-28"), ("03-01", "12-31")], [MonthDay(2, 29)], id="all-but-02-29"),
    pytest.param([("12-01", "11-29")], [MonthDay(11, 30)], id="all-but-11-30-across-new-year"),
    pytest.param([("03-02", "02-29")], [MonthDay(3, 1)], id="all-but-03-01"),
])
def test_closures_may_leave_a_single_day_of_the_year_open(closures, left):
    schedule = Schedule.model_validate({"hours": {"every-day": ["09:00-17:00"]}, "closures": [
        {"start": start, "end": end} for start, end in closures]})
    assert schedule.days_left_open() == left


def test_a_desk_open_only_on_the_day_its_closures_leave_opens_that_day():
    schedule = Schedule.model_validate({"hours": {"every-day": ["09:00-17:00"]}, "closures": [
        {"start": "01-01", "end": "12-30", "reason": "works"}]})
    assert decide(schedule, at("2026-12-31 10:00"), TOKYO, CALENDAR).open
    closed = decide(schedule, at("2026-12-30 10:00"), TOKYO, CALENDAR)
    assert (closed.reason, closed.next_open) == ("works", at("2026-12-31 09:00"))
