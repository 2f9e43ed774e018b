"""The browser simulator at /simulator: a phone keypad that calls this app's own webhook.

The page reads TwiML in the browser (static/caller.js mirrors ivr/simulator.py), so what it
shows is what this app answers Twilio. ivr.app registers it only in development, when
TWILIO_AUTH_TOKEN is not set; its pretend time is the X-IVR-Pretend-Time header of ivr.web.views.
"""
from __future__ import annotations

from flask import Blueprint, Flask, current_app, render_template, url_for

from ivr.web.views import PRETEND_TIME

bp = Blueprint("devsim", __name__, static_folder="static", static_url_path="/simulator/static",
               template_folder="templates")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


@bp.route("/simulator", methods=["GET"])
def page() -> str:
    menus = current_app.extensions["ivr"].menus
    simulator = {"lines": sorted(menus.lines), "defaultLine": menus.default_line,
                 "zone": menus.zone.key, "voiceUrl": url_for("voice.start"),
                 "pretendHeader": PRETEND_TIME}
    return render_template("devsim/simulator.html", simulator=simulator)
