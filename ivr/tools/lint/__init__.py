"""Warnings about menus that load but are probably not what the operator meant.

Loading refuses whatever a call would trip on. A call survives everything here, but a caller or
an operator would not want it: menus nobody reaches, options that lead nowhere, callers who can
never reach a desk, hours with a gap nobody meant, a 24-hour desk closed by a temporary change,
temporary changes that are over, and dates past the official holiday list. Each warning is a
`Problem` on the line of the YAML it is about; `python -m ivr check` prints them.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ivr.menus.loader import CHANGES_FILE, NOT_LINES, SCHEDULES_FILE, Menus
from ivr.menus.problems import Problem
from ivr.menus.yamlsource import Document, read_document
from ivr.tools.lint import reach, times


@dataclass(frozen=True)
class Sources:
    """The YAML of loaded menus, read again for the line of every path."""

    schedules: Document
    lines: Mapping[str, Document]
    changes: Document | None

    @classmethod
    def read(cls, folder: Path) -> Sources:
        lines = {path.stem: read_document(path) for path in sorted(folder.iterdir())
                 if path.suffix in (".yaml", ".yml") and path.is_file()
                 and path.name not in NOT_LINES}
        changes = folder / CHANGES_FILE
        return cls(read_document(folder / SCHEDULES_FILE), lines,
                   read_document(changes) if changes.is_file() else None)


def warnings(menus: Menus, now: datetime) -> list[Problem]:
    """Every warning about `menus` (loaded without problems) as of `now`, by file and line."""
    sources = Sources.read(menus.folder)
    found = reach.warnings(menus.lines, sources.lines)
    found += times.schedule_warnings(menus, sources.schedules, now)
    if sources.changes is not None:
        found += times.change_warnings(menus, sources.changes, now)
    return sorted(found, key=lambda p: (str(p.file), p.line, p.column))
