"""The database of call records: which one IVR_DATABASE names, how to connect to it, and its
schema brought up to date by the Alembic migrations in ivr/records/migrations.

Two kinds are supported. SQLite, the embedded default, in WAL mode so that several gunicorn
workers write to one file while reports read it; each writing transaction takes the write lock
at its start (BEGIN IMMEDIATE), so two workers never both read a call and then race to update
it. PostgreSQL, through psycopg (version 3), for several machines behind one load balancer.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_FILE = "records.sqlite3"  # in Flask's instance folder
# Seconds a connection attempt may take: the writer retries, and a report says the server is
# unreachable, instead of hanging on a machine that does not answer.
CONNECT_TIMEOUT = 5
# Seconds a SQLite writer waits for another process's write lock before trying again later.
SQLITE_BUSY = 10
DRIVERS = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg",
           "postgresql+psycopg": "postgresql+psycopg"}
EXAMPLES = ("sqlite:///path/to/records.sqlite3, postgresql://user:password@host/dbname "
            "(or postgresql+psycopg://…), or none to record nothing")

log = logging.getLogger("ivr.records")


class BadUrl(ValueError):
    """A URL the records cannot be written to: what is wrong, and what to write instead."""

    def __init__(self, message: str, hint: str = f"write {EXAMPLES}") -> None:
        super().__init__(f"{message} — {hint}")
        self.message, self.hint = message, hint


def database_url(text: str) -> URL:
    """The URL IVR_DATABASE names, with psycopg as PostgreSQL's driver; BadUrl if unusable."""
    try:
        url = make_url(text)
    except ArgumentError:
        raise BadUrl(f"{text!r} is not a database URL") from None
    if url.drivername not in DRIVERS:
        raise BadUrl(f"{url.drivername!r} is not a database the IVR records into")
    if url.drivername == "sqlite" and url.database in (None, "", ":memory:"):
        raise BadUrl(f"{text!r} names no file: an in-memory SQLite database would be one per "
                     "worker, lost at every stop", "write sqlite:///path/to/records.sqlite3")
    return url.set(drivername=DRIVERS[url.drivername])


def default_url(instance: Path) -> URL:
    """SQLite in Flask's instance folder, which is created if missing."""
    instance.mkdir(parents=True, exist_ok=True)
    return URL.create("sqlite", database=str(instance / DEFAULT_FILE))


def connect(url: URL, writer: bool = False) -> Engine:
    """An engine on `url`; a writer's SQLite transactions take the write lock when they begin."""
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY})
        event.listen(engine, "connect", _sqlite_pragmas)
        # A writer takes the write lock at once; a reader's BEGIN gives its queries one snapshot.
        begin = "BEGIN IMMEDIATE" if writer else "BEGIN"
        event.listen(engine, "begin", lambda connection: connection.exec_driver_sql(begin))
        return engine
    return create_engine(url, pool_pre_ping=True,
                         connect_args={"connect_timeout": CONNECT_TIMEOUT})


def _sqlite_pragmas(connection: Any, record: Any) -> None:
    # Transactions are begun explicitly (below), not by the driver before the first change.
    connection.isolation_level = None
    cursor = connection.cursor()
    # WAL: readers never block the writer, and several processes share the file safely;
    # NORMAL is durable across a crash of the IVR (only a power cut may lose the last commits).
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def migrate(engine: Engine) -> bool:
    """Bring the schema to the newest migration; True when a migration ran. Raises when the
    database cannot be reached or migrated."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.begin() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return False
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    log.info("call records: database migrated", extra={"fields": {"revision": head}})
    return True
