"""Development only: the pretend time of the X-IVR-Pretend-Time header is the app's clock.

The terminal simulator sends it; with TWILIO_AUTH_TOKEN set no request may move the clock.
"""
import pytest
from freezegun import freeze_time
from twilio.request_validator import RequestValidator

from ivr import create_app
from ivr.web.views import PRETEND_TIME

TOKEN = "12345"
CALL = {"CallSid": "CA" + "0" * 32, "AccountSid": "AC" + "1" * 32, "From": "+819012345678",
        "To": "+815000000000", "CallStatus": "in-progress", "Direction": "inbound", "Digits": "3"}
KEY_3 = "/voice/mynumber/main?lang=ja&fails=0"  # key 3 keeps standard hours, closed at year end
OPEN = "2026-12-01T10:00+09:00"  # a Tuesday morning


def decision(response) -> str:
    return response.headers["X-IVR-Decision"]


@pytest.mark.parametrize("pretend", ["2026-12-30T10:00+09:00", "2026-12-30T10:00",
                                     "2026-12-30T01:00:00Z", "2026-12-29T20:00-05:00"])
def test_in_development_the_pretend_time_is_the_apps_clock(client, pretend):
    with freeze_time(OPEN):
        response = client.post(KEY_3, data=CALL, headers={PRETEND_TIME: pretend})
    assert decision(response) == "line=mynumber; menu=main; key=3; decision=closed; reason=year-end"


def test_a_time_without_offset_is_read_in_the_menus_zone(client):
    # 08:00 in Tokyo is closed; 08:00 UTC would be 17:00 in Tokyo, open on a Tuesday.
    response = client.post(KEY_3, data=CALL, headers={PRETEND_TIME: "2026-12-01T08:00"})
    assert "decision=closed; reason=outside-hours" in decision(response)


def test_without_the_header_the_real_clock_runs(client):
    with freeze_time(OPEN):
        response = client.post(KEY_3, data=CALL)
    assert "decision=transfer" in decision(response)


def test_a_pretend_time_that_is_not_one_is_refused_with_twiml(client):
    response = client.post(KEY_3, data=CALL, headers={PRETEND_TIME: "30 December"})
    assert response.status_code == 400
    assert response.mimetype == "text/xml" and b"<Hangup />" in response.data


@pytest.mark.parametrize("pretend", ["2026-12-30T10:00+09:00", "30 December"])
def test_with_an_auth_token_the_header_is_ignored_entirely(settings, pretend):
    settings["TWILIO_AUTH_TOKEN"] = TOKEN
    client = create_app(settings).test_client()
    url = "http://localhost" + KEY_3
    signature = RequestValidator(TOKEN).compute_signature(url, CALL)
    with freeze_time(OPEN):
        response = client.post(url, data=CALL, headers={PRETEND_TIME: pretend,
                                                         "X-Twilio-Signature": signature})
    assert response.status_code == 200
    assert "decision=transfer" in decision(response)
