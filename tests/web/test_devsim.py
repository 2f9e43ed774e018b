"""Development only: the browser simulator's JSON endpoints, which drive a Caller in-process.

Whatever they answer must be what the same Caller, driven directly, records.
"""
import json
import sys
from dataclasses import asdict

import pytest
from freezegun import freeze_time

from ivr import create_app
from ivr.simulator import ActionError, Caller
from ivr.tools.devsim.calls import Calls
from ivr.web import twiml

OPEN = "2026-12-01T10:00+09:00"  # a Tuesday morning
CALLS = "/simulator/calls"


# --- the endpoints: a whole call ----------------------------------------------------------------

def events(caller: Caller, since: int) -> list[dict]:
    """The caller's events since `since`, as the endpoints answer them in JSON."""
    return json.loads(json.dumps([asdict(event) for event in caller.events[since:]]))


def drive(app, steps: list[tuple[str, dict, str | None]]) -> list[dict]:
    """Each step by the endpoints and, in step, by a Caller of its own on `app`: dial and clock
    at an aware instant, the rest by script items. Every answer must hold the events the same
    step added to that Caller. The answers, in order."""
    client, caller = app.test_client(), Caller.for_app(app)
    (_, start, at), *actions = steps
    response = client.post(CALLS, json=start)
    assert response.status_code == 201
    call_id = response.get_json()["id"]
    caller.dial(start["line"], at=at)
    answers = [check(response.get_json(), caller, 0)]
    for action, body, item in actions:
        before = len(caller.events)
        response = client.post(f"{CALLS}/{call_id}/{action}", json=body)
        assert response.status_code == 200, response.get_json()
        if action == "clock":
            caller.at(item)
        else:
            assert item is not None
            caller.act(item)
        answers.append(check(response.get_json(), caller, before))
    return answers


def check(answer: dict, caller: Caller, before: int) -> dict:
    assert answer["events"] == events(caller, before)
    assert (answer["waiting_for"], answer["ended"], answer["dialled"]) == (
        caller.waiting_for, caller.ended, caller.dialled)
    return answer


def test_a_whole_call_at_a_closed_instant_is_what_the_caller_records(app):
    answers = drive(app, [
        ("start", {"line": "mynumber", "at": "2026-12-30T10:00"}, "2026-12-30T10:00+09:00"),
        ("press", {"keys": "3"}, "3"), ("press", {"keys": "2"}, "2"),
        ("transfer", {"outcome": "busy"}, "busy"), ("transfer", {"outcome": "failed"}, "failed"),
        ("silence", {}, ""), ("hang-up", {}, "hangup")])
    assert answers[0]["events"][0]["line"] == ("call /voice/mynumber from +819012345678 to "
                                               "+815000000000 at 2026-12-30T10:00:00+09:00")
    pressed_3 = answers[1]["events"]
    assert pressed_3[1]["decision"] == {"line": "mynumber", "menu": "main", "key": "3",
                                        "decision": "closed", "reason": "year-end"}
    assert pressed_3[2]["heard"] == {"text": pressed_3[2]["line"][len("  [ja-JP Polly.Mizuki] "):],
                                     "language": "ja-JP", "voice": "Polly.Mizuki", "kind": "say"}
    assert answers[3]["dialled"] == ["+81120950178", "+815038181250"]
    assert answers[-1]["events"] == [{"kind": "end", "line": "caller hangs up", "heard": None,
                                      "decision": None, "numbers": []}]


def test_a_whole_call_at_an_open_instant_is_what_the_caller_records(app):
    answers = drive(app, [
        ("start", {"line": "card-center", "at": "2026-12-01T01:00Z"}, OPEN),
        ("press", {"keys": "1"}, "1"), ("transfer", {"outcome": "completed"}, "answered")])
    assert answers[1]["events"][-1]["numbers"] == ["+81570783578"]
    assert answers[-1]["ended"] is True and answers[-1]["waiting_for"] is None


def test_the_clock_moved_mid_call_counts_from_the_next_action(app):
    with freeze_time(OPEN):  # the real clock, once the page goes back to it
        answers = drive(app, [  # Saturday, closed
            ("start", {"line": "card-center", "at": "2026-12-05T12:00"}, "2026-12-05T12:00+09:00"),
            ("press", {"keys": "1"}, "1"),
            ("clock", {"at": "2026-12-07T09:30"}, "2026-12-07T09:30+09:00"),  # Monday, opening
            ("press", {"keys": "1"}, "1"), ("transfer", {"outcome": "busy"}, "busy"),
            ("clock", {"at": None}, None), ("transfer", {"outcome": "busy"}, "busy")])
    assert answers[1]["events"][1]["decision"]["decision"] == "closed"
    assert [e["line"] for e in answers[2]["events"]] == ["clock 2026-12-07T09:30:00+09:00"]
    assert answers[3]["events"][1]["decision"]["decision"] == "transfer"
    assert [e["line"] for e in answers[5]["events"]] == ["clock (the real clock)"]


def test_a_menu_that_listens_for_words_says_so_and_hears_them(settings):
    answers = drive(create_app(settings), [
        ("start", {"line": "card-center", "at": "2026-12-01T10:00"}, OPEN),
        ("say", {"words": "一時停止をお願いします"}, "say:一時停止をお願いします")])
    assert answers[0]["speech"] is True
    assert answers[1]["events"][0]["line"] == "say '一時停止をお願いします'"


def test_a_pretend_time_needs_only_what_the_app_runs_with(client, monkeypatch):
    # `python app.py` runs on requirements.txt alone; the page's pretend time must too.
    monkeypatch.setitem(sys.modules, "freezegun", None)  # as if not installed
    response = client.post(CALLS, json={"line": "mynumber", "at": "2026-12-30T10:00"})
    assert response.status_code == 201, response.get_data(as_text=True)


# --- the endpoints: what goes wrong -------------------------------------------------------------

def start(client, line: str = "mynumber", at: str = "2026-12-30T10:00") -> str:
    response = client.post(CALLS, json={"line": line, "at": at})
    assert response.status_code == 201
    return response.get_json()["id"]


def test_an_action_that_does_not_fit_is_a_400_with_the_callers_own_words(client, app):
    call_id = start(client)
    client.post(f"{CALLS}/{call_id}/press", json={"keys": "2"})  # the transfer rings
    caller = Caller.for_app(app).dial("mynumber", at="2026-12-30T10:00+09:00").press("2")
    for action, body, refused in [("press", {"keys": "1"}, lambda: caller.press("1")),
                                  ("silence", {}, caller.silence),
                                  ("transfer", {"outcome": "answered"},
                                   lambda: caller.transfer("answered"))]:
        with pytest.raises((ActionError, ValueError)) as error:
            refused()
        response = client.post(f"{CALLS}/{call_id}/{action}", json=body)
        assert response.status_code == 400
        answer = response.get_json()
        assert (answer["error"], answer["events"], answer["waiting_for"]) == (
            str(error.value), [], "transfer")
    client.post(f"{CALLS}/{call_id}/hang-up", json={})
    answer = client.post(f"{CALLS}/{call_id}/hang-up", json={}).get_json()
    assert answer["error"].startswith("hang_up(): the call has ended. Last heard: ")


@pytest.mark.parametrize("body, error", [
    ({"keys": "x"}, "press() takes keys from '0123456789*#', got 'x'; use silence() for no input"),
    ({"keys": 3}, 'give "keys" as a string, e.g. {"keys": "3"}'),
    ({}, 'give "keys" as a string, e.g. {"keys": "3"}'),
])
def test_a_press_without_keys_is_a_400_saying_what_to_send(client, body, error):
    response = client.post(f"{CALLS}/{start(client)}/press", json=body)
    assert (response.status_code, response.get_json()["error"]) == (400, error)


@pytest.mark.parametrize("body, error", [
    ({"line": "my-number"}, "no line 'my-number': the lines are card-center, foreign, mynumber"),
    ({"line": ["mynumber"]}, "no line ['mynumber']: the lines are card-center, foreign, mynumber"),
    ({"at": "30 December"}, "'30 December' is not a date and time — write ISO 8601, e.g. "
                            "2026-12-30T10:00+09:00, or 2026-12-30T10:00 for Asia/Tokyo time"),
    ({"at": 1767056400}, "give 'at' as ISO 8601 text, e.g. 2026-12-30T10:00, or null; "
                         "got 1767056400"),
])
def test_a_call_to_no_line_or_at_no_instant_is_a_400_and_keeps_nothing(client, app, body, error):
    response = client.post(CALLS, json=body)
    assert (response.status_code, response.get_json()) == (400, {"error": error})
    assert len(app.extensions["devsim"]) == 0


@pytest.mark.parametrize("send", [{"data": "keys=3"}, {"data": "[1]", "content_type": "application/json"},
                                  {"data": '{"keys": "3"}', "content_type": "text/plain"}])
def test_a_body_that_is_not_a_json_object_is_a_400(client, send):
    response = client.post(f"{CALLS}/{start(client)}/press", **send)
    assert (response.status_code, response.get_json()) == (
        400, {"error": 'send a JSON object, as application/json: e.g. {"keys": "3"}'})


def test_an_unknown_call_or_action_is_a_404_in_json(client):
    response = client.post(f"{CALLS}/nope/press", json={"keys": "1"})
    assert (response.status_code, response.mimetype) == (404, "application/json")
    assert response.get_json() == {"error": (
        "no call 'nope': calls idle for 30 minutes, or beyond the latest 32, are forgotten, and "
        "all when the app restarts — call again")}
    response = client.post(f"{CALLS}/{start(client)}/dance", json={})
    assert (response.status_code, response.get_json()) == (404, {
        "error": "no action 'dance': the actions are press, say, silence, transfer, hang-up, clock"})


def test_an_answer_twilio_could_not_use_is_a_502_with_the_call_so_far(client, monkeypatch):
    call_id = start(client)
    monkeypatch.setattr(twiml, "render", lambda step, urls: "<Hello/>")
    response = client.post(f"{CALLS}/{call_id}/press", json={"keys": "3"})
    assert response.status_code == 502
    answer = response.get_json()
    assert answer["error"].startswith("POST http://localhost/voice/mynumber/main?")
    assert answer["error"].endswith("root <Hello> is not <Response>; status 200, content type "
                                    "'text/xml; charset=utf-8', body: <Hello/>")
    assert [e["kind"] for e in answer["events"]] == ["press", "stopped"]
    assert answer["ended"] is True


# --- the calls kept -----------------------------------------------------------------------------

def test_calls_are_bounded_the_least_recently_used_going_first(client, app):
    app.extensions["devsim"] = Calls(limit=2)
    first, second = start(client), start(client)
    client.post(f"{CALLS}/{first}/silence", json={})  # first is now the more recently used
    third = start(client)
    assert len(app.extensions["devsim"]) == 2
    assert client.post(f"{CALLS}/{second}/silence", json={}).status_code == 404
    for kept in (first, third):
        assert client.post(f"{CALLS}/{kept}/silence", json={}).status_code == 200
