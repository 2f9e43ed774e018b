"""Announcements: a dated message said to every caller of some lines ("Due to heavy demand, waiting
times are long"), after the greeting and before the menu, in the callers' languages, gone by
itself after its `end`.

They live in `menus/temporary.yaml` beside the temporary changes, so that nobody types a dated
notice into a greeting and forgets it there.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import tzinfo

from pydantic import Field

from ivr.menus.fields import Frozen, Name, Prompt, Texts
from ivr.menus.periods import Dated, Instant, read_optional

ALL_LINES = "all"


class Announcement(Frozen):
    """A message to the callers of `lines`, from `start` (or now) until `end` (or removed)."""

    name: Name = Field(description="a name for the check command, e.g. heavy-demand-2026-12")
    lines: tuple[Name, ...] = Field(min_length=1, description="the lines whose callers hear it, "
                                                              "or [all]")
    start: Instant | None = Field(None, description="from when it is said, \"YYYY-MM-DD HH:MM\" "
                                                    "in the menus' time zone; left out: now")
    end: Instant | None = Field(None, description="when it is said no more, \"YYYY-MM-DD "
                                                  "HH:MM\"; left out: until removed")
    message: Texts = Field(min_length=1, description="what is said, in every language of its "
                                                     "lines; each in its own voice")

    def for_line(self, line: str) -> bool:
        return ALL_LINES in self.lines or line in self.lines

    def timed(self, zone: tzinfo) -> TimedAnnouncement:
        return TimedAnnouncement(start=read_optional(self.start, zone),
                                 end=read_optional(self.end, zone), name=self.name,
                                 message=self.message)


@dataclass(frozen=True, kw_only=True)
class TimedAnnouncement(Dated):
    """An announcement as calls use it: said while in force, in the caller's language."""

    name: str
    message: Mapping[str, Prompt]
