"""The application factory: settings and menus checked at start, then the webhook wired up."""
from __future__ import annotations

from typing import Mapping

from flask import Flask, request
from twilio.request_validator import RequestValidator
from werkzeug.exceptions import HTTPException

from ivr import devsim, logs, twiml
from ivr.navigator import Navigator, Speech
from ivr.security import is_signed
from ivr.settings import Settings
from ivr.store import MenusStore
from ivr.web import bp, xml


def create_app(config: Mapping[str, object] | None = None) -> Flask:
    """Build the app; raises ConfigError (naming file and line) when the menus are not sound."""
    settings = Settings.load(config)
    app = Flask(__name__)
    app.config.update(IVR_SETTINGS=settings)
    app.extensions["ivr"] = MenusStore(
        settings.menus, lambda menus: Navigator(menus, settings.dial_override),
        settings.reload_every)
    logs.configure()
    app.register_blueprint(bp)
    if not settings.auth_token:  # development: the browser simulator and its pretend clock
        app.register_blueprint(devsim.bp)

    validator = RequestValidator(settings.auth_token) if settings.auth_token else None

    @app.before_request
    def require_signature():
        if validator is not None and not is_signed(request, validator):
            logs.CALLS.warning("forbidden", extra={"fields": {
                "path": request.path, "call_sid": request.values.get("CallSid"),
                "reason": "missing or invalid X-Twilio-Signature"}})
            return xml(twiml.apology(()), status=403)
        return None

    @app.route("/voice/fallback", methods=["GET", "POST"])
    def fallback():
        """Twilio's Fallback URL: the primary answer failed; apologise and end the call."""
        logs.CALLS.error("fallback", extra={"fields": {
            "call_sid": request.values.get("CallSid"),
            "error_code": request.values.get("ErrorCode"),
            "error_url": request.values.get("ErrorUrl")}})
        return xml(twiml.apology(_sorry(app)))

    @app.errorhandler(Exception)
    def apologise(error: Exception):
        if isinstance(error, HTTPException):
            return xml(twiml.apology(_sorry(app)), status=error.code or 500)
        logs.log_error("unexpected error", path=request.path,
                       call_sid=request.values.get("CallSid"))
        # 200, not 500: Twilio speaks this apology instead of its own application-error message.
        return xml(twiml.apology(_sorry(app)))

    return app


def _sorry(app: Flask) -> tuple[Speech, ...]:
    menus = app.extensions["ivr"].menus
    language = menus.languages[menus.lines[menus.default_line].languages[0]]
    return (Speech(language.messages.error, language),)
