"""Everything a caller can hear on a line in one language, in tree order, for people who sign off
the wording: the greeting, each menu's prompt and announcements, what each key says, each
desk's closed sentence for every reason it can be closed, and the IVR's own messages.

Closed sentences are rendered by `ivr.calls.phrasing` from a real decision of `ivr.calls.hours`
at an example instant, so they are word for word what a caller hears then.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ivr.calls.hours import HOLIDAY, OUTSIDE_HOURS, Decision, decide
from ivr.calls.phrasing import closed_text
from ivr.menus.fields import Prompt, Recording
from ivr.menus.loader import Menus
from ivr.menus.options import Option, SayOption, TransferOption
from ivr.menus.schedule import DayType
from ivr.tools import tree

_SEARCH_DAYS = 400  # a year and more: every yearly closure and holiday comes round
MESSAGES = (("invalid", "invalid key (a key that is not in the menu)"),
            ("no_input", "silence (nothing pressed)"),
            ("goodbye", "goodbye (after {max_failures} failures in a row; the call ends)"),
            ("connecting", "connecting (before a transfer)"),
            ("trying_fallback", "fallback (the desk's number failed; its fallback is dialled)"),
            ("transfer_failed", "transfer failed (no number of the desk answered)"),
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
    parts = []
    if line.greeting is not None:
        parts.append(Part("Greeting", (_said("said once, when the call starts",
                                             line.greeting[first], first, code),)))
    examples: dict[str, str] = {}  # schedule → the option whose closed sentences show it
    for menu_name in tree.reachable_menus(line):
        menu = line.menus[menu_name]
        said = [_said("prompt", menu.prompt[code], code, code)] if menu.prompt else []
        for key, option in menu.options.items():
            if option.announce:
                (spoken_in, prompt), = option.announce.items()
                when = " (only to callers who came from another line)" if option.goes_back else ""
                said.append(_said(f"announced for key {key}{when}", prompt, spoken_in, code))
        for key, option in menu.options.items():
            said += _option(menus, code, menu_name, key, option, now, examples)
        title = f"Menu {menu_name}" + (" (start)" if menu_name == line.start else "")
        parts.append(Part(title, tuple(said)))
    messages = menus.languages[code].messages
    before = [Said(f"until the caller picks {code}, these are said in {first}")] \
        if code != first else []
    parts.append(Part("Said in every menu", tuple(before) + tuple(
        Said(what.format(max_failures=line.max_failures), getattr(messages, field))
        for field, what in MESSAGES)))
    return parts


def _option(menus: Menus, code: str, menu: str, key: str, option: Option, now: datetime,
            examples: dict[str, str]) -> list[Said]:
    label = f"key {key}: {option.summary}"
    if isinstance(option, SayOption):
        return [_said(label, option.say[code], code, code)]
    if not isinstance(option, TransferOption):
        return [Said(label)]
    name = option.transfer.schedule_for(code)
    said = [Said(f"{label}; schedule {name}")]
    if name in examples:  # the sentences depend on the schedule and the language only
        return said + [Said(f"closed as for {examples[name]}, the same schedule", depth=1)]
    examples[name] = f"key {key} of {menu}"
    closures = _closures(menus, name, now)
    if not closures:
        said.append(Said("never closed: open 24 hours, every day", depth=1))
    schedule, language = menus.schedules[name], menus.languages[code]
    for reason, instant, decision in closures:
        said.append(Said(f"closed, {reason}", closed_text(code, language, schedule, decision),
                         depth=1, example=instant))
    return said


def _closures(menus: Menus, name: str,
              now: datetime) -> list[tuple[str, datetime, Decision]]:
    """One example decision for each reason the schedule can be closed, first found after `now`."""
    schedule, changes = menus.schedules[name], menus.changes[name]
    wanted = [c.reason for c in schedule.closures]
    if not schedule.always:
        wanted = [OUTSIDE_HOURS] + ([HOLIDAY] if not schedule.intervals(DayType.HOLIDAY) else []) \
            + wanted
    wanted += [f"change {c.name}" for c in changes if not c.open and c.end > now]
    found: dict[str, tuple[datetime, Decision]] = {}
    for instant in _instants(menus, name, now):
        decision = decide(schedule, instant, menus.zone, menus.calendar, changes)
        label = f"change {decision.change.name}" if decision.change else decision.reason
        if not decision.open and label in wanted and label not in found:
            found[label] = (instant, decision)
            if len(found) == len(set(wanted)):
                break
    return [(_reason(label), *found[label]) for label in dict.fromkeys(wanted) if label in found]


def _instants(menus: Menus, name: str, now: datetime):
    """Instants where each kind of closure shows: change starts, then each day's midnight and
    the ends of its intervals."""
    local = now.astimezone(menus.zone)
    yield from sorted(max(c.start or local, local) for c in menus.changes[name] if not c.open)
    schedule = menus.schedules[name]
    for offset in range(_SEARCH_DAYS):
        midnight = datetime.combine(local.date() + timedelta(days=offset), datetime.min.time(),
                                    tzinfo=menus.zone)
        day_type = menus.calendar.day_type(midnight.date())
        ends = [midnight + timedelta(minutes=i.end) for i in schedule.intervals(day_type)]
        yield from (moment for moment in [midnight, *ends] if moment >= local)


def _reason(label: str) -> str:
    return {OUTSIDE_HOURS: "outside hours", HOLIDAY: "public holiday"}.get(label, label)


def _said(label: str, prompt: Prompt, spoken_in: str, code: str) -> Said:
    if isinstance(prompt, Recording):
        return Said(f"{label}, recorded at {prompt.play}", prompt.text,
                    spoken_in if spoken_in != code else None)
    return Said(label, prompt, spoken_in if spoken_in != code else None)
