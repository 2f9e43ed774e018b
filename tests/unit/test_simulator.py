"""The call simulator against small hand-written TwiML apps: it must read TwiML as Twilio does."""
from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest
from flask import Flask, Response, abort, request
from werkzeug.serving import make_server

from ivr.simulator import Caller, SimulatorError, Utterance
from ivr.web.protocol import PRETEND_TIME_ENVIRON

Page = str | Callable[[], str]


def twiml(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>'


class PagesApp(Flask):
    """A Flask app that records (method, path, query args, form) of every request it answered."""

    seen: list[tuple[str, str, dict[str, str], dict[str, str]]]


def make_app(pages: dict[str, Page],
             headers: dict[str, dict[str, str]] | None = None) -> PagesApp:
    """An app serving `pages` (path -> TwiML body, or a function of the request) at any method;
    `headers` adds response headers per path."""
    app = PagesApp(__name__)
    app.seen = []

    @app.route("/<path:path>", methods=["GET", "POST"])
    def page(path: str) -> Response:
        app.seen.append((request.method, request.path, request.args.to_dict(),
                         request.form.to_dict()))
        found = pages["/" + path]
        body = found() if callable(found) else found
        return Response(twiml(body), content_type="text/xml; charset=utf-8",
                        headers=(headers or {}).get("/" + path, {}))

    return app


def digits_echo() -> str:
    return f"<Say>got {request.values.get('Digits', 'none')}</Say>"


# --- the webhook protocol ---------------------------------------------------------------------

def test_standard_parameters_and_one_call_sid_for_the_whole_call():
    app = make_app({"/voice": '<Gather action="/menu" numDigits="1"/>', "/menu": "<Hangup/>"})
    caller = Caller.for_app(app).dial().press("1")

    first, second = app.seen[0][3], app.seen[1][3]
    assert re.fullmatch(r"CA[0-9a-f]{32}", first["CallSid"])
    assert re.fullmatch(r"AC[0-9a-f]{32}", first["AccountSid"])
    assert first == {"CallSid": first["CallSid"], "AccountSid": first["AccountSid"],
                     "From": "+819012345678", "To": "+815000000000", "CallStatus": "ringing",
                     "Direction": "inbound", "ApiVersion": "2010-04-01"}
    assert second == {**first, "CallStatus": "in-progress", "Digits": "1"}
    assert [(m, u) for m, u, _ in caller.requests] == [("POST", "http://localhost/voice"),
                                                      ("POST", "http://localhost/menu")]
    # A new call gets a new CallSid from the same account.
    caller.dial(from_="+819011112222", to="+81312345678")
    assert app.seen[2][3]["CallSid"] not in (first["CallSid"], None)
    assert app.seen[2][3]["AccountSid"] == first["AccountSid"]
    assert (app.seen[2][3]["From"], app.seen[2][3]["To"]) == ("+819011112222", "+81312345678")


def test_call_status_is_ringing_first_then_in_progress_across_redirects():
    app = make_app({"/voice/sales": "<Redirect>/a</Redirect>", "/a": "<Redirect>/b</Redirect>",
                    "/b": "<Gather/>"})
    Caller.for_app(app).dial("sales")
    assert [(path, form["CallStatus"]) for _, path, _, form in app.seen] == [
        ("/voice/sales", "ringing"), ("/a", "in-progress"), ("/b", "in-progress")]


def test_relative_urls_resolve_against_their_document_and_keep_the_query_string():
    app = make_app({"/voice/main": "<Redirect>step?n=2&amp;x=a%20b</Redirect>",
                    "/voice/step": '<Gather action="../menu/pick?lang=ja&amp;from=step"/>',
                    "/menu/pick": "<Hangup/>"})
    caller = Caller.for_app(app).dial("main").press("5")
    assert [url for _, url, _ in caller.requests] == [
        "http://localhost/voice/main", "http://localhost/voice/step?n=2&x=a%20b",
        "http://localhost/menu/pick?lang=ja&from=step"]
    assert app.seen[1][2] == {"n": "2", "x": "a b"}
    assert (app.seen[2][2], app.seen[2][3]["Digits"]) == ({"lang": "ja", "from": "step"}, "5")


def test_redirect_drops_the_rest_of_its_document():
    app = make_app({"/voice": "<Say>one</Say><Redirect>/next</Redirect><Say>never</Say>",
                    "/next": '<Say language="ja-JP" voice="Polly.Mizuki">二</Say><Hangup/>'})
    caller = Caller.for_app(app).dial()
    assert caller.heard == [Utterance("one"), Utterance("二", "ja-JP", "Polly.Mizuki")]
    assert caller.ended is True


def test_get_method_sends_the_parameters_in_the_query_string():
    app = make_app({"/voice": '<Gather action="/pick?a=1" method="GET" numDigits="1"/>',
                    "/pick": digits_echo})
    caller = Caller.for_app(app).dial(method="GET")
    assert app.seen[0][:2] == ("GET", "/voice")
    assert app.seen[0][2]["CallStatus"] == "ringing"
    caller.press("4")
    assert app.seen[1][2] == {**app.seen[0][2], "a": "1", "CallStatus": "in-progress",
                              "Digits": "4"}
    assert app.seen[1][3] == {}
    assert caller.heard_text == "got 4"


# --- Gather -----------------------------------------------------------------------------------

def test_gather_plays_nested_prompts_then_posts_the_keys_as_digits():
    app = make_app({"/voice": '<Say>hello</Say><Gather action="/pick" numDigits="1" '
                              'actionOnEmptyResult="true"><Say>press 1</Say><Pause/>'
                              '<Play>https://x.test/beep.mp3</Play></Gather><Say>after</Say>',
                    "/pick": digits_echo})
    caller = Caller.for_app(app).dial()
    assert caller.heard == [Utterance("hello"), Utterance("press 1"),
                            Utterance("https://x.test/beep.mp3", None, None, "play")]
    assert caller.waiting_for == "keys"
    assert caller.gather == {"action": "/pick", "numDigits": "1", "actionOnEmptyResult": "true"}
    caller.press("1")
    assert caller.heard_text == "got 1"
    assert [u.text for u in caller.transcript] == ["hello", "press 1", "https://x.test/beep.mp3",
                                                   "got 1"]
    assert caller.ended is True and caller.waiting_for is None and caller.gather is None


def test_gather_without_action_posts_to_its_own_document():
    app = make_app({"/voice/x": lambda: "<Say>again</Say><Hangup/>" if "Digits" in request.form
                    else '<Gather numDigits="1"/>'})
    caller = Caller.for_app(app).dial("x").press("2")
    assert caller.requests[1][1:] == ("http://localhost/voice/x",
                                      {**caller.requests[1][2], "Digits": "2"})
    assert caller.heard_text == "again"


def test_keys_beyond_num_digits_answer_the_following_gathers():
    app = make_app({"/voice": '<Gather action="/one" numDigits="1"><Say>top</Say></Gather>',
                    "/one": '<Say>menu 9</Say><Gather action="/two" numDigits="1"/>',
                    "/two": lambda: digits_echo() + '<Gather action="/three"/>',
                    "/three": digits_echo})
    caller = Caller.for_app(app).dial().press("91")
    assert [form.get("Digits") for *_, form in app.seen] == [None, "9", "1"]
    assert caller.heard_text == "menu 9 got 1"
    assert caller.waiting_for == "keys"
    caller.press("123")  # no numDigits: every key goes into one Digits value
    assert caller.heard_text == "got 123"


@pytest.mark.parametrize(("keys", "digits", "then"), [
    ("12#", "12", "none"), ("#", "#", "none"), ("1#5", "1", "5")])
def test_finish_on_key_ends_the_input_and_is_not_sent(keys, digits, then):
    app = make_app({"/voice": '<Gather action="/a"/>',
                    "/a": lambda: digits_echo() + '<Gather action="/b" timeout="3"/>',
                    "/b": digits_echo})
    caller = Caller.for_app(app).dial().press(keys)
    assert app.seen[1][3]["Digits"] == digits
    if then == "none":
        assert (caller.waiting_for, len(app.seen)) == ("keys", 2)
    else:
        assert app.seen[2][3]["Digits"] == then


def test_hash_is_a_key_when_finish_on_key_is_empty():
    app = make_app({"/voice": '<Gather action="/a" numDigits="1" finishOnKey=""/>',
                    "/a": digits_echo})
    assert Caller.for_app(app).dial().press("#").heard_text == "got #"


def test_silence_with_action_on_empty_result_posts_without_digits():
    app = make_app({"/voice": '<Gather action="/a" actionOnEmptyResult="true"/><Say>x</Say>',
                    "/a": digits_echo})
    caller = Caller.for_app(app).dial().silence()
    assert "Digits" not in app.seen[1][3]
    assert app.seen[1][1] == "/a"
    assert caller.heard_text == "got none"


def test_silence_without_action_on_empty_result_falls_through_to_the_next_verb():
    app = make_app({"/voice": '<Gather action="/a"><Say>choose</Say></Gather>'
                              '<Say>we did not hear you</Say><Gather action="/a"/>',
                    "/a": digits_echo})
    caller = Caller.for_app(app).dial().silence()
    assert len(app.seen) == 1
    assert caller.heard_text == "we did not hear you"
    assert caller.waiting_for == "keys"
    caller.silence()
    assert caller.ended is True and caller.heard == [] and len(app.seen) == 1


# --- Dial -------------------------------------------------------------------------------------

@pytest.mark.parametrize("outcome", ["completed", "busy", "no-answer", "failed", "canceled"])
def test_dial_with_action_posts_the_outcome(outcome):
    app = make_app({"/voice": '<Dial action="/after?desk=1" timeout="20" callerId="+815000000000">'
                              '<Number>+81312345678</Number></Dial><Say>never</Say>',
                    "/after": lambda: f"<Say>{request.form['DialCallStatus']}</Say>"})
    caller = Caller.for_app(app).dial()
    assert (caller.dialled, caller.waiting_for) == (["+81312345678"], "transfer")
    caller.transfer(outcome)
    form = app.seen[1][3]
    assert (app.seen[1][1:3], form["DialCallStatus"]) == (("/after", {"desk": "1"}), outcome)
    assert re.fullmatch(r"CA[0-9a-f]{32}", form["DialCallSid"])
    assert form["DialCallSid"] != form["CallSid"]
    assert form.get("DialCallDuration") == ("42" if outcome == "completed" else None)
    assert caller.heard_text == outcome and caller.ended is True


def test_dial_without_action_continues_with_the_next_verb():
    app = make_app({"/voice": "<Dial> +81312345678 </Dial><Say>after the call</Say>"})
    caller = Caller.for_app(app).dial()
    assert caller.dialled == ["+81312345678"]
    caller.transfer("busy")
    assert (caller.heard_text, caller.ended, len(app.seen)) == ("after the call", True, 1)


def test_transfer_rejects_unknown_outcomes():
    caller = Caller.for_app(make_app({"/voice": "<Dial>+81312345678</Dial>"})).dial()
    with pytest.raises(ValueError, match="no-answer"):
        caller.transfer("answered")


# --- the end of a call and what a caller cannot do ---------------------------------------------

def test_hangup_ends_the_call_and_later_actions_are_refused():
    app = make_app({"/voice": "<Say>bye</Say><Hangup/><Say>never</Say>"})
    caller = Caller.for_app(app).dial()
    assert (caller.heard_text, caller.ended, caller.waiting_for) == ("bye", True, None)
    with pytest.raises(SimulatorError, match=r"press\('1'\): the call has ended\. "
                                             r"Last heard: bye"):
        caller.press("1")


def test_reject_and_the_end_of_the_document_end_the_call():
    assert Caller.for_app(make_app({"/voice": "<Reject/>"})).dial().ended is True
    assert Caller.for_app(make_app({"/voice": "<Say>x</Say>"})).dial().ended is True


def test_actions_that_do_not_fit_the_pending_verb_say_what_is_pending():
    app = make_app({"/voice": '<Gather action="/d" numDigits="1"><Say>menu</Say></Gather>',
                    "/d": "<Say>connecting</Say><Dial>+81312345678</Dial>"})
    caller = Caller.for_app(app).dial()
    with pytest.raises(SimulatorError, match=r"waiting for keys .*Last heard: menu"):
        caller.transfer()
    caller.press("1")
    with pytest.raises(SimulatorError, match=r"waiting for a transfer outcome .*connecting"):
        caller.silence()
    with pytest.raises(SimulatorError, match="dial\\(\\) first"):
        Caller.for_app(app).press("1")


def test_keys_pressed_when_no_gather_listens_are_dropped():
    app = make_app({"/voice": '<Gather action="/d" numDigits="1"/>',
                    "/d": "<Dial>+81312345678</Dial><Gather action='/e'/>", "/e": digits_echo})
    caller = Caller.for_app(app).dial().press("12").transfer("busy")
    assert caller.waiting_for == "keys" and len(app.seen) == 2
    assert "keys 2 ignored" in caller.transcript_text()


def test_hang_up_by_the_caller_makes_no_request():
    app = make_app({"/voice": "<Gather/>"})
    caller = Caller.for_app(app).dial()
    caller.hang_up()
    assert (caller.ended, len(app.seen)) == (True, 1)


# --- answers Twilio would not accept ---------------------------------------------------------

@pytest.mark.parametrize(("status", "content_type", "body", "problem"), [
    (500, "text/xml", "<Response/>", "not HTTP 200"),
    (200, "text/html", "<html><body>Oops</body></html>", "not text/xml"),
    (200, "application/xml", "<Say>no root</Say>", "root <Say> is not <Response>"),
    (200, "text/xml", "<Response><Say>", "not well-formed XML"),
])
def test_answers_twilio_cannot_use_raise(status, content_type, body, problem):
    app = Flask(__name__)
    app.route("/voice", methods=["POST"])(lambda: Response(body, status, content_type=content_type))
    with pytest.raises(SimulatorError) as raised:
        Caller.for_app(app).dial()
    message = str(raised.value)
    assert problem in message
    assert f"status {status}" in message and repr(content_type) in message
    assert body[:20] in message


def test_the_body_in_the_error_is_cut_to_500_characters():
    app = Flask(__name__)
    app.route("/voice", methods=["POST"])(lambda: Response("é" * 600, 500))
    with pytest.raises(SimulatorError) as raised:
        Caller.for_app(app).dial()
    assert str(raised.value).endswith("body: " + "é" * 500)


def test_a_redirect_loop_stops_after_fifty_requests():
    app = make_app({"/voice": "<Redirect>/voice</Redirect>"})
    caller = Caller.for_app(app)
    with pytest.raises(SimulatorError, match="50 requests without caller input"):
        caller.dial()
    assert (len(app.seen), caller.ended) == (50, True)


# --- the clock --------------------------------------------------------------------------------

def now_app() -> Flask:
    """An app that says the pretend time the simulator set beside each request (as ivr's clock
    reads it), or "real" when none was."""
    def say_now() -> str:
        pretend = request.environ.get(PRETEND_TIME_ENVIRON)
        return f"<Say>{pretend or 'real'}</Say><Gather/>"

    return make_app({"/voice": say_now})


def test_at_sets_the_pretend_time_of_every_request_and_at_moves_it():
    caller = Caller.for_app(now_app()).dial(at="2026-12-30T10:00+09:00")
    assert caller.heard_text == "2026-12-30T10:00:00+09:00"
    caller.press("1")
    assert caller.heard_text == "2026-12-30T10:00:00+09:00"  # every request of the call
    caller.dial(at="2027-01-04T00:30Z").press("1")
    assert caller.heard_text == "2027-01-04T00:30:00+00:00"
    caller.at(datetime(2027, 1, 4, 9, 0, tzinfo=timezone(timedelta(hours=9)))).press("1")
    assert caller.heard_text == "2027-01-04T09:00:00+09:00"
    assert Caller.for_app(now_app()).dial().heard_text == "real"  # no `at`: the app's own clock


def test_naive_instants_are_rejected():
    caller = Caller.for_app(now_app())
    with pytest.raises(ValueError, match="no UTC offset"):
        caller.dial(at="2026-12-30T10:00")
    caller.dial(at="2026-12-30T10:00+09:00")
    with pytest.raises(ValueError, match="no UTC offset"):
        caller.at(datetime(2026, 12, 30, 10, 0))


# --- the decision header ----------------------------------------------------------------------

def test_decision_headers_are_recorded_and_closed_follows_the_last_input():
    app = make_app(
        {"/voice": '<Gather action="/pick" numDigits="1"/>',
         "/pick": lambda: "<Redirect>/closed</Redirect>" if request.form["Digits"] == "3"
         else '<Gather action="/pick" numDigits="1"/>',
         "/closed": "<Say>closed</Say><Gather action='/pick' numDigits='1'/>"},
        headers={"/voice": {"X-IVR-Decision": "decision=open; line=mynumber; menu=main"},
                 "/closed": {"X-IVR-Decision": "decision=closed; reason=year-end; "
                                               "line=mynumber; menu=main; key=3"}})
    caller = Caller.for_app(app).dial()
    assert caller.decision == {"decision": "open", "line": "mynumber", "menu": "main"}
    assert caller.closed is False
    caller.press("3")  # /pick has no header; the redirect it caused answered closed
    assert caller.decision == {"decision": "closed", "reason": "year-end", "line": "mynumber",
                               "menu": "main", "key": "3"}
    assert (caller.closed, len(caller.decisions)) == (True, 2)
    caller.press("1")  # this input's answers carried no decision at all
    assert (caller.closed, caller.decision["decision"], len(caller.decisions)) == (
        False, "closed", 2)


def test_no_decision_header_means_an_empty_decision():
    caller = Caller.for_app(make_app({"/voice": "<Gather/>"})).dial()
    assert (caller.decisions, caller.decision, caller.closed) == ([], {}, False)


# --- reading the call -------------------------------------------------------------------------

def test_utterances_and_the_transcript_read_well():
    assert str(Utterance("テキスト", "ja-JP", "Polly.Mizuki")) == "[ja-JP Polly.Mizuki] テキスト"
    assert str(Utterance("hi")) == "hi"
    assert str(Utterance("https://x.test/a.mp3", kind="play")) == "[play] https://x.test/a.mp3"
    app = make_app({"/voice": '<Gather action="/d" numDigits="1"><Say language="ja-JP">'
                              'メニュー</Say></Gather>',
                    "/d": "<Dial>+81312345678</Dial><Say>bye</Say>"})
    caller = Caller.for_app(app).dial(to="+815011112222").press("1").transfer("no-answer")
    assert caller.transcript_text() == "\n".join([
        "call /voice from +819012345678 to +815011112222", "  [ja-JP] メニュー", "press 1",
        "dial +81312345678", "transfer no-answer", "  bye", "call ended (end of document)"])
    caller.dial().silence()
    assert caller.transcript_text().splitlines()[-2:] == ["silence",
                                                          "call ended (end of document)"]
    caller.dial().hang_up()
    assert caller.transcript_text().splitlines()[-2:] == ["  [ja-JP] メニュー", "caller hangs up"]


# --- a live server ----------------------------------------------------------------------------

@pytest.fixture
def live_url():
    app = make_app({"/voice/main": '<Say>live</Say><Gather action="next?x=1" numDigits="1"/>',
                    "/voice/next": digits_echo, "/voice/broken": lambda: abort(500)},
                   headers={"/voice/main": {"X-IVR-Decision": "decision=open"}})
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app
    finally:
        server.shutdown()
        thread.join(5)


def test_a_live_url_is_called_over_http(live_url):
    url, app = live_url
    caller = Caller.for_url(url).dial("main")
    assert (caller.heard_text, caller.decision) == ("live", {"decision": "open"})
    caller.press("7")
    assert caller.heard_text == "got 7"
    assert caller.requests[1][1] == f"{url}/voice/next?x=1"
    assert (app.seen[1][2], app.seen[1][3]["Digits"]) == ({"x": "1"}, "7")
    assert app.seen[0][3]["CallSid"] == app.seen[1][3]["CallSid"]
    with pytest.raises(SimulatorError, match="not HTTP 200; status 500"):
        caller.dial("broken")


def test_at_is_refused_for_a_live_url(live_url):
    url, _ = live_url
    caller = Caller.for_url(url)
    with pytest.raises(ValueError, match="reads its own clock"):
        caller.dial("main", at="2026-12-30T10:00+09:00")
    caller.dial("main")
    with pytest.raises(ValueError, match="reads its own clock"):
        caller.at("2026-12-30T10:00+09:00")


# --- speech -----------------------------------------------------------------------------------

def test_saying_something_posts_what_twilio_recognised():
    app = make_app({"/voice": '<Gather input="dtmf speech" action="/pick" numDigits="1"/>',
                    "/pick": "<Hangup/>"})
    caller = Caller.for_app(app).dial().say("Español")
    assert app.seen[1][3]["SpeechResult"] == "Español"
    assert app.seen[1][3]["Confidence"] == "0.90"
    assert "Digits" not in app.seen[1][3]
    assert caller.ended
    assert "say 'Español'" in caller.transcript_text()


def test_saying_something_to_a_keys_only_gather_is_refused():
    app = make_app({"/voice": '<Gather action="/pick" numDigits="1"/>'})
    caller = Caller.for_app(app).dial()
    with pytest.raises(SimulatorError, match="input='dtmf', not speech"):
        caller.say("English")
