"""Dated hours (`hours:` in a temporary change): from its start, and until its end if any, some day
types follow other hours. The decision, the next opening (exact across DST), what a closed
desk's caller is told ("today we are open until 12:00"), `hours --month`, `script` and `graph`
all take them into account."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from ivr.calls.hours import CHANGE, OUTSIDE_HOURS, decide
from ivr.menus.changes import Change, TimedChange
from ivr.menus.holiday_calendar import HolidayCalendar
from ivr.menus.schedule import Schedule
from ivr.simulator import Caller
from ivr.tools.cli import main

TOKYO, LONDON = ZoneInfo("Asia/Tokyo"), ZoneInfo("Europe/London")
JP, GB = HolidayCalendar("JP"), HolidayCalendar("GB")
CARD = Schedule.model_validate({"hours": {"weekday": ["09:30-20:00"]},
                                "closures": [{"start": "12-29", "end": "01-03"}]})


def change(zone: ZoneInfo = TOKYO, **fields: object) -> TimedChange:
    return Change.model_validate({"name": "dated", "schedules": ["card-weekdays"],
                                  **fields}).timed(zone)


SATURDAYS = change(hours={"saturday": ["10:00-16:00"]}, start="2026-12-01")
CHRISTMAS_EVE = change(hours={"weekday": ["09:30-12:00"]}, start="2026-12-24", end="2026-12-25",
                       name="christmas-eve")


def at(text: str, zone: ZoneInfo = TOKYO) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


@pytest.mark.parametrize("instant, changes, is_open, reason, next_open", [
    # Before their start, Saturdays are closed; from it, open 10:00-16:00, for good.
    ("2026-11-28 10:00", [SATURDAYS], False, OUTSIDE_HOURS, "2026-11-30 09:30"),
    ("2026-12-05 09:59:59", [SATURDAYS], False, OUTSIDE_HOURS, "2026-12-05 10:00"),
    ("2026-12-05 10:00", [SATURDAYS], True, None, None),
    ("2026-12-05 16:00", [SATURDAYS], False, OUTSIDE_HOURS, "2026-12-07 09:30"),
    ("2027-06-05 15:59:59", [SATURDAYS], True, None, None),
    # Friday night before the start: the first opening under the new hours is Saturday's.
    ("2026-11-27 20:00", [change(hours={"saturday": ["10:00-16:00"]}, start="2026-11-28")],
     False, OUTSIDE_HOURS, "2026-11-28 10:00"),
    # One day's shortened hours; the yearly closure still wins.
    ("2026-12-24 11:59:59", [CHRISTMAS_EVE], True, None, None),
    ("2026-12-24 12:00", [CHRISTMAS_EVE], False, OUTSIDE_HOURS, "2026-12-25 09:30"),
    ("2026-12-25 12:00", [CHRISTMAS_EVE], True, None, None),
    ("2026-12-29 10:00", [change(hours={"every-day": ["10:00-11:00"]}, start="2026-12-28")],
     False, "year-end", "2027-01-04 10:00"),
    # With a message, the dated hours are the reason said.
    ("2026-12-24 13:00", [change(hours={"weekday": ["09:30-12:00"]}, start="2026-12-24",
                                 end="2026-12-25", message={"ja": "本日は正午までです"})],
     False, CHANGE, "2026-12-25 09:30"),
    # The later start wins where two give the same day type.
    ("2027-01-09 11:00", [SATURDAYS, change(hours={"saturday": ["10:00-10:30"]},
                                            start="2027-01-01")], False, OUTSIDE_HOURS,
     "2027-01-12 09:30"),  # Monday 11 January is a public holiday
    # A change with no start began before any that has one, whichever is written first.
    ("2026-12-05 11:00", [SATURDAYS, change(hours={"saturday": ["10:00-10:30"]})], True, None,
     None),
    ("2026-12-05 11:00", [change(hours={"saturday": ["10:00-10:30"]}), SATURDAYS], True, None,
     None),
], ids=lambda value: value if isinstance(value, str) else None)
def test_dated_hours_decide(instant, changes, is_open, reason, next_open):
    decision = decide(CARD, at(instant), TOKYO, JP, changes)
    assert (decision.open, decision.reason) == (is_open, reason)
    assert decision.next_open == (at(next_open) if next_open else None)


def test_the_dated_hours_that_decided_are_named():
    decision = decide(CARD, at("2026-12-05 10:00"), TOKYO, JP, [SATURDAYS])
    assert decision.change == SATURDAYS and decision.rule == "change dated saturday 10:00-16:00"


def test_the_next_opening_under_dated_hours_is_exact_across_a_change_of_the_clocks():
    # London's clocks skip 01:00-02:00 on Sunday 28 March 2027: a desk that opens at 01:30 on
    # Sundays from that day opens at 02:00 BST.
    sundays = change(LONDON, hours={"sunday": ["01:30-03:00"]}, start="2027-03-27")
    weekdays = Schedule.model_validate({"hours": {"weekday": ["09:00-17:00"]}})
    decision = decide(weekdays, at("2027-03-27 18:00", LONDON), LONDON, GB, [sundays])
    assert decision.next_open == datetime.fromisoformat("2027-03-28T02:00+01:00")


# --- what callers are told, and what the commands show --------------------------------------------

TEMPORARY = """changes:
  - name: card-saturdays
    schedules: [card-weekdays]
    hours: {saturday: ["10:00-16:00"]}
    start: 2026-12-01
  - name: christmas-eve
    schedules: [standard]
    hours: {weekday: ["09:30-12:00"]}
    start: 2026-12-24
    end: 2026-12-25
"""


@pytest.fixture
def menus(edited_menus):
    folder = edited_menus()
    (folder / "temporary.yaml").write_text(TEMPORARY, encoding="utf-8")
    return folder


@pytest.fixture
def caller(menus, settings):
    from ivr import create_app

    settings["IVR_MENUS"] = str(menus)
    return Caller.for_app(create_app(settings))


def test_dated_hours_for_good_are_said_as_the_desk_s_hours(caller):
    caller.dial("card-center", at="2026-12-05T16:30+09:00").press("1")
    assert caller.closed
    assert ("受付時間は、平日は午前9時30分から午後8時まで、土曜日は午前10時から午後4時までです。日曜日・祝日は"
            "お休みです。") in caller.heard_text
    # Before their start, the hours as they were.
    caller.dial("card-center", at="2026-11-28T10:00+09:00").press("1")
    assert "土曜日・日曜日・祝日はお休みです。" in caller.heard_text


def test_one_day_s_shortened_hours_are_said_as_today_s(caller):
    caller.dial("mynumber", at="2026-12-24T13:00+09:00").press("3")
    assert caller.closed and caller.decision["reason"] == "christmas-eve"
    assert caller.heard[0].text.endswith(
        "土曜日・日曜日・祝日は午前9時30分から午後5時30分までです。なお、年末年始（12月29日から1月3日まで）は受付を"
        "行っておりません。本日の受付時間は、午前9時30分から午後0時までです。次の受付開始は12月25日金曜日、"
        "午前9時30分です。")
    caller.dial("mynumber", at="2026-12-25T21:00+09:00").press("3")
    assert "本日の受付時間" not in caller.heard_text


def test_hours_month_shows_dated_hours(menus, capsys):
    assert main(["hours", "--menus", str(menus), "--month", "2026-12"]) == 0
    out = capsys.readouterr().out
    assert ("card-weekdays: weekday 09:30-20:00; saturday, sunday, holiday closed; closed "
            "12-29..01-03 (year-end);\n    saturday 10:00-16:00 from 2026-12-01 00:00 "
            "(card-saturdays)\n") in out
    card = out[out.index("card-weekdays:"):]
    assert "  Sat 2026-12-05  saturday  10:00-16:00  card-saturdays: dated hours\n" in card
    standard = out[out.index("standard:"):out.index("every-day:")]
    assert "  Thu 2026-12-24  weekday   09:30-12:00  christmas-eve: dated hours\n" in standard


def test_script_shows_what_dated_hours_say(menus, capsys):
    assert main(["script", "--menus", str(menus), "--lang", "ja", "--line", "mynumber",
                 "--at", "2026-12-20T10:00"]) == 0
    out = capsys.readouterr().out
    assert "Closed, change christmas-eve (e.g. Thu 2026-12-24 12:00):" in out
    assert "本日の受付時間は、午前9時30分から午後0時までです。" in out


def test_graph_shows_dated_hours(menus, capsys):
    assert main(["graph", "--menus", str(menus)]) == 0
    assert ("schedule card-weekdays<br/>card-weekdays saturday 10:00-16:00 from 2026-12-01 00:00 "
            "(card-saturdays)") in capsys.readouterr().out
