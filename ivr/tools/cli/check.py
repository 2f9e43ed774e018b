"""`python -m ivr check [PATH]`: would the IVR start on these menus (their scenarios passing), and
what looks unintended."""
from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from ivr.calls.limits import check_limits
from ivr.calls.scenario_runner import check_scenarios, scenarios
from ivr.menus.loader import load_with_sources
from ivr.menus.problems import ConfigError, Problem
from ivr.tools import lint
from ivr.tools.cli.options import menus_folder

HELP = "check a menus folder (or the folder of a file): problems, then warnings"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path, metavar="PATH",
                        help="a menus folder, or a file in one; default: IVR_MENUS, else the "
                             "shipped menus/")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 on warnings too, e.g. in CI")


def run(args: argparse.Namespace) -> int:
    # A file is checked with its whole folder: files name each other, so a change in one can
    # break another, and the IVR refuses to start on a problem in any of them.
    folder = menus_folder(args.path)
    try:
        menus, sources = load_with_sources(folder, checks=(check_limits, check_scenarios))
    except ConfigError as error:
        for problem in error.problems:
            print(problem)
        print(f"{folder}: {_count(len(error.problems), 'problem')}; the IVR would not start")
        return 1
    found = lint.warnings(menus, sources, datetime.now(menus.zone))
    for problem in found:
        print(warning(problem))
    played = len(scenarios(menus, sources))
    print(f"{folder}: sound, {_count(len(menus.lines), 'line')}, "
          f"{_count(len(menus.schedules), 'schedule')}, "
          f"{_count(len(menus.languages), 'language')}"
          + (f", {_count(played, 'scenario')} passed" if played else "")
          + f"; {_count(len(found), 'warning')}")
    return 1 if found and args.strict else 0


def warning(problem: Problem) -> str:
    return problem.describe("warning: ")


def _count(number: int, noun: str) -> str:
    return f"{number or 'no'} {noun}{'' if number == 1 else 's'}"
