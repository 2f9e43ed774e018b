"""The Twilio webhook: read the request, ask the navigator, answer TwiML. Nothing else."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, current_app, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest, HTTPException

from ivr.calls.navigator import Navigator
from ivr.calls.steps import Step
from ivr.web import logs, recording, twiml
from ivr.web.clock import pretend_time, request_time
from ivr.web.protocol import (
    DECISION_HEADER,
    PRETEND_TIME,
    FollowUps,
    decision_header,
    read_count,
    read_state,
)
from ivr.web.store import MenusStore

bp = Blueprint("voice", __name__)
METHODS = ["GET", "POST"]


@bp.route("/voice", methods=METHODS)
@bp.route("/voice/<line>", methods=METHODS)
def start(line: str | None = None) -> Response:
    version, nav = _menus()
    return answer(nav.start(line, params().get("To"), now(nav.menus.zone)), version, line)


@bp.route("/voice/<line>/<menu>", methods=METHODS)
def choose(line: str, menu: str) -> Response:
    version, nav = _menus()
    step = nav.choose(read_state(line, menu, request.args, nav.menus), params().get("Digits"),
                      params().get("SpeechResult"), now(nav.menus.zone))
    return answer(step, version, line, menu)


@bp.route("/voice/<line>/<menu>/dial/<key>", methods=METHODS)
def dialled(line: str, menu: str, key: str) -> Response:
    version, nav = _menus()
    step = nav.dial_outcome(read_state(line, menu, request.args, nav.menus), key,
                            read_count(request.args, "attempt", 1),
                            params().get("DialCallStatus"))
    return answer(step, version, line, menu)


def now(zone: ZoneInfo) -> datetime:
    """The app's clock, or a simulator's pretend time (ivr.web.clock); 400 for a pretend time
    that is not one."""
    try:
        return request_time(zone)
    except ValueError:
        logs.CALLS.warning("bad pretend time", extra={"fields": {
            "call_sid": params().get("CallSid"), PRETEND_TIME: pretend_time()}})
        abort(400)


def params() -> MultiDict[str, str]:
    """Twilio's parameters: a POST's form, or a GET's (or HEAD's) query — whose body, which no
    signature covers, is never read."""
    if request.method != "POST":
        return request.args
    with reading_body():
        return request.form


@contextmanager
def reading_body() -> Iterator[None]:
    """A body the server cannot read (broken on the wire, cut short) is the client's fault: 400."""
    try:
        yield
    except HTTPException:
        raise  # e.g. too large: 413
    except Exception as error:  # noqa: BLE001 -- each WSGI server raises its own kinds
        raise BadRequest("the request's body could not be read") from error


def answer(step: Step, version: str, line: str | None, menu: str | None = None) -> Response:
    fields = logs.step_fields(params().get("CallSid"), line, menu, step)
    logs.log_step({**fields, "menus": version})
    recording.record_step(step, version, line, menu, params())
    header = decision_header({k: v for k, v in fields.items() if k != "call_sid"})
    urls = FollowUps(version, request.script_root)
    return xml(twiml.render(step, urls), headers={DECISION_HEADER: header})


@bp.route("/voice/status", methods=METHODS)
def status() -> Response:
    """Twilio's call status callback (the number's "Call status changes" URL): how the call
    ended and how long it lasted, for its record. Twilio reads nothing of the answer."""
    fields = {"call_sid": params().get("CallSid"), "status": params().get("CallStatus"),
              "duration": params().get("CallDuration")}
    logs.CALLS.info("call status", extra={"fields": fields})
    recording.record_status(params())
    return xml(twiml.empty(), headers={DECISION_HEADER: decision_header(
        {"decision": "call-status", "reason": fields["status"]})})


def xml(body: str, status: int = 200, headers: dict | None = None) -> Response:
    return Response(body, status=status, mimetype="text/xml", headers=headers)


def _menus() -> tuple[str, Navigator]:
    """The menus this call started with (named by `v` in its URLs), or the current ones."""
    store: MenusStore = current_app.extensions["ivr"]
    return store.resolve(request.args.get("v"))
