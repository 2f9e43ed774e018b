"""The call records' tables, declared once: the migrations (ivr/records/migrations) are written
against these, and every query reads them.

`steps` has one row per step the IVR decided, written as it comes; `calls` has one row per
call, its summary and ending folded from its steps apart from the writing (ivr.records.folding;
ivr.records.endings says how) — so a step may be in `steps` before its call has a row, and no
foreign key ties them. Times are stored in UTC, without an offset
(SQLite has no time zones); the wall-clock time in the menus' zone is stored beside them, as
the zone was then, so that reports group by local days and hours in plain SQL on any database.
No caller's number is stored: `calls.caller` is its keyed hash (ivr.records.privacy).
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    TypeDecorator,
    text,
)

from ivr.records.entries import KEY, NAME, REASON, SID, STATUS

# Constraint names spelled out, so that migrations name them the same on every database.
metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s", "pk": "pk_%(table_name)s"})


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime, stored as UTC without an offset and read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


calls = Table(
    "calls", metadata,
    Column("sid", String(SID), primary_key=True),  # Twilio's CallSid
    Column("line", String(NAME)),  # the line the call came in on
    Column("started_at", UtcDateTime),  # the app's clock at its first step
    Column("local", DateTime),  # started_at on the wall clock of the menus' zone
    Column("day", Date, index=True),  # local's date: what --since and --until choose by
    Column("caller", String(SID), index=True),  # HMAC-SHA256 of the caller's number (hex)
    Column("steps", Integer, nullable=False, default=0),
    Column("first_seq", BigInteger),  # when its first and last steps arrived (ns)
    Column("last_seq", BigInteger),
    Column("last_decision", String(NAME)),
    Column("last_line", String(NAME)),  # where its last step left the caller
    Column("last_menu", String(NAME)),
    Column("language", String(KEY)),  # the language the call was last in
    Column("connected", Boolean, nullable=False, default=False),
    Column("transfer_seq", BigInteger),  # when its last transfer step arrived (ns)
    Column("transfer_failed", Boolean, nullable=False, default=False),
    Column("ending", String(STATUS), nullable=False, default="abandoned"),
    Column("status", String(STATUS)),  # Twilio's CallStatus in the status callback
    Column("duration", Integer),  # its CallDuration, in seconds
    Column("ended_at", UtcDateTime),  # the app's clock when the status callback came
)

steps = Table(
    "steps", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
           autoincrement=True),
    Column("call_sid", String(SID), nullable=False),
    Column("seq", BigInteger, nullable=False),  # when its request arrived (ns): orders a call
    Column("at", UtcDateTime, nullable=False),
    Column("local", DateTime, nullable=False),  # `at` on the wall clock of the menus' zone
    Column("line", String(NAME)),  # where the caller answered (a new call: the line reached)
    Column("menu", String(NAME)),
    Column("next_line", String(NAME)),  # where the step left the caller; null: hung up
    Column("next_menu", String(NAME)),
    Column("key", String(KEY)),
    Column("decision", String(NAME), nullable=False),
    Column("reason", String(REASON)),
    Column("language", String(KEY)),
    Column("menus", String(KEY), nullable=False),  # the menus' version that answered
    Column("caller", String(SID)),  # on a call's first step: its caller's keyed hash
    Column("folded", Boolean, nullable=False),  # into its call's row yet
    Index(None, "call_sid"),
    # Only the steps not folded yet: the folder finds them without reading the others.
    Index("ix_steps_unfolded", "id", sqlite_where=text("folded = 0"),
          postgresql_where=text("NOT folded")),
)
