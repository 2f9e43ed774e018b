"""Load a menus folder into one validated, frozen `Menus`, or raise ConfigError naming every
problem.

Layout: `schedules.yaml` (time zone, holidays, named schedules), `languages/<code>.yaml` (voice
and the IVR's own sentences per language), and one `<line>.yaml` per phone line.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ValidationError

from ivr.menus import lengths, openings, phones, references, scenarios, sentences, temporary_checks
from ivr.menus.announcements import TimedAnnouncement
from ivr.menus.changes import ChangesFile, TimedChange
from ivr.menus.explain import explain
from ivr.menus.files import LANGUAGES_DIR, Snapshot, read_snapshot
from ivr.menus.holiday_calendar import HolidayCalendar
from ivr.menus.model import Language, Line, SchedulesFile
from ivr.menus.problems import ConfigError, Problem
from ivr.menus.scenarios import ScenariosFile
from ivr.menus.schedule import Schedule
from ivr.menus.yamlsource import Document, read_document

SCHEDULES_FILE = "schedules.yaml"
CHANGES_FILE = "temporary.yaml"
SCENARIOS_FILE = "scenarios.yaml"
NOT_LINES = {SCHEDULES_FILE, CHANGES_FILE, SCENARIOS_FILE}


@dataclass(frozen=True)
class Sources:
    """The YAML of menus as it was parsed when they were loaded: its data, and the line of every
    path in it, for whatever reports on them (check's warnings). A running server keeps only the
    `Menus`: the line of every value of a large tree weighs more than the menus themselves."""

    schedules: Document
    languages: Mapping[str, Document]  # by language code
    lines: Mapping[str, Document]  # by line name
    changes: Document | None  # temporary.yaml, when there is one
    scenarios: Document | None  # scenarios.yaml, when there is one: played by a check


@dataclass(frozen=True)
class Menus:
    """Everything a call needs, validated: nothing here can fail during a call."""

    folder: Path
    zone: ZoneInfo
    calendar: HolidayCalendar
    schedules: Mapping[str, Schedule]
    languages: Mapping[str, Language]
    lines: Mapping[str, Line]
    default_line: str
    changes: Mapping[str, tuple[TimedChange, ...]]  # temporary changes, by schedule name
    announcements: Mapping[str, tuple[TimedAnnouncement, ...]]  # by line name

    def line_for_number(self, number: str | None) -> str | None:
        """The line whose YAML lists `number` (a call's To), if any."""
        return next((name for name, line in self.lines.items() if number in line.numbers), None)


# A check that a layer above this one makes of menus otherwise sound, such as Twilio's limits on
# the sentences the calls layer builds (ivr.calls.limits); its problems refuse the menus too.
Check = Callable[[Menus, Sources], list[Problem]]


def load_menus(path: str | Path, checks: Sequence[Check] = ()) -> Menus:
    """Read and validate the menus folder at `path`."""
    return load_snapshot(read_snapshot(Path(path)), checks)


def load_with_sources(path: str | Path,
                      checks: Sequence[Check] = ()) -> tuple[Menus, Sources]:
    """Read and validate the menus folder at `path`, and keep the YAML they were loaded from."""
    return _load(read_snapshot(Path(path)), checks)


def load_snapshot(snapshot: Snapshot, checks: Sequence[Check] = ()) -> Menus:
    """Validate menus files already read (see ivr.menus.files): nothing here touches the disk."""
    return _load(snapshot, checks)[0]


def _load(snapshot: Snapshot, checks: Sequence[Check]) -> tuple[Menus, Sources]:
    sources = _parse(snapshot)
    problems: list[Problem] = []
    settings = _validate(SchedulesFile, sources.schedules, problems)
    # Numbers written as dialled at home are read in the menus' own country (phones.py).
    context = {phones.REGION: settings.holidays} if settings is not None else {}
    languages = {code: _validate(Language, doc, problems, context)
                 for code, doc in sources.languages.items()}
    lines = {name: _validate(Line, doc, problems, context) for name, doc in sources.lines.items()}
    changes = (_validate(ChangesFile, sources.changes, problems, context) if sources.changes
               else ChangesFile())
    expected = (_validate(ScenariosFile, sources.scenarios, problems, context)
                if sources.scenarios else ScenariosFile())
    if problems:
        raise ConfigError(problems)
    zone = _zone(settings, sources.schedules, problems)
    calendar = _calendar(settings, sources.schedules, problems)

    schedules = settings.schedules
    if zone is not None and calendar is not None:
        # From today: a desk that opened only on days already past is no use to a caller.
        problems += openings.check_schedules(schedules, sources.schedules, calendar,
                                             datetime.now(zone).date())
    problems += sentences.check_languages(languages, sources.languages, schedules)
    problems += references.check_lines(lines, sources.lines, schedules, languages)
    problems += lengths.check_lengths(languages, sources.languages, lines, sources.lines)
    if sources.changes is not None:
        problems += temporary_checks.check_temporary(changes, sources.changes, schedules,
                                                     languages, lines)
    if sources.scenarios is not None:
        problems += scenarios.check_lines(expected, sources.scenarios, lines)
    default = references.default_line(lines, sources.lines, problems, snapshot.folder)
    if problems or zone is None or calendar is None:  # a None was reported among the problems
        raise ConfigError(problems)
    timed = {name: tuple(change.timed(zone) for change in changes.changes
                         if change.applies_to(name, schedule))
             for name, schedule in schedules.items()}
    announced = {name: tuple(notice.timed(zone) for notice in changes.announcements
                             if notice.for_line(name)) for name in lines}
    menus = Menus(snapshot.folder, zone, calendar, MappingProxyType(dict(schedules)),
                  MappingProxyType(languages), MappingProxyType(lines), default,
                  MappingProxyType(timed), MappingProxyType(announced))
    problems = [problem for check in checks for problem in check(menus, sources)]
    if problems:
        raise ConfigError(problems)
    return menus, sources


def menus_country(folder: Path) -> str | None:
    """The country of the menus in `folder` (`holidays:` in schedules.yaml), or None when it
    cannot be read: for a number a setting writes as dialled at home, read before the menus."""
    try:
        data = read_document(folder / SCHEDULES_FILE).data
    except (OSError, ConfigError):
        return None
    country = data.get("holidays", SchedulesFile.model_fields["holidays"].default) \
        if isinstance(data, dict) else None
    return country if isinstance(country, str) else None


def _parse(snapshot: Snapshot) -> Sources:
    """Every file of the snapshot parsed, or ConfigError naming each one that cannot be."""
    folder, files = snapshot.folder, snapshot.files
    problems: list[Problem] = []
    docs: dict[Path, Document] = {}
    for path in dict.fromkeys([folder / SCHEDULES_FILE, *files]):
        doc = _read(path, files.get(path), problems)
        if doc is not None:
            docs[path] = doc
    if problems:
        raise ConfigError(problems)
    languages = {path.stem: doc for path, doc in docs.items()
                 if path.parent == folder / LANGUAGES_DIR}
    lines = {path.stem: doc for path, doc in docs.items()
             if path.parent == folder and path.name not in NOT_LINES}
    return Sources(docs[folder / SCHEDULES_FILE], MappingProxyType(languages),
                   MappingProxyType(lines), docs.get(folder / CHANGES_FILE),
                   docs.get(folder / SCENARIOS_FILE))


def _read(path: Path, raw: bytes | None, problems: list[Problem]) -> Document | None:
    if raw is None:
        problems.append(Problem(path, 1, 1, (), f"{path.name} is missing",
                                "create it; see the shipped menus/ for an example"))
        return None
    try:
        doc = read_document(path, raw)
    except ConfigError as exc:
        problems.extend(exc.problems)
        return None
    if not isinstance(doc.data, dict):
        what = "the file is empty" if doc.data is None else "the file must hold a mapping of keys"
        problems.append(doc.problem((), what,
                                    "start with `key: value` lines, as in the shipped menus/"))
        return None
    return doc


def _validate(model: type[BaseModel], doc: Document, problems: list[Problem],
              context: dict[str, Any] | None = None) -> Any:
    try:
        return model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        # Several errors may have one cause, said once (a text cut by commas in two places).
        found = list(dict.fromkeys(explain(doc, error, model) for error in exc.errors()))
        # `scedule:` is reported as an unknown key that suggests `schedule`; that schedule is
        # then also missing, which says the same thing twice.
        misspelt = {(p.where[:-1], p.hint) for p in found if p.message.startswith("unknown key")}
        problems.extend(p for p in found if not (p.message.endswith(" is missing") and any(
            parent == p.where and f"{p.where[-1]!r}" in hint for parent, hint in misspelt)))
        return None


def _zone(settings: SchedulesFile, doc: Document, problems: list[Problem]) -> ZoneInfo | None:
    try:
        return ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(doc.problem(("timezone",), f"{settings.timezone!r} is not a time zone",
                                    "write an IANA zone name, e.g. Asia/Tokyo"))
        return None


def _calendar(settings: SchedulesFile, doc: Document,
              problems: list[Problem]) -> HolidayCalendar | None:
    try:
        return HolidayCalendar(settings.holidays)
    except ValueError as exc:
        message, _, hint = str(exc).partition(" — ")
        problems.append(doc.problem(("holidays",), message, hint))
        return None
