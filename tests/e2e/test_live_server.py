"""The real entry point (`python app.py`) on a loopback port, called over HTTP by the simulator."""
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from ivr.simulator import Caller
from tests.conftest import ROOT, SHIPPED_MENUS

TOKEN = "e2e-test-token"
OVERRIDE = "+815011112222"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "IVR_MENUS": str(SHIPPED_MENUS),
           "TWILIO_AUTH_TOKEN": TOKEN, "IVR_DIAL_OVERRIDE": OVERRIDE}
    process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"app.py exited: {process.stdout.read().decode()}")
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("app.py did not listen within 20 s")
    yield base
    process.terminate()
    process.wait(timeout=10)


def test_a_signed_call_reaches_the_24_hour_desk_and_its_fallback(server):
    caller = Caller.for_url(server, auth_token=TOKEN)
    caller.dial("mynumber")
    assert caller.heard[0].text.startswith("お電話ありがとうございます。マイナンバー総合フリーダイヤルです。")
    caller.press("2")  # 24 hours, 365 days: open whatever the server's clock says
    assert caller.dialled == [OVERRIDE]
    caller.transfer("busy").transfer("failed")
    assert caller.waiting_for == "keys" and caller.dialled == [OVERRIDE, OVERRIDE]
    caller.silence().silence().silence()
    assert caller.ended


def test_the_default_line_answers_plain_voice(server):
    caller = Caller.for_url(server, auth_token=TOKEN).dial()
    assert caller.decision["line"] == "mynumber"


def test_an_unsigned_request_is_forbidden_with_twiml(server):
    request = urllib.request.Request(server + "/voice", data=b"CallSid=CA1", method="POST")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=10)
    assert raised.value.code == 403
    assert raised.value.headers["Content-Type"].startswith("text/xml")
