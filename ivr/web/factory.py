"""The application factory: settings and menus checked at start, then the webhook wired up."""
from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, Response, abort, request
from twilio.request_validator import RequestValidator
from werkzeug.exceptions import HTTPException

from ivr.calls.limits import check_limits
from ivr.calls.navigator import Navigator, Speech
from ivr.calls.scenario_runner import check_scenarios
from ivr.web import dashboard, logs, recording, twiml
from ivr.web.answers import AnswerCache
from ivr.web.clock import Clock, real_clock
from ivr.web.settings import Settings
from ivr.web.signatures import has_signature, is_signed
from ivr.web.store import MenusStore
from ivr.web.views import bp, params, reading_body, xml

# Twilio's requests are a couple of kilobytes; a body above this is refused unread (413).
MAX_BODY = 32 * 1024


def create_app(config: Mapping[str, object] | None = None, clock: Clock = real_clock) -> Flask:
    """Build the app; raises ConfigError (naming file and line) when the menus are not sound.

    `config` overrides the environment's settings; `clock` tells the time in the menus' zone.
    """
    settings = Settings.load(config)
    # No static files and no automatic OPTIONS answers: every route answers TwiML, and only
    # to the methods Twilio uses.
    app = Flask(__name__, static_folder=None)
    app.config.update(IVR_SETTINGS=settings, MAX_CONTENT_LENGTH=MAX_BODY,
                      PROVIDE_AUTOMATIC_OPTIONS=False)
    app.extensions["ivr"] = MenusStore(
        settings.menus, lambda menus: Navigator(menus, settings.dial_override),
        settings.reload_every, settings.reload_settle, checks=(check_limits, check_scenarios))
    app.extensions["ivr.clock"] = clock
    app.extensions["ivr.answers"] = (AnswerCache(int(settings.answer_cache_mb * 1024 * 1024))
                                     if settings.answer_cache_mb else None)
    logs.configure()
    app.register_blueprint(bp)
    recording.init_app(app, settings)
    dashboard.init_app(app)

    validator = RequestValidator(settings.auth_token) if settings.auth_token else None

    def forbidden() -> Response:
        logs.CALLS.warning("forbidden", extra={"fields": {
            "path": request.path, "method": request.method,
            "call_sid": request.args.get("CallSid"),
            "reason": "missing or invalid X-Twilio-Signature"}})
        return xml(twiml.apology(()), status=403)

    @app.before_request
    def guard() -> Response | None:
        if request.blueprint == "dashboard":
            return None  # the operators' page, not a Twilio endpoint: it has a guard of its own
        # Refuse what Twilio never sends before reading more of it than needed: a request
        # without a signature before its body, a body too large before its form.
        if validator is not None and not has_signature(request):
            return forbidden()
        with reading_body():
            _bound_body()
            if validator is not None and not is_signed(request, validator, settings.public_url):
                return forbidden()
        return None

    @app.route("/voice/fallback", methods=["GET", "POST"])
    def fallback() -> Response:
        """Twilio's Fallback URL: the primary answer failed; apologise and end the call."""
        logs.CALLS.error("fallback", extra={"fields": {
            "call_sid": params().get("CallSid"), "error_code": params().get("ErrorCode"),
            "error_url": params().get("ErrorUrl")}})
        return xml(twiml.apology(_sorry(app)))

    @app.errorhandler(Exception)
    def apologise(error: Exception) -> Response:
        if isinstance(error, HTTPException):
            return xml(twiml.apology(_sorry(app)), status=error.code or 500)
        logs.log_error("unexpected error", path=request.path, call_sid=_call_sid())
        # 200, not 500: Twilio speaks this apology instead of its own application-error message.
        return xml(twiml.apology(_sorry(app)))

    return app


def _sorry(app: Flask) -> tuple[Speech, ...]:
    menus = app.extensions["ivr"].menus
    language = menus.languages[menus.lines[menus.default_line].languages[0]]
    return (Speech(language.messages.error, language),)


def _bound_body() -> None:
    """413 for a body over MAX_BODY: by its Content-Length, unread; a chunked body (no length)
    is read here, and only up to the limit."""
    if request.content_length is not None:
        if request.content_length > MAX_BODY:
            abort(413)
    elif request.method == "POST" and len(request.get_data(cache=True)) >= MAX_BODY:
        abort(413)  # read up to the limit, which the body reached: it is larger


def _call_sid() -> str | None:
    """The call's id for the error log, if it can be read: the error may be in the request."""
    try:
        return params().get("CallSid")
    except Exception:  # noqa: BLE001 -- an error handler must answer whatever the request is
        return None
