"""Everything a caller can hear on a line in one language, in tree order, for people who sign off
the wording: the greeting, each menu's prompt and announcements, what each key says, each
desk's closed sentence for every reason it can be closed, and the IVR's own messages.

The menus and the closed sentences are what the navigator answers — the code that answers
calls — when asked for a menu, and for a desk's key at an example instant of each reason it is
closed, so they are word for word what a caller hears then.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ivr.calls.hours import HOLIDAY, OUTSIDE_HOURS, Decision, decide_desk
from ivr.calls.navigator import Navigator
from ivr.calls.steps import CallState, MenuPart, Return, Speech
from ivr.menus.loader import Menus
from ivr.menus.options import Option, SayOption, TransferOption
from ivr.menus.schedule import DayType, Interval
from ivr.tools import tree

_SEARCH_DAYS = 400  # a year and more: every yearly closure and holiday comes round
MESSAGES = (("invalid", "invalid key (a key that is not in the menu, or words that name no "
                        "option or two)"),
            ("no_input", "silence (nothing pressed or said)"),
            ("goodbye", "goodbye (after {max_failures} failures in a row, following the last "
                        "one's message; the call ends)"),
            ("connecting", "connecting (before a transfer)"),
            ("trying_fallback", "fallback (the desk's number failed; its fallback is dialled)"),
            ("transfer_failed", "transfer failed (no number of the desk answered; the menu "
                                "follows)"),
            ("unknown_menu", "lost (the call lost its place, e.g. after the menus changed)"),
            ("error", "error (the IVR itself failed)"))


@dataclass(frozen=True)
class Said:
    """One thing in the script: what it is, and the words a caller hears (None: a note)."""

    label: str
    text: str | None = None
    language: str | None = None  # when said in another language than the script's
    depth: int = 0  # 1: belongs to the entry above it
    example: datetime | None = None  # an instant when it is said


@dataclass(frozen=True)
class Part:
    title: str
    said: tuple[Said, ...]


def script(menus: Menus, line_name: str, code: str, now: datetime) -> list[Part]:
    """The script of `line_name` in language `code`; examples of next openings are after `now`."""
    line = menus.lines[line_name]
    first = line.languages[0]
    nav = Navigator(menus)
    welcome = _welcome(menus, line_name, code, now)
    parts = [Part("Greeting", welcome)] if welcome else []
    # A caller who came from another line also hears what its back option announces.
    entries = tree.entries(menus.lines, line_name)
    back = Return(entries[0].line, entries[0].menu, code) if entries else None
    examples: dict[str, str] = {}  # schedule → the option whose closed sentences show it
    for menu_name in tree.reachable_menus(line):
        state = CallState(line_name, menu_name, code, back=back)
        said = [_part(menus, state, part) for part in nav.menu_parts(state, arriving=True)]
        for key, option in line.menus[menu_name].options.items():
            entry = _option(nav, state, key, option, now, examples)
            words = option.words_in(code)
            if words:
                entry.insert(1, Said("or said: " + ", ".join(words), depth=1))
            said += entry
        title = f"Menu {menu_name}" + (" (start)" if menu_name == line.start else "")
        parts.append(Part(title, tuple(said)))
    messages = menus.languages[code].messages
    before = [Said(f"until the caller picks {code}, these are said in {first}")] \
        if code != first else []
    parts.append(Part("Said in every menu", tuple(before) + tuple(
        Said(what.format(max_failures=line.max_failures), getattr(messages, field))
        for field, what in MESSAGES)))
    return parts


def _welcome(menus: Menus, line_name: str, code: str, now: datetime) -> tuple[Said, ...]:
    """The greeting, in `code` if it is written in it (else in the line's first language), and
    the announcements of temporary.yaml not over by `now`."""
    line = menus.lines[line_name]
    greeting = line.greeting or {}
    spoken_in = code if code in greeting else line.languages[0]
    said = [_said("said once, when the call starts", Speech.of(greeting[spoken_in],
                                                               menus.languages[spoken_in]),
                  spoken_in, code)] if greeting else []
    for notice in menus.announcements[line_name]:
        if code in notice.message and not notice.over(now):
            when = " ".join(f"{word} {moment:%Y-%m-%d %H:%M}" for word, moment in
                            (("from", notice.start), ("until", notice.end)) if moment)
            said.append(_said(f"announcement {notice.name} (temporary.yaml), after the greeting "
                              f"and the way out{', ' + when if when else ''}",
                              Speech.of(notice.message[code], menus.languages[code]), code, code))
    return tuple(said)


def _part(menus: Menus, state: CallState, part: MenuPart) -> Said:
    """One thing the menu says, labelled with what it is and, when not the script's, its
    language."""
    if part.kind == "intro":
        return _said("intro (to a caller arriving in the menu, not when it is said again)",
                     part.speech, state.lang, state.lang)
    if part.kind == "prompt":
        return _said("prompt", part.speech, state.lang, state.lang)
    option = menus.lines[state.line].menus[state.menu].options[part.key or ""]
    (spoken_in, _), = (option.announce or {}).items()
    when = " (only to callers who came from another line)" if option.goes_back else ""
    return _said(f"announced for key {part.key}{when}", part.speech, spoken_in, state.lang)


def _option(nav: Navigator, state: CallState, key: str, option: Option, now: datetime,
            examples: dict[str, str]) -> list[Said]:
    """What a key does, and what its caller hears when it speaks by itself."""
    label = f"key {key}: {option.summary}"
    if isinstance(option, TransferOption):
        return _desk(nav, state, key, option, now, examples)
    if isinstance(option, SayOption):
        message = nav.choose(state, key, None, now).action.speech[0]
        return [_said(label, message, state.lang, state.lang)]
    return [Said(label)]


def _desk(nav: Navigator, state: CallState, key: str, option: TransferOption, now: datetime,
          examples: dict[str, str]) -> list[Said]:
    """A transfer option, and what its caller hears at an instant of each reason it is closed."""
    name = option.transfer.schedule_for(state.lang)
    said = [Said(f"key {key}: {option.summary}; schedule {name}")]
    note = (option.transfer.when_closed or {}).get(state.lang)
    if note is not None:
        spoken = Speech.of(note, nav.menus.languages[state.lang])
        said.append(replace(_said("when closed, after why and when", spoken, state.lang,
                                  state.lang), depth=1))
    if name in examples:  # the sentences depend on the schedule and the language only
        return said + [Said(f"closed as for {examples[name]}, the same schedule", depth=1)]
    examples[name] = f"key {key} of {state.menu}"
    closures = _closures(nav.menus, name, now)
    if not closures:
        said.append(Said("never closed: open 24 hours, every day", depth=1))
    for reason, instant, _ in closures:
        closed, *_ = nav.choose(state, key, None, instant).action.speech
        said.append(Said(f"closed, {reason}", closed.text, depth=1, example=instant))
    return said


def _closures(menus: Menus, name: str,
              now: datetime) -> list[tuple[str, datetime, Decision]]:
    """One example decision for each reason the schedule can be closed, first found after `now`."""
    schedule, changes = menus.schedules[name], menus.changes[name]
    wanted = [c.reason for c in schedule.closures]
    if not schedule.always:
        wanted = [OUTSIDE_HOURS] + ([HOLIDAY] if not schedule.intervals(DayType.HOLIDAY) else []) \
            + wanted
    wanted += [f"change {c.name}" for c in changes if not c.open and not c.over(now)]
    found: dict[str, tuple[datetime, Decision]] = {}
    for instant in _instants(menus, name, now):
        decision = decide_desk(menus, name, instant)
        label = f"change {decision.change.name}" if decision.change else decision.reason
        if not decision.open and label in wanted and label not in found:
            found[label] = (instant, decision)
            if len(found) == len(set(wanted)):
                break
    return [(_reason(label), *found[label]) for label in dict.fromkeys(wanted) if label in found]


def _instants(menus: Menus, name: str, now: datetime) -> Iterator[datetime]:
    """Instants where each kind of closure shows: closures' starts, the ends of dated hours in
    their first week (the caller is then told today's hours), then each day's midnight and the
    ends of its intervals."""
    local = now.astimezone(menus.zone)
    changes = menus.changes[name]
    yield from sorted(max(c.start or local, local) for c in changes if c.closes)
    for change in changes:
        if change.hours is not None:
            yield from _day_ends(menus, max(change.start or local, local), 7, change.hours,
                                 midnights=False)
    schedule = menus.schedules[name]
    yield from _day_ends(menus, local, _SEARCH_DAYS,
                         {day: schedule.intervals(day) for day in DayType})


def _day_ends(menus: Menus, local: datetime, days: int,
              intervals: Mapping[DayType, tuple[Interval, ...]],
              midnights: bool = True) -> Iterator[datetime]:
    """Each day's midnight and the ends of its `intervals` (by day type), from `local` on."""
    for offset in range(days):
        midnight = datetime.combine(local.date() + timedelta(days=offset), datetime.min.time(),
                                    tzinfo=menus.zone)
        day_type = menus.calendar.day_type(midnight.date())
        ends = [midnight + timedelta(minutes=i.end) for i in intervals.get(day_type, ())]
        yield from (moment for moment in [midnight] * midnights + ends if moment >= local)


def _reason(label: str) -> str:
    return {OUTSIDE_HOURS: "outside hours", HOLIDAY: "public holiday"}.get(label, label)


def _said(label: str, speech: Speech, spoken_in: str, code: str) -> Said:
    other = spoken_in if spoken_in != code else None
    if speech.audio:
        return Said(f"{label}, recorded at {speech.audio}", speech.text, other)
    return Said(label, speech.text, other)
