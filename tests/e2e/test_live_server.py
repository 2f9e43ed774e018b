"""The real entry point (`python app.py`) on a loopback port, called over HTTP by the simulator."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest

from ivr.simulator import Caller
from tests.helpers import HOTLINE, ROOT, eventually

TOKEN = "e2e-test-token"
OVERRIDE = "+815011112222"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(**settings: str):
    """`python app.py` on a free loopback port with `settings` in its environment; yields
    (base URL, process). Its output goes to a pipe read after it stops."""
    port = free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", **settings}
    process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if process.poll() is not None:
                    output = process.stdout.read() if process.stdout else b""
                    pytest.fail(f"app.py exited: {output.decode()}")
                if time.monotonic() > deadline:
                    pytest.fail("app.py did not listen within 20 s")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def server():
    with running_app(IVR_MENUS=str(HOTLINE), TWILIO_AUTH_TOKEN=TOKEN,
                     IVR_DIAL_OVERRIDE=OVERRIDE) as (base, _):
        yield base


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


def test_a_running_server_takes_up_a_good_edit_and_refuses_a_bad_one(tmp_path):
    menus = tmp_path / "menus"
    shutil.copytree(HOTLINE, menus)
    line = menus / "card-center.yaml"
    greeting = "お電話ありがとうございます。個人番号カードコールセンターです。"
    with running_app(IVR_MENUS=str(menus), IVR_RELOAD="0.05", IVR_RELOAD_SETTLE="0.2",
                     TWILIO_AUTH_TOKEN="") as (base, app):
        caller = Caller.for_url(base)
        assert caller.dial("card-center").heard[0].text == greeting
        text = line.read_text(encoding="utf-8")
        line.write_text(text.replace(greeting, "改定後のあいさつです。"), encoding="utf-8")
        eventually(lambda: caller.dial("card-center").heard[0].text == "改定後のあいさつです。")
        # A typo: refused, and callers still hear the last good menus.
        line.write_text(text.replace(greeting, "改定後のあいさつです。").replace(
            "schedule: card-weekdays", "schedule: weekdayz"), encoding="utf-8")
        time.sleep(1)  # settled and looked at
        caller.dial("card-center")
        assert caller.heard[0].text == "改定後のあいさつです。"
        caller.press("2")
        assert caller.dialled == ["+81570783578"]
    log = app.stdout.read().decode()
    assert '"event": "menus reloaded"' in log
    assert '"event": "menus refused"' in log and "unknown schedule 'weekdayz'" in log


def test_speech_in_any_script_is_answered_not_hung(server):
    """Werkzeug's server hung on a header that was not Latin-1 (the words said, echoed)."""
    caller = Caller.for_url(server, auth_token=TOKEN).dial("foreign")
    caller.say("えーと、カードをなくしました 🙂")
    assert caller.decision == {"line": "foreign", "menu": "languages", "decision": "invalid",
                               "reason": "heard 'えーと、カードをなくしました 🙂'"}
