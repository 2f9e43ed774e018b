"""Call records under the production command: `gunicorn app:app`, two workers, calls over HTTP
with Twilio's status callback, the database interrupted while calls go on, then a graceful stop
(SIGTERM); every step of every call is in the database afterwards (SQLite and PostgreSQL)."""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, make_url, text

from ivr.simulator import Caller
from tests.helpers import HOTLINE
from tests.live.servers import gunicorn
from tests.web.test_records_outage import SCRIPTS, database_stalled

ROUNDS = 3


@contextmanager
def interrupted(url: str) -> Iterator[None]:
    """SQLite: another process holds the write lock. PostgreSQL: the database refuses new
    connections and the workers' are cut, as when its server restarts."""
    if url.startswith("sqlite"):
        with database_stalled(url):
            yield
        return
    name = make_url(url).database
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE datname = :name"), {"name": name})
        yield
        connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
    admin.dispose()


def calls(base: str) -> tuple[list[str], int, float]:
    """The scripted calls over HTTP, each ended by its status callback: their CallSids, the
    steps they made, and the slowest request's seconds."""
    sids, steps, slowest = [], 0, 0.0
    for script in SCRIPTS:
        started = time.perf_counter()
        caller = Caller.for_url(base).dial("mynumber")
        slowest = max(slowest, time.perf_counter() - started)
        for item in script:
            before = time.perf_counter()
            caller.act(item)
            slowest = max(slowest, time.perf_counter() - before)
        if not caller.ended:
            caller.hang_up()
        caller.status_callback(duration=1)
        sids.append(caller.call_sid)
        steps += len(caller.decisions)
    return sids, steps, slowest


def test_two_workers_record_every_call_through_an_outage_and_a_graceful_stop(records_url,
                                                                             tmp_path):
    env = {"IVR_MENUS": str(HOTLINE), "IVR_DATABASE": records_url, "IVR_HASH_KEY": "k"}
    made: list[str] = []
    steps, slowest = 0, 0.0
    with gunicorn(env, tmp_path, workers=2) as server:
        for round_ in range(ROUNDS):
            if round_ == 1:
                with interrupted(records_url):
                    for _ in range(2):
                        sids, count, slow = calls(server.base)
                        made, steps, slowest = made + sids, steps + count, max(slowest, slow)
                        time.sleep(1)
            sids, count, slow = calls(server.base)
            made, steps, slowest = made + sids, steps + count, max(slowest, slow)
    log = server.log()
    engine = create_engine(records_url)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM steps")).scalar_one()
        ended: dict[str, str] = {sid: status for sid, status in connection.execute(
            text("SELECT sid, status FROM calls"))}
    engine.dispose()
    assert stored == steps, log
    assert ended == dict.fromkeys(made, "completed")
    assert slowest < 1.0, f"a request took {slowest:.2f} s while the database was out"
    assert "call records lost" not in log
