"""A zone's wall clock against the time line: which instants show a given clock time, and where
the clocks are set forward (a gap: times that never show) or back (a repeated hour).

Python compares two datetimes that share a tzinfo by their wall clock, ignoring `fold`, so
01:30 of the first and of the second occurrence of a repeated hour compare equal. Instants are
therefore always compared by `timeline`, never with `<` on datetimes.
"""
from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

_CALENDAR_START = datetime.min.replace(tzinfo=UTC)
# Within a day of the calendar's ends (years 1 and 9999) converting between zones can overflow;
# no zone changes its clocks there, so nothing needs looking up so close to them.
_FIRST_SAFE_DAY = date.min + timedelta(days=2)
_LAST_SAFE_DAY = date.max - timedelta(days=2)


def wall_time(day: date, minutes: int = 0) -> datetime:
    """The naive clock time `minutes` after midnight on `day` (1440 is the next midnight)."""
    return datetime.combine(day, time()) + timedelta(minutes=minutes)


def timeline(moment: datetime) -> timedelta:
    """Where the aware `moment` lies on the time line, for comparing instants.

    Exact across folds, like comparing in UTC, and unlike astimezone(utc) it cannot overflow
    near the calendar's ends.
    """
    return moment - _CALENDAR_START  # aware minus aware: offsets (and fold) count


def in_zone(moment: datetime, zone: tzinfo) -> datetime:
    """The aware `moment` as `zone`'s clocks show it: a clock time the clocks skip becomes the
    time they show then, and `fold` tells the two occurrences of a repeated hour apart."""
    try:
        return moment.astimezone(UTC).astimezone(zone)
    except OverflowError:  # at the calendar's ends, where clocks never change
        return moment.astimezone(zone)


def readings(wall: datetime, zone: tzinfo) -> list[datetime]:
    """Every instant at which `zone`'s clocks show the naive `wall`, earliest first: one on most
    days, none in a gap, two in a repeated hour."""
    if not jumps(wall.date(), zone):  # most days, and cached: the one plain reading
        return [wall.replace(tzinfo=zone)]
    found: list[datetime] = []
    for fold in (0, 1):
        moment = in_zone(wall.replace(tzinfo=zone, fold=fold), zone)
        if moment.replace(tzinfo=None) == wall and all(timeline(moment) != timeline(seen)
                                                       for seen in found):
            found.append(moment)
    return found


def first_showing(wall: datetime, zone: tzinfo) -> datetime:
    """The first instant at which `zone`'s clocks show the naive `wall` or, when they skip it,
    the instant they jump past it (02:00 BST for 01:30 on the day London's clocks go forward)."""
    found = readings(wall, zone)
    if found:
        return found[0]
    # In a gap fold=1 reads the time with the offset after the jump, fold=0 with the one
    # before: the jump lies between the two.
    early, late = (wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)
                   for fold in (1, 0))
    return _jump_between(early, late, zone).astimezone(zone)


@lru_cache(maxsize=4096)  # a year of days in a few zones; asked for every candidate opening
def jumps(day: date, zone: tzinfo) -> tuple[datetime, ...]:
    """The instants around the date `day` at which `zone`'s clocks are set forward or back, as
    the clocks show them just after."""
    if not _FIRST_SAFE_DAY <= day <= _LAST_SAFE_DAY:
        return ()
    midnights = [datetime.combine(when, time(fold=fold), tzinfo=zone).astimezone(UTC)
                 for when in (day, day + timedelta(days=1)) for fold in (0, 1)]
    # From the earliest reading of this midnight to the latest of the next: the whole day, and
    # a jump at either midnight. Zones change their clocks at most once in such a day.
    early, late = min(midnights[:2]), max(midnights[2:])
    if _offset(early, zone) == _offset(late, zone):
        return ()
    return (_jump_between(early, late, zone).astimezone(zone),)


def _jump_between(early: datetime, late: datetime, zone: tzinfo) -> datetime:
    """The instant (UTC) of the one change of `zone`'s offset after `early` and by `late`."""
    early = early.replace(microsecond=0)  # the tz database changes clocks on whole seconds
    before = _offset(early, zone)
    low, high = 0, math.ceil((late - early).total_seconds())
    while high - low > 1:
        middle = (low + high) // 2
        if _offset(early + timedelta(seconds=middle), zone) == before:
            low = middle
        else:
            high = middle
    return early + timedelta(seconds=high)


def _offset(instant: datetime, zone: tzinfo) -> timedelta | None:
    return instant.astimezone(zone).utcoffset()
