"""A zone's clock changes, found to the second: jumps() gives the first instant the clocks show
with their new offset, for changes forward and back, by an hour or half an hour, at night or
at midnight; a day without a change has none."""
from __future__ import annotations

from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

import pytest

from ivr.menus.wallclock import jumps

SECOND = timedelta(seconds=1)


@pytest.mark.parametrize("zone, day, shown", [
    ("Europe/London", date(2027, 3, 28), "2027-03-28T02:00:00+01:00"),
    ("Europe/London", date(2027, 10, 31), "2027-10-31T01:00:00+00:00"),
    ("America/New_York", date(2027, 3, 14), "2027-03-14T03:00:00-04:00"),
    ("America/New_York", date(2027, 11, 7), "2027-11-07T01:00:00-05:00"),
    ("America/St_Johns", date(2010, 11, 6), "2010-11-06T23:01:00-03:30"),  # back past midnight
    ("America/St_Johns", date(2010, 11, 7), "2010-11-06T23:01:00-03:30"),
    ("America/Santiago", date(2026, 9, 6), "2026-09-06T01:00:00-03:00"),  # midnight skipped
    ("Australia/Lord_Howe", date(2027, 4, 4), "2027-04-04T01:30:00+10:30"),  # half an hour
    ("Australia/Lord_Howe", date(2027, 10, 3), "2027-10-03T02:30:00+11:00"),
])
def test_a_clock_change_is_found_to_the_second(zone, day, shown):
    moment, = jumps(day, ZoneInfo(zone))
    assert moment.isoformat() == shown
    just_before = moment.astimezone(UTC) - SECOND
    assert just_before.astimezone(ZoneInfo(zone)).utcoffset() != moment.utcoffset()


@pytest.mark.parametrize("zone, day", [("Europe/London", date(2027, 6, 1)),
                                       ("Asia/Tokyo", date(2027, 3, 28)),
                                       ("America/St_Johns", date(2010, 11, 8))])
def test_a_day_without_a_clock_change_has_none(zone, day):
    assert jumps(day, ZoneInfo(zone)) == ()
