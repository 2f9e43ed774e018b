"""The Twilio webhook: read the request, ask the navigator (or take the answer kept from a request
alike, ivr.web.answers), answer TwiML. Nothing else."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, current_app, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest, HTTPException

from ivr.calls.navigator import Navigator
from ivr.calls.steps import Step
from ivr.web import logs, recording, twiml
from ivr.web.answers import Answer, AnswerCache, key_of
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
    to, at = params().get("To"), now(nav.menus.zone)
    return answer(lambda: nav.start(line, to, at), version, nav, line, None, at, ("start", to))


@bp.route("/voice/<line>/<menu>", methods=METHODS)
def choose(line: str, menu: str) -> Response:
    version, nav = _menus()
    digits, speech = params().get("Digits"), params().get("SpeechResult")
    at = now(nav.menus.zone)

    def step() -> Step:
        return nav.choose(read_state(line, menu, request.args, nav.menus), digits, speech, at)

    # What a caller said is never kept, only the keys they pressed.
    kept = None if speech else ("choose", digits, speech)
    return answer(step, version, nav, line, menu, at, kept)


@bp.route("/voice/<line>/<menu>/dial/<key>", methods=METHODS)
def dialled(line: str, menu: str, key: str) -> Response:
    version, nav = _menus()
    status = params().get("DialCallStatus")

    def step() -> Step:
        return nav.dial_outcome(read_state(line, menu, request.args, nav.menus), key,
                                read_count(request.args, "attempt", 1), status)

    # How a transfer ended does not depend on the time.
    return answer(step, version, nav, line, menu, None, ("dial", status))


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


def answer(work: Callable[[], Step], version: str, nav: Navigator, line: str | None,
           menu: str | None, at: datetime | None, kept: tuple | None) -> Response:
    """The step `work` works out, as TwiML, logged and recorded; or the same answer kept from a
    request alike (`kept`: what of it the step depends on beyond its path and query; None:
    never kept) while it is right at `at` (None: an answer that does not depend on the time)."""
    store: MenusStore = current_app.extensions["ivr"]
    cache: AnswerCache | None = current_app.extensions["ivr.answers"]
    key = None
    if cache is not None and kept is not None and version == store.version:
        key = key_of(request.method, request.script_root, request.path, request.query_string,
                     *kept)
    found = cache.get(version, key, at) if cache is not None and key is not None else None
    if found is None:
        found = built(work(), version, line, menu)
        if cache is not None and key is not None:
            cache.keep(version, key, found, nav, at)
    logs.log_step({"call_sid": params().get("CallSid"), **found.fields, "menus": version})
    recording.record_step(found.step, version, line, menu, params(), at)
    return xml(found.body, headers={DECISION_HEADER: found.header})


def built(step: Step, version: str, line: str | None, menu: str | None) -> Answer:
    """The answer to `step`: its log fields (but the call's id), its header and its TwiML."""
    fields = logs.step_fields(line, menu, step)
    body = twiml.render(step, FollowUps(version, request.script_root))
    return Answer(step, fields, decision_header(fields), body)


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
