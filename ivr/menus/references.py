"""Checks across files: every name a call will look up exists, in every language it needs."""
from __future__ import annotations

import difflib
import re
import string
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time

from ivr.menus import voices
from ivr.menus.changes import ALL, Change, ChangesFile
from ivr.menus.fields import NAME_PATTERN
from ivr.menus.model import (
    Language,
    Line,
    Menu,
    Messages,
    Option,
    Recording,
    SchedulesFile,
    Transfer,
)
from ivr.menus.problems import Problem
from ivr.menus.schedule import HOLIDAY, OUTSIDE_HOURS, Closure, DayType, Schedule
from ivr.menus.yamlsource import Document

VOCABULARY = sorted({field for model in (Language, Messages, Line, Menu, Option, Transfer,
                                         Recording, Schedule, Closure, SchedulesFile, Change,
                                         ChangesFile)
                     for field in model.model_fields})
# /voice/fallback is Twilio's Fallback URL, so no line may be called that.
RESERVED_LINE_NAMES = {"fallback"}
_FORMATTER = string.Formatter()


def suggest(name: str, known: Iterable[str]) -> str:
    """'did you mean …? known: …' for a name that is not among `known`."""
    known = sorted(known)
    close = difflib.get_close_matches(name, known, n=1)
    return (f"did you mean {close[0]!r}? " if close else "") + "known: " + ", ".join(known)


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
        try:
            used = {name for _, name, _, _ in _FORMATTER.parse(getattr(messages, field))
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
    for field, render, example in (("date_format", format_date, "M月d日(E), EEEE, MMMM d"),
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


def check_lines(lines: Mapping[str, Line], docs: Mapping[str, Document],
                schedules: Mapping[str, Schedule],
                languages: Mapping[str, Language]) -> list[Problem]:
    """Menus, lines, schedules and languages named exist; every text is there in every language."""
    problems = []
    owners: dict[str, str] = {}
    for name, line in lines.items():
        doc = docs[name]
        if not re.fullmatch(NAME_PATTERN, name) or name in RESERVED_LINE_NAMES:
            problems.append(doc.problem((), f"{doc.path.name} cannot be a line's file name",
                                        "name it with lower-case letters, digits and dashes, "
                                        "e.g. card-center.yaml, and not fallback.yaml"))
        for index, code in enumerate(line.languages):
            if code not in languages:
                problems.append(doc.problem(("languages", index), f"no language {code!r}",
                                            _add_language(code, languages)))
        if line.start not in line.menus:
            problems.append(doc.problem(("start",), f"no menu {line.start!r} in this line",
                                        suggest(line.start, line.menus)))
        if line.greeting is not None:
            problems += _texts(doc, ("greeting",), line.greeting, line.languages,
                               needed=line.languages[:1])
        for menu_name, menu in line.menus.items():
            where = ("menus", menu_name)
            if menu.prompt is not None:
                problems += _texts(doc, where + ("prompt",), menu.prompt, line.languages)
            for key, option in menu.options.items():
                problems += _option(doc, where + ("options", key), option, line, lines,
                                    schedules, languages)
        for index, number in enumerate(line.numbers):
            if number in owners:
                problems.append(doc.problem(("numbers", index),
                                            f"{number} already routes to {owners[number]}",
                                            "list each Twilio number in one line only"))
            owners.setdefault(number, name)
    return problems


def _option(doc: Document, where: tuple, option: Option, line: Line, lines: Mapping[str, Line],
            schedules: Mapping[str, Schedule], languages: Mapping[str, Language]) -> list[Problem]:
    problems = []
    if option.transfer:
        problems += _schedules(doc, where + ("transfer", "schedule"), option.transfer, line,
                               schedules)
    if option.menu and option.menu not in line.menus:
        problems.append(doc.problem(where + ("menu",), f"no menu {option.menu!r} in this line",
                                    suggest(option.menu, line.menus)))
    target = lines.get(option.line) if option.line else line
    if option.line and target is None:
        problems.append(doc.problem(where + ("line",), f"no line {option.line!r}",
                                    suggest(option.line, lines)))
    if option.language and target is not None and option.language not in target.languages:
        problems.append(doc.problem(where + ("language",),
                                    f"{option.language!r} is not a language of that line",
                                    "write one of " + ", ".join(target.languages)))
    if option.say:
        problems += _texts(doc, where + ("say",), option.say, line.languages)
    for code in option.announce or {}:
        if code not in languages:
            problems.append(doc.problem(where + ("announce", code), f"no language {code!r}",
                                        _add_language(code, languages)))
    return problems


def _add_language(code: str, languages: Mapping[str, Language]) -> str:
    if not languages:
        return f"add menus/languages/{code}.yaml"
    return (f"add menus/languages/{code}.yaml, or write a language that has a file: "
            + ", ".join(sorted(languages)))


def _schedules(doc: Document, where: tuple, transfer: Transfer, line: Line,
               schedules: Mapping[str, Schedule]) -> list[Problem]:
    named = transfer.schedule
    if isinstance(named, str):
        named, where_of = {None: named}, lambda code: where
    else:
        where_of = lambda code: where + (code,)  # noqa: E731
        missing = [code for code in line.languages if code not in named]
        if missing:
            return [doc.problem(where, f"no schedule for {', '.join(missing)}",
                                "give a schedule for every language of the line")]
    return [doc.problem(where_of(code), f"unknown schedule {wanted!r}",
                        suggest(wanted, schedules) + " (in schedules.yaml)")
            for code, wanted in named.items() if wanted not in schedules]


def _texts(doc: Document, where: tuple, texts: Mapping, offered: tuple[str, ...],
           needed: tuple[str, ...] | None = None) -> list[Problem]:
    problems = [doc.problem(where, f"no {code} text here, and the line offers {code}",
                            f"add `{code}: ...` under {where[-1]}")
                for code in (offered if needed is None else needed) if code not in texts]
    problems += [doc.problem(where + (code,), f"the line does not offer {code!r}",
                             "add it to the line's languages, or remove this text")
                 for code in texts if code not in offered]
    return problems


def check_changes(changes: ChangesFile, doc: Document, schedules: Mapping[str, Schedule],
                  languages: Mapping[str, Language]) -> list[Problem]:
    """Temporary changes name schedules that exist and tell every language why."""
    problems = []
    for index, change in enumerate(changes.changes):
        where = ("changes", index)
        for position, name in enumerate(change.schedules):
            if name != ALL and name not in schedules:
                problems.append(doc.problem(where + ("schedules", position),
                                            f"unknown schedule {name!r}",
                                            suggest(name, [*schedules, ALL])))
        for code in sorted(set(languages) - set(change.message or {})) if change.message else ():
            problems.append(doc.problem(where + ("message",), f"no {code} text here",
                                        f"add `{code}: ...`: callers may hear it in {code}"))
        start, end = change.timed(UTC).start, change.timed(UTC).end
        if start is not None and end <= start:
            problems.append(doc.problem(where + ("end",), "the change ends before it starts",
                                        "write an end later than the start"))
        elif start is not None and end - start > timedelta(days=366):
            problems.append(doc.problem(where + ("end",), "a temporary change lasts over a year",
                                        "change the hours in schedules.yaml instead"))
    return problems


def default_line(lines: Mapping[str, Line], docs: Mapping[str, Document],
                 problems: list[Problem], folder: Path) -> str:
    """The line that /voice answers: the one marked default, or the only one."""
    if not lines:
        problems.append(Problem(folder, 1, 1, (), "there is no line",
                                "add a line file such as mynumber.yaml to the menus folder"))
        return ""
    marked = [name for name, line in lines.items() if line.default]
    if len(lines) == 1:
        return next(iter(lines))
    if not marked:
        files = ", ".join(doc.path.name for doc in docs.values())
        problems.append(docs[next(iter(docs))].problem((), f"none of {files} is the default line",
                                                       "add `default: true` to the line that "
                                                       "/voice answers"))
        return ""
    for extra in marked[1:]:
        problems.append(docs[extra].problem(("default",), f"{marked[0]} is the default already",
                                            "remove `default: true` from all lines but one"))
    return marked[0]
