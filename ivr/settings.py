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

    @classmethod
    def load(cls, overrides: Mapping[str, object] | None = None,
             environ: Mapping[str, str] = os.environ) -> Settings:
        """IVR_MENUS, TWILIO_AUTH_TOKEN and IVR_DIAL_OVERRIDE; `overrides` win over the environment."""
        values = {**environ, **(overrides or {})}
        override = str(values.get("IVR_DIAL_OVERRIDE") or "").strip() or None
        if override and not E164_PATTERN.fullmatch(override):
            raise ConfigError([Problem(Path("IVR_DIAL_OVERRIDE"), 1, 1, (),
                                       f"{override!r} is not an E.164 phone number",
                                       "write + then the country code and number, "
                                       "e.g. IVR_DIAL_OVERRIDE=+815012345678")])
        return cls(menus=Path(str(values.get("IVR_MENUS") or DEFAULT_MENUS)),
                   auth_token=str(values.get("TWILIO_AUTH_TOKEN") or "") or None,
                   dial_override=override)
