"""Opening hours across daylight-saving time, in London and New York at both changes of 2027.

Open or closed is decided on the wall clock; the next opening is the first instant that exists
at which the desk is open, after the current one, expressed in the zone so that it is said as
its clocks show it. Instants are written with their UTC offset, which tells the two
occurrences of a repeated hour apart.

In 2027 London's clocks skip 01:00-02:00 on Sunday 28 March and repeat 01:00-02:00 on Sunday
31 October; New York's skip 02:00-03:00 on Sunday 14 March and repeat 01:00-02:00 on Sunday
7 November.

Two zones change their clocks at midnight. St. John's (Newfoundland) set them back from
00:01 NDT to 23:01 NST on Sunday 7 November 2010, so Saturday's last hour came again after
Sunday had begun; Santiago sets them forward from 00:00 to 01:00 on Sunday 6 September 2026.
"""
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ivr.calls.hours import CHANGE, OUTSIDE_HOURS, decide
from ivr.menus.changes import Change
from ivr.menus.holiday_calendar import HolidayCalendar
from ivr.menus.schedule import Schedule
from ivr.tools import agenda

LONDON, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")
PLACES = {"London": (LONDON, HolidayCalendar("GB")), "New York": (NEW_YORK, HolidayCalendar("US")),
          "St. John's": (ZoneInfo("America/St_Johns"), HolidayCalendar("CA")),
          "Santiago": (ZoneInfo("America/Santiago"), HolidayCalendar("CL"))}
SECOND = timedelta(seconds=1)
MESSAGE = {"en": "Closed for maintenance"}


def every_day(*intervals: str) -> Schedule:
    if not intervals:
        return Schedule.model_validate({"always": True})
    return Schedule.model_validate({"hours": {"every-day": list(intervals)}})


def instant(text: str, zone: ZoneInfo) -> datetime:
    """With an offset, the instant it names; without, the zone's clock time as Python reads it
    (a time the clocks skip with the offset before the jump: 01:30 in London on 28 March is
    01:30 UTC, 02:30 BST)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def run(place: str, schedule: Schedule, at: datetime, changes=()):
    zone, calendar = PLACES[place]
    return decide(schedule, at, zone, calendar, changes)


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


@pytest.mark.parametrize("place, hours, at, is_open", [
    # Spring, London: 00:59:59 GMT is followed by 02:00 BST.
    ("London", "01:30-03:00", "2027-03-28T00:59:59+00:00", False),
    ("London", "01:30-03:00", "2027-03-28T02:00:00+01:00", True),
    ("London", "01:30-03:00", "2027-03-28T02:59:59+01:00", True),
    ("London", "01:30-03:00", "2027-03-28T03:00:00+01:00", False),
    # A clock time in the gap names the instant an hour later on the clock: 02:30 BST.
    ("London", "01:30-03:00", "2027-03-28T01:30", True),
    ("London", "01:10-01:50", "2027-03-28T01:30", False),
    # Autumn, London: 01:00-02:00 BST, then 01:00-02:00 GMT again.
    ("London", "01:30-03:00", "2027-10-31T01:29:59+01:00", False),
    ("London", "01:30-03:00", "2027-10-31T01:30:00+01:00", True),
    ("London", "01:30-03:00", "2027-10-31T01:59:59+01:00", True),
    ("London", "01:30-03:00", "2027-10-31T01:00:00+00:00", False),
    ("London", "01:30-03:00", "2027-10-31T01:29:59+00:00", False),
    ("London", "01:30-03:00", "2027-10-31T01:30:00+00:00", True),
    ("London", "01:30-03:00", "2027-10-31T02:59:59+00:00", True),
    ("London", "01:30-03:00", "2027-10-31T03:00:00+00:00", False),
    # Spring, New York: 01:59:59 EST is followed by 03:00 EDT.
    ("New York", "02:30-04:00", "2027-03-14T01:59:59-05:00", False),
    ("New York", "02:30-04:00", "2027-03-14T03:00:00-04:00", True),
    ("New York", "02:30-04:00", "2027-03-14T03:59:59-04:00", True),
    ("New York", "02:30-04:00", "2027-03-14T04:00:00-04:00", False),
    ("New York", "02:10-02:50", "2027-03-14T02:30", False),  # that is 03:30 EDT
    # Autumn, New York: 01:00-02:00 EDT, then 01:00-02:00 EST again.
    ("New York", "01:30-03:00", "2027-11-07T01:29:59-04:00", False),
    ("New York", "01:30-03:00", "2027-11-07T01:30:00-04:00", True),
    ("New York", "01:30-03:00", "2027-11-07T01:00:00-05:00", False),
    ("New York", "01:30-03:00", "2027-11-07T01:29:59-05:00", False),
    ("New York", "01:30-03:00", "2027-11-07T01:30:00-05:00", True),
    ("New York", "01:30-03:00", "2027-11-07T03:00:00-05:00", False),
])
def test_open_is_decided_on_the_wall_clock(place, hours, at, is_open):
    zone, _ = PLACES[place]
    assert run(place, every_day(hours), instant(at, zone)).open is is_open


@pytest.mark.parametrize("place, hours, at, opens", [
    # Opening in the gap: at the first instant that exists, 02:00 BST (01:00 UTC).
    ("London", "01:30-03:00", "2027-03-28T00:45:00+00:00", "2027-03-28T02:00:00+01:00"),
    # Open only inside the gap: not that day at all.
    ("London", "01:10-01:50", "2027-03-28T00:45:00+00:00", "2027-03-29T01:10:00+01:00"),
    ("London", "01:30-03:00", "2027-03-28T03:00:00+01:00", "2027-03-29T01:30:00+01:00"),
    # Before and in the repeated hour: the first occurrence of 01:30 after the instant.
    ("London", "01:30-03:00", "2027-10-31T00:45:00+01:00", "2027-10-31T01:30:00+01:00"),
    ("London", "01:30-03:00", "2027-10-31T01:15:00+01:00", "2027-10-31T01:30:00+01:00"),
    ("London", "01:30-03:00", "2027-10-31T01:15:00+00:00", "2027-10-31T01:30:00+00:00"),
    # Closed at 01:15 BST; the clocks go back from 02:00 BST into the interval, at 01:00 GMT.
    ("London", "00:30-01:15", "2027-10-31T01:30:00+01:00", "2027-10-31T01:00:00+00:00"),
    ("London", "00:30-01:15", "2027-10-31T01:15:00+00:00", "2027-11-01T00:30:00+00:00"),
    ("New York", "02:30-04:00", "2027-03-14T01:45:00-05:00", "2027-03-14T03:00:00-04:00"),
    ("New York", "02:10-02:50", "2027-03-14T01:45:00-05:00", "2027-03-15T02:10:00-04:00"),
    ("New York", "01:30-03:00", "2027-11-07T00:45:00-04:00", "2027-11-07T01:30:00-04:00"),
    ("New York", "01:30-03:00", "2027-11-07T01:15:00-04:00", "2027-11-07T01:30:00-04:00"),
    ("New York", "01:30-03:00", "2027-11-07T01:15:00-05:00", "2027-11-07T01:30:00-05:00"),
    ("New York", "00:30-01:15", "2027-11-07T01:30:00-04:00", "2027-11-07T01:00:00-05:00"),
    # Sunday's first minute, then Saturday's 23:01-24:00 again: Saturday's evening is ahead.
    ("St. John's", "23:30-24:00", "2010-11-07T00:00:30-02:30", "2010-11-06T23:30:00-03:30"),
    # Before the jump, Sunday's first 00:00 comes before Saturday's second 23:01.
    ("St. John's", "00:00-06:00", "2010-11-06T23:50:00-02:30", "2010-11-07T00:00:00-02:30"),
    # After it, Sunday's second 00:00.
    ("St. John's", "00:00-06:00", "2010-11-06T23:10:00-03:30", "2010-11-07T00:00:00-03:30"),
])
def test_the_next_opening_is_the_first_instant_open_after_now(place, hours, at, opens):
    zone, _ = PLACES[place]
    schedule, now = every_day(hours), instant(at, zone)
    decision = run(place, schedule, now)
    assert not decision.open and decision.reason == OUTSIDE_HOURS
    # Said as the zone's clocks show it: the offset pins which occurrence, and so the instant.
    assert decision.next_open.isoformat() == opens and decision.next_open.tzinfo is zone
    # The first: closed every minute until then, and a second before; open at it.
    moment = utc(now)
    while moment < utc(decision.next_open):
        assert not run(place, schedule, moment).open, moment
        moment += timedelta(minutes=1)
    assert not run(place, schedule, utc(decision.next_open) - SECOND).open
    assert run(place, schedule, decision.next_open).open


def change(zone: ZoneInfo, start: str | None, end: str, state: str = "closed"):
    fields: dict[str, object] = {"name": "maintenance", "schedules": ["all"], "state": state,
                                 "end": end}
    fields |= {"start": start} if start else {}
    fields |= {"message": MESSAGE} if state == "closed" else {}
    return Change.model_validate(fields).timed(zone)


# (place, hours (none: 24 hours), change start, end, state, instant, whether the change is in
# force then, open, next opening)
CHANGES = [
    # Closed for the hour between 01:30 BST and 01:30 GMT: the same wall time, an hour apart.
    ("London", (), "2027-10-31 01:30+01:00", "2027-10-31 01:30+00:00", "closed",
     "2027-10-31T01:29:59+01:00", False, True, None),
    ("London", (), "2027-10-31 01:30+01:00", "2027-10-31 01:30+00:00", "closed",
     "2027-10-31T01:30:00+01:00", True, False, "2027-10-31T01:30:00+00:00"),
    ("London", (), "2027-10-31 01:30+01:00", "2027-10-31 01:30+00:00", "closed",
     "2027-10-31T01:00:00+00:00", True, False, "2027-10-31T01:30:00+00:00"),
    ("London", (), "2027-10-31 01:30+01:00", "2027-10-31 01:30+00:00", "closed",
     "2027-10-31T01:29:59+00:00", True, False, "2027-10-31T01:30:00+00:00"),
    ("London", (), "2027-10-31 01:30+01:00", "2027-10-31 01:30+00:00", "closed",
     "2027-10-31T01:30:00+00:00", False, True, None),
    # Closed in the second occurrence only: not yet in force in the first.
    ("London", (), "2027-10-31 01:15+00:00", "2027-10-31 01:45+00:00", "closed",
     "2027-10-31T01:20:00+01:00", False, True, None),
    ("London", (), "2027-10-31 01:15+00:00", "2027-10-31 01:45+00:00", "closed",
     "2027-10-31T01:20:00+00:00", True, False, "2027-10-31T01:45:00+00:00"),
    ("London", (), "2027-10-31 01:15+00:00", "2027-10-31 01:45+00:00", "closed",
     "2027-10-31T01:45:00+00:00", False, True, None),
    # Forced open in the second occurrence only: at 01:20 BST it opens at 01:15 GMT.
    ("London", ("09:00-17:00",), "2027-10-31 01:15+00:00", "2027-10-31 01:45+00:00", "open",
     "2027-10-31T01:20:00+01:00", False, False, "2027-10-31T01:15:00+00:00"),
    ("London", ("09:00-17:00",), "2027-10-31 01:15+00:00", "2027-10-31 01:45+00:00", "open",
     "2027-10-31T01:20:00+00:00", True, True, None),
    ("New York", (), "2027-11-07 01:30-04:00", "2027-11-07 01:30-05:00", "closed",
     "2027-11-07T01:29:59-04:00", False, True, None),
    ("New York", (), "2027-11-07 01:30-04:00", "2027-11-07 01:30-05:00", "closed",
     "2027-11-07T01:10:00-05:00", True, False, "2027-11-07T01:30:00-05:00"),
    ("New York", (), "2027-11-07 01:30-04:00", "2027-11-07 01:30-05:00", "closed",
     "2027-11-07T01:30:00-05:00", False, True, None),
    # Ending with no start: in force until the second 01:30, not the first.
    ("New York", (), None, "2027-11-07 01:30-05:00", "closed",
     "2027-11-07T01:45:00-04:00", True, False, "2027-11-07T01:30:00-05:00"),
]


@pytest.mark.parametrize("place, hours, start, end, state, at, in_force, is_open, opens",
                         CHANGES)
def test_temporary_changes_start_and_end_at_their_instant(place, hours, start, end, state, at,
                                                          in_force, is_open, opens):
    zone, _ = PLACES[place]
    timed = change(zone, start, end, state)
    now = instant(at, zone)
    assert timed.in_force(now) is in_force
    decision = run(place, every_day(*hours), now, [timed])
    assert (decision.open, decision.change) == (is_open, timed if in_force else None)
    assert decision.reason == (CHANGE if in_force and not is_open else
                               None if is_open else OUTSIDE_HOURS)
    assert (decision.next_open.isoformat() if decision.next_open else None) == opens


@pytest.mark.parametrize("place, written, read", [
    ("London", "2027-10-31 01:30+00:00", "2027-10-31T01:30:00+00:00"),  # as written
    ("London", "2027-10-31T00:30Z", "2027-10-31T01:30:00+01:00"),
    # Without an offset: the first of a repeated hour's two occurrences, and for a time the
    # clocks skip, the instant they jump past it.
    ("London", "2027-10-31 01:30", "2027-10-31T01:30:00+01:00"),
    ("London", "2027-03-28 01:30", "2027-03-28T02:00:00+01:00"),
    ("London", "2027-03-28 01:59:59", "2027-03-28T02:00:00+01:00"),
    ("Santiago", "2026-09-06 00:30", "2026-09-06T01:00:00-03:00"),  # midnight is skipped
    ("New York", "2027-11-07 01:30", "2027-11-07T01:30:00-04:00"),
    ("New York", "2027-03-14 02:30", "2027-03-14T03:00:00-04:00"),
])
def test_a_changes_instants_are_read_in_the_zone(place, written, read):
    zone, _ = PLACES[place]
    timed = change(zone, written, "2027-12-01 00:00")
    assert timed.start.isoformat() == read and timed.start.tzinfo is zone


def stretches(place: str, schedule: Schedule, on: str, changes=()) -> list[object]:
    zone, calendar = PLACES[place]
    day = agenda.day(schedule, datetime.fromisoformat(on).date(), zone, calendar, changes)
    for stretch in day.stretches:  # each stretch is what a caller is told all through it
        for moment in (stretch.start, utc(stretch.end) - SECOND):
            assert run(place, schedule, moment, changes).open is stretch.decision.open
    hours = sum((utc(s.end) - utc(s.start) for s in day.stretches), timedelta())
    return [(s.start.isoformat(), s.end.isoformat(), s.decision.open)
            for s in day.stretches] + [hours // timedelta(hours=1)]


@pytest.mark.parametrize("place, hours, on, wanted", [
    ("London", "01:30-03:00", "2027-03-28", [
        ("2027-03-28T00:00:00+00:00", "2027-03-28T02:00:00+01:00", False),
        ("2027-03-28T02:00:00+01:00", "2027-03-28T03:00:00+01:00", True),
        ("2027-03-28T03:00:00+01:00", "2027-03-29T00:00:00+01:00", False), 23]),
    ("London", "01:10-01:50", "2027-03-28", [
        ("2027-03-28T00:00:00+00:00", "2027-03-29T00:00:00+01:00", False), 23]),
    ("London", "01:30-03:00", "2027-10-31", [
        ("2027-10-31T00:00:00+01:00", "2027-10-31T01:30:00+01:00", False),
        ("2027-10-31T01:30:00+01:00", "2027-10-31T01:00:00+00:00", True),
        ("2027-10-31T01:00:00+00:00", "2027-10-31T01:30:00+00:00", False),
        ("2027-10-31T01:30:00+00:00", "2027-10-31T03:00:00+00:00", True),
        ("2027-10-31T03:00:00+00:00", "2027-11-01T00:00:00+00:00", False), 25]),
    ("London", "00:00-24:00", "2027-10-31", [
        ("2027-10-31T00:00:00+01:00", "2027-11-01T00:00:00+00:00", True), 25]),
    ("New York", "02:30-04:00", "2027-03-14", [
        ("2027-03-14T00:00:00-05:00", "2027-03-14T03:00:00-04:00", False),
        ("2027-03-14T03:00:00-04:00", "2027-03-14T04:00:00-04:00", True),
        ("2027-03-14T04:00:00-04:00", "2027-03-15T00:00:00-04:00", False), 23]),
    ("New York", "01:30-03:00", "2027-11-07", [
        ("2027-11-07T00:00:00-04:00", "2027-11-07T01:30:00-04:00", False),
        ("2027-11-07T01:30:00-04:00", "2027-11-07T01:00:00-05:00", True),
        ("2027-11-07T01:00:00-05:00", "2027-11-07T01:30:00-05:00", False),
        ("2027-11-07T01:30:00-05:00", "2027-11-07T03:00:00-05:00", True),
        ("2027-11-07T03:00:00-05:00", "2027-11-08T00:00:00-05:00", False), 25]),
])
def test_a_day_of_the_agenda_is_cut_at_real_instants(place, hours, on, wanted):
    assert stretches(place, every_day(hours), on) == wanted


def test_the_agenda_cuts_at_a_change_in_the_repeated_hour():
    closed = change(LONDON, "2027-10-31 01:30+01:00", "2027-10-31 01:30+00:00")
    assert stretches("London", every_day(), "2027-10-31", [closed]) == [
        ("2027-10-31T00:00:00+01:00", "2027-10-31T01:30:00+01:00", True),
        ("2027-10-31T01:30:00+01:00", "2027-10-31T01:30:00+00:00", False),
        ("2027-10-31T01:30:00+00:00", "2027-11-01T00:00:00+00:00", True), 25]
