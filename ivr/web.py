"""The Twilio webhook: read the request, ask the navigator, answer TwiML. Nothing else."""
from __future__ import annotations

from datetime import datetime

from flask import Blueprint, Response, current_app, request, url_for

from ivr import logs, twiml
from ivr.navigator import CallState, Navigator, Step

bp = Blueprint("voice", __name__)
METHODS = ["GET", "POST"]


class FlaskUrls:
    """Follow-up URLs of this app; the call's state travels in their path and query."""

    def menu(self, state: CallState) -> str:
        return url_for("voice.choose", line=state.line, menu=state.menu, lang=state.lang,
                       fails=state.fails)

    def dial(self, state: CallState, key: str, attempt: int) -> str:
        return url_for("voice.dialled", line=state.line, menu=state.menu, key=key,
                       lang=state.lang, attempt=attempt)


def navigator() -> Navigator:
    return current_app.extensions["ivr"]


@bp.route("/voice", methods=METHODS)
@bp.route("/voice/<line>", methods=METHODS)
def start(line: str | None = None) -> Response:
    return answer(navigator().start(line, request.values.get("To")), line)


@bp.route("/voice/<line>/<menu>", methods=METHODS)
def choose(line: str, menu: str) -> Response:
    nav = navigator()
    step = nav.choose(line, menu, request.args.get("lang"), _int("fails"),
                      request.values.get("Digits"), datetime.now(nav.menus.zone))
    return answer(step, line, menu)


@bp.route("/voice/<line>/<menu>/dial/<key>", methods=METHODS)
def dialled(line: str, menu: str, key: str) -> Response:
    nav = navigator()
    step = nav.dial_outcome(line, menu, request.args.get("lang"), key, _int("attempt"),
                            request.values.get("DialCallStatus"), datetime.now(nav.menus.zone))
    return answer(step, line, menu)


def answer(step: Step, line: str | None, menu: str | None = None) -> Response:
    fields = logs.step_fields(request.values.get("CallSid"), line, menu, step)
    logs.log_step(fields)
    header = "; ".join(f"{k}={v}" for k, v in fields.items() if v is not None and k != "call_sid")
    return xml(twiml.render(step, FlaskUrls()), headers={"X-IVR-Decision": header})


def xml(body: str, status: int = 200, headers: dict | None = None) -> Response:
    return Response(body, status=status, mimetype="text/xml", headers=headers)


def _int(name: str) -> int:
    try:
        return int(request.args.get(name, "0"))
    except ValueError:
        return 0
