"""Checks of temporary.yaml against the other files: the schedules and lines it names exist, each
message is there in exactly the languages whose callers can hear it, and dated hours can be said.

Who hears what: a change to a schedule is heard by the callers whose language makes a transfer
follow that schedule (`schedule: {vi: foreign-b, …}` is heard in vi, not in en); an
announcement, by the callers of the lines it names, in every language of those lines.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, timedelta

from ivr.menus.announcements import ALL_LINES, Announcement
from ivr.menus.changes import ALL, Change, ChangesFile
from ivr.menus.lengths import too_long
from ivr.menus.model import Language, Line
from ivr.menus.options import TransferOption
from ivr.menus.problems import Problem
from ivr.menus.references import suggest
from ivr.menus.schedule import DayType, Schedule, days_given
from ivr.menus.yamlsource import Document

# Who hears a schedule in a language: one transfer that follows it for callers in that
# language, "foreign topics 1"; by schedule, then language.
Hearers = dict[str, dict[str, str]]


def hearers(lines: Mapping[str, Line]) -> Hearers:
    """For each schedule, the languages whose callers reach it, each with a transfer there."""
    found: Hearers = {}
    for name, line in lines.items():
        for menu_name, menu in line.menus.items():
            for key, option in menu.options.items():
                if isinstance(option, TransferOption):
                    for code in line.languages:
                        found.setdefault(option.transfer.schedule_for(code), {}).setdefault(
                            code, f"{name} {menu_name} {key}")
    return found


def check_temporary(temporary: ChangesFile, doc: Document, schedules: Mapping[str, Schedule],
                    languages: Mapping[str, Language],
                    lines: Mapping[str, Line]) -> list[Problem]:
    """Every change and announcement of temporary.yaml, against the files they name."""
    heard = hearers(lines)
    problems: list[Problem] = []
    for index, change in enumerate(temporary.changes):
        problems += _change(doc, ("changes", index), change, schedules, languages, heard)
    problems += _open_ended(temporary.changes, doc, schedules)
    for index, notice in enumerate(temporary.announcements):
        problems += _announcement(doc, ("announcements", index), notice, lines, languages)
    return problems


def _change(doc: Document, where: tuple, change: Change, schedules: Mapping[str, Schedule],
            languages: Mapping[str, Language], heard: Hearers) -> list[Problem]:
    problems = []
    for position, name in enumerate(change.schedules):
        if name != ALL and name not in schedules:
            problems.append(doc.problem(where + ("schedules", position),
                                        f"unknown schedule {name!r}",
                                        suggest(name, [*schedules, ALL])))
        elif change.hours is not None and name != ALL and schedules[name].always:
            problems.append(doc.problem(
                where + ("schedules", position), f"{name!r} is open 24 hours, every day: it has "
                "no hours to change", "close it for a while with a closure (state: closed), or "
                "give it hours in schedules.yaml"))
    touched = [name for name, schedule in schedules.items() if change.applies_to(name, schedule)]
    callers = {code: f"{desk} follows {name} for callers in {code}" for name in reversed(touched)
               for code, desk in heard.get(name, {}).items()}
    if change.message:
        problems += [doc.problem(where + ("message",), f"no {code} text here, and callers in "
                                 f"{code} can hear it", f"add `{code}: ...`: {why}")
                     for code, why in sorted(callers.items()) if code not in change.message]
    if change.hours is not None and change.end is not None:
        problems += [doc.problem(where + ("hours",), f"callers in {code} are told today's hours "
                                 f"while this change is in force, and languages/{code}.yaml has "
                                 "no today_hours sentence", "add `today_hours: ...` under its "
                                 "messages, e.g. en: \"Today we are open {intervals}\"")
                     for code in sorted(callers) if code in languages
                     and languages[code].messages.today_hours is None]
    start, end = change.timed(UTC).start, change.timed(UTC).end
    if start is not None and end is not None and end <= start:
        problems.append(doc.problem(where + ("end",), "the change ends before it starts",
                                    "write an end later than the start"))
    elif start is not None and end is not None and end - start > timedelta(days=366):
        problems.append(doc.problem(where + ("end",), "a temporary change lasts over a year",
                                    "change the hours in schedules.yaml instead"))
    return problems


def _open_ended(changes: tuple[Change, ...], doc: Document,
                schedules: Mapping[str, Schedule]) -> list[Problem]:
    """Dated hours without an end become a schedule's hours for good: the schedule must still
    open somewhere, or callers could never be told when."""
    problems = []
    for name, schedule in schedules.items():
        if schedule.always:
            continue
        days: dict[DayType, tuple] = {}
        for index, change in enumerate(changes):
            if change.hours is None or change.end is not None \
                    or not change.applies_to(name, schedule):
                continue
            days.update(days_given(change.hours))
            if not any(schedule.with_days(days).intervals(day) for day in DayType):
                problems.append(doc.problem(
                    ("changes", index, "hours"), f"from its start, {name!r} would never open "
                    "again", "give it hours on some day, or an end: to close a desk for good, "
                    "remove its options"))
    return problems


def _announcement(doc: Document, where: tuple, notice: Announcement, lines: Mapping[str, Line],
                  languages: Mapping[str, Language]) -> list[Problem]:
    problems = [doc.problem(where + ("lines", position), f"no line {name!r}",
                            suggest(name, [*lines, ALL_LINES]))
                for position, name in enumerate(notice.lines)
                if name != ALL_LINES and name not in lines]
    spoken = {code: name for name, line in reversed(list(lines.items())) if notice.for_line(name)
              for code in line.languages}
    problems += [doc.problem(where + ("message",), f"no {code} text here, and {line}, which it "
                             f"is for, speaks {code}", f"add `{code}: ...`")
                 for code, line in sorted(spoken.items()) if code not in notice.message]
    problems += [doc.problem(where + ("message", code), f"none of its lines speaks {code!r}, "
                             "so no caller hears this", "remove this text, or name a line that "
                             f"speaks {code} in lines:")
                 for code in notice.message if code not in spoken]
    long = [(code, found) for code, text in notice.message.items() if isinstance(text, str)
            and code in languages and (found := too_long(text, languages[code].voice))]
    problems += [doc.problem(where + ("message", code), found, "shorten it, or record it and "
                             "write {play: https://…, text: …}") for code, found in long]
    return problems
