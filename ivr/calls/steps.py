"""What the navigator answers: where a call is (`CallState`), and the next step — what the caller
hears, and whether the IVR then waits for a key, transfers the call, or hangs up. Plain values,
so the web layer can turn them into TwiML and URLs, and tests can compare them."""
from __future__ import annotations

from dataclasses import dataclass

from ivr.menus.fields import Prompt, Recording
from ivr.menus.model import Language

CONNECTED = frozenset({"completed", "answered"})


@dataclass(frozen=True)
class Return:
    """Where a `back` option takes the caller: the menu of the line they came from, and its
    language."""

    line: str
    menu: str
    lang: str


@dataclass(frozen=True)
class CallState:
    """Where a call is: its line, menu and language, the failures in a row, where back leads."""

    line: str
    menu: str
    lang: str
    fails: int = 0
    back: Return | None = None


@dataclass(frozen=True)
class Speech:
    """One thing the caller hears, in one language and voice; `audio` plays a recording instead."""

    text: str
    language: Language
    audio: str | None = None

    @classmethod
    def of(cls, prompt: Prompt, language: Language) -> Speech:
        """A text of the menus as said in `language`: spoken, or its recording played."""
        if isinstance(prompt, Recording):
            return cls(prompt.text, language, prompt.play)
        return cls(prompt, language)


@dataclass(frozen=True)
class MenuPart:
    """One thing a menu says: its intro, its prompt, the announcement of option `key`, or a
    dated announcement of temporary.yaml, `name`."""

    kind: str  # "intro", "prompt", "announce" or "announcement"
    key: str | None
    speech: Speech
    name: str | None = None


@dataclass(frozen=True)
class Listening:
    """A menu whose options may be said: in which language to recognise speech, and the words
    the options may be said with (hints for the recogniser)."""

    language: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Ask:
    """Speak (interruptibly), then wait for a key, or for speech when `listening`; the answer
    comes with `state`."""

    state: CallState
    speech: tuple[Speech, ...]
    timeout: int
    listening: Listening | None = None


@dataclass(frozen=True)
class Dial:
    """Say `speech`, then transfer to `number`, pressing `digits` once it answers; the outcome
    comes back with state, key, attempt."""

    state: CallState
    key: str
    attempt: int
    number: str
    speech: tuple[Speech, ...]
    digits: str | None = None


@dataclass(frozen=True)
class Hangup:
    speech: tuple[Speech, ...]


@dataclass(frozen=True)
class Step:
    """What to do next, and why, for the call's log."""

    action: Ask | Dial | Hangup
    decision: str
    reason: str | None = None
    key: str | None = None

    @property
    def state(self) -> CallState | None:
        return getattr(self.action, "state", None)
