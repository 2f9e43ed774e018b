"""What Twilio can say and hear: its <Say> voices and languages and its <Gather> languages.

The lists are Twilio's own (ivr.menus.twiml_types), so the menus are refused at load when they
name a voice or language code Twilio does not have.
"""
from __future__ import annotations

import re

from ivr.menus.twiml_types import catalog, values

_LEGACY = {"man", "woman", "alice"}


def say_problem(voice: str, say: str) -> tuple[str, str] | None:
    """(what is wrong, what to write) for a <Say> voice and language; None when Twilio has both."""
    if say not in values("SayLanguage"):
        return (f"Twilio cannot speak the language code {say!r}",
                "write a <Say> language Twilio has, e.g. ja-JP, en-US, cmn-CN")
    voices = values("SayVoice")
    if voice not in voices:
        family = sorted(v for v in voices if say.lower() in v.lower())[:3]
        return (f"Twilio has no voice {voice!r}",
                "write one of its voices for " + say + (": " + ", ".join(family) if family else ""))
    speaks = _voice_locales(voice)
    if speaks is not None and say.lower() not in {code.lower() for code in speaks}:
        return (f"the voice {voice} speaks {', '.join(sorted(speaks))}, not {say}",
                f"choose a voice for {say}, or set say: to the voice's language")
    return None


def listen_problem(listen: str) -> tuple[str, str] | None:
    if listen not in values("GatherLanguage"):
        return (f"Twilio cannot recognise speech in {listen!r}",
                "write a <Gather> language Twilio has, e.g. ja-JP, en-US, cmn-Hans-CN")
    return None


def _voice_locales(voice: str) -> set[str] | None:
    """The languages a voice speaks; None when not known (legacy and other voices)."""
    family, _, name = voice.partition(".")
    if voice in _LEGACY:
        return None
    if family == "Google":  # Google.<locale>-<model>-<variant>, e.g. Google.cmn-CN-Chirp3-HD-Kore
        locale = re.match(r"[a-z]{2,3}-[A-Za-z]{2}(?=-)", name)
        return {locale.group(0)} if locale else None
    if family == "Polly":
        return set(catalog()["polly_voice_locales"].get(name.split("-")[0], []))
    return None
