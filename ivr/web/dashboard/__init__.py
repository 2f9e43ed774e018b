"""The operators' dashboard at /dashboard: the report's figures as pictures, for a range of days.

It is not a Twilio endpoint: Twilio signatures do not apply to it (ivr.web.factory lets it
through), and no Twilio request can reach it as one. Its own guard: open in development (no
TWILIO_AUTH_TOKEN); when IVR_DASHBOARD_PASSWORD is set, HTTP Basic auth with that password
and any user name (401 without); live without a password it does not exist (404).
"""
from __future__ import annotations

from flask import Flask

from ivr.web.dashboard.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
