"""Alembic's entry point for the call records' migrations.

The IVR runs them itself (ivr.records.database.migrate) on a connection it passes in. A
developer who changes ivr/records/schema.py writes the next migration with
`alembic -c ivr/records/alembic.ini revision --autogenerate -m "what changed"`
(IVR_DATABASE names the database compared, by default the instance folder's SQLite).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection

from ivr.records.database import connect, database_url, default_url
from ivr.records.schema import UtcDateTime, metadata


def render_item(kind: str, item: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """A migration names the stored type (DateTime), not the code's wrapper around it."""
    if kind == "type" and isinstance(item, UtcDateTime):
        return "sa.DateTime()"
    return False


def run(connection: Connection) -> None:
    # render_as_batch: SQLite alters a table by copying it, which Alembic's batch mode does.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True, render_item=render_item)
    with context.begin_transaction():
        context.run_migrations()


given = context.config.attributes.get("connection")
if given is not None:
    run(given)
else:
    setting = os.environ.get("IVR_DATABASE", "")
    instance = Path(context.config.get_main_option("instance_folder") or "instance")
    url = database_url(setting) if setting else default_url(instance)
    with connect(url, writer=True).connect() as connection:
        run(connection)
