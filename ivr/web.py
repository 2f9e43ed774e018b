"""The Twilio webhook: read the request, ask the navigator, answer TwiML. Nothing else."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, current_app, g, request, url_for

from ivr import logs, twiml
from ivr.instants import read_instant
from ivr.navigator import CallState, Navigator, Step

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
    return answer(navigator().start(line, request.values.get("To")), line)


@bp.route("/voice/<line>/<menu>", methods=METHODS)
def choose(line: str, menu: str) -> Response:
    nav = navigator()
    step = nav.choose(_state(line, menu, _int("fails")), request.values.get("Digits"),
                      request.values.get("SpeechResult"), now(nav.menus.zone))
    return answer(step, line, menu)


@bp.route("/voice/<line>/<menu>/dial/<key>", methods=METHODS)
def dialled(line: str, menu: str, key: str) -> Response:
    step = navigator().dial_outcome(_state(line, menu, 0), key, _int("attempt"),
                                    request.values.get("DialCallStatus"))
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
            "call_sid": request.values.get("CallSid"), PRETEND_TIME: pretend}})
        abort(400)


def answer(step: Step, line: str | None, menu: str | None = None) -> Response:
    fields = logs.step_fields(request.values.get("CallSid"), line, menu, step)
    logs.log_step({**fields, "menus": g.menus_version})
    header = "; ".join(f"{k}={v}" for k, v in fields.items() if v is not None and k != "call_sid")
    return xml(twiml.render(step, FlaskUrls()), headers={"X-IVR-Decision": header})


def xml(body: str, status: int = 200, headers: dict | None = None) -> Response:
    return Response(body, status=status, mimetype="text/xml", headers=headers)


def _state(line: str, menu: str, fails: int) -> CallState:
    return CallState(line, menu, request.args.get("lang", ""), fails, request.args.get("back"))


def _int(name: str) -> int:
    try:
        return int(request.args.get(name, "0"))
    except ValueError:
        return 0
