"""caller.js reads TwiML the way ivr/simulator.py does: same requests, same transcript.

Canned documents exercise what the shipped menus do not: Redirect, GET, relative URLs,
numDigits and finishOnKey, a Gather without actionOnEmptyResult, a Dial with and without an
action, speech, SSML, Play, a Redirect loop, and an answer that is not TwiML.
"""
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from flask import Flask, Response

from ivr.simulator import Caller, SimulatorError

DOCS = {
    "/voice/start": (
        '<Response><Say language="en-US" voice="Polly.Joanna">Welcome <prosody rate="slow">to'
        ' the test</prosody></Say><Pause length="1"/><Redirect method="GET">../menu?step=1'
        "</Redirect></Response>"),
    "/menu": (
        '<Response><Gather numDigits="2" action="/pick" finishOnKey="#">'
        '<Say language="ja-JP">番号をどうぞ</Say><Play>/audio/beep.mp3</Play></Gather>'
        "<Say>Nothing pressed</Say><Redirect>/words</Redirect></Response>"),
    "/words": ('<Response><Gather action="pick" actionOnEmptyResult="true" '
               'input="dtmf speech"><Say>Say or press</Say></Gather></Response>'),
    "/pick": ('<Response><Dial action="dialled?try=1" method="GET">'
              "<Number>+815011112222</Number></Dial></Response>"),
    "/dialled": ("<Response><Dial>+815033334444</Dial><Say>After the dial</Say>"
                 '<Gather numDigits="1"><Say>Last</Say></Gather></Response>'),
    "/voice/loop": "<Response><Redirect>/voice/loop</Redirect></Response>",
    "/voice/broken": ("<Response/>", "text/html; charset=utf-8"),
}
SCENARIOS = {
    "keys, finishOnKey, Dial action by GET, Dial without action": (
        "start", [("press", "1#"), ("transfer", "busy"), ("transfer", "completed"),
                  ("press", "5"), ("transfer", "no-answer"), ("hangUp", None)]),
    "silence falls through, then an empty result is sent": (
        "start", [("silence", None), ("silence", None), ("transfer", "failed")]),
    "speech, and keys typed ahead": (
        "start", [("silence", None), ("say", "hello there"), ("transfer", "canceled"),
                  ("transfer", "completed"), ("press", "78")]),
    "an answer that is not TwiML": ("broken", []),
}
SNAKE = {"hangUp": "hang_up"}


def canned_app() -> Flask:
    app = Flask(__name__)

    @app.route("/<path:path>", methods=["GET", "POST"])
    def document(path: str) -> Response:
        body, kind = answer("/" + path)
        return Response(body, content_type=kind)

    return app


def answer(path: str) -> tuple[str, str]:
    doc = DOCS[path]
    return doc if isinstance(doc, tuple) else (doc, "text/xml")


def python_call(line: str, actions: list) -> tuple[list[str], list]:
    caller = Caller.for_app(canned_app())
    try:
        caller.dial(line)
        for name, value in actions:
            getattr(caller, SNAKE.get(name, name))(*([] if value is None else [value]))
    except SimulatorError:
        pass
    return caller.transcript_text().splitlines(), caller.requests


def browser_call(page, server: str, line: str, actions: list) -> tuple[list[str], list]:
    wire = []

    def serve(route):
        request = route.request
        path = urlsplit(request.url).path
        if path.startswith("/simulator"):
            return route.continue_()
        wire.append((request.method, request.url, request.post_data))
        body, kind = answer(path)
        return route.fulfill(status=200, body=body, headers={"Content-Type": kind})

    page.route(re.compile(re.escape(server) + "/.*"), serve)
    result = page.evaluate("""async ([voiceUrl, line, actions]) => {
        const { Caller } = await import("/simulator/static/caller.js");
        const lines = [];
        const caller = new Caller({ voiceUrl, clock: () => null, pretendHeader: "X-None",
                                    onEvent: (line) => lines.push(line), onDecision: () => {} });
        try {
          await caller.dial(line);
          for (const [name, value] of actions) await caller[name](...(value === null ? [] : [value]));
        } catch (error) { /* the transcript says where the call stopped */ }
        return { lines, requests: caller.requests };
    }""", [server + "/voice", line, actions])
    requests = [tuple(r) for r in result["requests"]]
    for (method, url, params), (sent, sent_url, body) in zip(requests, wire, strict=True):
        # What went over the wire: GET appends the parameters to the URL's query; POST sends a form.
        if method == "GET":
            assert sent_url.split("?")[0] == url.split("?")[0]
            assert dict(parse_qsl(urlsplit(sent_url).query)) == {
                **dict(parse_qsl(urlsplit(url).query)), **params}
        else:
            assert (sent, sent_url, dict(parse_qsl(body))) == (method, url, params)
    return result["lines"], requests


def comparable(lines: list[str], requests: list, origin: str) -> tuple[list[str], list]:
    """Without the origin and the random call ids, which differ between the two callers."""
    ids = ("CallSid", "AccountSid", "DialCallSid")
    return ([line.replace(origin, "ORIGIN") for line in lines],
            [(method, url.replace(origin, "ORIGIN"),
              {k: v for k, v in params.items() if k not in ids}) for method, url, params in requests])


@pytest.mark.parametrize("line, actions", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_the_browser_caller_does_what_the_tests_caller_does(page, server, line, actions):
    expected = comparable(*python_call(line, actions), "http://localhost")
    assert comparable(*browser_call(page, server, line, actions), server) == expected
    assert expected[1], "the scenario made requests"


def test_a_redirect_loop_stops_after_50_requests_in_both(page, server):
    python_lines, python_requests = python_call("loop", [])
    lines, requests = browser_call(page, server, "loop", [])
    assert len(requests) == len(python_requests) == 50
    assert lines[:-1] == python_lines[:-1] == [
        "call /voice/loop from +819012345678 to +815000000000"]
    stopped = "simulator stopped: 50 requests without caller input — a Redirect loop?"
    assert lines[-1].startswith(stopped) and python_lines[-1].startswith(stopped)
