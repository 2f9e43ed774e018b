"""Call records from the webhook: each step the IVR decides, and Twilio's status callback,
handed to this worker's writer (ivr.records.writer), which writes them on its own thread.

Nothing here may fail or slow a call: a request builds one entry (a tuple) and appends it to a
buffer, and any error in doing so is logged and forgotten. The caller's number is hashed here,
on a call's first step, so that it is never kept in clear, not even in memory.
"""
from __future__ import annotations

import atexit
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Flask, current_app, request
from sqlalchemy import URL
from werkzeug.datastructures import MultiDict

from ivr.calls.steps import Step
from ivr.records.database import database_url, default_url
from ivr.records.entries import status_entry, step_entry
from ivr.records.privacy import caller_hash, hash_key
from ivr.records.writer import Writer
from ivr.web import logs
from ivr.web.clock import Clock, request_time
from ivr.web.settings import Settings

WRITER, KEY = "ivr.records", "ivr.records.key"
# The app's import name (ivr.web.factory makes Flask(__name__)): Flask finds the instance
# folder from it, instance/ beside the package in a checkout.
APP_IMPORT_NAME = "ivr.web.factory"


def init_app(app: Flask, settings: Settings) -> None:
    """Record calls into IVR_DATABASE (by default SQLite in the instance folder), unless none.

    The schema is migrated now, before gunicorn forks its workers, if the database answers;
    each worker's writer starts with its first call, and writes what is buffered at exit
    (gunicorn.conf.py's worker_exit, and atexit for `python app.py`)."""
    instance = Path(app.instance_path)
    url = records_url(settings, instance)
    if url is None:
        return
    app.extensions[KEY] = hash_key(settings.hash_key, instance)
    writer = app.extensions[WRITER] = Writer(url, settings.retention_days)
    writer.prepare()
    atexit.register(writer.close)


def records_url(settings: Settings, instance: Path | None = None) -> URL | None:
    """Where calls are recorded: IVR_DATABASE, else SQLite in the instance folder; None: not."""
    if settings.database is None:
        return None
    if settings.database:
        return database_url(settings.database)
    return default_url(instance or Path(Flask(APP_IMPORT_NAME).instance_path))


def record_step(step: Step, version: str, line: str | None, menu: str | None,
                params: MultiDict[str, str], at: datetime | None = None) -> None:
    """Hand the writer this step; `line` and `menu` are the answered URL's (None: a new call),
    `at` the instant the webhook read, if it read one. Every request pays for this, so it does
    little: the writer does the rest."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    writer: Writer | None = app.extensions.get(WRITER)
    call_sid = params.get("CallSid")
    if writer is None or not call_sid:
        return  # not recording, or not a call (curl trying the webhook)
    try:
        seq, state = time.time_ns(), step.state
        zone = app.extensions["ivr"].menus.zone
        then: tuple[str | None, str | None] = (state.line, state.menu) if state else (None, None)
        if menu is None:  # a new call: where the navigator put it, and who is calling
            where, caller = then, caller_hash(app.extensions[KEY], params.get("From"))
        else:
            where, caller = (line, menu), None
        # A step that ends the call has no state: its language is the one its URL carried.
        language = state.lang if state else request.args.get("lang")
        writer.put(step_entry(call_sid, seq, at or _now(app, zone), zone, where, then, step.key,
                              step.decision, step.reason, language, version, caller))
    except Exception:  # noqa: BLE001 -- a record is never worth a call
        logs.log_error("call record not taken", call_sid=call_sid)


def record_status(params: MultiDict[str, str]) -> None:
    """Hand the writer Twilio's status callback: the call's status and duration."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    writer: Writer | None = app.extensions.get(WRITER)
    call_sid = params.get("CallSid")
    if writer is None or not call_sid:
        return
    try:
        at = _now(app, app.extensions["ivr"].menus.zone)
        writer.put(status_entry(call_sid, at, params.get("CallStatus"),
                                params.get("CallDuration")))
    except Exception:  # noqa: BLE001 -- a record is never worth a call
        logs.log_error("call record not taken", call_sid=call_sid)


def _now(app: Flask, zone: ZoneInfo) -> datetime:
    """The instant the call is at: a pretend time that is not one is the app's clock here (the
    webhook answers it 400 where it matters)."""
    try:
        return request_time(zone, app)
    except ValueError:
        clock: Clock = app.extensions["ivr.clock"]
        return clock(zone)
