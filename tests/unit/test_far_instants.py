"""Temporary changes at the ends of the calendar (years 1 and 9999): refused when loading, with
the file, line and what to write instead, rather than overflowing at start, in `check` or in a
call; and a change that loads can be put in any time zone."""
from __future__ import annotations

import logging
import zoneinfo
from datetime import UTC, datetime

import pytest

from ivr import ConfigError, create_app, load_menus
from ivr.calls.hours import CHANGE, decide
from ivr.menus.changes import Change
from ivr.menus.holiday_calendar import HolidayCalendar
from ivr.menus.schedule import Schedule
from ivr.simulator import Caller
from ivr.tools.cli import main
from tests.helpers import write_changes

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
START = ("start of the calendar (year 1) to be shown in every time zone — write a date and time "
         "from 0001-01-02 to 9999-12-30")
END = START.replace("start of the calendar (year 1)", "end of the calendar (year 9999)")
IN_UTC = ' in UTC, e.g. "2026-12-05 22:00+09:00"'
AS_WRITTEN = ' e.g. "2026-12-05 22:00"'


def closure(start: str | None, end: str) -> str:
    """A change closing the standard desk, as temporary.yaml writes it: on line 4, its start,
    else its end."""
    return ("  - name: far\n    schedules: [standard]\n"
            + (f"    start: \"{start}\"\n" if start else "")
            + f"    end: \"{end}\"\n    message: {{message}}\n")


@pytest.mark.parametrize("start, end, field, message", [
    ("0001-01-01 00:00+09:00", "2026-12-01 12:00", "start",
     f"'0001-01-01 00:00+09:00' is too close to the {START}{IN_UTC}"),
    (None, "9999-12-31 23:59-05:00", "end",
     f"'9999-12-31 23:59-05:00' is too close to the {END}{IN_UTC}"),
    # Without an offset, in Asia/Tokyo: 0000-12-31 15:00 in UTC.
    ("0001-01-01 00:00", "0001-01-03 00:00", "start",
     f"'0001-01-01 00:00' is too close to the {START}{AS_WRITTEN}"),
    # In America/New_York this would be 10000-01-01 04:59 in UTC: refused whatever the zone.
    (None, "9999-12-31 23:59", "end",
     f"'9999-12-31 23:59' is too close to the {END}{AS_WRITTEN}"),
])
def test_an_instant_at_the_calendars_end_is_a_problem_when_loading(edited_menus, start, end,
                                                                   field, message):
    folder = edited_menus()
    write_changes(folder, closure(start, end))
    with pytest.raises(ConfigError) as raised:
        load_menus(folder)
    message, hint = message.split(" — ")
    assert str(raised.value) == (f"{folder / 'temporary.yaml'}:4:5: {message} — {hint} "
                                 f"(at changes.0.{field})")


@pytest.mark.parametrize("start, end", [
    ("0001-01-02 00:00", "0001-01-03 00:00"),
    ("0001-01-02 23:59+23:59", "0001-01-03 00:00"),  # 0001-01-02 00:00 in UTC
    ("9999-12-30 00:00", "9999-12-30 23:59:59"),
    ("9999-12-30 00:00", "9999-12-30 00:00-23:59"),  # 9999-12-30 23:59 in UTC
])
def test_the_last_instants_that_load(edited_menus, start, end):
    folder = edited_menus()
    write_changes(folder, closure(start, end))
    end = load_menus(folder).changes["standard"][0].end
    assert end is not None and end.tzinfo is TOKYO


@pytest.mark.parametrize("value", ["0001-01-01 23:59:59", "0001-01-02 00:00+00:01",
                                   "9999-12-31 00:00", "9999-12-30 23:59-00:01"])
def test_a_minute_further_is_refused(value):
    with pytest.raises(ValueError, match="too close to the (start|end) of the calendar"):
        Change.model_validate({"name": "far", "schedules": ["all"], "state": "open",
                               "end": value})


EXTREMES = ["0001-01-02 00:00", "0001-01-02 23:59+23:59", "0001-01-02 00:00-23:59",
            "9999-12-30 23:59:59", "9999-12-30 00:00-23:59", "9999-12-30 23:59+23:59"]
ALWAYS = Schedule.model_validate({"always": True})


def far(start: str, end: str) -> Change:
    return Change.model_validate({"name": "far", "schedules": ["all"], "start": start,
                                  "end": end, "message": {"ja": "休止"}})


def test_a_change_that_loads_can_be_put_in_any_zone():
    """timed(zone) cannot raise, whatever the zone, and its instants convert to UTC."""
    extremes, longest = [far(value, value) for value in EXTREMES], far(EXTREMES[0], EXTREMES[3])
    failed = []
    for key in sorted(zoneinfo.available_timezones()):
        zone = zoneinfo.ZoneInfo(key)
        try:
            for timed in [change.timed(zone) for change in extremes]:
                assert timed.start is not None and timed.start.tzinfo is zone
                assert timed.end is not None and timed.end.tzinfo is zone
                timed.start.astimezone(UTC), timed.end.astimezone(UTC)
            closed = longest.timed(zone)
            assert closed.start is not None
            decision = decide(ALWAYS, closed.start, zone, HolidayCalendar("JP"), [closed])
            assert (decision.reason, decision.next_open) == (CHANGE, closed.end)
        except (AssertionError, OverflowError) as error:
            failed.append(f"{key}: {error!r}")
    assert failed == []


def test_decide_at_the_calendars_ends():
    weekdays = Schedule.model_validate({"hours": {"weekday": ["09:30-20:00"]}})
    new_york = zoneinfo.ZoneInfo("America/New_York")
    # 0001-01-01, a Monday, 05:00 in Tokyo is 0000-12-31 in UTC.
    early = decide(weekdays, datetime(1, 1, 1, 5, tzinfo=TOKYO), TOKYO, HolidayCalendar("JP"))
    assert early.next_open == datetime(1, 1, 1, 9, 30, tzinfo=TOKYO)
    # 9999-12-31 is a Friday: after 20:00 the calendar ends before the desk opens again.
    late = decide(weekdays, datetime(9999, 12, 31, 21, tzinfo=new_york), new_york,
                  HolidayCalendar("US"))
    assert (late.open, late.next_open) == (False, None)


def test_check_reports_it(edited_menus, capsys):
    folder = edited_menus()
    write_changes(folder, closure("0001-01-01 00:00+09:00", "2026-12-01 12:00"))
    assert main(["check", str(folder)]) == 1
    problem = (f"{folder / 'temporary.yaml'}:4:5: '0001-01-01 00:00+09:00' is too close to "
               f"the {START}{IN_UTC} (at changes.0.start)")
    assert capsys.readouterr().out.splitlines() == [
        problem, f"{folder}: 1 problem; the IVR would not start"]


def test_a_reload_refuses_it_and_calls_go_on(edited_menus, settings, caplog):
    folder = edited_menus()
    settings.update(IVR_MENUS=str(folder), IVR_RELOAD="0", IVR_RELOAD_SETTLE="0")
    app = create_app(settings)
    write_changes(folder, closure(None, "9999-12-31 23:59-05:00"))
    with caplog.at_level(logging.INFO, logger="ivr.calls"):
        assert not app.extensions["ivr"].refresh()  # the store's look, as its watcher makes it
        caller = Caller.for_app(app).dial("mynumber", at="2026-12-01T10:00+09:00").press("3")
    assert caller.dialled == ["+81120950178"]  # the menus it started with, with no change
    refused, = [r for r in caplog.records if r.getMessage() == "menus refused"]
    assert "'9999-12-31 23:59-05:00' is too close to the end" in refused.fields["problems"][0]
