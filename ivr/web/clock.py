"""The app's clock: what time it is now, in the menus' zone. create_app takes another for tests,
and in development a simulator may pretend it is another instant."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app, request

from ivr.menus.instants import read_instant
from ivr.web.protocol import PRETEND_TIME, PRETEND_TIME_ENVIRON

Clock = Callable[[ZoneInfo], datetime]


def real_clock(zone: ZoneInfo) -> datetime:
    """Now, aware, in `zone`. Read in UTC first, so that in the hour a zone repeats when its clocks
    go back, the second occurrence is told from the first (`fold`); freezegun sets it in tests."""
    return datetime.now(UTC).astimezone(zone)


def request_time(zone: ZoneInfo, app: Flask | None = None) -> datetime:
    """The app's clock (create_app's `clock`) for this request, or a simulator's pretend time:
    set in-process, or sent in a header when signatures are off (with TWILIO_AUTH_TOKEN set no
    request moves it). ValueError for a pretend time that is not one. (`app`: current_app,
    when the caller has it at hand.)"""
    pretend = pretend_time(app)
    if pretend is None:
        clock: Clock = (app or current_app).extensions["ivr.clock"]
        return clock(zone)
    return read_instant(pretend, zone)


def pretend_time(app: Flask | None = None) -> str | None:
    pretend = request.environ.get(PRETEND_TIME_ENVIRON)
    if pretend is None and not (app or current_app).config["IVR_SETTINGS"].auth_token:
        pretend = request.headers.get(PRETEND_TIME)
    return pretend
