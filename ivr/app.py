"""The composition root: the webhook app, and in development the browser simulator beside it.

It stands above the layers on purpose. The webhook (ivr.web) must not know the tools, yet the
browser simulator it serves in development (ivr.tools.devsim) drives the simulated caller, a
tool: only a module above both can put them in one app.
"""
from __future__ import annotations

from collections.abc import Mapping

from flask import Flask

from ivr.tools import devsim
from ivr.web import factory
from ivr.web.clock import Clock, real_clock


def create_app(config: Mapping[str, object] | None = None, clock: Clock = real_clock) -> Flask:
    """The app `gunicorn app:app` serves; raises ConfigError (naming file and line) on bad menus.

    `config` overrides the environment's settings; `clock` tells the time in the menus' zone.
    """
    app = factory.create_app(config, clock)
    # Live, with TWILIO_AUTH_TOKEN set, /simulator does not exist: no one may place calls or
    # move the clock through it.
    if not app.config["IVR_SETTINGS"].auth_token:
        devsim.init_app(app)
    return app
