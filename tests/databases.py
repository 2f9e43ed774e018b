"""The databases call records are tested on: SQLite always, PostgreSQL where a server runs.

The PostgreSQL server is IVR_TEST_POSTGRES (a SQLAlchemy URL of a superuser; .ci/run starts one
with tests/postgres-server and sets it), else one this session starts the same way, in a
scratch folder; where none can be started, the PostgreSQL tests are skipped, saying why. Each
test gets a database of its own, dropped after it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

SERVER_SCRIPT = Path(__file__).resolve().parent / "postgres-server"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL superuser's URL."""
    given = os.environ.get("IVR_TEST_POSTGRES")
    if given:
        yield given
        return
    folder = tempfile.mkdtemp(prefix="ivr-pg-")  # not under pytest's: the server's user must reach it
    started = subprocess.run([SERVER_SCRIPT, "start", folder], capture_output=True, text=True)
    if started.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        why = (started.stderr.strip().splitlines() or ["unknown"])[-1]
        pytest.skip(f"no PostgreSQL server could be started here ({why}); install Debian's "
                    "postgresql (.ci/run does), or set IVR_TEST_POSTGRES to a server's URL")
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([SERVER_SCRIPT, "stop", folder], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def records_url(request, tmp_path) -> Iterator[str]:
    """An empty database for call records, as IVR_DATABASE would name it."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'records.sqlite3'}"
        return
    server = make_url(request.getfixturevalue("postgres_server"))
    name = f"ivr_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
