"""One batch of entries written in one transaction, and old records deleted.

A batch does as little as it can, since every recording worker pays for it while it answers
calls: its steps are inserted as they are (not yet folded into their calls' rows: that is
ivr.records.folding's, apart), and each status callback is set on its call's row, made if
missing. Rows go in one statement a table (ivr.records.bulk).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func

from ivr.records import bulk
from ivr.records.entries import StatusEntry, StepEntry
from ivr.records.schema import calls, steps

Entry = StepEntry | StatusEntry
# What a call's row holds before its first step is folded into it.
NEW_CALL = {"steps": 0, "connected": False, "transfer_failed": False, "ending": "abandoned"}
_STATUS = ["status", "duration", "ended_at"]


def write(connection: Connection, entries: Sequence[Entry]) -> None:
    """Write `entries` (in the order they were taken) in the connection's transaction."""
    step_rows, statuses = [], {}  # type: list[dict[str, Any]], dict[str, dict[str, Any]]
    for entry in entries:
        if isinstance(entry, StepEntry):
            step_rows.append(_step_row(entry))
        else:  # the last callback of a call wins; a duration it lacks is kept
            before = statuses.get(entry.call_sid, {})
            statuses[entry.call_sid] = {
                "status": entry.status or before.get("status"), "ended_at": entry.at,
                "duration": before.get("duration") if entry.duration is None else entry.duration}
    bulk.upsert(connection, steps, step_rows)
    bulk.upsert(connection, calls, [{"sid": sid, **NEW_CALL, **status}
                                    for sid, status in sorted(statuses.items())],
                key="sid", update=_STATUS)


def delete_before(connection: Connection, cutoff: datetime) -> int:
    """Delete the steps and calls from before `cutoff`; how many calls were deleted."""
    connection.execute(delete(steps).where(steps.c.at < cutoff))
    return connection.execute(delete(calls).where(
        func.coalesce(calls.c.started_at, calls.c.ended_at) < cutoff)).rowcount


def _step_row(entry: StepEntry) -> dict[str, Any]:
    local = entry.at.astimezone(entry.zone)
    return {"call_sid": entry.call_sid, "seq": entry.seq, "at": entry.at,
            "local": local.replace(tzinfo=None), "line": entry.line, "menu": entry.menu,
            "next_line": entry.next_line, "next_menu": entry.next_menu, "key": entry.key,
            "decision": entry.decision, "reason": entry.reason, "language": entry.language,
            "menus": entry.menus, "caller": entry.caller, "folded": False}
