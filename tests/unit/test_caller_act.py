"""Caller.act: the one reader of a script of caller actions (`--keys 3,,say:English,busy,hangup`).

The terminal call, the benchmark's request mix and the browser tests all script calls with it,
so each item must do exactly what the Caller's own method does, and an item that does not fit
the call must be refused before anything is requested.
"""
from __future__ import annotations

import pytest
from flask import Flask, Response, request

from ivr.simulator import ActionError, Caller

MENU = '<Gather action="/pick" numDigits="1" input="{input}"><Say>menu</Say></Gather>'
PAGES = {
    "/voice": MENU.format(input="dtmf speech"),
    "/voice/keys": MENU.format(input="dtmf"),
    # 1 transfers (its outcome is echoed), anything else is echoed and the menu comes back.
    "/pick": lambda: ('<Dial action="/dialled"><Number>+81312345678</Number></Dial>'
                      if request.form.get("Digits") == "1"
                      else f"<Say>got {request.form.get('Digits') or request.form.get('SpeechResult')}"
                           f"</Say><Redirect>/voice</Redirect>"),
    "/dialled": lambda: f"<Say>{request.form['DialCallStatus']}</Say><Redirect>/voice</Redirect>",
}


def app() -> Flask:
    flask = Flask(__name__)

    @flask.route("/<path:path>", methods=["POST"])
    def page(path: str) -> Response:
        found = PAGES["/" + path]
        body = found() if callable(found) else found
        return Response(f"<Response>{body}</Response>", content_type="text/xml")

    return flask


def by_methods(*calls: tuple[str, ...]) -> list[str]:
    """The transcript of the same call made with the Caller's methods, one by one."""
    caller = Caller.for_app(app()).dial()
    for name, *args in calls:
        getattr(caller, name)(*args)
    return caller.transcript_text().splitlines()


@pytest.mark.parametrize("items, calls", [
    (["2"], [("press", "2")]),
    (["23"], [("press", "23")]),  # the second key answers the menu the first one brings back
    ([""], [("silence",)]),
    ([" - "], [("silence",)]),
    (["say: English "], [("say", "English")]),
    (["1", "answered"], [("press", "1"), ("transfer", "completed")]),
    (["1", "No Answer"], [("press", "1"), ("transfer", "no-answer")]),
    (["1", "no-answer"], [("press", "1"), ("transfer", "no-answer")]),
    (["1", "noanswer"], [("press", "1"), ("transfer", "no-answer")]),
    (["1", "BUSY"], [("press", "1"), ("transfer", "busy")]),
    (["1", "failed", "1", "canceled"], [("press", "1"), ("transfer", "failed"),
                                        ("press", "1"), ("transfer", "canceled")]),
    (["hangup"], [("hang_up",)]),
    (["1", "q"], [("press", "1"), ("hang_up",)]),
])
def test_each_item_does_what_the_callers_method_does(items, calls):
    caller = Caller.for_app(app()).dial()
    assert caller.act(*items) is caller
    assert caller.transcript_text().splitlines() == by_methods(*calls)


@pytest.mark.parametrize("line, before, item, message", [
    (None, ["1"], "2", "a transfer to +81312345678 is ringing: type answered, busy, "
                       "no answer or failed"),
    (None, ["1"], "", "a transfer to +81312345678 is ringing: type answered, busy, "
                      "no answer or failed"),
    (None, [], "busy", "no transfer is ringing; type keys (0-9 * #), - or nothing for silence, "
                       "say:WORDS, or q to hang up"),
    (None, [], "x", "type keys (0-9 * #), - or nothing for silence, say:WORDS, or q to hang up"),
    (None, [], "say:", "say what? e.g. say:English"),
    ("keys", [], "say:English", "this menu listens for keys only, not for speech"),
    (None, ["hangup"], "1", "the call has ended"),
])
def test_an_item_that_does_not_fit_is_refused_before_any_request(line, before, item, message):
    caller = Caller.for_app(app()).dial(line).act(*before)
    requests, transcript = len(caller.requests), caller.transcript_text()
    with pytest.raises(ActionError) as refused:
        caller.act(item)
    assert str(refused.value) == message
    assert (len(caller.requests), caller.transcript_text()) == (requests, transcript)


def test_items_before_a_dial_are_refused():
    with pytest.raises(ActionError, match=r"^no call was placed; dial\(\) first$"):
        Caller.for_app(app()).act("1")
