"""Checks across files: every name a line gives (a menu, a line, a schedule, a language) exists,
and every text is there in every language it needs. temporary.yaml is checked by
ivr.menus.temporary_checks."""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import assert_never

from ivr.menus.fields import NAME_PATTERN
from ivr.menus.model import Language, Line
from ivr.menus.options import (
    BackOption,
    LineOption,
    MenuOption,
    Option,
    SayOption,
    Transfer,
    TransferOption,
)
from ivr.menus.problems import Problem
from ivr.menus.schedule import Schedule
from ivr.menus.yamlsource import Document

# /voice/fallback is Twilio's Fallback URL and /voice/status its status callback, so no line
# may be called either.
RESERVED_LINE_NAMES = {"fallback", "status"}


def suggest(name: str, known: Iterable[str]) -> str:
    """'did you mean …? known: …' for a name that is not among `known`."""
    known = sorted(known)
    close = difflib.get_close_matches(name, known, n=1)
    return (f"did you mean {close[0]!r}? " if close else "") + "known: " + ", ".join(known)


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
                                        "e.g. card-center.yaml, and not fallback.yaml or "
                                        "status.yaml"))
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
            for said in ("intro", "prompt"):
                texts = getattr(menu, said)
                if texts is not None:
                    problems += _texts(doc, where + (said,), texts, line.languages)
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
    problems = [doc.problem(where + ("announce", code), f"no language {code!r}",
                            _add_language(code, languages))
                for code in option.announce or {} if code not in languages]
    if isinstance(option.words, dict):
        problems += _texts(doc, where + ("words",), option.words, line.languages, needed=())
    match option:
        case TransferOption(transfer=transfer):
            problems += _schedules(doc, where + ("transfer", "schedule"), transfer, line,
                                   schedules)
            if transfer.when_closed is not None:
                problems += _texts(doc, where + ("transfer", "when_closed"), transfer.when_closed,
                                   line.languages, needed=())
        case MenuOption(menu=menu, language=language):
            if menu not in line.menus:
                problems.append(doc.problem(where + ("menu",), f"no menu {menu!r} in this line",
                                            suggest(menu, line.menus)))
            problems += _switch(doc, where, language, line)
        case LineOption(line=name, language=language):
            target = lines.get(name)
            if target is None:
                problems.append(doc.problem(where + ("line",), f"no line {name!r}",
                                            suggest(name, lines)))
            else:
                problems += _switch(doc, where, language, target)
        case SayOption(say=say):
            problems += _texts(doc, where + ("say",), say, line.languages)
        case BackOption():
            pass  # where it returns to is known only during a call
        case _:
            assert_never(option)
    return problems


def _switch(doc: Document, where: tuple, language: str | None, target: Line) -> list[Problem]:
    """The language an option switches to is one of the line it leads to."""
    if not language or language in target.languages:
        return []
    return [doc.problem(where + ("language",), f"{language!r} is not a language of that line",
                        "write one of " + ", ".join(target.languages))]


def _add_language(code: str, languages: Mapping[str, Language]) -> str:
    if not languages:
        return f"add menus/languages/{code}.yaml"
    return (f"add menus/languages/{code}.yaml, or write a language that has a file: "
            + ", ".join(sorted(languages)))


def _schedules(doc: Document, where: tuple, transfer: Transfer, line: Line,
               schedules: Mapping[str, Schedule]) -> list[Problem]:
    named = transfer.schedule
    if isinstance(named, str):
        return [] if named in schedules else [_unknown_schedule(doc, where, named, schedules)]
    missing = [code for code in line.languages if code not in named]
    if missing:
        return [doc.problem(where, f"no schedule for {', '.join(missing)}",
                            "give a schedule for every language of the line")]
    return [_unknown_schedule(doc, where + (code,), wanted, schedules)
            for code, wanted in named.items() if wanted not in schedules]


def _unknown_schedule(doc: Document, where: tuple, wanted: str,
                      schedules: Mapping[str, Schedule]) -> Problem:
    return doc.problem(where, f"unknown schedule {wanted!r}",
                       suggest(wanted, schedules) + " (in schedules.yaml)")


def _texts(doc: Document, where: tuple, texts: Mapping, offered: tuple[str, ...],
           needed: tuple[str, ...] | None = None) -> list[Problem]:
    problems = [doc.problem(where, f"no {code} text here, and the line offers {code}",
                            f"add `{code}: ...` under {where[-1]}")
                for code in (offered if needed is None else needed) if code not in texts]
    problems += [doc.problem(where + (code,), f"the line does not offer {code!r}",
                             "add it to the line's languages, or remove this text")
                 for code in texts if code not in offered]
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
