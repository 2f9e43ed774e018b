"""Steps folded into their calls' rows: each call's summary and its one ending
(ivr.records.endings), apart from writing them.

A worker that records pays only for inserting its steps; the folding is done in chunks by
whoever reads the records (the report, the dashboard, before they count) and by each worker's
writer when no call has come for a moment. Each step is folded once: a chunk takes steps not
folded yet, locks their calls' rows (PostgreSQL: the steps another folder holds are skipped,
and the calls' rows locked in one order; SQLite: the write lock), folds, and marks the steps
folded, in one transaction. The fold does not care in which order, or in how many chunks, a
call's steps come.
"""
from __future__ import annotations

import time

from sqlalchemy import Connection, Engine, func, select, update

from ivr.records import bulk
from ivr.records.batch import NEW_CALL
from ivr.records.endings import StepFacts, Summary
from ivr.records.schema import calls, steps

CHUNK = 2000  # steps a transaction folds
_SUMMARY = ("steps", "first_seq", "started_at", "local", "line", "caller", "connected",
            "last_seq", "last_decision", "last_line", "last_menu", "language", "transfer_seq",
            "transfer_failed")
_FACTS = (steps.c.id, steps.c.call_sid, steps.c.seq, steps.c.at, steps.c.local, steps.c.line,
          steps.c.menu, steps.c.decision, steps.c.next_line, steps.c.next_menu,
          steps.c.language, steps.c.caller)


def fold(connection: Connection, most: int = CHUNK) -> int:
    """Fold up to `most` steps not folded yet into their calls' rows; how many were."""
    found = connection.execute(select(*_FACTS).where(~steps.c.folded).order_by(steps.c.id)
                               .limit(most).with_for_update(skip_locked=True)).all()
    if not found:
        return 0
    rows = bulk.touch(connection, calls, "sid", {step.call_sid for step in found}, NEW_CALL)
    summaries = {sid: Summary(**{name: row[name] for name in _SUMMARY})
                 for sid, row in rows.items()}
    for _, sid, *facts in found:
        summaries[sid].add(StepFacts(*facts))
    bulk.upsert(connection, calls, [
        {"sid": sid, **{name: getattr(summary, name) for name in _SUMMARY},
         "day": summary.day, "ending": summary.ending} for sid, summary in summaries.items()],
        key="sid")
    connection.execute(update(steps).where(steps.c.id.in_([step.id for step in found]))
                       .values(folded=True))
    return len(found)


def fold_pending(engine: Engine, seconds: float | None = None) -> int:
    """Fold what is pending, a chunk a transaction, for at most `seconds` (None: until done);
    how many steps are left unfolded."""
    deadline = None if seconds is None else time.monotonic() + seconds
    while True:
        with engine.begin() as connection:
            if fold(connection) < CHUNK:
                return 0
            if deadline is not None and time.monotonic() > deadline:
                return connection.execute(select(func.count()).select_from(steps)
                                          .where(~steps.c.folded)).scalar_one()
