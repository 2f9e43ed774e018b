"""/dashboard: open in development, behind Basic auth when a password is set, absent when live
without one; never a Twilio endpoint; and the report's figures drawn for the period asked."""
from __future__ import annotations

import base64
import re

import pytest
from twilio.request_validator import RequestValidator

from ivr import create_app
from ivr.simulator import Caller

TOKEN, PASSWORD = "live-token", "correct horse battery staple"


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


@pytest.fixture
def records(settings, tmp_path):
    settings.update(IVR_DATABASE=f"sqlite:///{tmp_path / 'records.sqlite3'}", IVR_HASH_KEY="k")
    return settings


GUARD = [  # (auth token, password, request headers, status)
    ("", "", {}, 200),  # development: open
    (TOKEN, "", {}, 404),  # live without a password: there is no dashboard
    (TOKEN, "", basic("operator", PASSWORD), 404),
    (TOKEN, PASSWORD, {}, 401),
    (TOKEN, PASSWORD, basic("operator", "wrong"), 401),
    (TOKEN, PASSWORD, {"Authorization": "Bearer " + PASSWORD}, 401),
    (TOKEN, PASSWORD, basic("operator", PASSWORD), 200),
    (TOKEN, PASSWORD, basic("anyone at all", PASSWORD), 200),
    ("", PASSWORD, {}, 401),  # a password set is asked for, also in development
    ("", PASSWORD, basic("", PASSWORD), 200),
]


@pytest.mark.parametrize("token, password, headers, status", GUARD)
def test_the_dashboard_is_guarded(records, token, password, headers, status):
    records.update(TWILIO_AUTH_TOKEN=token, IVR_DASHBOARD_PASSWORD=password)
    response = create_app(records).test_client().get("/dashboard", headers=headers)
    assert response.status_code == status
    if status == 401:
        assert response.headers["WWW-Authenticate"].startswith('Basic realm="IVR dashboard"')
        assert b"What callers did" not in response.data
    if status == 404:
        assert response.mimetype == "text/xml"  # as every path the app does not serve
    if status == 200:
        assert response.mimetype == "text/html" and b"What callers did" in response.data
        assert response.headers["Cache-Control"] == "no-store"


def test_a_twilio_signature_neither_opens_the_dashboard_nor_is_asked_of_it(records):
    records.update(TWILIO_AUTH_TOKEN=TOKEN, IVR_DASHBOARD_PASSWORD=PASSWORD)
    client = create_app(records).test_client()
    signed = {"X-Twilio-Signature": RequestValidator(TOKEN).compute_signature(
        "http://localhost/dashboard", {})}
    assert client.get("/dashboard", headers=signed).status_code == 401
    assert client.get("/dashboard", headers=basic("operator", PASSWORD)).status_code == 200
    # Only GET is the dashboard: a POST there is refused as any unsigned request is, and a
    # Twilio endpoint still wants its signature whatever password comes with it.
    assert client.post("/dashboard", headers=basic("operator", PASSWORD)).status_code == 403
    assert client.post("/voice", headers=basic("operator", PASSWORD)).status_code == 403


def test_the_dashboard_draws_the_reports_figures_for_the_days_asked(records):
    app = create_app(records)
    for at, script in [("2026-12-30T10:00+09:00", ["3"]), ("2026-12-30T21:00+09:00", ["3"]),
                       ("2026-12-01T10:00+09:00", ["2", "answered"]),
                       ("2026-12-01T10:00+09:00", ["9", "1"])]:
        Caller.for_app(app).dial("mynumber", at=at).act(*script)
    assert app.extensions["ivr.records"].flush()
    client = app.test_client()
    page = client.get("/dashboard").get_data(as_text=True)
    assert re.search(r'id="calls">4<', page)
    assert "<h3>mynumber/main/3</h3>" in page and "open hours: standard" in page
    assert page.count("<title>Wed 10:00-11:00: 1 closed</title>") == 1
    assert "foreign/topics" in page  # where the abandoned call hung up
    later = client.get("/dashboard?since=2026-12-02&line=mynumber").get_data(as_text=True)
    assert re.search(r'id="calls">2<', later) and "foreign/topics" not in later
    wrong = client.get("/dashboard?since=December&line=nowhere").get_data(as_text=True)
    assert "since: &#39;December&#39; is not a date" in wrong
    assert "line: &#39;nowhere&#39; is not a line of these menus" in wrong
    assert re.search(r'id="calls">4<', wrong)


def test_without_records_the_dashboard_says_so(settings):
    page = create_app(settings).test_client().get("/dashboard")
    assert page.status_code == 200 and b"Calls are not recorded" in page.data


def test_records_that_cannot_be_read_are_a_503_page_not_an_error(records, tmp_path):
    records["IVR_DATABASE"] = f"sqlite:///{tmp_path / 'missing' / 'records.sqlite3'}"
    page = create_app(records).test_client().get("/dashboard")
    assert page.status_code == 503 and b"cannot be read now" in page.data
