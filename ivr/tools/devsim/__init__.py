"""The browser simulator at /simulator: a phone keypad on calls the simulated Caller makes.

The page only shows and speaks. Each call is an ivr.tools.simulator.Caller in this process,
driving this very app, and the page asks it through development-only JSON endpoints
(views.py), so what it shows is what this app answers Twilio, read by the one TwiML reader.
ivr.app registers it only in development, when TWILIO_AUTH_TOKEN is not set.
"""
from __future__ import annotations

from flask import Flask

from ivr.tools.devsim.calls import Calls
from ivr.tools.devsim.views import bp


def init_app(app: Flask) -> None:
    app.extensions["devsim"] = Calls()
    app.register_blueprint(bp)
