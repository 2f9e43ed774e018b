"""Twilio's limits on what a call says, for the sentence the IVR builds itself: a closed desk's
sentence must fit one <Say> of its language's voice, and the answer that carries it, with the
note and the menu said after it, one TwiML document (64 KB).

Menus are checked so when they are loaded to be served or checked (`LIMITS`, given to the
loader), so that no call meets a limit. The longest closed sentence of a desk in a language is
its hours with the longest reason it can be closed for and the longest next opening it can
announce: the longest date of a year at the longest of its opening times. An answer is
measured as Twilio receives it: its texts escaped for XML, each <Say>'s markup, and an
allowance for the <Gather>, its hints, its two URLs and the <Redirect>.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from xml.sax.saxutils import escape

from ivr.calls.dated_hours import by_start, followed
from ivr.calls.hours import CHANGE, Decision
from ivr.calls.navigator import Navigator
from ivr.calls.phrasing import closed_text, hours_text, moment_text, with_today
from ivr.calls.steps import CallState, Speech
from ivr.menus.changes import TimedChange
from ivr.menus.lengths import spoken_bytes, too_long
from ivr.menus.loader import Menus, Sources
from ivr.menus.model import Language
from ivr.menus.options import TransferOption
from ivr.menus.problems import Problem
from ivr.menus.schedule import HOLIDAY, OUTSIDE_HOURS, DayType, Schedule
from ivr.menus.twiml_types import MAX_DOCUMENT_BYTES

_LEAP_YEAR = 2028  # its 366 dates hold every month and weekday name a next opening can say
# <Response>, <Gather> with its attributes, its action URL twice (in <Redirect> too), leaving
# out the names and the hints, which are counted; and <Say language="" voice=""></Say>.
_MARKUP, _SAY_MARKUP = 1024, 40
# The longest date of each way of writing dates: (locale, patterns, number words) → midnight.
_LONGEST_DATES: dict[tuple, datetime] = {}


def check_limits(menus: Menus, sources: Sources) -> list[Problem]:
    """A problem for each closed sentence longer than its voice can say in one <Say>, and for
    each menu whose answer to a closed key would be larger than a TwiML document may be."""
    nav, problems = Navigator(menus), []
    closed: dict[tuple[str, str], int] = {}  # (language, schedule) → its longest sentence's bytes
    dates = {code: _longest_date(language) for code, language in menus.languages.items()}
    for line_name, line in menus.lines.items():
        for menu_name, menu in line.menus.items():
            desks = [(key, option.transfer) for key, option in menu.options.items()
                     if isinstance(option, TransferOption)]
            for code in line.languages if desks else ():
                language = menus.languages[code]
                # The menu said after a closed desk's sentence is the same for all its keys.
                menu_size = _answer_bytes(nav, CallState(line_name, menu_name, code))
                for key, transfer in desks:
                    name = transfer.schedule_for(code)
                    if (code, name) not in closed:
                        sentence = _longest_closed(menus, code, name, dates[code])
                        closed[code, name] = _said_bytes(Speech(sentence, language))
                        found = too_long(sentence, language.voice)
                        if found:
                            problems.append(sources.languages[code].problem(
                                ("messages", "closed"),
                                f"closed at its longest, for schedule {name!r}: {found}",
                                "shorten closed, the reasons or the sentences of the hours"))
                    note = (transfer.when_closed or {}).get(code)
                    size = menu_size + closed[code, name] + (
                        _said_bytes(Speech.of(note, language)) if note else 0)
                    if size > MAX_DOCUMENT_BYTES:
                        problems.append(sources.lines[line_name].problem(
                            ("menus", menu_name, "options", key),
                            f"when this desk is closed, the answer in {code} can be {size:,} "
                            f"bytes, and Twilio takes {MAX_DOCUMENT_BYTES:,} at most",
                            "shorten the menu's prompt and announcements, or split the menu"))
    return problems


def _longest_closed(menus: Menus, code: str, name: str, longest_date: datetime) -> str:
    """The closed sentence of schedule `name` in `code` at its longest."""
    language, schedule = menus.languages[code], menus.schedules[name]
    changes = [change for change in menus.changes[name] if not change.open]
    dated = [change for change in changes if change.hours is not None]
    intervals = [interval for day in DayType for interval in schedule.intervals(day)]
    intervals += [interval for change in dated for day in change.hours or {}
                  for interval in (change.hours or {})[day]]
    clocks = {timedelta(minutes=interval.start) for interval in intervals}
    clocks |= {timedelta(hours=change.end.hour, minutes=change.end.minute) for change in changes
               if change.end is not None}
    first = datetime(_LEAP_YEAR, 1, 1)
    clock = max(clocks or {timedelta()},
                key=lambda t: spoken_bytes(moment_text(language, first + t)))
    opening, hours = longest_date + clock, _longest_hours(language, schedule, dated)
    reasons = [] if schedule.always else [OUTSIDE_HOURS, *(
        [HOLIDAY] if not schedule.intervals(DayType.HOLIDAY) else []),
        *(closure.reason for closure in schedule.closures)]
    decisions = [Decision(False, reason, "", opening) for reason in reasons]
    decisions += [Decision(False, CHANGE, "", opening, change) for change in changes
                  if change.message]
    return max((closed_text(code, language, schedule, decision, hours)
                for decision in decisions), key=spoken_bytes, default="")


def _longest_hours(language: Language, schedule: Schedule, dated: list[TimedChange]) -> str:
    """The desk's hours at their longest: as written, or with the dated hours without an end
    that begin one after the other; then the longest day's hours dated hours with an end say."""
    for_good = by_start([change for change in dated if change.end is None])
    said = max((hours_text(language, followed(schedule, for_good[:count]))
                for count in range(len(for_good) + 1)), key=spoken_bytes)
    days = [intervals for change in dated if change.end is not None
            for intervals in (change.hours or {}).values()]
    return max((with_today(language, said, today) for today in [(), *days]), key=spoken_bytes)


def _longest_date(language: Language) -> datetime:
    """The midnight whose date the language says at the greatest length."""
    messages = language.messages
    key = (language.locale, messages.date_format, messages.time_format_on_the_hour,
           messages.number_words)
    if key not in _LONGEST_DATES:  # 366 dates take a while; a process loads menus many times
        days = (date(_LEAP_YEAR, 1, 1) + timedelta(days=n) for n in range(366))
        _LONGEST_DATES[key] = max((datetime.combine(day, datetime.min.time()) for day in days),
                                  key=lambda moment: spoken_bytes(moment_text(language, moment)))
    return _LONGEST_DATES[key]


def _answer_bytes(nav: Navigator, state: CallState) -> int:
    """The TwiML answer's size but for what is said before the menu: the markup, the hints,
    and the menu as said again."""
    said = [part.speech for part in nav.menu_parts(state, arriving=False)]
    hints = ", ".join(nav.menus.lines[state.line].menus[state.menu].words_in(state.lang))
    names = 4 * (len(state.line) + len(state.menu))  # in the action URL, twice, and in back
    return _MARKUP + names + spoken_bytes(escape(hints)) + sum(map(_said_bytes, said))


def _said_bytes(speech: Speech) -> int:
    """One <Say> (or <Play>) in the document: its text escaped for XML, and its markup."""
    return (spoken_bytes(escape(speech.audio or speech.text)) + _SAY_MARKUP
            + len(speech.language.say) + len(speech.language.voice))
