"""Settings from the environment (or a mapping given to create_app), checked once at start."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ivr.errors import ConfigError, Problem
from ivr.fields import E164_PATTERN

DEFAULT_MENUS = Path(__file__).resolve().parent.parent / "menus"


@dataclass(frozen=True)
class Settings:
    menus: Path
    auth_token: str | None
    dial_override: str | None
    reload_every: float = 2.0  # seconds between looks for edited menus; 0: never

    @classmethod
    def load(cls, overrides: Mapping[str, object] | None = None,
             environ: Mapping[str, str] = os.environ) -> Settings:
        """IVR_MENUS, TWILIO_AUTH_TOKEN, IVR_DIAL_OVERRIDE, IVR_RELOAD; `overrides` win over them."""
        values = {**environ, **(overrides or {})}
        override = str(values.get("IVR_DIAL_OVERRIDE") or "").strip() or None
        if override and not E164_PATTERN.fullmatch(override):
            raise ConfigError([Problem(Path("IVR_DIAL_OVERRIDE"), 1, 1, (),
                                       f"{override!r} is not an E.164 phone number",
                                       "write + then the country code and number, "
                                       "e.g. IVR_DIAL_OVERRIDE=+815012345678")])
        return cls(menus=Path(str(values.get("IVR_MENUS") or DEFAULT_MENUS)),
                   auth_token=str(values.get("TWILIO_AUTH_TOKEN") or "") or None,
                   dial_override=override, reload_every=_seconds(values.get("IVR_RELOAD")))


def _seconds(value: object) -> float:
    text = str(value if value is not None else "").strip()
    try:
        seconds = float(text) if text else 2.0
    except ValueError:
        seconds = -1.0
    if seconds < 0:
        raise ConfigError([Problem(Path("IVR_RELOAD"), 1, 1, (),
                                   f"{text!r} is not a number of seconds",
                                   "write e.g. IVR_RELOAD=2, or IVR_RELOAD=0 to never reload")])
    return seconds
