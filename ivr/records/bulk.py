"""Many rows in one statement, straight through the driver: what a batch of records costs.

SQLAlchemy's executemany builds each row's parameters through its compiler, and SQLite parses
and runs one statement per row; together they cost several times a row's own work, in every
gunicorn worker that records (bench/run measures it). Here a batch's rows go in one
`INSERT … VALUES (…), (…) [ON CONFLICT … DO UPDATE]` per table, each value converted by its
column type's own processor, as SQLAlchemy would, and the SQL is the same on SQLite (3.35 or
newer) and PostgreSQL but for the placeholder.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from sqlalchemy import Connection, DateTime, Table, TypeDecorator, select

# Values in one statement, under SQLite's limit (32766) and PostgreSQL's (65535).
MOST_VALUES = 30_000
Convert = Callable[[Any], Any] | None
_CONVERTERS: dict[tuple[str, str, str], list[Convert]] = {}


def upsert(connection: Connection, table: Table, rows: Sequence[dict[str, Any]],
           key: str | None = None, update: Sequence[str] | None = None) -> None:
    """Insert `rows` (all with the same keys); with `key`, a row already there gets the new
    values of the `update` columns (by default all), but where a new value is null."""
    if not rows:
        return
    names = list(rows[0])
    kept = [_quoted(connection, n) for n in (update or names) if n != key]
    conflict = "" if key is None else (
        f" ON CONFLICT ({key}) DO UPDATE SET " + ", ".join(
            f"{n} = coalesce(excluded.{n}, {_quoted(connection, table.name)}.{n})"
            for n in kept))
    for chunk in _chunks(rows, len(names)):
        _execute(connection, table, names, chunk, conflict)


def touch(connection: Connection, table: Table, key: str, keys: Collection[Any],
          new: dict[str, Any]) -> dict[Any, dict[str, Any]]:
    """Each row whose `key` is in `keys`, made from `new` if missing, read and — on PostgreSQL —
    locked until the transaction ends (two workers never both read it to write it back)."""
    ordered = sorted(keys)  # locked in one order everywhere: no two batches deadlock
    names = [key, *new]
    for chunk in _chunks([{key: k, **new} for k in ordered], len(names)):
        _execute(connection, table, names, chunk, f" ON CONFLICT ({key}) DO NOTHING")
    found = {}
    column = table.c[key]
    for start in range(0, len(ordered), MOST_VALUES):
        query = (select(table).where(column.in_(ordered[start:start + MOST_VALUES]))
                 .order_by(column).with_for_update())
        found.update({row[key]: dict(row) for row in connection.execute(query).mappings()})
    return found


def _execute(connection: Connection, table: Table, names: list[str],
             rows: Sequence[dict[str, Any]], tail: str) -> list[Any]:
    converters = _converters(connection, table, names)
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    one = "(" + ", ".join([mark] * len(names)) + ")"
    sql = (f"INSERT INTO {_quoted(connection, table.name)} "
           f"({', '.join(_quoted(connection, n) for n in names)}) VALUES "
           + ", ".join([one] * len(rows)) + tail)
    # Only the few columns whose type converts (dates and times, on SQLite booleans too).
    converting = [(index, convert) for index, convert in enumerate(converters) if convert]
    values: list[Any] = []
    for row in rows:
        given = [row[name] for name in names]
        for index, convert in converting:
            if given[index] is not None:
                given[index] = convert(given[index])
        values += given
    result = connection.exec_driver_sql(sql, tuple(values))
    return list(result) if result.returns_rows else []


def _converters(connection: Connection, table: Table, names: list[str]) -> list[Convert]:
    cache = (connection.dialect.name, table.name, ",".join(names))
    if cache not in _CONVERTERS:
        _CONVERTERS[cache] = [_converter(connection, table.c[name].type) for name in names]
    return _CONVERTERS[cache]


def _converter(connection: Connection, kind: Any) -> Convert:
    """The column type's own conversion; on SQLite, a date and time the C way (isoformat), the
    very text SQLAlchemy's would write, at a fifth of its cost (two a step, per worker)."""
    dialect = connection.dialect
    convert = kind.dialect_impl(dialect).bind_processor(dialect)
    impl = kind.impl if isinstance(kind, TypeDecorator) else kind
    if dialect.name != "sqlite" or type(impl) is not DateTime:
        return convert
    if isinstance(kind, TypeDecorator):
        return lambda value: kind.process_bind_param(value, dialect).isoformat(" ", "microseconds")
    return lambda value: value.isoformat(" ", "microseconds")


def _chunks(rows: Sequence[dict[str, Any]], width: int) -> list[Sequence[dict[str, Any]]]:
    size = max(1, MOST_VALUES // max(1, width))
    return [rows[start:start + size] for start in range(0, len(rows), size)]


def _quoted(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)
