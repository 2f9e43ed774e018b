"""`python -m ivr report`: what callers did, counted from the call records in IVR_DATABASE."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from ivr.records.database import connect, migrate
from ivr.records.endings import ENDINGS
from ivr.records.figures import CSV_COLUMNS, Period, call_rows, figures
from ivr.records.folding import fold_pending
from ivr.tools.cli.errors import CommandError, UsageError
from ivr.web.recording import records_url
from ivr.web.settings import SettingError, Settings

HELP = "count what callers did: endings, closed desks, hang-ups, invalid answers, languages"
FORMATS = ("text", "json", "csv")
TOP = 10  # places a text report lists in each section; json and csv have them all


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = ("Days are the menus' time zone's, both included; a call counts on the day "
                     "it began. example: python -m ivr report --since 2026-12-01 --format json")
    parser.add_argument("--since", metavar="DATE", type=_day, help="first day, YYYY-MM-DD")
    parser.add_argument("--until", metavar="DATE", type=_day, help="last day, YYYY-MM-DD")
    parser.add_argument("--line", metavar="LINE", help="only calls that came in on this line")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text (a summary), json (every figure) or csv (one row per call)")


def run(args: argparse.Namespace) -> int:
    if args.since and args.until and args.since > args.until:
        raise UsageError(f"--since {args.since} is after --until {args.until}")
    try:
        url = records_url(Settings.load())
    except SettingError as error:
        raise UsageError("; ".join(f"{p.file}: {p.message} — {p.hint}"
                                   for p in error.problems)) from None
    if url is None:
        raise UsageError("IVR_DATABASE is none: calls are not recorded, so there is nothing to "
                         "report — unset it, or set it to the database the IVR records into")
    period = Period(args.since, args.until, args.line)
    writer, engine = connect(url, writer=True), connect(url)
    try:
        migrate(writer)  # a database no call was recorded into yet is created empty
        fold_pending(writer)  # every step written so far counts in its call
        with engine.begin() as connection:
            if args.format == "csv":
                table = csv.DictWriter(sys.stdout, CSV_COLUMNS, lineterminator="\n")
                table.writeheader()
                table.writerows(call_rows(connection, period))
                return 0
            found = figures(connection, period)
    except SQLAlchemyError as error:
        where = url.render_as_string(hide_password=True)
        raise CommandError(f"the call records in {where} cannot be read: "
                           f"{(str(error).splitlines() or [''])[0]}") from None
    finally:
        writer.dispose()
        engine.dispose()
    print(json.dumps(found, ensure_ascii=False, indent=1) if args.format == "json"
          else "\n".join(text(found)))
    return 0


def text(found: dict[str, Any]) -> list[str]:
    """A readable summary: each section's largest counts first."""
    period = found["period"]
    days = (f"{period['first_day']} to {period['last_day']}" if found["calls"]
            else "no calls")
    lines = [f"Calls {days}" + (f" on line {period['line']}" if period["line"] else "")
             + " (days in the menus' time zone)",
             f"  {found['calls']} calls from {found['callers']} callers "
             f"({found['repeat_callers']} called more than once)", "", "How calls ended"]
    total = found["calls"] or 1
    lines += [f"  {ending:<16} {found['outcomes'][ending]:>6}  "
              f"{100 * found['outcomes'][ending] / total:>3.0f}%" for ending in ENDINGS]
    rates = {place: f"{100 * rate:.0f}% of {found['answers'][place]} answers"
             for place, rate in found["invalid_rate"].items()}
    for title, counts in [("Closed desks: answers heard closed (line/menu/key)",
                           found["closed_by_desk"]),
                          ("Where callers hung up (abandoned, line/menu)", found["abandoned_at"]),
                          ("Invalid or silent answers (line/menu)", rates),
                          ("Languages calls ended in", found["languages"])]:
        lines += ["", title] + _top(counts)
    lines += ["", "When callers found a desk closed (weekday and hour, the busiest first)"]
    for desk, days_ in found["closed_by_hour"].items():
        cells = sorted(((count, day, hour) for day, hours in days_.items()
                        for hour, count in enumerate(hours) if count), reverse=True)
        lines.append(f"  {desk:<24} " + ", ".join(f"{day} {hour:02}h ×{count}"
                                                  for count, day, hour in cells[:6]))
    return lines


def _top(counts: dict[str, Any]) -> list[str]:
    if not counts:
        return ["  none"]
    shown = [f"  {place:<24} {value:>6}" for place, value in list(counts.items())[:TOP]]
    return shown + ([f"  … and {len(counts) - TOP} more (--format json has them all)"]
                    if len(counts) > TOP else [])


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: write YYYY-MM-DD, "
                                         "e.g. 2026-12-01") from None
