"""decide() at the spec's boundaries, for the shipped schedules and for hand-built ones.

Every instant is written in Asia/Tokyo and decided twice: as given, and as the same instant
expressed in UTC. Both must give the same Decision, with next_open in Asia/Tokyo.
Intervals are half-open: "09:30-20:00" is open at 09:30:00 and 19:59:59, closed at 20:00:00.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ivr.calls.hours import Decision, decide
from ivr.menus.holiday_calendar import HolidayCalendar
from ivr.menus.model import SchedulesFile
from ivr.menus.schedule import Schedule
from ivr.menus.yamlsource import read_document
from tests.helpers import HOTLINE

SCHEDULES = SchedulesFile.model_validate(
    read_document(HOTLINE / "schedules.yaml").data).schedules
TOKYO = ZoneInfo("Asia/Tokyo")
UTC = ZoneInfo("UTC")
CALENDAR = HolidayCalendar("JP")
OPEN = "open"
OUTSIDE, HOLIDAY, YEAR_END = "outside-hours", "holiday", "year-end"


def jst(text: str) -> datetime:
    """'2026-12-28 19:59:59' as an aware datetime in Asia/Tokyo."""
    return datetime.fromisoformat(text).replace(tzinfo=TOKYO)


def case(name: str, schedule: str, at: str, reason: str, next_open: str | None = None):
    """One row: at `at` (Tokyo) `schedule` is open, or closed for `reason` until `next_open`."""
    return pytest.param(schedule, at, reason, next_open, id=name)


# --- the shipped schedules -------------------------------------------------------------------
# Day kinds used: 2026-12-01 Tue, 12-04 Fri, 12-05 Sat, 12-06 Sun, 12-07 Mon, 12-25 Fri,
# 12-28 Mon (last day before the year end), 2027-01-04 Mon (first day after it);
# holidays 2026-05-06 Wed (振替休日), 09-21 Mon 敬老の日, 09-22 Tue 国民の休日, 09-23 Wed 秋分の日,
# 11-03 Tue 文化の日, 2027-01-01 Fri 元日, 2027-03-22 Mon 振替休日.
SHIPPED = [
    # standard: weekdays 09:30-20:00; Sat, Sun, holidays 09:30-17:30; closed 12-29..01-03
    case("std-weekday-before-open", "standard", "2026-12-01 09:29:59", OUTSIDE, "2026-12-01 09:30"),
    case("std-weekday-opens", "standard", "2026-12-01 09:30:00", OPEN),
    case("std-weekday-last-second", "standard", "2026-12-01 19:59:59", OPEN),
    case("std-weekday-closes", "standard", "2026-12-01 20:00:00", OUTSIDE, "2026-12-02 09:30"),
    case("std-weekday-midnight", "standard", "2026-12-02 00:00:00", OUTSIDE, "2026-12-02 09:30"),
    case("std-friday-night", "standard", "2026-12-04 20:00:00", OUTSIDE, "2026-12-05 09:30"),
    case("std-saturday-before-open", "standard", "2026-12-05 09:29:59", OUTSIDE, "2026-12-05 09:30"),
    case("std-saturday-opens", "standard", "2026-12-05 09:30:00", OPEN),
    case("std-saturday-last-second", "standard", "2026-12-05 17:29:59", OPEN),
    case("std-saturday-closes", "standard", "2026-12-05 17:30:00", OUTSIDE, "2026-12-06 09:30"),
    case("std-saturday-19h", "standard", "2026-12-05 19:00:00", OUTSIDE, "2026-12-06 09:30"),
    case("std-sunday-opens", "standard", "2026-12-06 09:30:00", OPEN),
    case("std-sunday-last-second", "standard", "2026-12-06 17:29:59", OPEN),
    case("std-sunday-closes", "standard", "2026-12-06 17:30:00", OUTSIDE, "2026-12-07 09:30"),
    case("std-holiday-before-open", "standard", "2026-11-03 09:29:59", OUTSIDE, "2026-11-03 09:30"),
    case("std-holiday-opens", "standard", "2026-11-03 09:30:00", OPEN),
    case("std-holiday-last-second", "standard", "2026-11-03 17:29:59", OPEN),
    case("std-holiday-closes", "standard", "2026-11-03 17:30:00", OUTSIDE, "2026-11-04 09:30"),
    case("std-holiday-18h", "standard", "2026-11-03 18:00:00", OUTSIDE, "2026-11-04 09:30"),
    case("std-holiday-19h59", "standard", "2026-11-03 19:59:59", OUTSIDE, "2026-11-04 09:30"),
    case("std-substitute-holiday-last-second", "standard", "2026-05-06 17:29:59", OPEN),
    case("std-substitute-holiday-closes", "standard", "2026-05-06 17:30:00", OUTSIDE, "2026-05-07 09:30"),
    case("std-substitute-holiday-2027-03-22", "standard", "2027-03-22 17:30:00", OUTSIDE, "2027-03-23 09:30"),
    case("std-kokumin-no-kyujitsu-open", "standard", "2026-09-22 17:29:59", OPEN),
    case("std-kokumin-no-kyujitsu-closes", "standard", "2026-09-22 17:30:00", OUTSIDE, "2026-09-23 09:30"),
    case("std-friday-before-christmas-close", "standard", "2026-12-25 20:00:00", OUTSIDE, "2026-12-26 09:30"),
    case("std-last-day-last-second", "standard", "2026-12-28 19:59:59", OPEN),
    case("std-last-day-closes-skips-year-end", "standard", "2026-12-28 20:00:00", OUTSIDE, "2027-01-04 09:30"),
    case("std-year-end-first-second", "standard", "2026-12-29 00:00:00", YEAR_END, "2027-01-04 09:30"),
    case("std-year-end-weekday-10h", "standard", "2026-12-29 10:00:00", YEAR_END, "2027-01-04 09:30"),
    case("std-year-end-new-years-eve", "standard", "2026-12-31 12:00:00", YEAR_END, "2027-01-04 09:30"),
    case("std-year-end-on-ganjitsu", "standard", "2027-01-01 10:00:00", YEAR_END, "2027-01-04 09:30"),
    case("std-year-end-saturday", "standard", "2027-01-02 10:00:00", YEAR_END, "2027-01-04 09:30"),
    case("std-year-end-last-second", "standard", "2027-01-03 23:59:59", YEAR_END, "2027-01-04 09:30"),
    case("std-after-year-end-midnight", "standard", "2027-01-04 00:00:00", OUTSIDE, "2027-01-04 09:30"),
    case("std-after-year-end-opens", "standard", "2027-01-04 09:30:00", OPEN),

    # every-day: 09:30-20:00 every day, holidays and year end included
    case("every-year-end-before-open", "every-day", "2026-12-29 09:29:59", OUTSIDE, "2026-12-29 09:30"),
    case("every-new-years-eve", "every-day", "2026-12-31 10:00:00", OPEN),
    case("every-ganjitsu-opens", "every-day", "2027-01-01 09:30:00", OPEN),
    case("every-ganjitsu-last-second", "every-day", "2027-01-01 19:59:59", OPEN),
    case("every-ganjitsu-closes", "every-day", "2027-01-01 20:00:00", OUTSIDE, "2027-01-02 09:30"),
    case("every-sunday-last-second", "every-day", "2026-12-06 19:59:59", OPEN),
    case("every-holiday-last-second", "every-day", "2026-11-03 19:59:59", OPEN),
    case("every-weekday-closes", "every-day", "2026-12-01 20:00:00", OUTSIDE, "2026-12-02 09:30"),

    # always: 24 hours, 365 days
    case("always-ganjitsu-midnight", "always", "2027-01-01 00:00:00", OPEN),
    case("always-ganjitsu-3h", "always", "2027-01-01 03:00:00", OPEN),
    case("always-new-years-eve-last-second", "always", "2026-12-31 23:59:59", OPEN),
    case("always-weekday-night", "always", "2026-12-01 20:00:00", OPEN),
    case("always-sunday-night", "always", "2026-12-06 22:00:00", OPEN),
    case("always-holiday-early", "always", "2026-05-06 04:00:00", OPEN),

    # card-weekdays: weekdays 09:30-20:00; closed Sat, Sun, public holidays and year end
    case("card-weekday-before-open", "card-weekdays", "2026-12-07 09:29:59", OUTSIDE, "2026-12-07 09:30"),
    case("card-weekday-opens", "card-weekdays", "2026-12-07 09:30:00", OPEN),
    case("card-weekday-last-second", "card-weekdays", "2026-12-07 19:59:59", OPEN),
    case("card-weekday-closes", "card-weekdays", "2026-12-07 20:00:00", OUTSIDE, "2026-12-08 09:30"),
    case("card-saturday", "card-weekdays", "2026-12-05 10:00:00", OUTSIDE, "2026-12-07 09:30"),
    case("card-sunday", "card-weekdays", "2026-12-06 10:00:00", OUTSIDE, "2026-12-07 09:30"),
    case("card-friday-night", "card-weekdays", "2026-12-25 20:00:00", OUTSIDE, "2026-12-28 09:30"),
    case("card-keiro-no-hi", "card-weekdays", "2026-09-21 10:00:00", HOLIDAY, "2026-09-24 09:30"),
    case("card-kokumin-no-kyujitsu", "card-weekdays", "2026-09-22 10:00:00", HOLIDAY, "2026-09-24 09:30"),
    case("card-substitute-holiday", "card-weekdays", "2026-05-06 10:00:00", HOLIDAY, "2026-05-07 09:30"),
    case("card-bunka-no-hi", "card-weekdays", "2026-11-03 10:00:00", HOLIDAY, "2026-11-04 09:30"),
    case("card-last-day-closes", "card-weekdays", "2026-12-28 20:00:00", OUTSIDE, "2027-01-04 09:30"),
    case("card-year-end", "card-weekdays", "2026-12-29 10:00:00", YEAR_END, "2027-01-04 09:30"),
    case("card-year-end-on-ganjitsu", "card-weekdays", "2027-01-01 10:00:00", YEAR_END, "2027-01-04 09:30"),
    case("card-year-end-last-second", "card-weekdays", "2027-01-03 23:59:59", YEAR_END, "2027-01-04 09:30"),
    case("card-after-year-end-opens", "card-weekdays", "2027-01-04 09:30:00", OPEN),

    # foreign-a: every day 08:30-20:00 (year end and holidays included)
    case("foreign-a-before-open", "foreign-a", "2026-12-31 08:29:59", OUTSIDE, "2026-12-31 08:30"),
    case("foreign-a-opens", "foreign-a", "2026-12-31 08:30:00", OPEN),
    case("foreign-a-last-second", "foreign-a", "2026-12-31 19:59:59", OPEN),
    case("foreign-a-closes", "foreign-a", "2026-12-31 20:00:00", OUTSIDE, "2027-01-01 08:30"),
    case("foreign-a-sunday-last-second", "foreign-a", "2026-12-06 19:59:59", OPEN),

    # foreign-b: every day 09:00-18:00 (year end and holidays included)
    case("foreign-b-before-open", "foreign-b", "2027-01-01 08:59:59", OUTSIDE, "2027-01-01 09:00"),
    case("foreign-b-opens", "foreign-b", "2027-01-01 09:00:00", OPEN),
    case("foreign-b-last-second", "foreign-b", "2027-01-01 17:59:59", OPEN),
    case("foreign-b-closes", "foreign-b", "2027-01-01 18:00:00", OUTSIDE, "2027-01-02 09:00"),
    case("foreign-b-weekday-closes", "foreign-b", "2026-12-01 18:00:00", OUTSIDE, "2026-12-02 09:00"),

    # foreign-system: same rule as standard
    case("foreign-sys-weekday-last-second", "foreign-system", "2026-12-01 19:59:59", OPEN),
    case("foreign-sys-saturday-closes", "foreign-system", "2026-12-05 17:30:00", OUTSIDE, "2026-12-06 09:30"),
    case("foreign-sys-holiday-opens", "foreign-system", "2026-11-03 09:30:00", OPEN),
    case("foreign-sys-last-day-closes", "foreign-system", "2026-12-28 20:00:00", OUTSIDE, "2027-01-04 09:30"),
    case("foreign-sys-year-end", "foreign-system", "2027-01-02 10:00:00", YEAR_END, "2027-01-04 09:30"),
]

# --- schedules built in the test ----------------------------------------------------------------
BUILT = {
    "until-midnight": {"hours": {"every-day": ["18:00-24:00"]}},
    "round-the-clock-in-two": {"hours": {"every-day": ["22:00-24:00", "00:00-06:00"]}},
    # written out of order on purpose: decide() must not depend on it
    "lunch-break": {"hours": {"every-day": ["13:00-17:00", "09:00-12:00"]}},
    "obon": {"hours": {"every-day": ["09:00-17:00"]},
             "closures": [{"start": "08-13", "end": "08-16", "reason": "summer"}]},
    "new-year": {"hours": {"every-day": ["09:00-17:00"]},
                 "closures": [{"start": "12-31", "end": "01-01", "reason": "new-year"}]},
    "default-reason": {"hours": {"every-day": ["09:00-17:00"]},
                       "closures": [{"start": "12-29", "end": "01-03"}]},
    "weekdays-only": {"hours": {"weekday": ["09:30-20:00"]}},
    "saturdays-only": {"hours": {"saturday": ["10:00-12:00"]}},
}
BUILT_SCHEDULES = {name: Schedule.model_validate(spec) for name, spec in BUILT.items()}

CUSTOM = [
    case("24h-end-last-second", "until-midnight", "2026-12-01 23:59:59", OPEN),
    case("24h-end-midnight", "until-midnight", "2026-12-02 00:00:00", OUTSIDE, "2026-12-02 18:00"),
    case("24h-end-opens", "until-midnight", "2026-12-02 18:00:00", OPEN),
    case("two-intervals-across-midnight-23h59", "round-the-clock-in-two", "2026-12-01 23:59:59", OPEN),
    case("two-intervals-across-midnight-0h", "round-the-clock-in-two", "2026-12-02 00:00:00", OPEN),
    case("two-intervals-across-midnight-6h", "round-the-clock-in-two", "2026-12-02 06:00:00", OUTSIDE, "2026-12-02 22:00"),
    case("lunch-before-open", "lunch-break", "2026-12-01 08:59:59", OUTSIDE, "2026-12-01 09:00"),
    case("lunch-morning-last-second", "lunch-break", "2026-12-01 11:59:59", OPEN),
    case("lunch-starts", "lunch-break", "2026-12-01 12:00:00", OUTSIDE, "2026-12-01 13:00"),
    case("lunch-12h30", "lunch-break", "2026-12-01 12:30:00", OUTSIDE, "2026-12-01 13:00"),
    case("lunch-ends", "lunch-break", "2026-12-01 13:00:00", OPEN),
    case("lunch-afternoon-closes", "lunch-break", "2026-12-01 17:00:00", OUTSIDE, "2026-12-02 09:00"),
    case("obon-day-before-open", "obon", "2026-08-12 16:59:59", OPEN),
    case("obon-day-before-closes", "obon", "2026-08-12 17:00:00", OUTSIDE, "2026-08-17 09:00"),
    case("obon-first-second", "obon", "2026-08-13 00:00:00", "summer", "2026-08-17 09:00"),
    case("obon-last-second", "obon", "2026-08-16 23:59:59", "summer", "2026-08-17 09:00"),
    case("obon-day-after-before-open", "obon", "2026-08-17 08:59:59", OUTSIDE, "2026-08-17 09:00"),
    case("obon-day-after-opens", "obon", "2026-08-17 09:00:00", OPEN),
    case("new-year-day-before-closes", "new-year", "2026-12-30 17:00:00", OUTSIDE, "2027-01-02 09:00"),
    case("new-year-eve", "new-year", "2026-12-31 10:00:00", "new-year", "2027-01-02 09:00"),
    case("new-year-last-second", "new-year", "2027-01-01 23:59:59", "new-year", "2027-01-02 09:00"),
    case("new-year-day-after-opens", "new-year", "2027-01-02 09:00:00", OPEN),
    case("new-year-december-30-open", "new-year", "2026-12-30 16:59:59", OPEN),
    case("closure-reason-defaults-to-year-end", "default-reason", "2026-12-30 10:00:00", YEAR_END, "2027-01-04 09:00"),
    case("weekdays-friday-night", "weekdays-only", "2026-12-04 21:00:00", OUTSIDE, "2026-12-07 09:30"),
    case("weekdays-friday-night-holiday-monday", "weekdays-only", "2027-01-08 21:00:00", OUTSIDE, "2027-01-12 09:30"),
    case("weekdays-seijin-no-hi", "weekdays-only", "2027-01-11 10:00:00", HOLIDAY, "2027-01-12 09:30"),
    case("weekdays-no-closure-on-ganjitsu", "weekdays-only", "2027-01-01 10:00:00", HOLIDAY, "2027-01-04 09:30"),
    case("weekdays-no-closure-new-years-eve", "weekdays-only", "2026-12-31 10:00:00", OPEN),
    case("saturdays-monday", "saturdays-only", "2026-12-07 10:00:00", OUTSIDE, "2026-12-12 10:00"),
    case("saturdays-after-close", "saturdays-only", "2026-12-05 12:00:00", OUTSIDE, "2026-12-12 10:00"),
]

ALL_SCHEDULES = {**SCHEDULES, **BUILT_SCHEDULES}
CLOSED_CASES = [p for p in SHIPPED + CUSTOM if p.values[2] != OPEN]

AS_GIVEN_AND_IN_UTC = pytest.mark.parametrize("zone", [TOKYO, UTC], ids=["jst", "utc"])


def run(schedule: str, instant: datetime) -> Decision:
    return decide(ALL_SCHEDULES[schedule], instant, TOKYO, CALENDAR)


def assert_decision(decision: Decision, reason: str, next_open: str | None) -> None:
    if reason == OPEN:
        assert (decision.open, decision.reason, decision.next_open) == (True, None, None)
    else:
        assert next_open is not None and decision.next_open is not None
        assert (decision.open, decision.reason, decision.next_open) == (False, reason, jst(next_open))
        assert decision.next_open.tzinfo == TOKYO  # the same instant in UTC would compare equal
        assert decision.next_open.utcoffset() == timedelta(hours=9)


def test_shipped_schedules_are_the_ones_tested():
    assert set(SCHEDULES) == {"standard", "every-day", "always", "card-weekdays",
                              "foreign-a", "foreign-b", "foreign-system"}
    tested = {p.values[0] for p in SHIPPED}
    assert tested == set(SCHEDULES)


@AS_GIVEN_AND_IN_UTC
@pytest.mark.parametrize(("schedule", "at", "reason", "next_open"), SHIPPED)
def test_shipped_schedule(schedule, at, reason, next_open, zone):
    assert_decision(run(schedule, jst(at).astimezone(zone)), reason, next_open)


@AS_GIVEN_AND_IN_UTC
@pytest.mark.parametrize(("schedule", "at", "reason", "next_open"), CUSTOM)
def test_built_schedule(schedule, at, reason, next_open, zone):
    assert_decision(run(schedule, jst(at).astimezone(zone)), reason, next_open)


@pytest.mark.parametrize(("schedule", "at", "reason", "next_open"), SHIPPED + CUSTOM)
def test_utc_instant_gives_the_identical_decision(schedule, at, reason, next_open):
    in_tokyo = run(schedule, jst(at))
    for zone in (UTC, ZoneInfo("America/Los_Angeles"), ZoneInfo("Europe/London")):
        elsewhere = run(schedule, jst(at).astimezone(zone))
        assert elsewhere == in_tokyo
        assert repr(elsewhere) == repr(in_tokyo)  # next_open in Asia/Tokyo, not merely equal


@pytest.mark.parametrize(("schedule", "at", "reason", "next_open"), CLOSED_CASES)
def test_closed_until_next_open_then_open(schedule, at, reason, next_open):
    """Every minute from the instant up to next_open is closed; next_open itself is open."""
    start, opens = jst(at), jst(next_open)
    minute = start.replace(second=0) + timedelta(minutes=1)
    while minute < opens:
        assert not run(schedule, minute).open, minute
        minute += timedelta(minutes=1)
    assert not run(schedule, opens - timedelta(seconds=1)).open
    assert run(schedule, opens).open


@pytest.mark.parametrize(("schedule", "at", "rule"), [
    pytest.param("always", "2027-01-01 00:00:00", "always", id="always"),
    pytest.param("standard", "2026-12-01 10:00:00", "weekday 09:30-20:00", id="weekday-open"),
    pytest.param("standard", "2026-12-05 10:00:00", "saturday 09:30-17:30", id="saturday-open"),
    pytest.param("standard", "2026-11-03 18:00:00", "holiday 09:30-17:30", id="holiday-closed"),
    pytest.param("standard", "2026-12-29 10:00:00", "closure 12-29..01-03", id="year-end"),
    pytest.param("card-weekdays", "2026-12-05 10:00:00", "saturday closed", id="no-hours-that-day"),
    pytest.param("lunch-break", "2026-12-01 12:30:00", "weekday 09:00-12:00 13:00-17:00", id="two-intervals"),
])
def test_rule_names_what_decided(schedule, at, rule):
    assert run(schedule, jst(at)).rule == rule


def test_foreign_system_has_the_same_rule_as_standard():
    assert SCHEDULES["foreign-system"] == SCHEDULES["standard"]


@pytest.mark.parametrize("at", [pytest.param(p.values[1], id=p.id) for p in SHIPPED
                                if p.values[0] == "standard"])
def test_foreign_system_decides_like_standard(at):
    assert run("foreign-system", jst(at)) == run("standard", jst(at))


@pytest.mark.parametrize("schedule", sorted(ALL_SCHEDULES))
def test_naive_datetime_raises_value_error(schedule):
    with pytest.raises(ValueError):
        decide(ALL_SCHEDULES[schedule], datetime(2026, 12, 1, 10, 0), TOKYO, CALENDAR)
