"""How long what a call is told stays true: the next instant at which anything that depends on
the time could change.

Everything a call hears that depends on the time — whether a desk is open, why not, its next
opening, today's hours, the announcements in force — follows from the wall clock's minute and
date in the menus' zone and from which temporary changes and announcements are in force. It
can therefore change only when the wall clock reaches a minute at which some interval of some
schedule starts or ends (dated hours included), at midnight, when the clocks are set forward or
back, or at the start or end of a change or announcement. Between two such edges every answer
is the same, so an answer computed at one instant may be given again until the next edge.
"""
from __future__ import annotations

from bisect import bisect_right
from datetime import UTC, datetime, timedelta

from ivr.menus.loader import Menus
from ivr.menus.schedule import DayType
from ivr.menus.wallclock import in_zone, jumps, readings, timeline, wall_time


class Steadiness:
    """The edges of one version of the menus, worked out once."""

    def __init__(self, menus: Menus) -> None:
        self._zone = menus.zone
        minutes: set[int] = set()
        for schedule in menus.schedules.values():
            minutes.update(edge for day in DayType for interval in schedule.intervals(day)
                           for edge in (interval.start, interval.end))
        dated = [change for changes in menus.changes.values() for change in changes]
        minutes.update(edge for change in dated for intervals in (change.hours or {}).values()
                       for interval in intervals for edge in (interval.start, interval.end))
        self._minutes = sorted(minutes)  # midnight is an edge of its own
        periods = [*dated, *(notice for notices in menus.announcements.values()
                             for notice in notices)]
        self._edges = sorted({timeline(edge) for period in periods
                              for edge in (period.start, period.end) if edge is not None})

    def until(self, instant: datetime) -> datetime | None:
        """The first instant after the aware `instant` at which an answer given at `instant`
        may no longer be right; None when that cannot be told (at the calendar's ends)."""
        try:
            return self._until(instant)
        except (OverflowError, ValueError):  # a day past year 9999: no answer is kept
            return None

    def _until(self, instant: datetime) -> datetime:
        local = in_zone(instant, self._zone)
        now, day = timeline(local), local.date()
        tomorrow = day + timedelta(days=1)
        walls = [*(wall_time(day, edge) for edge in self._minutes), wall_time(tomorrow)]
        # A wall time is an edge at each instant the clocks show it (twice in a repeated hour);
        # the jumps themselves are edges too, so the wall clock never runs backwards in between.
        candidates = [moment for wall in walls for moment in readings(wall, self._zone)]
        candidates += [*jumps(day, self._zone), *jumps(tomorrow, self._zone)]
        after = [moment for moment in candidates if timeline(moment) > now]
        index = bisect_right(self._edges, now)  # the next change's or announcement's edge
        if index < len(self._edges):
            # In UTC: a zone's datetimes add by the wall clock, and lose their fold.
            after.append(local.astimezone(UTC) + (self._edges[index] - now))
        return min(after, key=timeline)
