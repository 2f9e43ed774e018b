"""Warnings about menus that load but are probably not what the operator meant.

Loading refuses whatever a call would trip on. A call survives everything here, but a caller or
an operator would not want it: menus nobody reaches, options that lead nowhere, callers who can
never reach a desk, numbers unusual for a desk, hours with a gap nobody meant, a 24-hour desk
closed by a temporary change, temporary changes and announcements that are over, dated hours
to fold into their schedule, notes typed inside a text callers hear, dates past the official
holiday list, and a language that cannot say that a desk does not open within the coming year.
Each warning is a
`Problem` on the line of the YAML it is about, in the YAML the menus were loaded from
(`load_with_sources`); `python -m ivr check` prints them.
"""
from __future__ import annotations

from datetime import datetime

from ivr.menus.loader import Menus, Sources
from ivr.menus.problems import Problem
from ivr.tools.lint import numbers, reach, texts, times


def warnings(menus: Menus, sources: Sources, now: datetime) -> list[Problem]:
    """Every warning about `menus` (loaded without problems from `sources`) as of `now`, by file
    and line."""
    found = reach.warnings(menus.lines, sources.lines)
    found += numbers.warnings(menus.lines, sources.lines)
    found += times.schedule_warnings(menus, sources.schedules, now)
    found += times.sentence_warnings(menus, sources.languages)
    found += texts.warnings(menus.lines, sources.lines, sources.changes)
    if sources.changes is not None:
        found += times.change_warnings(menus, sources.changes, now)
    return sorted(found, key=lambda p: (str(p.file), p.line, p.column))
