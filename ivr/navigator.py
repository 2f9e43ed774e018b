"""The call as a state machine: (line, state, caller input, now) → the next step. No Flask, no XML.

The whole state of a call is a `CallState` (line, menu, language, failures in a row) plus, during a
transfer, the key and the attempt; the web layer carries it in URLs, so nothing is kept here.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from ivr.config import Menus
from ivr.hours import decide
from ivr.model import REPEAT_KEY, Language, Line, Option
from ivr.phrasing import closed_text

CONNECTED = frozenset({"completed", "answered"})


@dataclass(frozen=True)
class CallState:
    line: str
    menu: str
    lang: str
    fails: int = 0


@dataclass(frozen=True)
class Speech:
    """One thing the caller hears, in one language and voice."""

    text: str
    language: Language


@dataclass(frozen=True)
class Ask:
    """Speak (interruptibly), then wait for a key; the answer comes back with `state`."""

    state: CallState
    speech: tuple[Speech, ...]
    timeout: int


@dataclass(frozen=True)
class Dial:
    """Say `speech`, then transfer to `number`; the outcome comes back with state, key, attempt."""

    state: CallState
    key: str
    attempt: int
    number: str
    speech: tuple[Speech, ...]


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


class Navigator:
    """Answers each turn of a call from the validated menus."""

    def __init__(self, menus: Menus, dial_override: str | None = None) -> None:
        self.menus = menus
        self.dial_override = dial_override

    def line_name(self, requested: str | None, to: str | None = None) -> str:
        """The line a new call reaches: the one in the URL, else the one owning `To`, else the default."""
        if requested in self.menus.lines:
            return requested
        return self.menus.line_for_number(to) or self.menus.default_line

    def start(self, line_name: str | None, to: str | None = None) -> Step:
        """A new call: greeting, then the line's first menu; an unknown line gets an apology first."""
        name = self.line_name(line_name, to)
        line = self.menus.lines[name]
        state = CallState(name, line.start, line.languages[0])
        language = self._language(state)
        if line_name is not None and line_name != name:
            return self._ask(state, (Speech(language.messages.unknown_menu, language),),
                             "unknown-line", reason=line_name)
        return self._ask(state, (Speech(line.greeting[state.lang], language),), "greeting")

    def choose(self, line_name: str, menu: str, lang: str | None, fails: int,
               digits: str | None, now: datetime) -> Step:
        """The caller pressed `digits` (None or "" for silence) in `menu`."""
        state = self._resume(line_name, menu, lang, fails)
        if state is None:
            return self._lost(line_name, menu, lang)
        line, key = self.menus.lines[state.line], (digits or "").strip() or None
        if key == REPEAT_KEY:
            return self._ask(replace(state, fails=0), (), "repeat", key=key)
        option = self._menu(state).options.get(key) if key else None
        if option is None:
            return self._fail(line, state, key)
        return self._act(replace(state, fails=0), key, option, now)

    def dial_outcome(self, line_name: str, menu: str, lang: str | None, key: str,
                     attempt: int, status: str | None, now: datetime) -> Step:
        """A transfer ended with Twilio's DialCallStatus `status`."""
        state = self._resume(line_name, menu, lang, 0)
        option = self._menu(state).options.get(key) if state else None
        if state is None or option is None or not option.transfer:
            return self._lost(line_name, menu, lang)
        if status in CONNECTED:
            return Step(Hangup(()), "connected", status, key)
        numbers = [option.transfer.to, option.transfer.fallback]
        if attempt + 1 < len(numbers) and numbers[attempt + 1]:
            language = self._language(state)
            return self._dial(state, key, attempt + 1, numbers[attempt + 1],
                              Speech(language.messages.trying_fallback, language),
                              "fallback", status)
        language = self._language(state)
        return self._ask(state, (Speech(language.messages.transfer_failed, language),),
                         "transfer-failed", reason=status, key=key)

    def _act(self, state: CallState, key: str, option: Option, now: datetime) -> Step:
        language = self._language(state)
        if option.menu:
            return self._ask(replace(state, menu=option.menu), (), "submenu", key=key)
        if option.say:
            return self._ask(state, (Speech(option.say[state.lang], language),), "message", key=key)
        transfer = option.transfer
        schedule = self.menus.schedules[transfer.schedule]
        decision = decide(schedule, now, self.menus.zone, self.menus.calendar)
        if not decision.open:
            text = closed_text(language, schedule, decision)
            return self._ask(state, (Speech(text, language),), "closed", decision.reason, key)
        return self._dial(state, key, 0, transfer.to,
                          Speech(language.messages.connecting, language), "transfer", None)

    def _fail(self, line: Line, state: CallState, key: str | None) -> Step:
        language = self._language(state)
        messages = language.messages
        decision, said = ("invalid", messages.invalid) if key else ("no-input", messages.no_input)
        fails = state.fails + 1
        if fails >= line.max_failures:
            return Step(Hangup((Speech(said, language), Speech(messages.goodbye, language))),
                        "goodbye", decision, key)
        return self._ask(replace(state, fails=fails), (Speech(said, language),), decision, key=key)

    def _lost(self, line_name: str, menu: str, lang: str | None) -> Step:
        """A URL names a line, menu or key that is not (or no longer) there: apologise, start over."""
        name = self.line_name(line_name)
        line = self.menus.lines[name]
        code = lang if lang in line.languages else line.languages[0]
        state = CallState(name, line.start, code)
        language = self._language(state)
        return self._ask(state, (Speech(language.messages.unknown_menu, language),),
                         "unknown-menu", reason=f"{line_name}/{menu}")

    def _resume(self, line_name: str, menu: str, lang: str | None, fails: int) -> CallState | None:
        line = self.menus.lines.get(line_name)
        if line is None or menu not in line.menus:
            return None
        code = lang if lang in line.languages else line.languages[0]
        return CallState(line_name, menu, code, max(0, fails))

    def _ask(self, state: CallState, before: tuple[Speech, ...], decision: str,
             reason: str | None = None, key: str | None = None) -> Step:
        line = self.menus.lines[state.line]
        prompt = Speech(self._menu(state).prompt[state.lang], self._language(state))
        return Step(Ask(state, before + (prompt,), line.timeout), decision, reason, key)

    def _dial(self, state: CallState, key: str, attempt: int, number: str, said: Speech,
              decision: str, reason: str | None) -> Step:
        dialled = self.dial_override or number
        return Step(Dial(state, key, attempt, dialled, (said,)), decision, reason, key)

    def _menu(self, state: CallState):
        return self.menus.lines[state.line].menus[state.menu]

    def _language(self, state: CallState) -> Language:
        return self.menus.languages[state.lang]
