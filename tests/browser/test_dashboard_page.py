"""The dashboard in Chromium, as an operator opens it: two weeks of simulated calls drawn, a
range of days chosen in the form, and nothing fetched but the page itself.
IVR_UPDATE_SCREENSHOT=1 rewrites docs/dashboard.png from it.
"""
import os
import random
import threading
from datetime import date
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page
from sqlalchemy import create_engine
from werkzeug.serving import make_server

from ivr import create_app
from ivr.records.database import connect, database_url
from ivr.records.figures import Period, figures
from ivr.records.folding import fold_pending
from ivr.simulator import Caller
from tests.helpers import ROOT

SCREENSHOT = ROOT / "docs" / "dashboard.png"
SCRIPTS = [["3"], ["3"], ["2", "answered"], ["2", "answered"], ["2", "busy", "no answer"],
           ["1"], ["-", "-", "-"], ["9", "1"], ["9", "2", "1"], ["4"], ["5", "answered"], ["7"]]
HOURS = [7, 8, 9, 9, 10, 10, 11, 13, 14, 15, 17, 18, 19, 19, 20, 20, 21, 22]


def two_weeks_of_calls(app) -> None:
    """The same calls at every run: a fortnight that includes the year-end closure."""
    chance = random.Random(12)
    for day in range(18, 32):
        for _ in range(chance.randint(6, 16)):
            at = f"2026-12-{day:02}T{chance.choice(HOURS):02}:{chance.randint(0, 59):02}+09:00"
            line = chance.choice(["mynumber"] * 5 + ["card-center", "foreign"])
            caller = Caller.for_app(app).dial(line, at=at,
                                              from_=f"+8190{chance.randint(0, 60):08}")
            for item in chance.choice(SCRIPTS):
                if caller.ended:
                    break
                try:
                    caller.act(item)
                except Exception:  # noqa: BLE001 -- a key this line does not offer: next call
                    break
    assert app.extensions["ivr.records"].flush()


@pytest.fixture(scope="module")
def dashboard(browser, browser_settings, tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('records') / 'records.sqlite3'}"
    app = create_app({**browser_settings, "IVR_DATABASE": url, "IVR_HASH_KEY": "k"})
    two_weeks_of_calls(app)
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}", url
    http.shutdown()
    thread.join(timeout=10)
    app.extensions["ivr.records"].close()


def expected(url: str, period: Period) -> dict:
    folder = connect(database_url(url), writer=True)
    fold_pending(folder)
    folder.dispose()
    engine = create_engine(url)
    with engine.connect() as connection:
        found = figures(connection, period)
    engine.dispose()
    return found


def open_dashboard(browser, address: str) -> tuple[Page, list[str]]:
    context = browser.new_context(viewport={"width": 1000, "height": 900}, locale="en-GB")
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(urlsplit(request.url).path))
    page.goto(address + "/dashboard")
    return page, asked


def test_the_dashboard_shows_what_the_calls_did_and_fetches_nothing_else(browser, dashboard):
    address, url = dashboard
    found = expected(url, Period())
    page, asked = open_dashboard(browser, address)
    assert page.locator("#calls").inner_text() == str(found["calls"])
    assert page.locator("h3").all_inner_texts() == list(found["closed_by_hour"])
    assert page.locator("h2 + p + h3 + svg rect[fill='none']").count() > 0  # hours outlined
    boxes = [" ".join(text.split()) for text in page.locator(".figure").all_inner_texts()]
    assert boxes == [f"{found['calls']} calls", f"{found['callers']} callers",
                     f"{found['repeat_callers']} called more than once",
                     *(f"{count} {ending}" for ending, count in found["outcomes"].items())]
    if os.environ.get("IVR_UPDATE_SCREENSHOT"):
        page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert set(asked) == {"/dashboard"}
    page.context.close()


def test_a_range_of_days_chosen_in_the_form_redraws_the_page(browser, dashboard):
    address, url = dashboard
    page, _ = open_dashboard(browser, address)
    page.fill("input[name=since]", "2026-12-29")
    page.fill("input[name=until]", "2026-12-31")
    page.select_option("select[name=line]", "mynumber")
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/dashboard?since=2026-12-29&until=2026-12-31&line=mynumber")
    found = expected(url, Period(date(2026, 12, 29), date(2026, 12, 31), "mynumber"))
    assert page.locator("#calls").inner_text() == str(found["calls"])
    assert found["outcomes"]["closed"] > 0  # the year-end closure: closed desks drawn
    assert page.locator("h3").all_inner_texts() == list(found["closed_by_hour"])
    page.context.close()
