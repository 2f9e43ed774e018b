"""`python -m ivr hours [--at INSTANT] [--month YYYY-MM]`: which desks are open, and when."""
from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date, datetime

from ivr.calls.hours import CHANGE, HOLIDAY, OUTSIDE_HOURS, Decision, decide_desk
from ivr.menus.changes import TimedChange
from ivr.menus.loader import Menus, load_menus
from ivr.menus.schedule import DayType, Schedule
from ivr.tools import agenda, tree
from ivr.tools.cli import text
from ivr.tools.cli.options import add_menus, instant, menus_folder, month

HELP = "which desk is open now or --at an instant, and each schedule day by day in a --month"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--at", metavar="INSTANT",
                        help="an ISO 8601 date and time, e.g. 2026-12-30T10:00 (in the menus' "
                             "time zone) or 2026-12-30T01:00+00:00; default: now")
    parser.add_argument("--month", metavar="YYYY-MM", type=month,
                        help="show every schedule day by day in this month instead")
    add_menus(parser)


def run(args: argparse.Namespace) -> int:
    menus = load_menus(menus_folder(args.menus))
    at = instant("--at", args.at, menus.zone) if args.at is not None else None
    now = at or datetime.now(menus.zone)
    views = [desks_view(menus, now)] if at or not args.month else []
    views += [month_view(menus, *args.month)] if args.month else []
    print("\n\n".join("\n".join(view) for view in views))
    return 0


def desks_view(menus: Menus, now: datetime) -> list[str]:
    """Each transfer option's desk at `now`: open or closed, why, and when it next opens."""
    rows, line = [["", "languages", "schedule", "now", "why"]], None
    for desk in tree.desks(menus.lines):
        if desk.place.line != line:
            line = desk.place.line
            rows.append([line, "", "", "", ""])
        decision = decide_desk(menus, desk.schedule, now)
        rows.append([f"  {desk.place.menu} {desk.key}", " ".join(desk.languages) or "all",
                     desk.schedule, "open" if decision.open else "closed",
                     _why(menus, decision, now)])
    return [f"Desks at {text.moment(now)} ({menus.zone.key})", ""] + text.table(rows)


def _why(menus: Menus, decision: Decision, now: datetime) -> str:
    change = decision.change
    if decision.open:
        if change and change.open and change.end:
            return f"forced open by {change.name} until {text.moment(change.end)}"
        return "24 hours" if decision.rule == "always" else decision.rule
    if change is not None:
        why = (f"closed by {change.name}" if change.closes or decision.reason == CHANGE
               else f"outside the dated hours {change.name}")
    elif decision.reason == HOLIDAY:
        why = f"holiday {menus.calendar.holiday_name(now.astimezone(menus.zone).date())}"
    elif decision.reason == OUTSIDE_HOURS:
        why = "outside hours"
    else:
        why = str(decision.reason)
    opens = decision.next_open
    return f"{why} until {text.moment(opens)}" if opens else f"{why}, not opening again"


def month_view(menus: Menus, year: int, month: int) -> list[str]:
    """Every schedule day by day: its open intervals, and why it is closed."""
    lines = [f"{date(year, month, 1):%B %Y} ({menus.zone.key})"]
    users = _users(menus)
    for name, schedule in menus.schedules.items():
        lines += ["", *text.joined(_rules(schedule, menus.changes[name]), f"{name}: ", "    ",
                                   "; ")]
        lines += text.joined(users.get(name, ["no option"]), "used by ", "    ", ", ")
        days = agenda.month(schedule, year, month, menus.zone, menus.calendar,
                            menus.changes[name])
        rows: list[list[str]] = []
        for day in days:
            if rows and day.date.weekday() == 0:
                rows.append(["", "", "", ""])
            rows.append(_day_row(day))
        lines += [row.rstrip() for row in text.table(rows, indent="  ")]
    return lines


def _day_row(day: agenda.Day) -> list[str]:
    midnight = day.stretches[-1].end
    spans: list[list] = []  # open from, to; a forced opening next to the hours is one span
    for stretch in day.open:
        if spans and spans[-1][1] == stretch.start:
            spans[-1][1] = stretch.end
        else:
            spans.append([stretch.start, stretch.end])
    hours = ", ".join(f"{text.clock(start, midnight)}-{text.clock(end, midnight)}"
                      for start, end in spans) or "closed"
    notes = []
    for stretch in day.stretches:
        decision = stretch.decision
        span = f"{text.clock(stretch.start, midnight)}-{text.clock(stretch.end, midnight)}"
        if decision.change and decision.change.hours is not None:
            notes.append(f"{decision.change.name}: dated hours")
        elif decision.change:
            notes.append(f"{decision.change.name}: {'open' if decision.open else 'closed'} "
                         f"{span}")
        elif decision.reason not in (None, OUTSIDE_HOURS, HOLIDAY):
            notes.append(decision.reason)
    notes += [day.holiday] if day.holiday else []
    label = f"{text.DAYS[day.date.weekday()]} {day.date:%Y-%m-%d}"
    return [label, day.day_type.value, hours, "; ".join(dict.fromkeys(notes))]


def _rules(schedule: Schedule, changes: Sequence[TimedChange]) -> list[str]:
    """The schedule as written: day types with their intervals, yearly closures, then the dated
    hours of temporary.yaml."""
    if schedule.always:
        return ["open 24 hours, every day"]
    rules = agenda.hours_rules({day: schedule.intervals(day) for day in DayType})
    rules += [f"closed {c.start}..{c.end} ({c.reason})" for c in schedule.closures]
    return rules + [agenda.dated_rule(change) for change in changes if change.hours is not None]


def _users(menus: Menus) -> dict[str, list[str]]:
    """The options that follow each schedule: "mynumber main 3 4", "foreign topics 1 (en zh)"."""
    grouped: dict[str, dict[tuple, list[str]]] = {}
    for desk in tree.desks(menus.lines):
        grouped.setdefault(desk.schedule, {}).setdefault(
            (str(desk.place), desk.languages), []).append(desk.key)
    return {name: [f"{place} {' '.join(keys)}" + (f" ({' '.join(codes)})" if codes else "")
                   for (place, codes), keys in places.items()]
            for name, places in grouped.items()}
