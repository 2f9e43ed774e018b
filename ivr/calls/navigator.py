"""The call as a state machine: (line, state, caller input, now) → the next step. No Flask, no XML.

The whole state of a call is a `CallState` (ivr.calls.steps) plus, during a transfer, the key
and the attempt; the web layer carries it in URLs and checks it against the menus when it reads
it back, so nothing is kept here and nothing here repairs it.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import assert_never

from ivr.calls.dated_hours import said_hours
from ivr.calls.hours import Decision, decide_desk
from ivr.calls.phrasing import closed_text, hours_text, with_today
from ivr.calls.steps import (
    CONNECTED,
    Ask,
    CallState,
    Dial,
    Hangup,
    Listening,
    MenuPart,
    Return,
    Speech,
    Step,
)
from ivr.calls.words import match_words
from ivr.menus.fields import REPEAT_KEY, Prompt
from ivr.menus.loader import Menus
from ivr.menus.model import Language, Line, Menu
from ivr.menus.options import (
    BackOption,
    LineOption,
    MenuOption,
    Option,
    SayOption,
    Transfer,
    TransferOption,
)

# Decisions that bring the caller into a menu afresh: its intro is said (not on a repeat, after
# a wrong key or a closed desk).
ARRIVALS = frozenset({"greeting", "unknown-line", "submenu", "line", "back", "unknown-menu"})


class Navigator:
    """Answers each turn of a call from the validated menus."""

    def __init__(self, menus: Menus, dial_override: str | None = None) -> None:
        self.menus = menus
        self.dial_override = dial_override
        # A desk's hours said in a language change only when dated hours without an end begin:
        # by (language, schedule, those changes).
        self._hours: dict[tuple[str, str, tuple[str, ...]], str] = {}

    def line_name(self, requested: str | None, to: str | None = None) -> str:
        """The line a new call reaches: the URL's, else the one owning `To`, else the default."""
        if requested is not None and requested in self.menus.lines:
            return requested
        return self.menus.line_for_number(to) or self.menus.default_line

    def start(self, line_name: str | None, to: str | None = None,
              now: datetime | None = None) -> Step:
        """A new call: greeting, the announcements in force `now` (none without it), then the
        line's first menu; an unknown line, an apology first."""
        name = self.line_name(line_name, to)
        line = self.menus.lines[name]
        state = CallState(name, line.start, line.languages[0])
        notices = self._notices(name, line.languages, now)
        if line_name is not None and line_name != name:
            return self._ask(state, (self._message(state, "unknown_menu"),), "unknown-line",
                             reason=line_name, notices=notices)
        return self._ask(state, self._greeting(line), "greeting", notices=notices)

    def choose(self, state: CallState, digits: str | None, speech: str | None,
               now: datetime) -> Step:
        """The caller pressed `digits` or said `speech` (both empty: silence) in `state.menu`."""
        if not self._exists(state):
            return self._lost(state)
        menu = self._menu(state)
        key = (digits or "").strip() or match_words(speech, menu, state.lang)
        if key == REPEAT_KEY:
            return self._ask(replace(state, fails=0), (), "repeat", key=key)
        option = menu.options.get(key) if key else None
        if key is None or option is None or (option.goes_back and not state.back):
            return self._fail(state, key, heard=speech)
        return self._act(replace(state, fails=0), key, option, now)

    def dial_outcome(self, state: CallState, key: str, attempt: int, status: str | None) -> Step:
        """A transfer ended with Twilio's DialCallStatus `status`."""
        option = self._menu(state).options.get(key) if self._exists(state) else None
        if not isinstance(option, TransferOption):
            return self._lost(state)
        if status in CONNECTED:
            return Step(Hangup(()), "connected", status, key)
        fallback = option.transfer.fallback
        if attempt == 0 and fallback:
            return self._dial(state, key, 1, fallback, self._message(state, "trying_fallback"),
                              "fallback", status)
        return self._ask(state, (self._message(state, "transfer_failed"),), "transfer-failed",
                         reason=status, key=key)

    def _act(self, state: CallState, key: str, option: Option, now: datetime) -> Step:
        match option:
            case MenuOption():
                moved = replace(state, menu=option.menu, lang=option.language or state.lang)
                return self._ask(moved, (), "submenu", key=key)
            case LineOption():
                target = self.menus.lines[option.line]
                lang = option.language or state.lang
                moved = CallState(option.line, target.start,
                                  lang if lang in target.languages else target.languages[0],
                                  back=Return(state.line, state.menu, state.lang))
                # A caller who has not chosen one of its languages hears them all.
                spoken = (option.language,) if option.language else target.languages
                return self._ask(moved, (), "line", key=key,
                                 notices=self._notices(option.line, spoken, now))
            case BackOption():
                back = state.back
                if back is None:  # choose() offers back only to a caller who came from a line
                    return self._fail(state, key, heard=None)
                return self._ask(CallState(back.line, back.menu, back.lang), (), "back", key=key)
            case SayOption():
                return self._ask(state, (self._say(state, option.say[state.lang]),), "message",
                                 key=key)
            case TransferOption():
                name = option.transfer.schedule_for(state.lang)
                decision = decide_desk(self.menus, name, now)
                if not decision.open:
                    return self._closed(state, key, option.transfer, name, decision, now)
                return self._dial(state, key, 0, option.transfer.to,
                                  self._message(state, "connecting"), "transfer", None,
                                  option.transfer.send_digits)
            case _:
                assert_never(option)

    def _closed(self, state: CallState, key: str, transfer: Transfer, name: str,
                decision: Decision, now: datetime) -> Step:
        """Why the desk is closed, its hours, when it opens and any note; then the menu again."""
        language, menus = self._language(state), self.menus
        hours = said_hours(menus.schedules[name], menus.changes[name],
                           now.astimezone(menus.zone), menus.calendar)
        cached = (state.lang, name, hours.changes)
        if cached not in self._hours:
            self._hours[cached] = hours_text(language, hours.schedule)
        text = closed_text(state.lang, language, hours.schedule, decision,
                           with_today(language, self._hours[cached], hours.today))
        note = (transfer.when_closed or {}).get(state.lang)
        said = (Speech(text, language),) + ((self._say(state, note),) if note else ())
        reason = decision.change.name if decision.change else decision.reason
        return self._ask(state, said, "closed", reason, key)

    def _fail(self, state: CallState, key: str | None, heard: str | None) -> Step:
        decision, said = ("invalid", "invalid") if key or heard else ("no-input", "no_input")
        fails = state.fails + 1
        if fails >= self.menus.lines[state.line].max_failures:
            goodbye = (self._message(state, said), self._message(state, "goodbye"))
            return Step(Hangup(goodbye), "goodbye", decision, key)
        return self._ask(replace(state, fails=fails), (self._message(state, said),), decision,
                         reason=heard and f"heard {heard!r}", key=key)

    def _lost(self, state: CallState) -> Step:
        """A URL names a line, menu or key that is not (or no longer) there: apologise, restart."""
        name = self.line_name(state.line)
        line = self.menus.lines[name]
        lang = state.lang if state.lang in line.languages else line.languages[0]
        fresh = CallState(name, line.start, lang)
        return self._ask(fresh, (self._message(fresh, "unknown_menu"),), "unknown-menu",
                         reason=f"{state.line}/{state.menu}")

    def _exists(self, state: CallState) -> bool:
        line = self.menus.lines.get(state.line)
        return line is not None and state.menu in line.menus

    def _ask(self, state: CallState, before: tuple[Speech, ...], decision: str,
             reason: str | None = None, key: str | None = None,
             notices: tuple[MenuPart, ...] = ()) -> Step:
        parts = self.menu_parts(state, decision in ARRIVALS, notices)
        said = [*before, *(part.speech for part in parts)]
        words = self._menu(state).words_in(state.lang)
        listening = Listening(self._language(state).listen, words) if words else None
        timeout = self.menus.lines[state.line].timeout
        return Step(Ask(state, tuple(said), timeout, listening), decision, reason, key)

    def menu_parts(self, state: CallState, arriving: bool,
                   notices: tuple[MenuPart, ...] = ()) -> list[MenuPart]:
        """What the menu says, in order: the options' announcements said first (the way out),
        the `notices` (dated announcements, to a caller entering the line), the intro to a
        caller `arriving`, the prompt, the other announcements (a back option's only to a
        caller who can go back)."""
        menu = self._menu(state)
        announced = [(key, option) for key, option in menu.options.items()
                     if option.announce and (state.back or not option.goes_back)]
        parts = [self._announcement(key, option) for key, option in announced
                 if option.announce_first]
        parts += notices
        if arriving and menu.intro is not None:
            parts.append(MenuPart("intro", None, self._say(state, menu.intro[state.lang])))
        if menu.prompt is not None:
            parts.append(MenuPart("prompt", None, self._say(state, menu.prompt[state.lang])))
        return parts + [self._announcement(key, option) for key, option in announced
                        if not option.announce_first]

    def _greeting(self, line: Line) -> tuple[Speech, ...]:
        """The greeting in each language it is written in, each in its own voice, in the order
        of the line's languages: a caller who has not chosen one hears them all."""
        greeting = line.greeting or {}
        return tuple(Speech.of(greeting[code], self.menus.languages[code])
                     for code in line.languages if code in greeting)

    def _notices(self, line_name: str, spoken: tuple[str, ...],
                 now: datetime | None) -> tuple[MenuPart, ...]:
        """The announcements for the line in force `now`, in each language of `spoken`."""
        if now is None:
            return ()
        return tuple(MenuPart("announcement", None, Speech.of(notice.message[code],
                                                              self.menus.languages[code]),
                              notice.name)
                     for notice in self.menus.announcements[line_name] if notice.in_force(now)
                     for code in spoken if code in notice.message)

    def _announcement(self, key: str, option: Option) -> MenuPart:
        (code, prompt), = (option.announce or {}).items()
        return MenuPart("announce", key, Speech.of(prompt, self.menus.languages[code]))

    def _dial(self, state: CallState, key: str, attempt: int, number: str, said: Speech,
              decision: str, reason: str | None, digits: str | None = None) -> Step:
        dialled = self.dial_override or number
        return Step(Dial(state, key, attempt, dialled, (said,), digits), decision, reason, key)

    def _say(self, state: CallState, prompt: Prompt) -> Speech:
        return Speech.of(prompt, self._language(state))

    def _message(self, state: CallState, name: str) -> Speech:
        language = self._language(state)
        return Speech(getattr(language.messages, name), language)

    def _menu(self, state: CallState) -> Menu:
        return self.menus.lines[state.line].menus[state.menu]

    def _language(self, state: CallState) -> Language:
        return self.menus.languages[state.lang]
