"""Sentences about opening hours in a caller's language: a desk's hours, why it is closed, when it
opens.

Dates, times and lists are written with CLDR locale data (Babel); the words around them come
from the language's YAML, so a translator can change them without touching code.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time

from babel.dates import format_date, format_skeleton, format_time
from babel.lists import format_list

from ivr.calls.hours import CHANGE, Decision
from ivr.menus.lists import ListPattern
from ivr.menus.model import Language
from ivr.menus.schedule import MINUTES_PER_DAY, OUTSIDE_HOURS, DayType, Interval, Schedule

# A leap year, so that a yearly closure on 02-29 can be written as a date.
_ANY_LEAP_YEAR = 2000
_DIGITS = re.compile(r"\d+")


def closed_text(code: str, language: Language, schedule: Schedule, decision: Decision,
                hours: str | None = None) -> str:
    """Why the desk is closed, its hours, and when it next opens, in language `code`.

    `hours` is `hours_text(language, schedule)` when the caller has it already.
    """
    messages = language.messages
    reason = (decision.change.message[code] if decision.change and decision.reason == CHANGE
              else messages.reasons[decision.reason or OUTSIDE_HOURS])
    hours = hours or hours_text(language, schedule)
    if decision.next_open is None:
        # Not open within the hours' search (over a year): there is no date to give. A
        # language file without the sentence still says why it is closed and its usual hours.
        if messages.closed_no_next_open is None:
            return f"{reason} {hours}"
        return messages.closed_no_next_open.format(reason=reason, hours=hours)
    return messages.closed.format(reason=reason, hours=hours,
                                  next_open=moment_text(language, decision.next_open))


def moment_text(language: Language, instant: datetime) -> str:
    """A date and time as said in the language, e.g. 1月4日月曜日、午前9時30分."""
    messages = language.messages
    day = _spelt(language, format_date(instant.date(), messages.date_format,
                                       locale=language.locale))
    return day + _clock(language, instant.hour * 60 + instant.minute)


def hours_text(language: Language, schedule: Schedule) -> str:
    """The schedule's opening hours, days with the same hours said together."""
    messages = language.messages
    if schedule.always:
        return messages.always_open
    groups: dict[tuple, list[DayType]] = {}
    for day in DayType:
        groups.setdefault(schedule.intervals(day), []).append(day)
    closed_days = groups.pop((), [])
    parts = [_day_hours(language, days, intervals) for intervals, days in groups.items()]
    sentences = [messages.hours.format(hours=_joined(language, "day_groups", parts))]
    if closed_days:
        sentences.append(messages.closed_days.format(days=_days(language, closed_days)))
    for closure in schedule.closures:
        sentences.append(messages.closure.format(name=messages.closure_names[closure.reason],
                                                 start=_month_day(language, closure.start),
                                                 end=_month_day(language, closure.end)))
    pattern = messages.lists.sentences
    return pattern.join(sentences) if pattern else "".join(sentences)


def with_today(language: Language, hours: str, today: tuple[Interval, ...]) -> str:
    """The desk's `hours` (hours_text), then `today`'s intervals when dated hours make them
    differ: "… Today we are open from 9:30 AM to 12 PM"."""
    sentence = language.messages.today_hours
    if sentence is None or not today:
        return hours
    said = sentence.format(intervals=_joined(language, "intervals",
                                             [_interval(language, i) for i in today]))
    pattern = language.messages.lists.sentences
    return pattern.join([hours, said]) if pattern else hours + said


def _day_hours(language: Language, days: list[DayType], intervals: tuple) -> str:
    said = _joined(language, "intervals", [_interval(language, i) for i in intervals])
    if len(days) == len(DayType):
        return language.messages.every_day_hours.format(intervals=said)
    return language.messages.day_hours.format(days=_days(language, days), intervals=said)


def _days(language: Language, days: list[DayType]) -> str:
    names = language.messages.days
    return _joined(language, "days", [names[day.value] for day in days])


def _joined(language: Language, kind: str, items: list[str]) -> str:
    """Items joined as the language's file says for `kind` of list, else with CLDR's "and"."""
    pattern: ListPattern | None = getattr(language.messages.lists, kind)
    return pattern.join(items) if pattern else format_list(items, locale=language.locale)


def _interval(language: Language, interval) -> str:
    return language.messages.interval.format(start=_clock(language, interval.start),
                                             end=_clock(language, interval.end))


def _clock(language: Language, minutes: int) -> str:
    messages = language.messages
    moment = time((minutes % MINUTES_PER_DAY) // 60, minutes % 60)
    pattern = messages.time_format_on_the_hour if moment.minute == 0 else messages.time_format
    return _spelt(language, format_time(moment, pattern, locale=language.locale))


def _month_day(language: Language, month_day: tuple[int, int]) -> str:
    day = date(_ANY_LEAP_YEAR, *month_day)
    return _spelt(language, format_skeleton("MMMMd", day, locale=language.locale))


def _spelt(language: Language, text: str) -> str:
    """The numbers in `text` as the language's number_words, when it has them (a voice that
    would read digits in another language)."""
    words = language.messages.number_words
    if not words:
        return text
    return _DIGITS.sub(lambda m: words[int(m[0])] if int(m[0]) < len(words) else m[0], text)
