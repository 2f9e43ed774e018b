"""The report's figures, counted by the database: what `python -m ivr report` prints and
/dashboard draws, from the same queries.

A period is a range of days in the menus' zone (the day each call began), both ends included,
and optionally the line calls came in on. Every figure is over the calls of the period; the
counts of answers (closed desks, invalid answers) are over those calls' steps.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, extract, func, select

from ivr.records.endings import ABANDONED, ANSWERS, ENDINGS, FAILED_ANSWERS
from ivr.records.schema import calls, steps

_OF_CALL = steps.c.call_sid == calls.c.sid
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CSV_COLUMNS = ("call_sid", "line", "started", "day", "ending", "where", "language", "steps",
               "status", "duration", "caller")


@dataclass(frozen=True)
class Period:
    since: date | None = None
    until: date | None = None
    line: str | None = None

    def where(self) -> ColumnElement[bool]:
        """The calls of the period: those with a first step, within its days, on its line."""
        conditions: list[ColumnElement[bool]] = [calls.c.day.is_not(None)]
        if self.since:
            conditions.append(calls.c.day >= self.since)
        if self.until:
            conditions.append(calls.c.day <= self.until)
        if self.line:
            conditions.append(calls.c.line == self.line)
        return and_(*conditions)


def figures(connection: Connection, period: Period) -> dict[str, Any]:
    """Every figure of the report, as JSON values; keys of places are "line/menu(/key)"."""
    where = period.where()
    first, last, count, callers = connection.execute(select(
        func.min(calls.c.day), func.max(calls.c.day), func.count(),
        func.count(calls.c.caller.distinct())).where(where)).one()
    repeat = connection.execute(select(func.count()).select_from(
        select(calls.c.caller).where(where, calls.c.caller.is_not(None))
        .group_by(calls.c.caller).having(func.count() > 1).subquery())).scalar_one()
    outcomes = dict.fromkeys(ENDINGS, 0) | _counts(connection, where, calls.c.ending)
    answers, invalid_rate = _answers(connection, where)
    return {
        "period": {"since": _iso(period.since), "until": _iso(period.until),
                   "line": period.line, "first_day": _iso(first), "last_day": _iso(last)},
        "calls": count, "callers": callers, "repeat_callers": repeat,
        "outcomes": outcomes,
        "closed_by_desk": _step_counts(connection, where, "closed", steps.c.line, steps.c.menu,
                                       steps.c.key),
        "abandoned_at": _counts(connection, and_(where, calls.c.ending == ABANDONED),
                                calls.c.last_line, calls.c.last_menu),
        "invalid_rate": invalid_rate, "answers": answers,
        "languages": _counts(connection, where, calls.c.language),
        "closed_by_hour": _closed_by_hour(connection, where),
        "endings_by_day": _endings_by_day(connection, where),
    }


def call_rows(connection: Connection, period: Period) -> Iterator[dict[str, Any]]:
    """One row per call of the period, earliest first, for spreadsheets (CSV_COLUMNS)."""
    query = select(calls).where(period.where()).order_by(calls.c.local, calls.c.sid)
    for row in connection.execute(query).mappings():
        yield {"call_sid": row["sid"], "line": row["line"],
               "started": row["local"].isoformat(timespec="seconds"), "day": _iso(row["day"]),
               "ending": row["ending"], "where": _key(row["last_line"], row["last_menu"]),
               "language": row["language"], "steps": row["steps"], "status": row["status"],
               "duration": row["duration"], "caller": row["caller"]}


def _counts(connection: Connection, where: ColumnElement[bool], *columns: Any) -> dict[str, int]:
    """Calls per value of `columns` (joined by "/"), most first."""
    query = select(*columns, func.count()).where(where).group_by(*columns)
    return _ranked({_key(*row[:-1]): row[-1] for row in connection.execute(query)})


def _step_counts(connection: Connection, where: ColumnElement[bool], decision: str,
                 *columns: Any) -> dict[str, int]:
    query = (select(*columns, func.count()).join_from(steps, calls, _OF_CALL)
             .where(where, steps.c.decision == decision).group_by(*columns))
    return _ranked({_key(*row[:-1]): row[-1] for row in connection.execute(query)})


def _answers(connection: Connection, where: ColumnElement[bool]
             ) -> tuple[dict[str, int], dict[str, float]]:
    """Answers per menu, and the share of them that were invalid or silent."""
    failed = func.sum(case((steps.c.decision.in_(sorted(FAILED_ANSWERS)), 1), else_=0))
    query = (select(steps.c.line, steps.c.menu, func.count(), failed)
             .join_from(steps, calls, _OF_CALL).where(where, steps.c.decision.in_(sorted(ANSWERS)))
             .group_by(steps.c.line, steps.c.menu))
    rows = {_key(line, menu): (count, int(bad or 0))
            for line, menu, count, bad in connection.execute(query)}
    answers = _ranked({place: count for place, (count, _) in rows.items()})
    rates = {place: round(bad / count, 4) for place, (count, bad) in rows.items()}
    return answers, dict(sorted(rates.items(), key=lambda item: (-item[1], item[0])))


def _closed_by_hour(connection: Connection, where: ColumnElement[bool]
                    ) -> dict[str, dict[str, list[int]]]:
    """Per desk, closed answers by weekday and hour of the menus' zone: demand outside hours."""
    desk = (steps.c.line, steps.c.menu, steps.c.key)
    # The day of the week as SQL numbers it everywhere: 0 is Sunday.
    sunday_first, hour = extract("dow", steps.c.local), extract("hour", steps.c.local)
    query = (select(*desk, sunday_first, hour, func.count()).join_from(steps, calls, _OF_CALL)
             .where(where, steps.c.decision == "closed").group_by(*desk, sunday_first, hour))
    grid: dict[str, dict[str, list[int]]] = {}
    for line, menu, key, day, at, count in connection.execute(query):
        days = grid.setdefault(_key(line, menu, key), {name: [0] * 24 for name in WEEKDAYS})
        days[WEEKDAYS[(int(day) + 6) % 7]][int(at)] += count
    return dict(sorted(grid.items()))


def _endings_by_day(connection: Connection, where: ColumnElement[bool]
                    ) -> dict[str, dict[str, int]]:
    query = (select(calls.c.day, calls.c.ending, func.count()).where(where)
             .group_by(calls.c.day, calls.c.ending).order_by(calls.c.day))
    days: dict[str, dict[str, int]] = {}
    for day, ending, count in connection.execute(query):
        days.setdefault(day.isoformat(), dict.fromkeys(ENDINGS, 0))[ending] = count
    return days


def _ranked(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _key(*parts: str | None) -> str:
    return "/".join(part if part is not None else "?" for part in parts)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
