"""Settings from the environment (or a mapping given to create_app), checked once at start."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ivr.menus import phones
from ivr.menus.loader import menus_country
from ivr.menus.phones import E164_PATTERN
from ivr.menus.problems import ConfigError, Problem
from ivr.records.database import BadUrl, database_url

# menus/ beside app.py in a checkout; an installed package has none, so ./menus there.
_CHECKOUT_MENUS = Path(__file__).resolve().parents[2] / "menus"
DEFAULT_MENUS = _CHECKOUT_MENUS if _CHECKOUT_MENUS.is_dir() else Path("menus")


class SettingError(ConfigError):
    """A setting from the environment (or create_app's mapping) cannot be used."""


@dataclass(frozen=True)
class Settings:
    menus: Path
    auth_token: str | None
    dial_override: str | None
    reload_every: float = 2.0  # seconds between looks for edited menus; 0: never
    reload_settle: float = 1.0  # seconds an edit must rest unchanged before it is taken up
    public_url: str | None = None  # the base URL Twilio calls; signatures are checked against it
    # Call records: a SQLAlchemy URL; "" for SQLite in the instance folder; None: not recorded.
    database: str | None = ""
    retention_days: int = 90  # records older than this are deleted; 0: kept for ever
    hash_key: str | None = None  # the key of callers' numbers' hashes; None: the instance's
    dashboard_password: str | None = None  # /dashboard's, when live
    answer_cache_mb: float = 4.0  # each worker's kept answers (ivr.web.answers); 0: none kept

    @classmethod
    def load(cls, overrides: Mapping[str, object] | None = None,
             environ: Mapping[str, str] = os.environ) -> Settings:
        """IVR_MENUS, TWILIO_AUTH_TOKEN, IVR_DIAL_OVERRIDE, IVR_RELOAD, IVR_RELOAD_SETTLE,
        IVR_PUBLIC_URL, IVR_DATABASE, IVR_RETENTION_DAYS, IVR_HASH_KEY,
        IVR_DASHBOARD_PASSWORD and IVR_ANSWER_CACHE; `overrides` win over them."""
        values = {**environ, **(overrides or {})}
        menus = Path(_text(values, "IVR_MENUS") or DEFAULT_MENUS)
        return cls(menus=menus,
                   auth_token=_text(values, "TWILIO_AUTH_TOKEN"),
                   dial_override=_phone_number(values, "IVR_DIAL_OVERRIDE", menus),
                   reload_every=_seconds(values, "IVR_RELOAD", 2.0,
                                         "e.g. IVR_RELOAD=2, or IVR_RELOAD=0 to never reload"),
                   reload_settle=_seconds(values, "IVR_RELOAD_SETTLE", 1.0,
                                          "e.g. IVR_RELOAD_SETTLE=1"),
                   public_url=_base_url(_text(values, "IVR_PUBLIC_URL")),
                   database=_database(_text(values, "IVR_DATABASE")),
                   retention_days=_days(_text(values, "IVR_RETENTION_DAYS")),
                   hash_key=_text(values, "IVR_HASH_KEY"),
                   dashboard_password=_text(values, "IVR_DASHBOARD_PASSWORD"),
                   answer_cache_mb=_megabytes(_text(values, "IVR_ANSWER_CACHE")))


def _text(values: Mapping[str, object], name: str) -> str | None:
    return str(values.get(name) or "").strip() or None


def _phone_number(values: Mapping[str, object], name: str, menus: Path) -> str | None:
    """A number checked as the menus' numbers are; one written as dialled at home is read in
    the menus' country, to say what to write."""
    number = _text(values, name)
    if number and not E164_PATTERN.fullmatch(number):
        meant = phones.e164_of(number, menus_country(menus))
        raise _problem(name, f"{number!r} is not an E.164 phone number",
                       (f"did you mean {name}={meant}? " if meant else "")
                       + f"write + then the country code and number, e.g. {name}=+815012345678")
    try:
        return phones.check(number, None) if number else None
    except ValueError as error:
        message, _, hint = str(error).partition(" — ")
        raise _problem(name, message, hint) from None


def _seconds(values: Mapping[str, object], name: str, default: float, example: str) -> float:
    text = _text(values, name)
    try:
        seconds = float(text) if text else default
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise _problem(name, f"{text!r} is not a number of seconds", f"write {example}")
    return seconds


def _base_url(url: str | None) -> str | None:
    """An http(s) URL with a host and nothing after its path: what Twilio's console holds."""
    if url is None:
        return None
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        parts = parts._replace(netloc="")
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query \
            or parts.fragment or parts.username or parts.password:
        raise _problem("IVR_PUBLIC_URL", f"{url!r} is not the base URL Twilio calls",
                       "write the scheme and host as in the Twilio console, "
                       "e.g. IVR_PUBLIC_URL=https://ivr.example.org")
    return url.rstrip("/")


def _database(text: str | None) -> str | None:
    """"" for the default, None for none, else a URL the records can be written to."""
    if text is None:
        return ""
    if text.lower() == "none":
        return None
    try:
        return database_url(text).render_as_string(hide_password=False)
    except BadUrl as error:
        raise _problem("IVR_DATABASE", error.message, error.hint) from None


def _days(text: str | None) -> int:
    if text is None:
        return 90
    if not (text.isascii() and text.isdigit()):
        raise _problem("IVR_RETENTION_DAYS", f"{text!r} is not a number of days",
                       "write a whole number, e.g. IVR_RETENTION_DAYS=90, or 0 to keep "
                       "records for ever")
    return int(text)


def _megabytes(text: str | None) -> float:
    try:
        size = float(text) if text else 4.0
    except ValueError:
        size = -1.0
    if not 0 <= size <= 1024:
        raise _problem("IVR_ANSWER_CACHE", f"{text!r} is not a size in megabytes",
                       "write the megabytes of answers each worker keeps, e.g. "
                       "IVR_ANSWER_CACHE=4, or IVR_ANSWER_CACHE=0 to keep none")
    return size


def _problem(name: str, message: str, hint: str) -> SettingError:
    return SettingError([Problem(Path(name), 1, 1, (), message, hint)])
