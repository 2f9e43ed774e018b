"""One batch of entries written in one transaction, and old records deleted.

A batch inserts its steps, and brings each call it touches up to date: the call's row is made
if missing, locked (PostgreSQL: FOR UPDATE, in one order so that two workers never deadlock;
SQLite: the write lock the transaction began with), folded with the new steps
(ivr.records.endings) and written back with its ending and Twilio's status. Another worker, or
another machine, may be writing other steps of the same call at the same moment: the lock
makes one wait for the other, and the fold does not care in which order they come.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ivr.records.endings import StepFacts, Summary
from ivr.records.entries import StatusEntry, StepEntry
from ivr.records.schema import calls, steps

Entry = StepEntry | StatusEntry
_SUMMARY = ("steps", "first_seq", "started_at", "local", "line", "caller", "connected",
            "last_seq", "last_decision", "last_line", "last_menu", "language", "transfer_seq",
            "transfer_failed")
_STATUS = ("status", "duration", "ended_at")
_UPDATE = (update(calls).where(calls.c.sid == bindparam("sid_"))
           .values({name: bindparam(name) for name in (*_SUMMARY, *_STATUS, "day", "ending")}))


def write(connection: Connection, entries: Sequence[Entry]) -> None:
    """Write `entries` (in the order they were taken) in the connection's transaction."""
    sids = sorted({entry.call_sid for entry in entries})
    _make_missing(connection, sids)
    rows = connection.execute(select(calls).where(calls.c.sid.in_(sids))
                              .order_by(calls.c.sid).with_for_update()).mappings()
    summaries = {row["sid"]: (Summary(**{name: row[name] for name in _SUMMARY}),
                              {name: row[name] for name in _STATUS}) for row in rows}
    step_rows = []
    for entry in entries:
        summary, status = summaries[entry.call_sid]
        if isinstance(entry, StatusEntry):
            status = {"status": entry.status or status["status"],
                      "duration": entry.duration if entry.duration is not None
                      else status["duration"], "ended_at": entry.at}
        else:
            local = entry.at.astimezone(entry.zone)
            step_rows.append(_step_row(entry, local))
            summary = summary.add(StepFacts(
                entry.seq, entry.at, local.replace(tzinfo=None), entry.line, entry.menu,
                entry.decision, entry.next_line, entry.next_menu, entry.language, entry.caller))
        summaries[entry.call_sid] = summary, status
    connection.execute(_UPDATE, [
        {"sid_": sid, **{name: getattr(summary, name) for name in _SUMMARY}, **status,
         "day": summary.day, "ending": summary.ending}
        for sid, (summary, status) in summaries.items()])
    if step_rows:
        connection.execute(insert(steps), step_rows)


def delete_before(connection: Connection, cutoff: datetime) -> int:
    """Delete the calls (and their steps) made before `cutoff`; how many calls were deleted."""
    old = select(calls.c.sid).where(func.coalesce(calls.c.started_at, calls.c.ended_at) < cutoff)
    connection.execute(delete(steps).where(steps.c.call_sid.in_(old)))
    return connection.execute(delete(calls).where(calls.c.sid.in_(old))).rowcount


def _make_missing(connection: Connection, sids: list[str]) -> None:
    """A row for each call that has none yet; one another worker is making is waited for."""
    dialect: Any = sqlite if connection.dialect.name == "sqlite" else postgresql
    connection.execute(dialect.insert(calls).on_conflict_do_nothing(index_elements=["sid"]),
                       [{"sid": sid} for sid in sids])


def _step_row(entry: StepEntry, local: datetime) -> dict[str, Any]:
    return {"call_sid": entry.call_sid, "seq": entry.seq, "at": entry.at,
            "weekday": local.weekday(),
            "hour": local.hour, "line": entry.line, "menu": entry.menu,
            "next_line": entry.next_line, "next_menu": entry.next_menu, "key": entry.key,
            "decision": entry.decision, "reason": entry.reason, "language": entry.language,
            "menus": entry.menus}
