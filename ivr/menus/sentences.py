"""Checks of each language's file against the others: it speaks with a voice and codes Twilio
has, and can say every sentence a call may need, its {placeholders} and date patterns included.
"""
from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time

from ivr.menus import voices
from ivr.menus.model import Language, Messages
from ivr.menus.problems import Problem
from ivr.menus.schedule import HOLIDAY, OUTSIDE_HOURS, DayType, Schedule
from ivr.menus.yamlsource import Document

_FORMATTER = string.Formatter()
# A date or time says numbers up to 59 (minutes); number_words must reach that far.
NUMBERS_SAID = 60


def check_languages(languages: Mapping[str, Language], docs: Mapping[str, Document],
                    schedules: Mapping[str, Schedule]) -> list[Problem]:
    """Each language has a voice Twilio has, and can say every sentence a call may need."""
    closure_reasons = {c.reason for s in schedules.values() for c in s.closures}
    problems = []
    for code, language in languages.items():
        doc, messages = docs[code], language.messages
        try:
            Locale.parse(language.locale)
        except (UnknownLocaleError, ValueError):
            problems.append(doc.problem(("locale",), f"{language.locale!r} is not a CLDR locale",
                                        "write a locale such as ja_JP or en_US"))
            continue
        for where, found in ((("voice",), voices.say_problem(language.voice, language.say)),
                             (("listen",), voices.listen_problem(language.listen))):
            if found:
                problems.append(doc.problem(where, *found))
        problems += _templates(doc, messages)
        problems += _formats(doc, language)
        if 0 < len(messages.number_words) < NUMBERS_SAID:
            last = len(messages.number_words) - 1
            problems.append(doc.problem(
                ("messages", "number_words"),
                f"number_words says 0 to {last}, and a time can need up to {NUMBERS_SAID - 1}",
                f"list the words for 0 to {NUMBERS_SAID - 1} at least, in order"))
        needs = {"reasons": {OUTSIDE_HOURS, HOLIDAY} | closure_reasons,
                 "closure_names": closure_reasons, "days": {day.value for day in DayType}}
        for field, wanted in needs.items():
            for name in sorted(wanted - set(getattr(messages, field))):
                problems.append(doc.problem(("messages", field), f"{field} has no {name!r}",
                                            f"add `{name}: ...` under {field}"))
    return problems


def _templates(doc: Document, messages: Messages) -> list[Problem]:
    """Every {placeholder} is one the IVR fills in, so no sentence can fail during a call."""
    problems = []
    for field, allowed in Messages.PLACEHOLDERS.items():
        usage = "use only " + ", ".join(f"{{{a}}}" for a in sorted(allowed))
        written = getattr(messages, field)
        if written is None:  # a sentence a language may leave out
            continue
        try:
            used = {name for _, name, _, _ in _FORMATTER.parse(written)
                    if name is not None}
        except ValueError:
            problems.append(doc.problem(("messages", field), "a { or } is not closed",
                                        usage + "; write {{ or }} for a brace itself"))
            continue
        problems += [doc.problem(("messages", field), f"{{{name}}} is not filled in here", usage)
                     for name in sorted(used - allowed)]
    return problems


_SAMPLE = datetime(2027, 1, 4, 9, 30)


def _formats(doc: Document, language: Language) -> list[Problem]:
    """The date and time patterns work in the locale: tried here as a call would use them."""
    problems = []
    messages = language.messages
    for field, render, example in (("date_format", format_date, "M月d日EEEE, EEEE, MMMM d"),
                                   ("time_format", format_time, "aK時m分, h:mm a"),
                                   ("time_format_on_the_hour", format_time, "aK時, h a")):
        try:
            render(_SAMPLE, getattr(messages, field), locale=language.locale)
        except Exception:  # noqa: BLE001 -- Babel raises several kinds for a bad pattern
            kind = "date" if field == "date_format" else "time"
            problems.append(doc.problem(("messages", field),
                                        f"{getattr(messages, field)!r} is not a CLDR {kind} "
                                        "pattern", f"write a {kind} pattern such as {example}"))
    return problems
