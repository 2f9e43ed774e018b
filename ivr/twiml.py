"""Turn a navigator step into TwiML. The only place that builds XML."""
from __future__ import annotations

from typing import Iterable, Protocol

from twilio.twiml.voice_response import VoiceResponse

from ivr.navigator import Ask, CallState, Dial, Hangup, Speech, Step

# Seconds a desk may ring before Twilio reports no-answer and we try the fallback.
DIAL_TIMEOUT = 30


class Urls(Protocol):
    """Where Twilio sends the caller's answer; the call's state travels in these URLs."""

    def menu(self, state: CallState) -> str: ...

    def dial(self, state: CallState, key: str, attempt: int) -> str: ...


def render(step: Step, urls: Urls) -> str:
    response = VoiceResponse()
    action = step.action
    if isinstance(action, Ask):
        answer = urls.menu(action.state)
        # actionOnEmptyResult: silence comes back to us too, so the server decides what it means.
        gather = response.gather(num_digits=1, timeout=action.timeout, finish_on_key="",
                                 action_on_empty_result=True, action=answer, method="POST",
                                 **_listening(action))
        _say(gather, action.speech)
        # Should a Gather ever end without calling its action, treat it as silence all the same.
        response.redirect(answer, method="POST")
    elif isinstance(action, Dial):
        _say(response, action.speech)
        dial = response.dial(action=urls.dial(action.state, action.key, action.attempt),
                             method="POST", timeout=DIAL_TIMEOUT, answer_on_bridge=True)
        dial.number(action.number)
    elif isinstance(action, Hangup):
        _say(response, action.speech)
        response.hangup()
    return str(response)


def apology(speech: Iterable[Speech]) -> str:
    """Say sorry and end the call: for errors where no menu can be trusted."""
    response = VoiceResponse()
    _say(response, speech)
    response.hangup()
    return str(response)


def _listening(ask: Ask) -> dict[str, str]:
    """Keys, and speech in the caller's language when the menu's options can be said."""
    if not ask.words:
        return {"input": "dtmf"}
    return {"input": "dtmf speech", "language": ask.listen, "hints": ", ".join(ask.words),
            "speech_timeout": "auto"}


def _say(verb, speech: Iterable[Speech]) -> None:
    for item in speech:
        if item.audio:
            verb.play(item.audio)
        else:
            verb.say(item.text, voice=item.language.voice, language=item.language.say)
