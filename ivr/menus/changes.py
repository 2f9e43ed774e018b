"""Temporary changes: a desk closed for maintenance or a disaster, forced open or closed until an
instant, or following other hours from a date (dated hours: "Saturdays 10:00-16:00 from
2026-12-01", one day's shortened hours).

They live in `menus/temporary.yaml`, apart from the regular hours, so an operator in a hurry
edits one short file; each change with an `end` ends by itself then.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import tzinfo
from typing import Literal

from pydantic import ConfigDict, Field, model_validator
from pydantic.config import JsonDict

from ivr.menus.announcements import Announcement
from ivr.menus.fields import Frozen, Name, Text
from ivr.menus.periods import Dated, Instant, read_optional
from ivr.menus.schedule import (
    DayType,
    Hours,
    Interval,
    Schedule,
    days_given,
    one_way_of_writing,
)

ALL = "all"

_STATE_GIVEN: JsonDict = {"required": ["state"]}
_HOURS_GIVEN: JsonDict = {"required": ["hours"]}
_FORCED_OPEN: JsonDict = {"required": ["state"], "properties": {"state": {"const": "open"}}}


class Change(Frozen):
    """Closed (with a message per language) or open, from `start` (or now) until `end`; or
    other hours for some day types, from `start` (until `end`, if any)."""

    # What _coherent checks, said for editors.
    model_config = ConfigDict(json_schema_extra={"allOf": [
        {"if": _HOURS_GIVEN, "then": {"not": _STATE_GIVEN}, "else": {"required": ["end"]}},
        {"if": _FORCED_OPEN, "then": {"properties": {"message": False}}},
        {"if": {"not": {"anyOf": [_HOURS_GIVEN, _FORCED_OPEN]}},
         "then": {"required": ["message"]}}]})

    name: Name = Field(description="a name for logs and the check command, e.g. "
                                   "maintenance-2026-12")
    schedules: tuple[Name, ...] = Field(min_length=1, description="the schedules it changes, "
                                        "or [all]")
    state: Literal["closed", "open"] = Field("closed", description="closed (the default) or "
                                             "open, whatever the regular hours say")
    hours: Hours | None = Field(
        None, description="instead of state: the hours these day types follow from start (and "
                          "until end, if any), written as a schedule's hours, e.g. {saturday: "
                          "[\"10:00-16:00\"]}; the other day types keep theirs")
    start: Instant | None = Field(None, description="when it begins, \"YYYY-MM-DD HH:MM\" in "
                                                    "the menus' time zone; left out: now")
    end: Instant | None = Field(None, description="when it ends, \"YYYY-MM-DD HH:MM\" in the "
                                                  "menus' time zone; dated hours may have none")
    message: dict[str, Text] | None = Field(
        None, description="closed: why, said as the reason, per language of the callers of its "
                          "schedules; dated hours: said as the reason when they close the desk")

    @model_validator(mode="after")
    def _coherent(self) -> Change:
        if self.hours is not None:
            if "state" in self.model_fields_set:
                raise ValueError("a change gives other hours or a state, not both — remove "
                                 "state: to give dated hours, or hours: to close or open")
            one_way_of_writing(self.hours)
            if self.end is not None and not self.message and not all(self.hours.values()):
                raise ValueError("these hours close the desk for whole days until the change "
                                 "ends, so callers must hear why — add message: with a "
                                 "sentence per language, or write a closure (state: closed)")
            return self
        if self.end is None:
            raise ValueError("a closure or forced opening ends by itself at its end — add "
                             "end: \"YYYY-MM-DD HH:MM\"; for hours from a date on, give hours:")
        if self.state == "closed" and not self.message:
            raise ValueError("a closure tells callers why — add message: with a sentence for "
                             "every language its callers speak, e.g. "
                             "ja: システムメンテナンスのため受付を停止しております")
        if self.state == "open" and self.message:
            raise ValueError("a desk forced open says nothing about it — remove message:")
        return self

    def applies_to(self, name: str, schedule: Schedule) -> bool:
        """Whether it changes the schedule `name`: a 24-hour desk has no hours to change, so
        dated hours for [all] leave it alone."""
        named = ALL in self.schedules or name in self.schedules
        return named and not (self.hours is not None and schedule.always)

    def timed(self, zone: tzinfo) -> TimedChange:
        """The change with aware instants in `zone`; a time without offset is on its clocks."""
        return TimedChange(start=read_optional(self.start, zone),
                           end=read_optional(self.end, zone), name=self.name,
                           open=self.hours is None and self.state == "open",
                           message=self.message or {},
                           hours=None if self.hours is None else days_given(self.hours))


@dataclass(frozen=True, kw_only=True)
class TimedChange(Dated):
    """A change as the hours decision uses it: forced open, closed, or other hours for the day
    types in `hours`, in force from `start` (or always) until `end` (or for good)."""

    name: str
    open: bool  # forced open
    message: Mapping[str, str]
    hours: Mapping[DayType, tuple[Interval, ...]] | None = None  # dated hours

    @property
    def closes(self) -> bool:
        """Whether it closes the desk outright (not forced open, and no dated hours)."""
        return not self.open and self.hours is None


class ChangesFile(Frozen):
    changes: tuple[Change, ...] = Field((), description="temporary changes; each ends by itself "
                                                        "at its end")
    announcements: tuple[Announcement, ...] = Field(
        (), description="said to callers after the greeting, before the menu, while in force")
