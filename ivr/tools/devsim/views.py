"""The simulator page, and the JSON endpoints through which it drives a Caller in this process.

POST /simulator/calls {"line", "at"} starts a call; POST /simulator/calls/<id>/<action> acts
on it (press, say, silence, transfer, hang-up, clock). Each answers the call's events since
the last action and what the call now waits for; errors are JSON with a message to show.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for

from ivr.menus.instants import read_instant
from ivr.menus.loader import Menus
from ivr.tools.devsim.calls import Call, Calls
from ivr.tools.simulator import ActionError, Caller, SimulatorError

bp = Blueprint("devsim", __name__, static_folder="static", static_url_path="/simulator/static",
               template_folder="templates")

# Each action the page may take → what the Caller does, from the request's JSON body.
ACTIONS: dict[str, Callable[[Caller, dict[str, Any]], object]] = {
    "press": lambda caller, body: caller.press(_text(body, "keys", "3")),
    "say": lambda caller, body: caller.say(_text(body, "words", "English")),
    "silence": lambda caller, body: caller.silence(),
    "transfer": lambda caller, body: caller.transfer(_text(body, "outcome", "busy")),
    "hang-up": lambda caller, body: caller.hang_up(),
    "clock": lambda caller, body: caller.at(_instant(body)),  # from the next action on
}


@bp.get("/simulator")
def page() -> str:
    menus = _menus()
    simulator = {"lines": sorted(menus.lines), "defaultLine": menus.default_line,
                 "zone": menus.zone.key, "callsUrl": url_for("devsim.start")}
    return render_template("devsim/simulator.html", simulator=simulator)


@bp.post("/simulator/calls")
def start() -> tuple[Response, int]:
    body = _body()
    if body is None:
        return _refuse(400, _NOT_JSON)
    line, menus = body.get("line"), _menus()
    if line is not None and (not isinstance(line, str) or line not in menus.lines):
        return _refuse(400, f"no line {line!r}: the lines are {', '.join(sorted(menus.lines))}")
    try:
        at = _instant(body)
    except ValueError as error:
        return _refuse(400, str(error))
    # In-process, on the very app serving this page, so what the page shows is what this app
    # answers Twilio. The app itself, not current_app: the Caller outlives this request.
    caller = Caller.for_app(current_app._get_current_object())  # type: ignore[attr-defined]
    call_id, call = _calls().add(caller)
    return _act(call_id, call, lambda: caller.dial(line, at=at), created=True)


@bp.post("/simulator/calls/<call_id>/<action>")
def act(call_id: str, action: str) -> tuple[Response, int]:
    call, body = _calls().get(call_id), _body()
    if action not in ACTIONS:
        return _refuse(404, f"no action {action!r}: the actions are {', '.join(ACTIONS)}")
    if call is None:
        return _refuse(404, f"no call {call_id!r}: calls idle for {_calls().idle // 60:.0f} "
                            "minutes, or beyond the latest "
                            f"{_calls().limit}, are forgotten, and all when the app restarts "
                            "— call again")
    if body is None:
        return _refuse(400, _NOT_JSON)
    return _act(call_id, call, lambda: ACTIONS[action](call.caller, body))


def _act(call_id: str, call: Call, action: Callable[[], object],
         created: bool = False) -> tuple[Response, int]:
    """Do the action; answer what it brought, and the Caller's own words when it failed."""
    status, error = (201 if created else 200), None
    with call.lock:
        try:
            action()
        except (ActionError, ValueError) as refused:  # not something the caller can do now
            status, error = 400, str(refused)
        except SimulatorError as broken:  # the app answered what Twilio could not use
            status, error = 502, str(broken)
        caller = call.caller
        answer = {"id": call_id, "events": [asdict(event) for event in call.unsent()],
                  "waiting_for": caller.waiting_for, "ended": caller.ended,
                  "speech": "speech" in (caller.gather or {}).get("input", "dtmf"),
                  "dialled": caller.dialled}
    return jsonify({**answer, **({"error": error} if error else {})}), status


_NOT_JSON = 'send a JSON object, as application/json: e.g. {"keys": "3"}'


def _body() -> dict[str, Any] | None:
    # Only application/json is read: a form another site posts to this port is not.
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else None


def _text(body: dict[str, Any], name: str, example: str) -> str:
    value = body.get(name)
    if not isinstance(value, str):
        raise ValueError(f'give "{name}" as a string, e.g. {{"{name}": "{example}"}}')
    return value


def _instant(body: dict[str, Any]) -> datetime | None:
    """The pretend time of "at" (no offset: the menus' zone); None or "" is the real clock."""
    at = body.get("at")
    if at in (None, ""):
        return None
    if not isinstance(at, str):
        raise ValueError(f"give 'at' as ISO 8601 text, e.g. 2026-12-30T10:00, or null; got {at!r}")
    return read_instant(at, _menus().zone)


def _refuse(status: int, error: str) -> tuple[Response, int]:
    return jsonify({"error": error}), status


def _menus() -> Menus:
    return current_app.extensions["ivr"].menus


def _calls() -> Calls:
    return current_app.extensions["devsim"]
