"""The webhook through Flask's test client: routes, TwiML answers, errors, signatures, logs."""
import hashlib
import json
import logging
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from flask import request
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

from ivr import ConfigError, create_app
from ivr.web.signatures import is_signed

TOKEN = "12345"
CALL = {"CallSid": "CA" + "0" * 32, "AccountSid": "AC" + "1" * 32, "From": "+819012345678",
        "To": "+815000000000", "CallStatus": "ringing", "Direction": "inbound"}


def twiml(response) -> ET.Element:
    assert response.mimetype == "text/xml"
    root = ET.fromstring(response.data)
    assert root.tag == "Response"
    return root


def verb(response, tag: str) -> ET.Element:
    """The answer's first <tag> verb, which must be there."""
    found = twiml(response).find(tag)
    assert found is not None, f"no <{tag}> in {response.data[:300]!r}"
    return found


def version(client) -> str:
    """The name of the menus version the app serves, carried in its follow-up URLs."""
    return client.application.extensions["ivr"].version


def said(response) -> list[str]:
    return [say.text or "" for say in twiml(response).iter("Say")]


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("path", ["/voice", "/voice/mynumber", "/voice/card-center"])
def test_a_new_call_gets_a_gather_that_comes_back_here(client, method, path):
    response = client.open(path, method=method, query_string=CALL if method == "GET" else None,
                           data=CALL if method == "POST" else None)
    assert response.status_code == 200
    gather = verb(response, "Gather")
    line = path.rsplit("/", 1)[-1] if path != "/voice" else "mynumber"
    menus = client.application.extensions["ivr"].menus
    hints = ", ".join(menus.lines[line].menus["main"].words_in("ja"))
    assert gather.attrib == {"action": f"/voice/{line}/main?lang=ja&fails=0&v={version(client)}",
                             "actionOnEmptyResult": "true", "finishOnKey": "",
                             "input": "dtmf speech", "language": "ja-JP", "hints": hints,
                             "speechTimeout": "auto", "method": "POST", "numDigits": "1",
                             "timeout": "6"}
    assert verb(response, "Redirect").text == gather.attrib["action"]
    japanese = {"language": "ja-JP", "voice": "Polly.Mizuki"}
    english = {"language": "en-US", "voice": "Polly.Joanna-Neural"}
    # The greeting, then on mynumber the way out in English, then the intro and the prompt.
    assert [s.attrib for s in gather.iter("Say")] == (
        [japanese, english, japanese, japanese] if line == "mynumber"
        else [japanese, japanese, japanese])


def test_to_routes_plain_voice_to_the_line_that_lists_the_number(edited_menus, settings):
    settings["IVR_MENUS"] = str(edited_menus({"card-center.yaml": (
        "numbers: []", 'numbers: ["+815000000000"]')}))
    client = create_app(settings).test_client()
    response = client.post("/voice", data=CALL)
    assert verb(response, "Gather").attrib["action"].startswith("/voice/card-center/main")


def test_unknown_line_apologises_and_serves_the_default_main_menu(client, app):
    response = client.post("/voice/nope", data=CALL)
    messages = app.extensions["ivr"].menus.languages["ja"].messages
    assert said(response)[0] == messages.unknown_menu
    assert verb(response, "Gather").attrib["action"].startswith("/voice/mynumber/main")


def test_unknown_menu_apologises_and_serves_the_lines_main_menu(client, app):
    response = client.post("/voice/card-center/gone?lang=ja&fails=0", data={**CALL, "Digits": "1"})
    messages = app.extensions["ivr"].menus.languages["ja"].messages
    assert said(response)[0] == messages.unknown_menu
    assert verb(response, "Gather").attrib["action"] == \
        f"/voice/card-center/main?lang=ja&fails=0&v={app.extensions['ivr'].version}"


@pytest.mark.parametrize("query", ["lang=ja&fails=x", "fails=-5", ""])
def test_mangled_state_in_the_url_is_read_leniently(client, query):
    response = client.post(f"/voice/mynumber/main?{query}", data={**CALL, "Digits": "7"})
    assert verb(response, "Gather").attrib["action"] == \
        f"/voice/mynumber/main?lang=ja&fails=1&v={version(client)}"


def test_an_unexpected_error_still_answers_spoken_twiml(client, app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(app.extensions["ivr"].navigator, "choose", broken)
    response = client.post("/voice/mynumber/main?lang=ja&fails=0", data={**CALL, "Digits": "1"})
    assert response.status_code == 200
    root = twiml(response)
    assert said(response) == [app.extensions["ivr"].menus.languages["ja"].messages.error]
    assert root[-1].tag == "Hangup"


@pytest.mark.parametrize("path, status", [("/nowhere", 404), ("/voice/a/b/c/d/e", 404)])
def test_unknown_paths_answer_twiml_not_html(client, path, status):
    response = client.post(path, data=CALL)
    assert response.status_code == status
    assert said(response)
    assert b"<html" not in response.data.lower()


def test_fallback_url_apologises_and_hangs_up(client, app):
    response = client.post("/voice/fallback", data={**CALL, "ErrorCode": "11200",
                                                    "ErrorUrl": "https://ivr.example/voice"})
    assert response.status_code == 200
    assert said(response) == [app.extensions["ivr"].menus.languages["ja"].messages.error]
    assert twiml(response)[-1].tag == "Hangup"


def test_every_step_is_one_json_log_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="ivr.calls"):
        client.post("/voice/mynumber/main?lang=ja&fails=0", data={**CALL, "Digits": "8"})
    record = next(r for r in caplog.records if r.getMessage() == "step")
    from ivr.web.logs import JsonFormatter

    line = json.loads(JsonFormatter().format(record))
    assert {k: line[k] for k in ("call_sid", "line", "menu", "key", "decision", "reason")} == {
        "call_sid": CALL["CallSid"], "line": "mynumber", "menu": "main", "key": "8",
        "decision": "invalid", "reason": None}


def test_the_decision_header_tells_what_happened(client):
    response = client.post("/voice/mynumber/main?lang=ja&fails=0", data={**CALL, "Digits": "*"})
    assert response.headers["X-IVR-Decision"] == "line=mynumber; menu=main; key=*; decision=repeat"


# --- signatures --------------------------------------------------------------------------

@pytest.fixture
def signed_client(settings):
    settings["TWILIO_AUTH_TOKEN"] = TOKEN
    return create_app(settings).test_client()


def signature(url: str, params: dict) -> str:
    return RequestValidator(TOKEN).compute_signature(url, params)


def test_sdk_vector_is_what_we_compute():
    # twilio-python's own unit-test vector, so our helper signs exactly like Twilio.
    params = {"CallSid": "CA1234567890ABCDE", "Caller": "+14158675309", "Digits": "1234",
              "From": "+14158675309", "To": "+18005551212"}
    assert signature("https://mycompany.com/myapp.php?foo=1&bar=2", params) \
        == "RSOYDt4T1cUTdK1PDd93/VVr8B8="


def test_a_correctly_signed_request_passes(signed_client):
    url = "http://localhost/voice/mynumber"
    response = signed_client.post(url, data=CALL, headers={"X-Twilio-Signature": signature(url, CALL)})
    assert response.status_code == 200 and verb(response, "Gather") is not None


def test_a_signed_get_passes(signed_client):
    url = "http://localhost/voice/mynumber?" + urlencode(CALL)
    response = signed_client.get(url, headers={"X-Twilio-Signature": signature(url, {})})
    assert response.status_code == 200


@pytest.mark.parametrize("headers", [{}, {"X-Twilio-Signature": "forged+signature="}],
                         ids=["missing", "forged"])
def test_an_unsigned_or_forged_request_is_forbidden(signed_client, headers):
    response = signed_client.post("/voice/mynumber", data=CALL, headers=headers)
    assert response.status_code == 403
    assert twiml(response).tag == "Response"


def test_a_signature_over_other_parameters_is_refused(signed_client):
    url = "http://localhost/voice/mynumber/main?lang=ja&fails=0"
    sig = signature(url, {**CALL, "Digits": "1"})
    response = signed_client.post(url, data={**CALL, "Digits": "2"},
                                  headers={"X-Twilio-Signature": sig})
    assert response.status_code == 403


def test_behind_a_tls_terminating_proxy_the_public_url_is_checked(signed_client):
    public = "https://ivr.example.jp/voice/card-center"
    headers = {"X-Twilio-Signature": signature(public, CALL), "X-Forwarded-Proto": "https",
               "X-Forwarded-Host": "ivr.example.jp"}
    assert signed_client.post("/voice/card-center", data=CALL, headers=headers).status_code == 200
    # Without the proxy's headers the same signature does not match the URL we saw.
    del headers["X-Forwarded-Proto"], headers["X-Forwarded-Host"]
    assert signed_client.post("/voice/card-center", data=CALL, headers=headers).status_code == 403


@pytest.mark.parametrize("forwarded, public", [
    ({"X-Forwarded-Proto": "https"}, "https://localhost/voice/card-center"),
    ({"X-Forwarded-Host": "ivr.example.jp"}, "http://ivr.example.jp/voice/card-center"),
], ids=["proto-only", "host-only"])
def test_behind_a_proxy_sending_only_one_forwarded_header_the_signature_passes(
        signed_client, forwarded, public):
    headers = {"X-Twilio-Signature": signature(public, CALL), **forwarded}
    assert signed_client.post("/voice/card-center", data=CALL, headers=headers).status_code == 200


@pytest.mark.parametrize("public_url, signed", [
    (None, "https://ivr.example.jp:443/voice/card-center"),
    ("https://ivr.example.jp", "https://ivr.example.jp:443/voice/card-center"),
    ("https://ivr.example.jp:443", "https://ivr.example.jp/voice/card-center"),
], ids=["proxy", "public-url", "public-url-with-port"])
def test_a_signature_over_the_url_with_or_without_its_default_port_passes(
        settings, public_url, signed):
    # Twilio signs the URL as written in its console, with or without :443.
    settings.update(TWILIO_AUTH_TOKEN=TOKEN, IVR_PUBLIC_URL=public_url or "")
    client = create_app(settings).test_client()
    headers = {"X-Twilio-Signature": signature(signed, CALL), "X-Forwarded-Proto": "https",
               "X-Forwarded-Host": "ivr.example.jp"}
    assert client.post("/voice/card-center", data=CALL, headers=headers).status_code == 200
    forged = {**headers, "X-Twilio-Signature": signature(signed.replace("jp", "jq"), CALL)}
    assert client.post("/voice/card-center", data=CALL, headers=forged).status_code == 403


def test_with_a_public_url_only_that_url_counts(settings):
    settings.update(TWILIO_AUTH_TOKEN=TOKEN, IVR_PUBLIC_URL="https://ivr.example.jp/ivr")
    client = create_app(settings).test_client()
    public = "https://ivr.example.jp/ivr/voice/card-center"  # the proxy's path prefix included
    headers = {"X-Twilio-Signature": signature(public, CALL)}
    assert client.post("/voice/card-center", data=CALL, headers=headers).status_code == 200
    # What a client says about its host counts for nothing: signed for another one, refused.
    elsewhere = {"X-Twilio-Signature": signature("https://other.example.jp/voice/card-center",
                                                 CALL),
                 "X-Forwarded-Proto": "https", "X-Forwarded-Host": "other.example.jp"}
    assert client.post("/voice/card-center", data=CALL, headers=elsewhere).status_code == 403


def test_of_a_proxy_chains_forwarded_values_the_first_counts(signed_client):
    headers = {"X-Twilio-Signature": signature("https://ivr.example.jp/voice/card-center", CALL),
               "X-Forwarded-Proto": "https, http",
               "X-Forwarded-Host": "ivr.example.jp, internal.example.jp"}
    assert signed_client.post("/voice/card-center", data=CALL, headers=headers).status_code == 200


# gunicorn gives the URL as sent in RAW_URI, other servers in REQUEST_URI; Werkzeug's re-encoding
# of it (%7e%2F read as ~/) is not what Twilio signed.
@pytest.mark.parametrize("environ", [{"RAW_URI": "sent", "REQUEST_URI": ""},
                                     {"RAW_URI": "", "REQUEST_URI": "sent"}],
                         ids=["raw-uri", "request-uri"])
def test_the_url_is_checked_as_the_client_sent_it(signed_client, environ):
    sent = "/voice/card-center?note=%7e%2F"
    headers = {"X-Twilio-Signature": signature("http://localhost" + sent, CALL)}
    overrides = {name: sent if value else "" for name, value in environ.items()}
    response = signed_client.post(sent, data=CALL, headers=headers, environ_overrides=overrides)
    assert response.status_code == 200


def test_a_parameter_sent_twice_is_signed_with_both_values(signed_client):
    form = MultiDict([*CALL.items(), ("Digits", "1"), ("Digits", "2")])
    url = "http://localhost/voice/card-center"
    headers = {"X-Twilio-Signature": RequestValidator(TOKEN).compute_signature(url, form)}
    assert signed_client.post(url, data=form, headers=headers).status_code == 200


def test_a_json_body_is_signed_by_its_hash_in_the_url(signed_client):
    body = b'{"CallSid": "CA1"}'
    url = "http://localhost/voice/card-center?bodySHA256=" + hashlib.sha256(body).hexdigest()
    headers = {"X-Twilio-Signature": signature(url, {})}
    assert signed_client.post(url, data=body, content_type="application/json",
                              headers=headers).status_code == 200
    assert signed_client.post(url, data=body + b" ", content_type="application/json",
                              headers=headers).status_code == 403


@pytest.mark.parametrize("headers, query, body", [
    ({}, "", b""),  # no signature at all
    ({"X-Twilio-Signature": "0" * 27 + "="}, "?bodySHA256=" + "0" * 64, b"{}"),
], ids=["unsigned", "body-hash-differs"])
def test_is_signed_says_false_before_any_hmac(app, headers, query, body):
    with app.test_request_context("/voice" + query, method="POST", headers=headers, data=body):
        assert is_signed(request, RequestValidator(TOKEN), None) is False


def test_fallback_url_needs_a_signature_too(signed_client):
    assert signed_client.post("/voice/fallback", data=CALL).status_code == 403


def test_broken_menus_refuse_to_start(edited_menus, settings):
    settings["IVR_MENUS"] = str(edited_menus({"mynumber.yaml": ("schedule: every-day",
                                                                "schedule: everyday")}))
    with pytest.raises(ConfigError, match=r"mynumber\.yaml:\d+:\d+: unknown schedule 'everyday'"):
        create_app(settings)
