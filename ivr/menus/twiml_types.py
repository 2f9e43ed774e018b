"""Twilio's own TwiML type definitions, vendored: the attributes each verb the IVR answers with
takes, the value lists of those that have one (voices, languages, inputs), and the limits Twilio
sets on what one answer says.

The lists come from the npm package `twilio` (ivr/menus/data/twilio.json says which version and
file), so that the menus are refused at load when they name a value Twilio does not have, and
the simulated caller refuses an answer that Twilio would not take.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_DATA = Path(__file__).parent / "data" / "twilio.json"

# The largest TwiML document Twilio takes.
MAX_DOCUMENT_BYTES = 64 * 1024
# The longest text one <Say> speaks, by voice family, counted in UTF-8 bytes as Twilio counts
# them (error 13521): a Japanese character is three.
_SAY_LIMITS = {"Polly": 3000, "Google": 5000}
_SAY_LIMIT_OTHERS = 4096


@cache
def catalog() -> dict[str, Any]:
    return json.loads(_DATA.read_text(encoding="utf-8"))


@cache
def values(name: str) -> frozenset[str]:
    """The values of one of Twilio's value lists, e.g. values("SayVoice")."""
    return frozenset(catalog()["enumerations"][name])


def say_limit(voice: str) -> int:
    """The most UTF-8 bytes one <Say> in `voice` may speak."""
    return _SAY_LIMITS.get(voice.partition(".")[0], _SAY_LIMIT_OTHERS)


def describes(verb: str) -> bool:
    """Whether the vendored definitions cover <verb> (those the IVR answers with)."""
    return verb in catalog()["attributes"]


def attribute_problem(verb: str, name: str, value: str) -> str | None:
    """What is wrong with `name="value"` on <verb>, by Twilio's type definitions; None if right."""
    attributes = catalog()["attributes"].get(verb)
    if attributes is None:
        return f"<{verb}> is not a verb of Twilio's TwiML that the IVR answers with"
    kind = attributes.get(name)
    if kind is None:
        return f"<{verb}> has no attribute {name!r}: it takes {', '.join(sorted(attributes))}"
    if kind == "string":
        return None
    if kind == "boolean":
        return None if value in ("true", "false") else f"{verb}@{name} is true or false"
    if kind == "number":
        return None if value.isascii() and value.isdigit() else f"{verb}@{name} is a number"
    listed = kind.removesuffix("[]")
    items = value.split() if kind.endswith("[]") else [value]
    wrong = [item for item in items if item not in values(listed)]
    return f"{verb}@{name}: {', '.join(wrong)} not in Twilio's {listed}" if wrong or not items \
        else None
