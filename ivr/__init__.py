"""An IVR (voice phone tree) for Twilio, configured in YAML: see README.md.

The layers, each a package that imports only those above it in this list:

- `ivr.menus` — reading the operators' YAML into one frozen, validated model (no web code);
- `ivr.calls` — the holiday-aware hours, the phrasing and the call as a state machine (pure);
- `ivr.records` — call records: written beside the calls, off the request path, and counted;
- `ivr.web` — the Flask webhook: views, TwiML, the wire protocol, signatures, reloads;
- `ivr.tools` — what people run beside the server: the simulated caller and the commands.

`create_app` (ivr.app: the webhook, and in development the browser simulator) is loaded only
when asked for, so that importing the core imports no Flask.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ivr.menus import ConfigError, Menus, load_menus

if TYPE_CHECKING:
    from ivr.app import create_app

__all__ = ["ConfigError", "Menus", "create_app", "load_menus"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from ivr.app import create_app

        return create_app
    raise AttributeError(f"module 'ivr' has no attribute {name!r}")
