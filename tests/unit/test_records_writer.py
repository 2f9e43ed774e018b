"""The writer and the database, without the webhook: the schema its migrations make, batches
written whatever order their steps come in, a full buffer, an entry the database refuses, a
graceful stop, and retention (SQLite and PostgreSQL)."""
from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, select

from ivr.records.batch import Entry
from ivr.records.database import connect, database_url, migrate
from ivr.records.entries import StepEntry, status_entry, step_entry
from ivr.records.folding import fold, fold_pending
from ivr.records.schema import calls, metadata, steps
from ivr.records.writer import Writer
from tests.helpers import eventually

ZONE = ZoneInfo("Asia/Tokyo")
NOW = datetime.now(UTC)


def step(sid: str, seq: int, decision: str, at: datetime = NOW) -> StepEntry:
    return step_entry(sid, seq, at, ZONE, ("mynumber", "main"), ("mynumber", "main"), "3",
                      decision, None, "ja", "v1", "hash" if seq == 0 else None)


def rows(url: str, table=calls) -> list[dict]:
    """The table's rows, once every step written is folded into its call's row."""
    folder = connect(database_url(url), writer=True)
    assert fold_pending(folder) == 0
    folder.dispose()
    engine = create_engine(url)
    with engine.connect() as connection:
        found = [dict(row) for row in connection.execute(select(table)).mappings()]
    engine.dispose()
    return found


def test_the_migrations_make_exactly_the_declared_schema(records_url):
    engine = connect(database_url(records_url), writer=True)
    assert migrate(engine) is True
    assert migrate(engine) is False  # at the newest already: nothing runs
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    engine.dispose()


def test_a_calls_steps_written_out_of_order_in_several_batches_make_one_summary(records_url):
    writer = Writer(database_url(records_url), every=60)
    batches: list[list[Entry]] = [
        [step("CA1", 2, "transfer-failed")],
        [step("CA1", 0, "greeting"), step("CA2", 0, "greeting")],
        [step("CA1", 1, "transfer"), status_entry("CA1", NOW, "completed", "30")]]
    for batch in batches:
        for entry in batch:
            writer.put(entry)
        assert writer.flush()
    by_sid = {row["sid"]: row for row in rows(records_url)}
    assert (by_sid["CA1"]["steps"], by_sid["CA1"]["ending"], by_sid["CA1"]["duration"]) \
        == (3, "transfer-failed", 30)
    assert (by_sid["CA2"]["ending"], by_sid["CA2"]["caller"]) == ("abandoned", "hash")
    assert len(rows(records_url, steps)) == 4
    writer.close()


def test_steps_folded_a_few_at_a_time_make_the_same_calls(records_url):
    writer = Writer(database_url(records_url), every=60)
    decisions = ["greeting", "transfer", "fallback", "transfer-failed", "no-input", "closed"]
    for seq, decision in reversed(list(enumerate(decisions))):
        writer.put(step("CA1", seq, decision))
        writer.put(step("CA2", seq, decisions[seq - 1] if seq else "greeting"))
    assert writer.flush()
    engine = connect(database_url(records_url), writer=True)
    folded = []
    while True:
        with engine.begin() as connection:
            folded.append(fold(connection, most=3))
        if not folded[-1]:
            break
    engine.dispose()
    assert folded == [3, 3, 3, 3, 0]
    by_sid = {row["sid"]: row for row in rows(records_url)}
    assert (by_sid["CA1"]["steps"], by_sid["CA1"]["ending"]) == (6, "closed")
    assert (by_sid["CA2"]["last_decision"], by_sid["CA2"]["ending"]) == ("no-input",
                                                                         "transfer-failed")
    writer.close()


def test_a_full_buffer_drops_new_entries_and_says_so_once(records_url, caplog):
    writer = Writer(database_url(records_url), capacity=3, every=60)
    for seq in range(5):
        writer.put(step("CA1", seq, "invalid"))
    assert writer.waiting == 3
    assert [r.getMessage() for r in caplog.records].count(
        "call records dropped: the buffer is full") == 1
    assert writer.flush()
    writer.close()


def test_an_entry_the_database_refuses_holds_up_no_other(records_url, caplog):
    writer = Writer(database_url(records_url), every=60)
    # NOT NULL: the database refuses it
    bad = step("CA2", 0, "greeting")._replace(decision=None)  # type: ignore[arg-type]
    for entry in (step("CA1", 0, "greeting"), bad, step("CA3", 0, "greeting")):
        writer.put(entry)
    assert writer.flush()
    assert sorted(row["call_sid"] for row in rows(records_url, steps)) == ["CA1", "CA3"]
    assert "call record refused by the database, dropped" in caplog.text
    writer.close()


def test_a_graceful_stop_writes_what_is_buffered(records_url):
    writer = Writer(database_url(records_url), every=3600)  # the thread would not write for an hour
    for seq in range(20):
        writer.put(step(f"CA{seq}", 0, "greeting"))
    writer.close()
    assert len(rows(records_url)) == 20


def test_a_stop_while_the_database_is_down_says_what_is_lost(tmp_path, caplog):
    writer = Writer(database_url(f"sqlite:///{tmp_path / 'missing' / 'r.sqlite3'}"), every=60)
    writer.put(step("CA1", 0, "greeting"))
    writer.close(timeout=1)
    lost = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.getMessage() for r in lost] == ["call records lost at stop: the database did "
                                              "not take them"]
    assert lost[0].fields["records"] == 1


def test_records_older_than_the_retention_are_deleted(records_url):
    writer = Writer(database_url(records_url), retention_days=90, every=0.05)
    writer.put(step("CA-old", 0, "greeting", at=NOW - timedelta(days=91)))
    writer.put(step("CA-new", 0, "greeting", at=NOW - timedelta(days=89)))
    assert writer.flush()
    # The writer deletes old records once the first batch is written, then every hour.
    eventually(lambda: [row["sid"] for row in rows(records_url)] == ["CA-new"])
    assert [row["call_sid"] for row in rows(records_url, steps)] == ["CA-new"]
    writer.close()
