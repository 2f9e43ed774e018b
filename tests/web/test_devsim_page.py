"""Development only: the browser simulator's page, served by the app itself, reading no TwiML."""
import json
import re

import pytest
from twilio.request_validator import RequestValidator

from ivr import create_app
from ivr.web import factory
from tests.helpers import ROOT

TOKEN = "12345"


def test_in_development_the_simulator_page_offers_the_loaded_lines(client, app):
    response = client.get("/simulator")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    lines = sorted(app.extensions["ivr"].menus.lines)
    assert ('<script type="application/json" id="ivr-config">{"callsUrl": "/simulator/calls", '
            f'"defaultLine": "mynumber", "lines": {json.dumps(lines)}, '
            '"zone": "Asia/Tokyo"}</script>') in page
    assert 'src="/simulator/static/simulator.js"' in page
    assert 'href="/simulator/static/simulator.css"' in page


@pytest.mark.parametrize("name, mimetype", [("simulator.js", "text/javascript"),
                                            ("speaker.js", "text/javascript"),
                                            ("simulator.css", "text/css")])
def test_everything_the_page_needs_is_served_by_the_app_itself(client, name, mimetype):
    response = client.get(f"/simulator/static/{name}")
    assert response.status_code == 200 and response.mimetype == mimetype
    text = response.get_data(as_text=True) + client.get("/simulator").get_data(as_text=True)
    assert not re.search(r"https?://|//[a-z]|@import", text), "no CDN, font or other outside URL"


def test_no_javascript_in_the_repo_reads_twiml(client):
    # The Caller is the one TwiML reader; a second one in the browser drifted from it before.
    # build/ is what `pip install .` leaves: copies of the package, ignored by git.
    scripts = [path for path in ROOT.rglob("*.js")
               if not {".venv", "node_modules", "build"} & set(path.relative_to(ROOT).parts)]
    assert sorted(path.name for path in scripts) == ["simulator.js", "speaker.js"]
    for path in scripts:
        assert not re.search(r"DOMParser|parseFromString|responseXML|text/xml|/voice|<Response",
                             path.read_text(encoding="utf-8")), path
    assert client.get("/simulator/static/caller.js").status_code == 404


@pytest.mark.parametrize("method, path", [("GET", "/simulator"),
                                          ("GET", "/simulator/static/simulator.js"),
                                          ("POST", "/simulator/calls")])
def test_with_an_auth_token_the_simulator_does_not_exist(settings, method, path):
    settings["TWILIO_AUTH_TOKEN"] = TOKEN
    app = create_app(settings)
    signature = RequestValidator(TOKEN).compute_signature("http://localhost" + path, {})
    response = app.test_client().open(path, method=method,
                                      headers={"X-Twilio-Signature": signature})
    assert response.status_code == 404
    assert response.mimetype == "text/xml" and b"<Hangup />" in response.data
    assert "devsim" not in app.blueprints


def test_the_web_layer_alone_serves_no_simulator(settings):
    # ivr.app, the composition root, adds it: the webhook's own factory knows no tools.
    app = factory.create_app(settings)
    assert "devsim" not in app.blueprints
    assert app.test_client().get("/simulator").status_code == 404
