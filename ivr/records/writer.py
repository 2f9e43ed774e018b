"""Each worker's writer: entries wait in a bounded buffer and a thread writes them in batches, so a
webhook answer never waits for the database, and a slow or unreachable one changes nothing a
caller hears. When no call has come for a moment, the thread also folds written steps into
their calls' rows (ivr.records.folding), which readers otherwise do before they count.

`put` is all a request does: an append to a deque (atomic, no lock). Every `every` seconds the
writer's thread takes what is buffered and writes it in batches, one transaction each. When the
database cannot be written, the batch goes back to the front of the buffer and is tried again
after a pause that doubles up to a minute; one warning is logged when the outage begins and one
line when records are written again. When the buffer is full, new entries are dropped and
counted (a warning once per outage). A batch the database refuses while it answers otherwise is
written entry by entry, so that one bad entry cannot hold up the others. `close` — at a
graceful stop — writes what is buffered.

The thread starts with the first entry, in the process that takes it: under gunicorn a worker,
never the master that forks them (no thread survives a fork; a child starts afresh).
"""
from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from collections import deque
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import URL, Engine, text

from ivr.records import batch, folding
from ivr.records.database import connect, migrate

log = logging.getLogger("ivr.records")

CAPACITY = 50_000  # entries a worker buffers (about 25 MB): an hour of a busy worker's steps
# Entries a transaction writes. Small enough that the thread lets go of the GIL often: between
# two batches it yields, so that requests waiting for it are not held up by the writer.
BATCH = 200
EVERY = 0.25  # seconds between writes: what a record may lag behind its call
LONGEST_PAUSE = 60.0  # seconds between tries while the database cannot be written
PURGE_EVERY = 3600.0  # seconds between deletions of records older than the retention


class Writer:
    def __init__(self, url: URL, retention_days: int = 90, capacity: int = CAPACITY,
                 batch_size: int = BATCH, every: float = EVERY) -> None:
        self.url, self.retention_days = url, retention_days
        self._capacity, self._batch_size, self._every = capacity, batch_size, every
        self._fresh_process()
        _WRITERS.add(self)

    def _fresh_process(self) -> None:
        self._buffer: deque[batch.Entry] = deque()
        self._lock, self._wake = threading.Lock(), threading.Event()
        self._thread: threading.Thread | None = None
        self._engine: Engine | None = None
        self._migrated = self._closing = self._busy = False  # busy: a batch is being written
        self._down_since: float | None = None  # when the current outage began
        self._failures = self._dropped = 0
        self._next_purge = 0.0
        self._unfolded = False  # steps written since the last fold that found nothing left

    def put(self, entry: batch.Entry) -> None:
        """Buffer one entry for writing; never blocks, never raises."""
        if len(self._buffer) >= self._capacity:
            self._dropped += 1
            if self._dropped == 1:
                log.warning("call records dropped: the buffer is full",
                            extra={"fields": {"capacity": self._capacity, "pid": os.getpid()}})
            return
        self._buffer.append(entry)
        if self._thread is None:
            self._start()

    @property
    def waiting(self) -> int:  # entries buffered, not yet written
        return len(self._buffer)

    def prepare(self) -> None:
        """Migrate the schema now, in this process, if the database answers; never raises.
        (The app calls this at start, before any worker is forked; the thread migrates anyway.)"""
        engine = connect(self.url, writer=True)
        try:
            migrate(engine)
            self._migrated = True
        except Exception as error:  # noqa: BLE001 -- the IVR serves calls whatever the database does
            log.warning("call records: the database cannot be prepared now; writing will "
                        "try again", extra={"fields": {"error": _said(error)}})
        finally:
            engine.dispose()  # no connection may be shared with the workers forked later

    def flush(self, timeout: float = 10.0) -> bool:
        """Write what is buffered now; True once everything is written (tests, graceful stops)."""
        deadline = time.monotonic() + timeout
        if self._thread is None or not self._thread.is_alive():
            self._drain()
            return not self._buffer
        while self._buffer or self._busy:
            self._wake.set()
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def close(self, timeout: float = 5.0) -> None:
        """Write what is buffered, then stop the thread: a graceful stop loses nothing that the
        database takes within `timeout` seconds."""
        self._closing = True
        self._wake.set()
        if self._thread is not None and self._thread.is_alive():
            self._thread.join(timeout)
        elif self._buffer:
            self._drain()
        if self._buffer:
            log.error("call records lost at stop: the database did not take them",
                      extra={"fields": {"records": len(self._buffer), "pid": os.getpid()}})

    def _start(self) -> None:
        with self._lock:
            if self._thread is None and not self._closing:
                self._thread = threading.Thread(target=self._run, name="ivr-records-writer",
                                                daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while not self._closing:
            pause = self._every if self._down_since is None else min(
                LONGEST_PAUSE, self._every * 2 ** self._failures)
            idle = not self._wake.wait(pause) and not self._buffer
            self._wake.clear()
            if not self._drain():
                continue
            if time.monotonic() >= self._next_purge:
                self._purge()
            elif idle and self._unfolded:
                self._fold()
        self._drain()  # the last of it, at a graceful stop

    def _drain(self) -> bool:
        """Write everything buffered; False when the database could not take it."""
        while self._buffer:
            entries = [self._buffer.popleft() for _ in range(min(self._batch_size,
                                                                 len(self._buffer)))]
            self._busy = True
            try:
                self._write(entries)
            except Exception as error:  # noqa: BLE001 -- kept and tried again, whatever it is
                self._buffer.extendleft(reversed(entries))
                self._failed(error)
                return False
            finally:
                self._busy = False
            self._written()
            self._unfolded = True
            time.sleep(0)  # let the requests' threads run before the next batch
        return True

    def _write(self, entries: Sequence[batch.Entry]) -> None:
        engine = self._connected()
        try:
            with engine.begin() as connection:
                batch.write(connection, entries)
        except Exception:
            if len(entries) == 1 or not self._answers(engine):
                raise
            for entry in entries:  # the database answers, yet refused the batch: find out which
                try:
                    with engine.begin() as connection:
                        batch.write(connection, [entry])
                except Exception as error:  # noqa: BLE001 -- one bad entry is dropped, said once
                    if not self._answers(engine):
                        raise
                    log.error("call record refused by the database, dropped", extra={"fields": {
                        "call_sid": entry.call_sid, "error": _said(error)}})

    def _connected(self) -> Engine:
        if self._engine is None:
            self._engine = connect(self.url, writer=True)
        if not self._migrated:
            migrate(self._engine)
            self._migrated = True
        return self._engine

    @staticmethod
    def _answers(engine: Engine) -> bool:
        try:
            with engine.connect() as connection:
                return connection.execute(text("SELECT 1")).scalar_one() == 1
        except Exception:  # noqa: BLE001 -- any failure means it does not
            return False

    def _failed(self, error: Exception) -> None:
        self._failures += 1
        if self._down_since is None:
            self._down_since = time.monotonic()
            log.warning("call records waiting: the database cannot be written; trying again",
                        extra={"fields": {"error": _said(error), "waiting": len(self._buffer),
                                          "pid": os.getpid()}})

    def _written(self) -> None:
        if self._down_since is not None:
            log.info("call records written again", extra={"fields": {
                "down_seconds": round(time.monotonic() - self._down_since, 1),
                "dropped": self._dropped, "pid": os.getpid()}})
            self._down_since, self._failures, self._dropped = None, 0, 0

    def _fold(self) -> None:
        """One chunk of written steps folded into their calls' rows, while the worker is idle."""
        try:
            with self._connected().begin() as connection:
                self._unfolded = folding.fold(connection) == folding.CHUNK
        except Exception as error:  # noqa: BLE001 -- readers fold what is left
            log.warning("call records: steps could not be folded into their calls now",
                        extra={"fields": {"error": _said(error)}})

    def _purge(self) -> None:
        self._next_purge = time.monotonic() + PURGE_EVERY
        if self.retention_days <= 0:
            return
        cutoff = datetime.now(UTC) - timedelta(days=self.retention_days)
        try:
            with self._connected().begin() as connection:
                deleted = batch.delete_before(connection, cutoff)
        except Exception as error:  # noqa: BLE001 -- tried again at the next purge
            log.warning("call records: old records could not be deleted",
                        extra={"fields": {"error": _said(error)}})
            return
        if deleted:
            log.info("call records deleted after retention", extra={"fields": {
                "calls": deleted, "before": cutoff.isoformat(timespec="seconds")}})


def _said(error: Exception) -> str:  # the first line: a driver's message may run over many
    return f"{type(error).__name__}: {(str(error).splitlines() or [''])[0][:300]}"


# A forked worker must not share the parent's thread, lock or connections.
_WRITERS: weakref.WeakSet[Writer] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for writer in list(_WRITERS):
        if writer._engine is not None:
            writer._engine.dispose(close=False)
        writer._fresh_process()


os.register_at_fork(after_in_child=_after_fork_in_child)
