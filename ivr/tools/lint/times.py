"""Warnings about time: gaps in the hours, temporary changes and announcements that are over,
dated hours to fold into their schedule, closures of a 24-hour desk, dates past the last year of
the official holiday list, and languages that cannot say a desk does not open within the coming
year."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from itertools import pairwise

from ivr.menus.changes import ALL, ChangesFile
from ivr.menus.holiday_calendar import LAST_OFFICIAL_YEAR
from ivr.menus.loader import Menus
from ivr.menus.problems import Problem
from ivr.menus.schedule import Interval
from ivr.menus.yamlsource import Document

SHORT_GAP = 30  # minutes: a shorter break between two intervals is probably a typo
LAST_MINUTE = 23 * 60 + 59
# From this day on, operators are reminded that the official holiday list is about to end.
HOLIDAY_LIST_REMINDER = date(LAST_OFFICIAL_YEAR, 10, 1)


def schedule_warnings(menus: Menus, doc: Document, now: datetime) -> list[Problem]:
    found = []
    for name, schedule in menus.schedules.items():
        for key, intervals in schedule.hours.items():
            where = ("schedules", name, "hours", key)
            for before, after in pairwise(intervals):
                if after.start - before.end < SHORT_GAP:
                    found.append(_gap(doc, _written(doc, where, after), key, before, after))
            for interval in intervals:
                if interval.end == LAST_MINUTE:
                    found.append(doc.problem(
                        _written(doc, where, interval),
                        f"{interval} ({key}) ends at 23:59, so the desk is closed for the "
                        "last minute of the day",
                        f"write \"{_clock(interval.start)}-24:00\" to stay open until midnight"))
    if menus.calendar.country == "JP" and now.date() >= HOLIDAY_LIST_REMINDER:
        found.append(doc.problem(
            ("holidays",), "the Cabinet Office's list of Japan's public holidays, which the "
            f"holiday calendar is checked against, ends with {LAST_OFFICIAL_YEAR}; later "
            "holidays are computed by rule",
            f"once the Cabinet Office publishes {LAST_OFFICIAL_YEAR + 1}, add it to the list in "
            "tests/data, update holidays in requirements.txt if the test disagrees, and raise "
            "LAST_OFFICIAL_YEAR in ivr/menus/holiday_calendar.py"))
    return found


def sentence_warnings(menus: Menus, docs: Mapping[str, Document]) -> list[Problem]:
    """Each language that lacks closed_no_next_open, which loading does not require: language
    files written before it must still load."""
    return [docs[code].problem(
        ("messages",), f"{code} has no closed_no_next_open, so a caller of a desk that does not "
        "open within the coming year hears only why it is closed and its usual hours",
        "add `closed_no_next_open: ...` under messages: a sentence with {reason} and {hours} "
        "that says the desk will not open in the coming year and what the caller can do")
        for code, language in menus.languages.items()
        if language.messages.closed_no_next_open is None]


def _written(doc: Document, where: tuple, interval: Interval) -> tuple:
    """The YAML path of `interval` in the list at `where`, which the model keeps sorted."""
    written = doc.data["schedules"][where[1]]["hours"][where[3]]
    return where + (next(index for index, text in enumerate(written)
                         if Interval.model_validate(text) == interval),)


def _gap(doc: Document, where: tuple, day: str, before: Interval, after: Interval) -> Problem:
    merged = f"{_clock(before.start)}-{_clock(after.end)}"
    if after.start == before.end:
        return doc.problem(where, f"{before} and {after} ({day}) meet at "
                                  f"{_clock(before.end)}, so callers hear two intervals for one",
                           f"write one interval, \"{merged}\"")
    minutes = after.start - before.end
    return doc.problem(where, f"{before} and {after} ({day}) leave a {minutes}-minute gap, "
                              f"closed from {_clock(before.end)} to {_clock(after.start)}",
                       f"write one interval, \"{merged}\", if the desk stays open; leave it "
                       f"if it really closes for {minutes} minutes")


def change_warnings(menus: Menus, doc: Document, now: datetime) -> list[Problem]:
    temporary = ChangesFile.model_validate(doc.data)
    found = []
    for index, notice in enumerate(temporary.announcements):
        timed_notice = notice.timed(menus.zone)
        if timed_notice.end is not None and timed_notice.over(now):
            found.append(doc.problem(("announcements", index), f"the announcement "
                                     f"{notice.name!r} ended on {_moment(timed_notice.end)} and "
                                     "is said no more", "delete it from temporary.yaml"))
    for index, change in enumerate(temporary.changes):
        where = ("changes", index)
        timed = change.timed(menus.zone)
        if timed.end is not None and timed.over(now):
            found.append(doc.problem(where, f"the change {change.name!r} ended on "
                                            f"{_moment(timed.end)} and has no effect any more",
                                     "delete it from temporary.yaml"))
            continue
        if timed.hours is not None and timed.end is None and timed.started(now):
            named = ", ".join(change.schedules)
            found.append(doc.problem(
                where, f"the change {change.name!r} has begun and has no end: its hours are "
                f"{named}'s from now on", f"write them under hours: of {named} in "
                "schedules.yaml, and delete the change"))
        for position, name in enumerate(change.schedules if timed.closes else ()):
            when = (f"from {_moment(timed.start)} to " if timed.start else "until ") + \
                _moment(timed.end or now)  # a closure has an end
            for always in [s for s, schedule in menus.schedules.items() if schedule.always
                           and name in (s, ALL)]:
                hint = (f"list the schedules to close instead of {ALL}" if name == ALL
                        else f"remove {name} from schedules:") + \
                    ", if the 24-hour desk must stay open"
                found.append(doc.problem(
                    where + ("schedules", position),
                    f"the change {change.name!r} closes {always!r}, a 24-hour desk: its callers "
                    f"will hear it is closed {when}", hint))
        beyond = [field for field, moment in (("start", timed.start), ("end", timed.end))
                  if moment and moment.year > LAST_OFFICIAL_YEAR]
        if beyond:
            found.append(doc.problem(
                where + (beyond[0],), f"the change {change.name!r} lies after "
                f"{LAST_OFFICIAL_YEAR}, the last year of the Cabinet Office's holiday list: "
                "public holidays then are computed by rule",
                "check the days it spans against the Cabinet Office's list once it is "
                "published"))
    return found


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02}:{minutes % 60:02}"


def _moment(instant: datetime) -> str:
    return f"{instant:%Y-%m-%d %H:%M}"
