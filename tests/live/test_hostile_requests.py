"""Whatever arrives, gunicorn answers TwiML: hostile speech and keys, URL state, methods, bodies
and signatures, each with the status it must get. The test client cannot see these: gunicorn
refuses a response with a header that is not Latin-1, and reads bodies as the network sends them.
"""
from __future__ import annotations

import hashlib
import json
import socket
import time
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest

from ivr.web.protocol import read_decision_header
from tests.live.servers import PUBLIC_URL, Reply, Server, exchange

SPEECH = ["えーと", "我要挂失", "카드를 잃어버렸어요", "บัตรหาย", "कार्ड हरायो", "🙂📞",
          "a; b=c %41 100%", "line\r\nX-Injected: 1", "x" * 5000, "English" + "\u0000"]
KEYS = ["３", "あ", "12", "1" * 3000, " ", "\u0000", "٣", "*#", "%", "9;"]
MENUS = ["/voice/foreign/languages", "/voice/foreign/topics?lang=th&fails=0",
         "/voice/mynumber/main?lang=ja&fails=0", "/voice/card-center/main?lang=ja&fails=2"]
STATE = [  # (path, status)
    ("/voice/%E3%81%88%E3%83%BC", 200), ("/voice/mynumber/%E3%81%82", 200),
    ("/voice/mynumber/main?lang=%E3%81%88&fails=99999999999999999999999", 200),
    ("/voice/mynumber/main?fails=-7&back=a/b/c/d", 200),
    ("/voice/mynumber/main?back=%E3%81%82/%F0%9F%99%82/x&v=%00", 200),
    ("/voice/foreign/topics?lang=xx&back=mynumber/main/ja&v=" + "f" * 500, 200),
    ("/voice/mynumber/main/dial/9?attempt=-1", 200),
    ("/voice/mynumber/main/dial/%E3%81%82?attempt=x", 200),
    ("/voice/mynumber/main/dial/2?attempt=99999999999999999999", 200),
    ("/voice/a/b/c/d/e", 404), ("/", 404), ("/static/app.js", 404), ("/%FF", 404),
]


def check_twiml(reply: Reply, status: int, method: str = "POST") -> ET.Element | None:
    """The reply is TwiML with `status`, and its decision header is plain ASCII."""
    assert reply.status == status, reply
    assert reply.content_type.split(";")[0] == "text/xml", reply
    header = reply.headers.get("X-IVR-Decision")
    if header is not None:
        assert header.isascii() and "\n" not in header, header
        read_decision_header(header)
    if method == "HEAD":
        assert reply.body == b""
        return None
    root = ET.fromstring(reply.body)
    assert root.tag == "Response", reply.body[:200]
    return root


def decision_of(reply: Reply) -> dict[str, str]:
    """The fields of the reply's decision header, which must be there."""
    fields = read_decision_header(reply.headers.get("X-IVR-Decision"))
    assert fields is not None, reply
    return fields


def post(server: Server, path: str, params: dict[str, str], **headers: str) -> Reply:
    """A form POST, signed as Twilio signs it when the server checks signatures."""
    if server.token:
        headers.setdefault("X-Twilio-Signature", server.sign(path, params))
    return server.request("POST", path, urlencode(params),
                          {"Content-Type": "application/x-www-form-urlencoded", **headers})


def get(server: Server, method: str, path: str, **headers: str) -> Reply:
    if server.token:
        headers.setdefault("X-Twilio-Signature", server.sign(path))
    return server.request(method, path, headers=headers)


@pytest.fixture(params=["signed", "dev"])
def server(request) -> Server:
    return request.getfixturevalue(f"{request.param}_server")


# --- what callers say and press --------------------------------------------------------------

@pytest.mark.parametrize("menu", MENUS)
def test_any_speech_at_any_menu_is_answered_with_twiml(server, menu):
    for words in SPEECH:
        reply = post(server, menu, {"CallSid": "CA" + "1" * 32, "SpeechResult": words,
                                    "Confidence": "0.4"})
        check_twiml(reply, 200)
        assert decision_of(reply)["decision"] in (
            "invalid", "goodbye", "submenu", "transfer", "closed", "line", "message", "repeat")


@pytest.mark.parametrize("menu", MENUS)
def test_any_keys_at_any_menu_are_answered_with_twiml(server, menu):
    for keys in KEYS:
        check_twiml(post(server, menu, {"CallSid": "CA" + "2" * 32, "Digits": keys}), 200)


def test_a_key_that_means_nothing_is_told_so_and_named_in_the_header(server):
    reply = post(server, "/voice/mynumber/main?lang=ja&fails=0", {"Digits": "３"})
    check_twiml(reply, 200)
    assert read_decision_header(reply.headers["X-IVR-Decision"]) == {
        "line": "mynumber", "menu": "main", "key": "３", "decision": "invalid"}


def test_unmatched_speech_is_in_the_header_percent_encoded(server):
    reply = post(server, "/voice/foreign/languages", {"SpeechResult": "えーと"})
    assert reply.headers["X-IVR-Decision"] == (
        "line=foreign; menu=languages; decision=invalid; "
        "reason=heard '%E3%81%88%E3%83%BC%E3%81%A8'")


@pytest.mark.parametrize("path, status", STATE)
def test_mangled_url_state_is_answered_with_twiml(server, path, status):
    check_twiml(post(server, path, {"CallSid": "CA" + "3" * 32, "Digits": "1"}), status)


# --- methods and bodies ----------------------------------------------------------------------

@pytest.mark.parametrize("method, status", [("GET", 200), ("HEAD", 200), ("PUT", 405),
                                            ("DELETE", 405), ("PATCH", 405), ("OPTIONS", 405)])
def test_every_method_is_answered_with_twiml(server, method, status):
    check_twiml(get(server, method, "/voice/mynumber"), status, method)
    check_twiml(get(server, method, "/voice/fallback"), status, method)


@pytest.mark.parametrize("body, content_type", [
    (b"Digits=%zz&SpeechResult=%%%", "application/x-www-form-urlencoded"),
    (b"Digits=\xff\xfe&SpeechResult=\xc3", "application/x-www-form-urlencoded"),
    (b'{"Digits": "1"}', "application/json"),
    (b"--b\r\nContent-Disposition: form-data; name=\"Digits\"\r\n\r\n1\r\n--b--\r\n",
     "multipart/form-data; boundary=b"),
    (b"--b\r\nbroken", "multipart/form-data; boundary=b"),
    (b"Digits=1", "text/plain"),
])
def test_malformed_bodies_are_answered_with_twiml(dev_server, body, content_type):
    reply = dev_server.request("POST", "/voice/mynumber/main?lang=ja", body,
                               {"Content-Type": content_type})
    check_twiml(reply, 200)


def test_a_body_larger_than_twilio_sends_is_refused_before_it_is_read(server):
    # 200 MB announced, nothing sent: the answer comes at once, so the body was never awaited.
    started = time.monotonic()
    head = exchange(server.port,
                    b"POST /voice/mynumber HTTP/1.1\r\nHost: x\r\nContent-Length: 200000000\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\n"
                    + (f"X-Twilio-Signature: {server.sign('/voice/mynumber')}\r\n".encode()
                       if server.token else b"") + b"\r\n")
    assert time.monotonic() - started < 3
    assert head.startswith(b"HTTP/1.1 413") and b"text/xml" in head and b"<Response>" in head


def test_a_chunked_body_larger_than_twilio_sends_is_refused(dev_server):
    def chunks():
        for _ in range(64):
            yield b"SpeechResult=" + b"a" * 4096 + b"&"

    reply = dev_server.request("POST", "/voice/mynumber/main", chunks(),
                               {"Content-Type": "application/x-www-form-urlencoded",
                                "Transfer-Encoding": "chunked"}, encode_chunked=True)
    check_twiml(reply, 413)


def test_a_body_broken_on_the_wire_is_a_bad_request_in_twiml(dev_server):
    answer = exchange(dev_server.port,
                      b"POST /voice/mynumber/main HTTP/1.1\r\nHost: x\r\n"
                      b"Content-Type: application/x-www-form-urlencoded\r\n"
                      b"Transfer-Encoding: chunked\r\n\r\n" + b"Digits=1" * 2000)
    assert answer.startswith(b"HTTP/1.1 400") and b"<Response>" in answer


def test_a_huge_call_sid_is_cut_short_in_the_log(dev_server):
    check_twiml(post(dev_server, "/voice/mynumber", {"CallSid": "CA" + "7" * 20000}), 200)
    line = next(line for line in dev_server.log().splitlines() if "CA7777" in line)
    assert len(line) < 1500 and "(20002 characters)" in json.loads(line)["call_sid"]


def test_clients_that_send_slowly_do_not_stall_other_calls(signed_server):
    slow = []
    for _ in range(4):
        sock = socket.create_connection(("127.0.0.1", signed_server.port), timeout=10)
        sock.sendall(b"POST /voice/mynumber HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n"
                     b"Content-Type: application/x-www-form-urlencoded\r\n"
                     b"X-Twilio-Signature: " + signed_server.sign("/voice/mynumber").encode()
                     + b"\r\n\r\nC")
        slow.append(sock)
    try:
        for _ in range(10):
            started = time.monotonic()
            check_twiml(post(signed_server, "/voice/mynumber", {"CallSid": "CA" + "4" * 32}),
                        200)
            assert time.monotonic() - started < 1
            for sock in slow:
                sock.sendall(b"a")  # one byte at a time, as slowly as the test goes
    finally:
        for sock in slow:
            sock.close()


# --- signatures ------------------------------------------------------------------------------

def signature_for(url: str, params: dict[str, str] | None = None) -> str:
    from twilio.request_validator import RequestValidator

    from tests.live.servers import TOKEN

    return RequestValidator(TOKEN).compute_signature(url, params or {})


PARAMS = {"CallSid": "CA" + "5" * 32, "Digits": "2"}


@pytest.mark.parametrize("headers", [
    {},
    {"X-Twilio-Signature": "nope"},
    {"X-Twilio-Signature": "RSOYDt4T1cUTdK1PDd93/VVr8B8="},  # a real signature of another URL
    {"X-Twilio-Signature": "ä" * 28},
    {"X-Twilio-Signature": ("é" + "A" * 26 + "=")},
], ids=["none", "not-base64", "other-request", "latin-1", "almost-base64"])
def test_a_missing_or_wrong_signature_is_403_twiml(signed_server, headers):
    reply = signed_server.request("POST", "/voice/mynumber/main?lang=ja", urlencode(PARAMS),
                                  {"Content-Type": "application/x-www-form-urlencoded",
                                   **headers})
    check_twiml(reply, 403)


def test_a_utf8_signature_header_is_403_twiml(signed_server):
    head = exchange(signed_server.port, b"GET /voice HTTP/1.1\r\nHost: x\r\nX-Twilio-Signature: "
                    + "署名".encode() + b"\r\nConnection: close\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 403") and b"<Response>" in head


@pytest.mark.parametrize("headers", [
    {"Host": "evil.example"},
    {"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"},
    {"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http"},
])
def test_a_request_signed_for_another_host_is_refused_whatever_it_says_its_host_is(
        signed_server, headers):
    path = "/voice/mynumber/main?lang=ja"
    for scheme in ("http", "https"):
        forged = signature_for(f"{scheme}://evil.example{path}", PARAMS)
        reply = post(signed_server, path, PARAMS, **headers, **{"X-Twilio-Signature": forged})
        check_twiml(reply, 403)


def test_a_signature_over_the_public_url_with_its_default_port_passes(signed_server):
    path = "/voice/mynumber/main?lang=ja"
    signed = signature_for(PUBLIC_URL.replace(".org", ".org:443") + path, PARAMS)
    check_twiml(post(signed_server, path, PARAMS, **{"X-Twilio-Signature": signed}), 200)


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_get_or_head_is_signed_over_its_url_and_its_body_is_never_read(signed_server, method):
    path = "/voice/mynumber/main?lang=ja&fails=0"
    reply = signed_server.request(method, path, urlencode({"Digits": "2"}), {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": signed_server.sign(path)})
    check_twiml(reply, 200, method)
    # Key 2 was in the unsigned body only: the caller pressed nothing.
    assert decision_of(reply)["decision"] == "no-input"


def test_a_get_carries_twilios_parameters_in_its_signed_query(signed_server):
    path = "/voice/mynumber/main?lang=ja&fails=0&" + urlencode(PARAMS)
    reply = get(signed_server, "GET", path)
    check_twiml(reply, 200)
    assert decision_of(reply)["decision"] == "transfer"


@pytest.mark.parametrize("body_hash_ok", [True, False])
def test_a_json_body_is_checked_by_its_sha256_in_the_signed_url(signed_server, body_hash_ok):
    body = b'{"CallSid": "CA1"}'
    digest = hashlib.sha256(body if body_hash_ok else b"other").hexdigest()
    path = f"/voice/mynumber?bodySHA256={digest}"
    reply = signed_server.request("POST", path, body, {
        "Content-Type": "application/json", "X-Twilio-Signature": signed_server.sign(path)})
    check_twiml(reply, 200 if body_hash_ok else 403)
