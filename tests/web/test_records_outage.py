"""A database that is down, or slow, changes nothing a caller hears or waits for; once it is back,
every record of the calls made meanwhile is written (SQLite and PostgreSQL).

Down: SQLite's file in a folder that does not exist yet; PostgreSQL refusing connections.
Slow: another transaction holding the lock the writer needs, for longer than any call may wait.
"""
from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from ivr import create_app
from ivr.simulator import Caller

SCRIPTS = [["3"], ["2", "busy", "no answer"], ["-", "-", "-"], ["9", "1"], ["2", "answered"]]
AT = "2026-12-01T10:00+09:00"
STALL = 3.0  # seconds the database stalls or is down while calls go on


def call_times(app, rounds: int = 4) -> tuple[list[float], int]:
    """Make the scripted calls `rounds` times; each request's seconds, and the steps made."""
    seconds, steps = [], 0
    for _ in range(rounds):
        for script in SCRIPTS:
            caller = Caller.for_app(app)
            started = time.perf_counter()
            caller.dial("mynumber", at=AT)
            seconds.append(time.perf_counter() - started)
            for item in script:
                started = time.perf_counter()
                caller.act(item)
                seconds.append(time.perf_counter() - started)
            steps += len(caller.decisions)
    return seconds, steps


def stored_steps(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM steps")).scalar_one()
    engine.dispose()
    return count


@contextmanager
def database_down(url: str) -> Iterator[str]:
    """The database refuses the writer; yields the URL the app records into."""
    if url.startswith("sqlite"):
        later = Path(make_url(url).database or "").parent / "not-yet"
        yield f"sqlite:///{later / 'records.sqlite3'}"  # its folder is made below: it is back
        later.mkdir()
        return
    name = make_url(url).database
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        yield url
        connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
    admin.dispose()


@contextmanager
def database_stalled(url: str) -> Iterator[None]:
    """Another transaction holds the lock every write needs."""
    engine = create_engine(url)
    with engine.connect() as connection:
        if url.startswith("sqlite"):
            connection.exec_driver_sql("BEGIN EXCLUSIVE")
        else:
            connection.execute(text("LOCK TABLE calls IN ACCESS EXCLUSIVE MODE"))
        yield
        connection.rollback()
    engine.dispose()


@pytest.fixture
def baseline(settings) -> list[float]:
    """Request times with recording off."""
    return call_times(create_app({**settings, "IVR_DATABASE": "none"}))[0]


def app_on(settings, url: str):
    return create_app({**settings, "IVR_DATABASE": url, "IVR_HASH_KEY": "k"})


def assert_not_slowed(seconds: list[float], baseline: list[float]) -> None:
    # Each request is a millisecond or two in-process; one that waited for the database would
    # take the whole stall. The median is compared with recording off, leniently: a shared
    # machine's noise, not the database, is what moves it.
    assert max(seconds) < 0.5, f"slowest request {max(seconds):.3f} s"
    assert statistics.median(seconds) < 2 * statistics.median(baseline) + 0.002


def test_a_database_that_is_down_then_back_loses_nothing_and_slows_no_call(
        settings, records_url, baseline, caplog):
    caplog.set_level(logging.INFO, logger="ivr.records")
    with database_down(records_url) as url:
        app = app_on(settings, url)
        seconds, made = call_times(app)
        time.sleep(STALL)  # retries fail meanwhile
        writer = app.extensions["ivr.records"]
        assert writer.waiting == made
    assert writer.flush(timeout=30)
    assert stored_steps(url) == made
    assert_not_slowed(seconds, baseline)
    said = [r.getMessage() for r in caplog.records if r.name == "ivr.records"]
    assert said.count("call records waiting: the database cannot be written; trying again") == 1
    assert said.count("call records written again") == 1
    writer.close()


def test_a_stalled_database_slows_no_call_and_loses_nothing(settings, records_url, baseline):
    app = app_on(settings, records_url)
    call_times(app, rounds=1)  # the schema exists, the writer runs
    writer = app.extensions["ivr.records"]
    assert writer.flush()
    before = stored_steps(records_url)
    with database_stalled(records_url):
        seconds, made = call_times(app)
        time.sleep(STALL)  # the writer waits for the lock meanwhile
    assert writer.flush(timeout=30)
    assert stored_steps(records_url) == before + made
    assert_not_slowed(seconds, baseline)
    writer.close()
