"""`python -m ivr call --url`: a call to a running `gunicorn app:app` over HTTP, signed as Twilio
signs when TWILIO_AUTH_TOKEN is set, on the server's own clock."""
from __future__ import annotations

import pytest

from ivr.tools.cli import main
from tests.helpers import HOTLINE
from tests.live.servers import TOKEN, free_port, gunicorn

# Key 2 of mynumber is the 24-hour desk: the same call at whatever instant the server reads.
CALL = ["call", "mynumber", "--keys", "2,busy"]


@pytest.fixture(scope="module")
def signing_server(tmp_path_factory):
    """Signatures on, checked against the URL each request names (no IVR_PUBLIC_URL)."""
    with gunicorn({"IVR_MENUS": str(HOTLINE), "TWILIO_AUTH_TOKEN": TOKEN},
                  tmp_path_factory.mktemp("logs")) as server:
        yield server


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_a_signed_call_reaches_the_desk_the_server_answers_for(signing_server, capsys,
                                                               monkeypatch):
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", TOKEN)
    code, out, err = run(capsys, *CALL, "--url", signing_server.base)
    assert (code, err) == (0, "")
    assert out[:2] == [f"server {signing_server.base} (its own clock and menus)",
                       "call /voice/mynumber from +819012345678 to +815000000000"]
    assert [line for line in out if not line.startswith("  ")][2:] == [
        "press 2", "dial +81120950178 (then keys ww2)", "transfer busy", "dial +815038181250",
        "caller hangs up"]


def test_an_unsigned_call_to_a_signing_server_is_told_to_set_the_token(signing_server, capsys,
                                                                        monkeypatch):
    monkeypatch.delenv("TWILIO_AUTH_TOKEN", raising=False)
    code, _, err = run(capsys, *CALL, "--url", signing_server.base)
    assert code == 1
    assert "status 403" in err
    assert err.rstrip().endswith("the server checks signatures: set TWILIO_AUTH_TOKEN to its "
                                 "auth token, and give --url the base URL it is configured with "
                                 "(IVR_PUBLIC_URL)")
    assert "Traceback" not in err


@pytest.mark.parametrize("args, message", [
    (["--at", "2026-12-30T10:00"], "error: --at cannot be used with --url: the server answers on "
                                   "its own clock, which no caller can set; leave out --url to "
                                   "call the menus here at any instant"),
    (["--menus", "menus"], "error: --menus cannot be used with --url: the server answers on the "
                           "menus it was started with; leave out --url to call the menus here "
                           "at any instant"),
    (["--url", "ivr.example.org"], "error: --url 'ivr.example.org' is not a web address — write "
                                   "the IVR's base URL, e.g. https://ivr.example.org or "
                                   "http://127.0.0.1:5000"),
])
def test_what_the_server_decides_cannot_be_asked_for(capsys, args, message):
    url = [] if "--url" in args else ["--url", f"http://127.0.0.1:{free_port()}"]
    code, out, err = run(capsys, *CALL, *url, *args)
    assert (code, out, err) == (2, [], message + "\n")


def test_a_server_that_is_not_there_is_named(capsys):
    port = free_port()  # free a moment ago: nothing listens on it
    code, _, err = run(capsys, *CALL, "--url", f"http://127.0.0.1:{port}")
    assert code == 1
    assert err.startswith(f"error: cannot call http://127.0.0.1:{port}: ")
    assert err.endswith("— is the IVR running there?\n")
