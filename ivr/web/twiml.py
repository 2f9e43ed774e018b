"""Turn a navigator step into TwiML. The only place that builds XML."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

from twilio.twiml.voice_response import VoiceResponse

from ivr.calls.steps import Ask, CallState, Dial, Listening, Speech, Step

# Seconds a desk may ring before Twilio reports no-answer and we try the fallback.
DIAL_TIMEOUT = 30
# Distinct answers kept built: each is a few kilobytes, and most calls ask the same few.
_CACHED_ANSWERS = 4096

# What is said, as plain values: (text, voice, <Say> language, recording URL or None).
Said = tuple[tuple[str, str, str, str | None], ...]


class Urls(Protocol):
    """Where Twilio sends the caller's answer; the call's state travels in these URLs."""

    def menu(self, state: CallState) -> str: ...

    def dial(self, state: CallState, key: str, attempt: int) -> str: ...


def render(step: Step, urls: Urls) -> str:
    """The TwiML document for `step`; the same step with the same URLs is built only once."""
    action = step.action
    said = _plain(action.speech)
    if isinstance(action, Ask):
        return _ask(urls.menu(action.state), said, action.timeout, action.listening)
    if isinstance(action, Dial):
        return _dial(urls.dial(action.state, action.key, action.attempt), said, action.number,
                     action.digits)
    return _hangup(said)


def apology(speech: Iterable[Speech]) -> str:
    """Say sorry and end the call: for errors where no menu can be trusted."""
    return _hangup(_plain(speech))


def empty() -> str:
    """Nothing to do: the answer to a callback whose answer Twilio does not read."""
    return _EMPTY


_EMPTY = str(VoiceResponse())


@lru_cache(maxsize=_CACHED_ANSWERS)
def _ask(answer: str, said: Said, timeout: int, listening: Listening | None) -> str:
    response = VoiceResponse()
    # actionOnEmptyResult: silence comes back to us too, so the server decides what it means.
    gather = response.gather(num_digits=1, timeout=timeout, finish_on_key="",
                             action_on_empty_result=True, action=answer, method="POST",
                             **_listening(listening))
    _say(gather, said)
    # Should a Gather ever end without calling its action, treat it as silence all the same.
    response.redirect(answer, method="POST")
    return str(response)


@lru_cache(maxsize=_CACHED_ANSWERS)
def _dial(outcome: str, said: Said, number: str, digits: str | None) -> str:
    response = VoiceResponse()
    _say(response, said)
    dial = response.dial(action=outcome, method="POST", timeout=DIAL_TIMEOUT,
                         answer_on_bridge=True)
    dial.number(number, send_digits=digits)
    return str(response)


@lru_cache(maxsize=_CACHED_ANSWERS)
def _hangup(said: Said) -> str:
    response = VoiceResponse()
    _say(response, said)
    response.hangup()
    return str(response)


def _listening(listening: Listening | None) -> dict[str, str]:
    """Keys, and speech in the caller's language when the menu's options can be said."""
    if listening is None:
        return {"input": "dtmf"}
    return {"input": "dtmf speech", "language": listening.language,
            "hints": ", ".join(listening.words), "speech_timeout": "auto"}


def _plain(speech: Iterable[Speech]) -> Said:
    return tuple((s.text, s.language.voice, s.language.say, s.audio) for s in speech)


def _say(verb, said: Said) -> None:
    for text, voice, language, audio in said:
        if audio:
            verb.play(audio)
        else:
            verb.say(text, voice=voice, language=language)
