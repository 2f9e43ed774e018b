"""The Twilio webhook: read the request, ask the navigator, answer TwiML. Nothing else."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, current_app, g, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest, HTTPException

from ivr.calls.navigator import CallState, Navigator, Step
from ivr.menus.instants import read_instant
from ivr.web import logs, twiml
from ivr.web.protocol import DECISION_HEADER, decision_header

bp = Blueprint("voice", __name__)
METHODS = ["GET", "POST"]
# The simulators' pretend time (ISO 8601; no offset: the menus' zone), honoured in development only.
PRETEND_TIME = "X-IVR-Pretend-Time"


class FlaskUrls:
    """Follow-up URLs of this app; the call's state travels in their path and query."""

    def menu(self, state: CallState) -> str:
        return url_for("voice.choose", line=state.line, menu=state.menu, lang=state.lang,
                       fails=state.fails, back=state.back, v=g.menus_version)

    def dial(self, state: CallState, key: str, attempt: int) -> str:
        return url_for("voice.dialled", line=state.line, menu=state.menu, key=key,
                       lang=state.lang, attempt=attempt, back=state.back, v=g.menus_version)


def navigator() -> Navigator:
    """The menus this call started with (named by `v` in its URLs), or the current ones."""
    g.menus_version, found = current_app.extensions["ivr"].resolve(request.args.get("v"))
    return found


@bp.route("/voice", methods=METHODS)
@bp.route("/voice/<line>", methods=METHODS)
def start(line: str | None = None) -> Response:
    return answer(navigator().start(line, params().get("To")), line)


@bp.route("/voice/<line>/<menu>", methods=METHODS)
def choose(line: str, menu: str) -> Response:
    nav = navigator()
    step = nav.choose(_state(line, menu, _int("fails")), params().get("Digits"),
                      params().get("SpeechResult"), now(nav.menus.zone))
    return answer(step, line, menu)


@bp.route("/voice/<line>/<menu>/dial/<key>", methods=METHODS)
def dialled(line: str, menu: str, key: str) -> Response:
    step = navigator().dial_outcome(_state(line, menu, 0), key, _int("attempt"),
                                    params().get("DialCallStatus"))
    return answer(step, line, menu)


def now(zone: ZoneInfo) -> datetime:
    """The app's clock: the real time, or a simulator's pretend time when signatures are off."""
    pretend = request.headers.get(PRETEND_TIME)
    # With TWILIO_AUTH_TOKEN set the app is live: no request may move its clock.
    if pretend is None or current_app.config["IVR_SETTINGS"].auth_token:
        return datetime.now(zone)
    try:
        return read_instant(pretend, zone)
    except ValueError:
        logs.CALLS.warning("bad pretend time", extra={"fields": {
            "call_sid": params().get("CallSid"), PRETEND_TIME: pretend}})
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


def answer(step: Step, line: str | None, menu: str | None = None) -> Response:
    fields = logs.step_fields(params().get("CallSid"), line, menu, step)
    logs.log_step({**fields, "menus": g.menus_version})
    header = decision_header({k: v for k, v in fields.items() if k != "call_sid"})
    return xml(twiml.render(step, FlaskUrls()), headers={DECISION_HEADER: header})


def xml(body: str, status: int = 200, headers: dict | None = None) -> Response:
    return Response(body, status=status, mimetype="text/xml", headers=headers)


def _state(line: str, menu: str, fails: int) -> CallState:
    return CallState(line, menu, request.args.get("lang", ""), fails, request.args.get("back"))


def _int(name: str) -> int:
    try:
        return int(request.args.get(name, "0"))
    except ValueError:
        return 0
