"""One batch of entries written in one transaction, and old records deleted.

A batch brings each call it touches up to date and inserts its steps: the calls' rows are read
(made if missing) and, on PostgreSQL, locked until the transaction ends — SQLite's writer holds
the whole database's write lock from its start — then folded with the new steps
(ivr.records.endings) and written back with their endings and Twilio's status. Another worker,
or another machine, may be writing other steps of the same call at the same moment: the lock
makes one wait for the other, and the fold does not care in which order they come. Rows go in
a few statements a batch (ivr.records.bulk), so that recording costs a worker little.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, select

from ivr.records import bulk
from ivr.records.endings import StepFacts, Summary
from ivr.records.entries import StatusEntry, StepEntry
from ivr.records.schema import calls, steps

Entry = StepEntry | StatusEntry
_SUMMARY = ("steps", "first_seq", "started_at", "local", "line", "caller", "connected",
            "last_seq", "last_decision", "last_line", "last_menu", "language", "transfer_seq",
            "transfer_failed")
_STATUS = ("status", "duration", "ended_at")
# What a call's row holds before its first step is written.
_NEW_CALL = {"steps": 0, "connected": False, "transfer_failed": False, "ending": "abandoned"}


def write(connection: Connection, entries: Sequence[Entry]) -> None:
    """Write `entries` (in the order they were taken) in the connection's transaction."""
    rows = bulk.touch(connection, calls, "sid", {entry.call_sid for entry in entries}, _NEW_CALL)
    summaries = {sid: (Summary(**{name: row[name] for name in _SUMMARY}),
                       {name: row[name] for name in _STATUS}) for sid, row in rows.items()}
    step_rows = []
    for entry in entries:
        summary, status = summaries[entry.call_sid]
        if isinstance(entry, StatusEntry):
            summaries[entry.call_sid] = summary, {
                "status": entry.status or status["status"], "ended_at": entry.at,
                "duration": status["duration"] if entry.duration is None else entry.duration}
            continue
        local = entry.at.astimezone(entry.zone)
        step_rows.append(_step_row(entry, local))
        summary.add(StepFacts(entry.seq, entry.at, local.replace(tzinfo=None), entry.line,
                              entry.menu, entry.decision, entry.next_line, entry.next_menu,
                              entry.language, entry.caller))
    bulk.upsert(connection, calls, [
        {"sid": sid, **{name: getattr(summary, name) for name in _SUMMARY}, **status,
         "day": summary.day, "ending": summary.ending}
        for sid, (summary, status) in summaries.items()], key="sid")
    bulk.upsert(connection, steps, step_rows)


def delete_before(connection: Connection, cutoff: datetime) -> int:
    """Delete the calls (and their steps) made before `cutoff`; how many calls were deleted."""
    old = select(calls.c.sid).where(func.coalesce(calls.c.started_at, calls.c.ended_at) < cutoff)
    connection.execute(delete(steps).where(steps.c.call_sid.in_(old)))
    return connection.execute(delete(calls).where(calls.c.sid.in_(old))).rowcount


def _step_row(entry: StepEntry, local: datetime) -> dict[str, Any]:
    return {"call_sid": entry.call_sid, "seq": entry.seq, "at": entry.at,
            "weekday": local.weekday(), "hour": local.hour, "line": entry.line,
            "menu": entry.menu, "next_line": entry.next_line, "next_menu": entry.next_menu,
            "key": entry.key, "decision": entry.decision, "reason": entry.reason,
            "language": entry.language, "menus": entry.menus}
