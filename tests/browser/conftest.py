"""Debian's Chromium driven by Playwright, and the development app on a loopback port."""
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from ivr import create_app
from tests.helpers import HOTLINE

CHROMIUM = Path("/usr/bin/chromium")  # Debian's; Playwright's own browser downloads do not work here
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Stand in for the speech synthesiser: record what is spoken, in which language, and finish at once.
RECORD_SPEECH = """
window.spoken = [];
speechSynthesis.speak = (utterance) => {
  window.spoken.push([utterance.lang, utterance.text]);
  setTimeout(() => utterance.onend && utterance.onend(), 0);
};
"""


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Debian's chromium is not installed ({CHROMIUM}): .ci/run installs it "
                    "with apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def browser_settings():
    """The shipped menus, whose card-center key 2 can also be said (一時停止, 紛失, …)."""
    return {"IVR_MENUS": str(HOTLINE), "TWILIO_AUTH_TOKEN": "", "IVR_DIAL_OVERRIDE": ""}


@pytest.fixture(scope="session")
def dev_app(browser_settings):
    """The development app (no TWILIO_AUTH_TOKEN): the webhook and the browser simulator."""
    return create_app(browser_settings)


@pytest.fixture(scope="session")
def server(browser, dev_app):
    """The development app on a loopback port, in a thread."""
    http = make_server("127.0.0.1", 0, dev_app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()
    thread.join(timeout=10)


@pytest.fixture
def page(browser, server):
    """The simulator page, with speech recorded; the test fails if the page raises an error,
    or asks anything of the app but the simulator's page and endpoints (it reads no TwiML)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.add_init_script(RECORD_SPEECH)
    page = context.new_page()
    errors, asked = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: asked.append(urlsplit(request.url).path))
    page.goto(server + "/simulator")
    yield page
    context.close()
    assert errors == [], "the page raised errors"
    assert [path for path in asked if not path.startswith("/simulator")] == []
