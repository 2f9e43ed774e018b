"""Loading the menus: the shipped ones load; every broken one is refused with the file, the line,
the YAML path and what to write instead.

Each broken case is a copy of the shipped menus/ with one edit. An edit's `old` text must occur
exactly once in the shipped file, so a case cannot silently stop applying when the menus change.
Expected lines are not numbers written here: each expected problem names a text (`at`) that
occurs once in the edited file, and the problem must be reported on the line where it starts.

Cases marked `bug=` are defects of ivr/ found while writing these tests: they are strict xfails
that state what an operator should be told, and start failing (XPASS) once ivr/ is fixed.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import ValidationError

from ivr import create_app
from ivr.menus.loader import load_menus
from ivr.menus.problems import ConfigError, Problem
from ivr.web.settings import Settings
from tests.helpers import line_of, transfer_of

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "tests" / "data" / "hotline"  # the engine's copy of the shipped menus
# A small self-contained menus folder whose only mistake is a schedule typo in hotline.yaml.
BROKEN = ROOT / "tests" / "data" / "broken"
# A small, sound menus folder, one line (hotline.yaml) and one schedule (weekdays).
SMALL = ROOT / "tests" / "data" / "small"
SEVEN_SCHEDULES = {"standard", "every-day", "always", "card-weekdays", "foreign-a", "foreign-b",
                   "foreign-system"}


def test_line_of_counts_lines_and_insists_on_one_occurrence():
    text = "a: 1\nb: [x]\nc:\n  d: x\n"
    assert line_of(text, "a: 1") == 1
    assert line_of(text, "[x]") == 2
    assert line_of(text, "c:\n  d") == 3
    assert line_of(text, "d: x") == 4
    with pytest.raises(AssertionError, match="occurs 2 times"):
        line_of(text, "x")
    with pytest.raises(AssertionError, match="occurs 0 times"):
        line_of(text, "e:")


# --- the shipped menus ---------------------------------------------------------------------------

def test_the_shipped_menus_load():
    menus = load_menus(SHIPPED)
    assert menus.folder == SHIPPED
    assert set(menus.lines) == {"mynumber", "card-center", "foreign"}
    assert set(menus.languages) == {"ja", "en", "zh", "ko", "es", "pt", "vi", "th", "id", "tl",
                                    "ne"}
    assert menus.default_line == "mynumber"
    assert str(menus.zone) == "Asia/Tokyo"
    assert menus.calendar.country == "JP"
    assert set(menus.schedules) == SEVEN_SCHEDULES
    assert [line.languages for line in menus.lines.values()] == [
        ("ja",), ("en", "zh", "ko", "es", "pt", "vi", "th", "id", "tl", "ne"), ("ja",)]
    assert menus.lines["mynumber"].start == "main"
    assert set(menus.lines["mynumber"].menus["main"].options) == {"1", "2", "3", "4", "5", "6",
                                                                   "9"}
    assert set(menus.lines["card-center"].menus["main"].options) == {"1", "2"}


def test_the_loaded_menus_are_frozen():
    menus = load_menus(SHIPPED)
    line = menus.lines["mynumber"]
    # setattr: what a caller's code might try at run time, which no type checker would allow.
    with pytest.raises(ValidationError, match="frozen"):
        setattr(line, "start", "other")  # noqa: B010
    with pytest.raises(ValidationError, match="frozen"):
        setattr(transfer_of(line.menus["main"].options["1"]), "to", "+815012345678")  # noqa: B010
    with pytest.raises(ValidationError, match="frozen"):
        setattr(menus.schedules["standard"], "always", True)  # noqa: B010
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(menus, "default_line", "card-center")  # noqa: B010
    with pytest.raises(TypeError):
        menus.lines["other"] = line  # type: ignore[index]  # a mapping that refuses writes
    assert menus.lines["mynumber"].start == "main" and menus.default_line == "mynumber"


# --- edits of a copy of the shipped menus --------------------------------------------------------

@dataclass(frozen=True)
class Replace:
    """Replace `old`, which must occur once in `file`, by `new` saved in `encoding`."""

    file: str
    old: str
    new: str
    encoding: str = "utf-8"  # of `new` only: the rest of the file stays UTF-8

    def apply(self, folder: Path) -> None:
        path = folder / self.file
        text = path.read_text(encoding="utf-8")
        count = text.count(self.old)
        assert count == 1, f"{self.old!r} occurs {count} times in {self.file}, not once"
        before, after = text.split(self.old)
        path.write_bytes(before.encode() + self.new.encode(self.encoding) + after.encode())


@dataclass(frozen=True)
class Write:
    """Replace the whole of `file` by `content`."""

    file: str
    content: bytes

    def apply(self, folder: Path) -> None:
        (folder / self.file).write_bytes(self.content)


@dataclass(frozen=True)
class Reencode:
    """Save `file` in another encoding, as a Windows editor might."""

    file: str
    encoding: str

    def apply(self, folder: Path) -> None:
        path = folder / self.file
        path.write_bytes(path.read_text(encoding="utf-8").encode(self.encoding))


@dataclass(frozen=True)
class Rename:
    file: str
    to: str

    def apply(self, folder: Path) -> None:
        (folder / self.file).rename(folder / self.to)


@dataclass(frozen=True)
class Remove:
    """Delete `file`; "" deletes the whole menus folder."""

    file: str

    def apply(self, folder: Path) -> None:
        path = folder / self.file
        shutil.rmtree(path) if path.is_dir() else path.unlink()


@dataclass(frozen=True)
class UseSmall:
    """Put the small menus of tests/data/small in place of the copy of the shipped ones: a case
    built on them does not move when the shipped wording does."""

    def apply(self, folder: Path) -> None:
        shutil.rmtree(folder)
        shutil.copytree(SMALL, folder)


BAD_BYTE = "\ufffd"  # `at` for "the first line that is not UTF-8"


@dataclass(frozen=True)
class Want:
    """One expected problem.

    at: a text occurring once in the edited `file`; the problem is on the line where it starts.
        None: line 1 (the file or folder as a whole). BAD_BYTE: the first line that is not UTF-8.
    path: the YAML path as printed, e.g. "menus.main.options.1" or "(top level)".
    message, hint: texts the problem's message and hint must contain; in `message`, {first}
        stands for the line of the text `first` (e.g. where a duplicated key first appears).
    """

    file: str
    at: str | None
    path: str
    message: str
    hint: str
    first: str | None = None

    def line(self, text: str | None) -> int:
        if self.at is None or text is None:
            return 1
        if self.at == BAD_BYTE:
            return next(number for number, line in enumerate(text.splitlines(), 1)
                        if BAD_BYTE in line)
        return line_of(text, self.at)

    def wanted_message(self, text: str | None) -> str:
        if self.first is None or text is None:
            return self.message
        return self.message.format(first=line_of(text, self.first))


@dataclass(frozen=True)
class Case:
    id: str
    edits: tuple
    wants: tuple[Want, ...]
    bug: str | None = None  # a defect in ivr/: the case is a strict xfail with this reason
    crash: type[BaseException] | None = None  # the exception ivr/ raises instead of ConfigError


def case(id: str, *edits, want: Want | list[Want], bug: str | None = None,
         crash: type[BaseException] | None = None):
    wants = tuple(want) if isinstance(want, list) else (want,)
    marks = [pytest.mark.xfail(strict=True, reason=bug, raises=crash)] if bug else []
    return pytest.param(Case(id, edits, wants, bug, crash), id=id, marks=marks)


def read_lenient(path: Path) -> str | None:
    """The file as text, undecodable bytes as U+FFFD; None if it does not exist."""
    return path.read_bytes().decode("utf-8", errors="replace") if path.is_file() else None


# Texts of the shipped menus that several cases edit.
CARD_WEEKDAYS = '  card-weekdays:\n    hours:\n      weekday: ["09:30-20:00"]'
CARD_CLOSURE = ('      weekday: ["09:30-20:00"]\n    closures:\n'
                '      - {start: "12-29", end: "01-03"')
CARD_KEY_2 = 'transfer: {to: "+81570783578", fallback: "+815038181250", schedule: always}'
CARD_PROMPT = ("    prompt:\n      ja: >-\n"
               "        マイナンバーカード、電子証明書、個人番号通知書、通知カードに関するお問い合わせは、1番を、\n"
               "        マイナンバーカード及び電子証明書を搭載したスマートフォンの紛失・盗難などによる一時利用停止は、"
               "2番を押してください。\n"
               "        もう一度お聞きになる場合は、こめじるしを押してください。\n")
CARD_GREETING = "  ja: お電話ありがとうございます。個人番号カードコールセンターです。"
MYNUMBER_KEY_2 = 'to: "+81120950178", send_digits: "ww2", fallback: "+815038181250"'
OPTIONS = "menus.main.options"
# The last key of the Nepali file: its words for 0 to 59, over several lines.
NE_TEXT = (SHIPPED / "languages" / "ne.yaml").read_text(encoding="utf-8")
NE_NUMBER_WORDS = NE_TEXT[NE_TEXT.index("  number_words: ["):]


def card_weekdays(hours: str) -> Replace:
    """schedules.yaml with card-weekdays' weekday hours written as `hours`."""
    return Replace("schedules.yaml", CARD_WEEKDAYS,
                   CARD_WEEKDAYS.replace('["09:30-20:00"]', hours))


def card_key(key: str) -> Replace:
    """card-center.yaml with option "2" under the key `key` (as written, quotes included)."""
    return Replace("card-center.yaml", '      "2":', f"      {key}")


E164_HINT = "write + then the country code and the number, no spaces or dashes, e.g. +81120950178"

CASES = [
    # --- schedules.yaml ----------------------------------------------------------------------
    case("unknown-schedule",
         Replace("mynumber.yaml", "schedule: every-day}", "schedule: standrd}"),
         want=Want("mynumber.yaml", "schedule: standrd", f"{OPTIONS}.1.transfer.schedule",
                   "unknown schedule 'standrd'", "did you mean 'standard'?")),
    case("time-25:00", card_weekdays('["09:30-25:00"]'),
         want=Want("schedules.yaml", "25:00", "schedules.card-weekdays.hours.weekday.0",
                   "'25:00' is not a time of day", "write a time from 00:00 to 24:00")),
    case("start-time-24:00", card_weekdays('["24:00-24:00"]'),
         want=Want("schedules.yaml", "24:00-24:00", "schedules.card-weekdays.hours.weekday.0",
                   "'24:00' is not a time of day", "write a time from 00:00 to 23:59")),
    case("time-9:3", card_weekdays('["9:3-20:00"]'),
         want=Want("schedules.yaml", "9:3-20:00", "schedules.card-weekdays.hours.weekday.0",
                   "'9:3' is not a time", "write hours and minutes as HH:MM, e.g. 09:30")),
    case("interval-ends-before-it-starts", card_weekdays('["20:00-09:30"]'),
         want=Want("schedules.yaml", "20:00-09:30", "schedules.card-weekdays.hours.weekday.0",
                   "'20:00-09:30' ends before it starts", "write the opening time first")),
    # The mutation review's schedule rows: an interval's edges, what is not an interval, and
    # closures that leave no day open, each with what the operator is told.
    case("interval-09:00-09:00-is-never-open", card_weekdays('["09:00-09:00"]'),
         want=Want("schedules.yaml", "09:00-09:00", "schedules.card-weekdays.hours.weekday.0",
                   "'09:00-09:00' ends as it starts: never open",
                   "write the opening time first and the closing time second")),
    case("interval-without-its-dash", card_weekdays('["09:30"]'),
         want=Want("schedules.yaml", '"09:30"]', "schedules.card-weekdays.hours.weekday.0",
                   "'09:30' is not an opening interval", 'write it as "HH:MM-HH:MM" in quotes')),
    case("interval-not-a-string", card_weekdays("[930]"),
         want=Want("schedules.yaml", "930", "schedules.card-weekdays.hours.weekday.0",
                   "930 is not an opening interval", 'write it as "HH:MM-HH:MM" in quotes')),
    case("closure-covering-the-whole-year",
         Replace("schedules.yaml", CARD_CLOSURE,
                 CARD_CLOSURE.replace('"12-29", end: "01-03"', '"01-01", end: "12-31"')),
         want=Want("schedules.yaml", CARD_WEEKDAYS, "schedules.card-weekdays",
                   "the closures cover every day of the year", "shorten or remove a closure")),
    case("closures-covering-the-year-in-two",
         Replace("schedules.yaml", CARD_CLOSURE,
                 CARD_CLOSURE.replace('"12-29", end: "01-03"', '"01-01", end: "02-29"')
                 + '}\n      - {start: "03-01", end: "12-31"'),
         want=Want("schedules.yaml", CARD_WEEKDAYS, "schedules.card-weekdays",
                   "the closures cover every day of the year", "shorten or remove a closure")),
    case("closure-crossing-new-year-covering-the-year",
         Replace("schedules.yaml", CARD_CLOSURE,
                 CARD_CLOSURE.replace('"12-29", end: "01-03"', '"01-02", end: "01-01"')),
         want=Want("schedules.yaml", CARD_WEEKDAYS, "schedules.card-weekdays",
                   "the closures cover every day of the year", "shorten or remove a closure")),
    # The review's bug: hours on holidays only, and the one day the closure leaves open is
    # never a holiday. Refused where it is written, not told to every caller.
    case("schedule-that-never-opens",
         Replace("schedules.yaml", CARD_CLOSURE,
                 CARD_CLOSURE.replace("weekday:", "holiday:")
                 .replace('"12-29", end: "01-03"', '"01-01", end: "12-30"')),
         want=Want("schedules.yaml", "  card-weekdays:", "schedules.card-weekdays",
                   "the schedule 'card-weekdays' never opens",
                   "give it hours on the day types those days are, or shorten a closure")),
    case("intervals-overlap", card_weekdays('["09:30-12:00", "11:00-20:00"]'),
         want=Want("schedules.yaml", "weekday: [\"09:30-12:00\"",
                   "schedules.card-weekdays.hours.weekday",
                   "the intervals 09:30-12:00 and 11:00-20:00 overlap",
                   "merge them into one or make one end before the other starts")),
    case("interval-not-a-list", card_weekdays('"09:30-20:00"'),
         want=Want("schedules.yaml", 'weekday: "09:30-20:00"',
                   "schedules.card-weekdays.hours.weekday",
                   "weekday must be a list", "write it as [a, b]")),
    case("every-day-interval-not-a-time",
         Replace("schedules.yaml", 'every-day: ["08:30-20:00"]', 'every-day: ["9:3-20:00"]'),
         want=Want("schedules.yaml", "9:3-20:00", "schedules.foreign-a.hours.every-day.0",
                   "'9:3' is not a time", "write hours and minutes as HH:MM")),
    case("every-day-and-weekday",
         Replace("schedules.yaml", 'every-day: ["08:30-20:00"]',
                 'every-day: ["08:30-20:00"]\n      weekday: ["09:00-10:00"]'),
         want=Want("schedules.yaml", "  foreign-a:", "schedules.foreign-a",
                   "hours has every-day and also weekday",
                   "use either every-day alone or weekday/saturday/sunday/holiday")),
    case("unknown-day-type",
         Replace("schedules.yaml", CARD_WEEKDAYS, CARD_WEEKDAYS.replace("weekday:", "weekdays:")),
         want=Want("schedules.yaml", 'weekdays: ["09:30', "schedules.card-weekdays.hours.weekdays",
                   "'weekdays' is not allowed here",
                   "did you mean 'weekday'? write one of 'weekday', 'saturday', 'sunday', "
                   "'holiday' or 'every-day'")),
    case("day-type-like-none",
         Replace("schedules.yaml", CARD_WEEKDAYS, CARD_WEEKDAYS.replace("weekday:", "lunch:")),
         want=Want("schedules.yaml", 'lunch: ["09:30', "schedules.card-weekdays.hours.lunch",
                   "'lunch' is not allowed here", "write one of 'weekday', 'saturday', 'sunday', "
                   "'holiday' or 'every-day'")),
    case("always-with-hours",
         Replace("schedules.yaml", "    always: true",
                 '    always: true\n    hours: {weekday: ["09:00-10:00"]}'),
         want=Want("schedules.yaml", "  always:\n    always: true", "schedules.always",
                   "a schedule with always: true is open 24 hours every day",
                   "remove its hours and closures, or remove always")),
    case("no-hours-and-not-always",
         Replace("schedules.yaml", '  foreign-b:\n    hours:\n      every-day: ["09:00-18:00"]',
                 "  foreign-b:\n    always: false"),
         want=Want("schedules.yaml", "  foreign-b:", "schedules.foreign-b",
                   "this schedule is never open", "give it hours")),
    case("hours-with-no-interval",
         Replace("schedules.yaml", 'every-day: ["09:30-20:00"]', "every-day: []"),
         want=Want("schedules.yaml", "  every-day:\n", "schedules.every-day",
                   "this schedule is never open", "give it hours")),
    case("time-09:60", card_weekdays('["09:60-20:00"]'),
         want=Want("schedules.yaml", "09:60-20:00", "schedules.card-weekdays.hours.weekday.0",
                   "'09:60' is not a time of day", "write a time from 00:00 to 23:59")),
    case("closure-month-00",
         Replace("schedules.yaml", CARD_CLOSURE, CARD_CLOSURE.replace('"12-29"', '"00-10"')),
         want=Want("schedules.yaml", '"00-10"', "schedules.card-weekdays.closures.0.start",
                   "'00-10' names month 0, and there are 12", 'month first, e.g. "12-29"')),
    case("closure-day-00",
         Replace("schedules.yaml", CARD_CLOSURE, CARD_CLOSURE.replace('"01-03"', '"01-00"')),
         want=Want("schedules.yaml", '"01-00"', "schedules.card-weekdays.closures.0.end",
                   "'01-00' names day 0, and month 1 has at most 31 days",
                   "write a day that exists")),
    case("closure-not-month-day",
         Replace("schedules.yaml", CARD_CLOSURE, CARD_CLOSURE.replace('"12-29"', '"12/29"')),
         want=Want("schedules.yaml", '"12/29"', "schedules.card-weekdays.closures.0.start",
                   "'12/29' is not a day of the year", 'write it as "MM-DD" in quotes')),
    case("closure-month-13",
         Replace("schedules.yaml", CARD_CLOSURE, CARD_CLOSURE.replace('"12-29"', '"13-01"')),
         want=Want("schedules.yaml", '"13-01"', "schedules.card-weekdays.closures.0.start",
                   "'13-01' names month 13, and there are 12", 'month first, e.g. "12-29"')),
    case("closure-february-30",
         Replace("schedules.yaml", CARD_CLOSURE, CARD_CLOSURE.replace('"01-03"', '"02-30"')),
         want=Want("schedules.yaml", '"02-30"', "schedules.card-weekdays.closures.0.end",
                   "'02-30' names day 30, and month 2 has at most 29 days", "write a day that exists")),
    case("bad-time-zone",
         Replace("schedules.yaml", "timezone: Asia/Tokyo", "timezone: Asia/Tokio"),
         want=Want("schedules.yaml", "timezone:", "timezone", "'Asia/Tokio' is not a time zone",
                   "write an IANA zone name, e.g. Asia/Tokyo")),
    case("unknown-holidays-country", Replace("schedules.yaml", "holidays: JP", "holidays: JA"),
         want=Want("schedules.yaml", "holidays:", "holidays", "'JA' is not a country",
                   "write an ISO 3166 code such as JP")),
    case("duplicate-schedule-name",
         Replace("schedules.yaml", "  foreign-b:\n", "  foreign-a:  # again\n"),
         want=Want("schedules.yaml", "foreign-a:  # again", "schedules.foreign-a",
                   "the key 'foreign-a' appears twice here (first on line {first})",
                   "keep one of the two", first="  foreign-a:\n")),

    # --- numbers -------------------------------------------------------------------------------
    case("to-not-e164",
         Replace("mynumber.yaml", MYNUMBER_KEY_2, MYNUMBER_KEY_2.replace('"+81120950178"',
                                                                         '"0120-95-0178"')),
         want=Want("mynumber.yaml", '"0120-95-0178"', f"{OPTIONS}.2.transfer.to",
                   "'0120-95-0178' is not an E.164 phone number",
                   "did you mean +81120950178? Write + then the country code and the number, "
                   "no spaces or dashes, without the 0 dialled first at home")),
    case("send-digits-not-keys",
         Replace("mynumber.yaml", 'send_digits: "ww3"', 'send_digits: "ww 3#x"'),
         want=Want("mynumber.yaml", '"ww 3#x"', f"{OPTIONS}.3.transfer.send_digits",
                   "'ww 3#x' cannot be pressed on a phone",
                   "write keys 0-9, * and #, with w for each half-second wait, e.g. ww3")),
    case("fallback-not-e164",
         Replace("card-center.yaml", CARD_KEY_2, CARD_KEY_2.replace('"+815038181250"',
                                                                    '"0120-95-0178"')),
         want=Want("card-center.yaml", '"0120-95-0178"', f"{OPTIONS}.2.transfer.fallback",
                   "'0120-95-0178' is not an E.164 phone number", "did you mean +81120950178?")),
    case("number-not-e164-and-no-number-at-all",
         Replace("card-center.yaml", CARD_KEY_2, CARD_KEY_2.replace('"+815038181250"', '"0120"')),
         want=Want("card-center.yaml", '"0120"', f"{OPTIONS}.2.transfer.fallback",
                   "'0120' is not an E.164 phone number", E164_HINT)),
    case("same-key-twice", card_key('"1":  # the second "1"'),
         want=Want("card-center.yaml", '# the second "1"', f"{OPTIONS}.1",
                   "the key '1' appears twice here (first on line {first})",
                   "keep one of the two and delete or rename the other", first='"1":\n')),
    case("star-key-unquoted", card_key("*:  # repeat"),
         want=Want("card-center.yaml", "*:  # repeat", "(top level)", "YAML syntax",
                   'quote keys and texts that start with * or &, for example "*":')),
    case("star-key-quoted", card_key('"*":'),
         want=Want("card-center.yaml", '"*":', f"{OPTIONS}.*", "* always repeats the menu",
                   "give this option another key: 0-9 or #")),
    case("key-10", card_key('"10":'),
         want=Want("card-center.yaml", '"10":', f"{OPTIONS}.10", "'10' is not a phone key",
                   'use one of 0-9 or #, in quotes, e.g. "1":')),
    case("key-a", card_key('"a":'),
         want=Want("card-center.yaml", '"a":', f"{OPTIONS}.a", "'a' is not a phone key",
                   'use one of 0-9 or #, in quotes, e.g. "1":')),
    case("hash-key-unquoted", card_key("#:"),
         want=Want("card-center.yaml", "#:", f"{OPTIONS}", "#", '"#":')),
    case("transfer-and-menu",
         Replace("card-center.yaml", CARD_KEY_2, CARD_KEY_2 + "\n        menu: main"),
         want=Want("card-center.yaml", '"2":', f"{OPTIONS}.2",
                   "an option does exactly one thing, this one has transfer and menu",
                   "write one of transfer:, menu:")),
    case("option-with-nothing",
         Replace("card-center.yaml", '"2":\n        ' + CARD_KEY_2 + "\n        words:", '"2": {}\n#'),
         want=Want("card-center.yaml", '"2": {}', f"{OPTIONS}.2",
                   "an option does exactly one thing, this one has none",
                   "write one of transfer:, menu:")),
    case("menu-missing", Replace("card-center.yaml", CARD_KEY_2, "menu: mian"),
         want=Want("card-center.yaml", "menu: mian", f"{OPTIONS}.2.menu",
                   "no menu 'mian' in this line", "did you mean 'main'?")),
    case("start-missing", Replace("card-center.yaml", "start: main", "start: mian"),
         want=Want("card-center.yaml", "start: mian", "start", "no menu 'mian' in this line",
                   "did you mean 'main'?")),
    case("unknown-key-typo",
         Replace("card-center.yaml", CARD_KEY_2, CARD_KEY_2.replace("schedule:", "scedule:")),
         want=[Want("card-center.yaml", "scedule:", f"{OPTIONS}.2.transfer",
                    "schedule is missing", "add `schedule:` here"),
               Want("card-center.yaml", "scedule:", f"{OPTIONS}.2.transfer.scedule",
                    "unknown key 'scedule'", "did you mean 'schedule'?")]),
    case("unknown-optional-key-typo",
         Replace("card-center.yaml", CARD_KEY_2, CARD_KEY_2.replace("fallback:", "fallbak:")),
         want=Want("card-center.yaml", "fallbak:", f"{OPTIONS}.2.transfer.fallbak",
                   "unknown key 'fallbak'", "did you mean 'fallback'?")),
    case("to-missing",
         Replace("card-center.yaml", CARD_KEY_2, CARD_KEY_2.replace('to: "+81570783578", ', "")),
         want=Want("card-center.yaml", "transfer: {fallback:", f"{OPTIONS}.2.transfer",
                   "to is missing", "add `to:` here")),
    case("timeout-zero", Replace("card-center.yaml", "start: main", "start: main\ntimeout: 0"),
         want=Want("card-center.yaml", "timeout: 0", "timeout", "", "60")),

    # --- texts and languages -------------------------------------------------------------------
    case("prompt-missing-ja", Replace("card-center.yaml", CARD_PROMPT, "    prompt: {}\n"),
         want=Want("card-center.yaml", "prompt: {}", "menus.main.prompt",
                   "no ja text here, and the line offers ja", "add `ja: ...` under prompt")),
    case("prompt-in-a-language-the-line-does-not-offer",
         Replace("card-center.yaml", "    options:",
                 "      en: For cards, press 1.\n    options:"),
         want=Want("card-center.yaml", "en: For cards", "menus.main.prompt.en",
                   "the line does not offer 'en'",
                   "add it to the line's languages, or remove this text")),
    case("words-in-a-language-the-line-does-not-offer",
         Replace("card-center.yaml", "words: {ja: [通知カード", "words: {fr: [carte], ja: [通知カード"),
         want=Want("card-center.yaml", "fr: [carte]", "menus.main.options.1.words.fr",
                   "the line does not offer 'fr'",
                   "add it to the line's languages, or remove this text")),
    case("announce-first-without-announce",
         Replace("card-center.yaml", CARD_KEY_2, CARD_KEY_2 + "\n        announce_first: true"),
         want=Want("card-center.yaml", '"2":', f"{OPTIONS}.2",
                   "announce_first: true places an announcement, and this option has none",
                   "add announce: {en: \"…\"}, or remove announce_first")),
    case("when-closed-in-a-language-the-line-does-not-offer",
         Replace("foreign.yaml", "          when_closed:\n",
                 "          when_closed:\n            ja: 二十四時間は日本語で\n"),
         want=Want("foreign.yaml", "ja: 二十四時間", "menus.topics.options.3.transfer.when_closed.ja",
                   "the line does not offer 'ja'",
                   "add it to the line's languages, or remove this text")),
    case("number-words-too-few",
         Replace("languages/ne.yaml", NE_NUMBER_WORDS, "  number_words: [शुन्य, एक, दुई]\n"),
         want=Want("languages/ne.yaml", "number_words: [शुन्य, एक, दुई]", "messages.number_words",
                   "number_words says 0 to 2, and a time can need up to 59",
                   "list the words for 0 to 59 at least, in order")),
    case("list-separator-misspelt",
         Replace("languages/ko.yaml", 'days: {between: "·"}', 'days: {betwen: "·"}'),
         want=[Want("languages/ko.yaml", 'days: {betwen: "·"}', "messages.lists.days",
                    "between is missing", "add `between:` here"),
               Want("languages/ko.yaml", 'betwen: "·"', "messages.lists.days.betwen",
                    "unknown key 'betwen'", "did you mean 'between'?")]),
    case("empty-text", Replace("card-center.yaml", CARD_GREETING, '  ja: ""'),
         want=Want("card-center.yaml", 'ja: ""', "greeting.ja", "this text is empty",
                   "write the text")),
    case("text-left-out", Replace("card-center.yaml", CARD_GREETING, "  ja:"),
         want=Want("card-center.yaml", "  ja:\n", "greeting.ja", "this text is empty",
                   "write the text")),
    case("line-adds-a-language-with-no-file",
         Replace("card-center.yaml", "languages: [ja]", "languages: [ja, fr]"),
         want=[Want("card-center.yaml", "languages: [ja, fr]", "languages.1", "no language 'fr'",
                    "add menus/languages/fr.yaml"),
               Want("card-center.yaml", "    intro:", "menus.main.intro",
                    "no fr text here, and the line offers fr", "add `fr: ...` under intro"),
               Want("card-center.yaml", "    prompt:", "menus.main.prompt",
                    "no fr text here, and the line offers fr", "add `fr: ...` under prompt")]),
    case("line-in-a-language-with-no-file",
         Replace("card-center.yaml", "languages: [ja]", "languages: [fr]"),
         want=[Want("card-center.yaml", "languages: [fr]", "languages.0", "no language 'fr'",
                    "add menus/languages/fr.yaml"),
               Want("card-center.yaml", "greeting:", "greeting",
                    "no fr text here, and the line offers fr", "add `fr: ...` under greeting"),
               Want("card-center.yaml", "  ja: お電話", "greeting.ja",
                    "the line does not offer 'ja'", "add it to the line's languages"),
               Want("card-center.yaml", "    intro:", "menus.main.intro",
                    "no fr text here, and the line offers fr", "add `fr: ...` under intro"),
               Want("card-center.yaml", "      ja: ガイダンス", "menus.main.intro.ja",
                    "the line does not offer 'ja'", "add it to the line's languages"),
               Want("card-center.yaml", "    prompt:", "menus.main.prompt",
                    "no fr text here, and the line offers fr", "add `fr: ...` under prompt"),
               Want("card-center.yaml", "      ja: >-", "menus.main.prompt.ja",
                    "the line does not offer 'ja'", "add it to the line's languages"),
               Want("card-center.yaml", "words: {ja: [通知カード", "menus.main.options.1.words.ja",
                    "the line does not offer 'ja'", "add it to the line's languages"),
               Want("card-center.yaml", "words: {ja: [紛失", "menus.main.options.2.words.ja",
                    "the line does not offer 'ja'", "add it to the line's languages")]),
    case("language-file-missing", Remove("languages/ja.yaml"),
         want=[Want("card-center.yaml", "languages: [ja]", "languages.0", "no language 'ja'",
                    "add menus/languages/ja.yaml"),
               Want("foreign.yaml", "announce: {ja:", "menus.languages.options.#.announce.ja",
                    "no language 'ja'", "add menus/languages/ja.yaml"),
               Want("mynumber.yaml", "languages: [ja]", "languages.0", "no language 'ja'",
                    "add menus/languages/ja.yaml")]),
    case("unknown-placeholder",
         Replace("languages/ja.yaml", "{next_open}", "{next_opening}"),
         want=Want("languages/ja.yaml", "  closed:", "messages.closed",
                   "{next_opening} is not filled in here",
                   "use only {hours}, {next_open}, {reason}")),
    case("placeholder-without-name", Replace("languages/ja.yaml", "{reason}。{hours}次", "{}。{hours}次"),
         want=Want("languages/ja.yaml", "  closed:", "messages.closed", "{}", "{reason}")),
    case("placeholder-unclosed", Replace("languages/ja.yaml", "{reason}。{hours}次", "{reason。{hours}次"),
         want=Want("languages/ja.yaml", "  closed:", "messages.closed", "", ""),
         crash=ValueError),
    case("closure-name-missing",
         Replace("languages/ja.yaml", "  closure_names:\n    year-end: 年末年始\n",
                 "  closure_names: {}\n"),
         want=Want("languages/ja.yaml", "closure_names: {}", "messages.closure_names",
                   "closure_names has no 'year-end'", "add `year-end: ...` under closure_names")),
    case("closure-reason-missing",
         Replace("languages/ja.yaml", "    year-end: この窓口は、年末年始のためお休みです\n", ""),
         want=Want("languages/ja.yaml", "  reasons:", "messages.reasons",
                   "reasons has no 'year-end'", "add `year-end: ...` under reasons")),
    case("bad-date-format",
         Replace("languages/ja.yaml", "date_format: M月d日EEEE、", "date_format: M月d日(EEEEEEEEE)"),
         want=Want("languages/ja.yaml", "date_format:", "messages.date_format",
                   "'M月d日(EEEEEEEEE)' is not a CLDR date pattern",
                   "write a date pattern such as M月d日EEEE")),
    case("date-format-with-a-time",
         Replace("languages/ja.yaml", "date_format: M月d日EEEE、", "date_format: M月d日(E) H時"),
         want=Want("languages/ja.yaml", "date_format:", "messages.date_format", "date",
                   "M月d日EEEE")),

    # --- lines -----------------------------------------------------------------------------------
    case("two-default-lines",
         Replace("card-center.yaml", "numbers: []", "default: true\nnumbers: []"),
         want=Want("mynumber.yaml", "default: true", "default",
                   "card-center is the default already",
                   "remove `default: true` from all lines but one")),
    case("no-default-line", Replace("mynumber.yaml", "default: true\n", ""),
         want=Want("card-center.yaml", "numbers: []", "(top level)", "none of card-center.yaml, foreign.yaml, mynumber.yaml is the default line",
                   "add `default: true` to the line that /voice answers")),
    case("same-number-in-two-lines",
         Replace("card-center.yaml", "numbers: []", 'numbers: ["+815012345678"]'),
         Replace("mynumber.yaml", "numbers: []", 'numbers: ["+815012345678"]'),
         want=Want("mynumber.yaml", 'numbers: ["+815012345678"]', "numbers.0",
                   "+815012345678 already routes to card-center",
                   "list each Twilio number in one line only")),
    case("line-file-name-with-capitals", Rename("card-center.yaml", "Card_Center.yaml"),
         want=Want("Card_Center.yaml", "numbers: []", "(top level)",
                   "Card_Center.yaml cannot be a line's file name",
                   "name it with lower-case letters, digits and dashes")),
    case("line-file-named-fallback", Rename("card-center.yaml", "fallback.yaml"),
         want=Want("fallback.yaml", "numbers: []", "(top level)",
                   "fallback.yaml cannot be a line's file name", "and not fallback.yaml")),

    # --- files -----------------------------------------------------------------------------------
    case("text-with-colon-unquoted",
         Replace("card-center.yaml", CARD_GREETING, "  ja: 受付時間: 平日のみ"),
         want=Want("card-center.yaml", "受付時間: ", "(top level)",
                   "YAML syntax: ': ' in a text without quotes starts a key",
                   "put text that contains ': ' in quotes")),
    case("tab-indented", Replace("card-center.yaml", "    prompt:\n", "\tprompt:\n"),
         want=Want("card-center.yaml", "\tprompt:", "(top level)", "YAML syntax", "spaces")),
    case("unclosed-bracket", Replace("card-center.yaml", "languages: [ja]", "languages: [ja"),
         want=Want("card-center.yaml", "languages: [ja\n", "(top level)", "YAML syntax", "]")),
    case("unclosed-quote",
         Replace("card-center.yaml", CARD_GREETING, '  ja: "お電話ありがとうございます。'),
         want=Want("card-center.yaml", '"お電話', "(top level)", "YAML syntax", "quot")),
    case("empty-file", Write("card-center.yaml", b""),
         want=Want("card-center.yaml", None, "(top level)", "the file is empty",
                   "start with `key: value` lines")),
    case("file-is-a-list", Write("card-center.yaml", b"- numbers: []\n- languages: [ja]\n"),
         want=Want("card-center.yaml", None, "(top level)", "the file must hold a mapping of keys",
                   "start with `key: value` lines")),
    case("not-utf-8", Reencode("card-center.yaml", "shift_jis"),
         want=Want("card-center.yaml", BAD_BYTE, "(top level)", "the file is not UTF-8",
                   "save the file as UTF-8")),
    case("one-line-not-utf-8",
         Replace("card-center.yaml", "start: main", "start: main  # 最初のメニュー",
                 encoding="shift_jis"),
         want=Want("card-center.yaml", BAD_BYTE, "(top level)", "the file is not UTF-8",
                   "save the file as UTF-8")),
    case("schedules-file-missing", Remove("schedules.yaml"),
         want=Want("schedules.yaml", None, "(top level)", "schedules.yaml is missing",
                   "create it; see the shipped menus/")),
    case("menus-folder-missing", Remove(""),
         want=Want("", None, "(top level)", "the menus folder does not exist",
                   "set IVR_MENUS to a folder holding schedules.yaml")),
] + [
    # --- messages that name the real mistake, on the small menus -----------------------------
    case("quote-left-open-inside-braces",
         UseSmall(), Replace("hotline.yaml", 'to: "+81120950178",', 'to: "+81120950178,'),
         want=Want("hotline.yaml", '"+81120950178, fallback', "(top level)",
                   "YAML syntax: a quoted text is not closed",
                   "end the text with the same quote mark it starts with")),
    case("quote-left-open-above-other-keys",
         UseSmall(), Replace("hotline.yaml", "      ja: >-\n        窓口へは1番を。\n        お知らせは2番を押してください。",
                             '      ja: "窓口へは1番を。'),
         want=Want("hotline.yaml", '"窓口へは', "(top level)",
                   "YAML syntax: a quoted text is not closed", "the same quote mark")),
    case("comma-in-text-inside-braces",
         UseSmall(), Replace("hotline.yaml", "say: {ja: ただいまお知らせはございません。}",
                             "say: {ja: はい, どうぞ, よろしく}"),
         want=Want("hotline.yaml", "say: {ja:", f"{OPTIONS}.2.say.ja",
                   "the comma in はい, どうぞ, よろしく ends the text of ja: without quotes, YAML "
                   "reads what follows it as another key",
                   'put the text in quotes: ja: "はい, どうぞ, よろしく"')),
    case("key-indented-more-than-the-keys-around-it",
         UseSmall(), Replace("hotline.yaml", "    options:\n", "     options:\n"),
         want=Want("hotline.yaml", "     options:", "(top level)",
                   "YAML syntax: options: is indented 5 spaces, unlike the keys around it: 6 "
                   "spaces (ja: on line {first}) or 4 spaces (prompt: on line",
                   "indent it like the key it belongs beside: 6 spaces to go with ja:, or 4 "
                   "spaces to go with prompt:", first="ja: >-")),
    case("key-indented-between-the-levels-around-it",
         UseSmall(), Replace("hotline.yaml", '      "2":\n', '     "2":\n'),
         want=Want("hotline.yaml", '     "2":', "(top level)",
                   '"2": is indented 5 spaces, unlike the keys around it: 6 spaces ("1": on '
                   'line {first}) or 4 spaces (options: on line',
                   'indent it like the key it belongs beside: 6 spaces to go with "1":, or 4 '
                   'spaces to go with options:', first='"1":')),
    case("key-indented-under-a-text",
         UseSmall(), Replace("hotline.yaml", "start: main\nmenus:", "start: main\n  menus:"),
         want=Want("hotline.yaml", "  menus:", "(top level)",
                   "menus: is indented 2 spaces, unlike the keys around it: no spaces (start: "
                   "on line {first})", "no spaces to go with start:", first="start: main")),
    case("text-line-indented-less-than-its-text",
         UseSmall(), Replace("hotline.yaml", "        お知らせは", "      お知らせは"),
         want=Want("hotline.yaml", "      お知らせは", "(top level)",
                   "YAML syntax: this line is indented 6 spaces, less than the text it continues",
                   "indent every line of a text by the same 8 spaces")),
    case("text-after-a-quoted-text",
         UseSmall(), Replace("hotline.yaml", "say: {ja: ただいまお知らせはございません。}",
                             'say:\n          ja: "ただいま"お知らせはございません。'),
         want=Want("hotline.yaml", '"ただいま"', "(top level)",
                   "YAML syntax: text follows the quote that closes a text",
                   "put the whole text in quotes, or none of it")),
    case("time-in-full-width",
         UseSmall(), Replace("schedules.yaml", '"09:30-20:00"', '"０９：３０-20:00"'),
         want=Want("schedules.yaml", "０９：３０", "schedules.weekdays.hours.weekday.0",
                   "'０９：３０-20:00' has a full-width ０ at position 1 and 4 more characters to "
                   "retype", "write '09:30-20:00', in half-width (ASCII) characters")),
    case("interval-with-an-en-dash",
         UseSmall(), Replace("schedules.yaml", '"09:30-20:00"', '"09:30–20:00"'),
         want=Want("schedules.yaml", "09:30–20:00", "schedules.weekdays.hours.weekday.0",
                   "'09:30–20:00' has an en dash (–) at position 6", "write '09:30-20:00'")),
    case("interval-with-a-wave-dash",
         UseSmall(), Replace("schedules.yaml", '"09:30-20:00"', '"09:30〜20:00"'),
         want=Want("schedules.yaml", "09:30〜20:00", "schedules.weekdays.hours.weekday.0",
                   "'09:30〜20:00' has a wave dash (〜) at position 6", "write '09:30-20:00'")),
    case("time-with-a-letter-o",
         UseSmall(), Replace("schedules.yaml", '"09:30-20:00"', '"O9:30-20:00"'),
         want=Want("schedules.yaml", "O9:30", "schedules.weekdays.hours.weekday.0",
                   "'O9:30-20:00' has the letter O at position 1", "write '09:30-20:00'")),
    case("closure-day-with-a-full-width-hyphen",  # full-width digits alone were always read
         UseSmall(), Replace("schedules.yaml", 'start: "12-29"', 'start: "１２－29"'),
         want=Want("schedules.yaml", "１２－29", "schedules.weekdays.closures.0.start",
                   "'１２－29' has a full-width １ at position 1 and 2 more characters to retype",
                   "write '12-29'")),
    case("whole-number-in-full-width",
         UseSmall(), Replace("hotline.yaml", "start: main", "start: main\ntimeout: ６"),
         want=Want("hotline.yaml", "timeout: ６", "timeout",
                   "'６' has a full-width ６ at position 1", "write '6'")),
    case("instant-in-full-width",
         UseSmall(), Write("temporary.yaml", "changes:\n  - name: maintenance\n    schedules: [all]\n"
                                             "    start: ２０２６-12-05 22:00\n    end: 2026-12-06 06:00\n"
                                             "    message: {ja: メンテナンス中です}\n".encode()),
         want=Want("temporary.yaml", "start: ２０２６", "changes.0.start",
                   "'２０２６-12-05 22:00' has a full-width ２ at position 1 and 3 more characters",
                   "write '2026-12-05 22:00'")),
    case("key-of-a-schedule-in-a-temporary-change",
         UseSmall(), Write("temporary.yaml", "changes:\n  - name: new-year\n    schedules: [weekdays]\n"
                                             '    closures: [{start: "12-29", end: "01-04"}]\n'
                                             "    end: 2027-01-05 00:00\n"
                                             "    message: {ja: 年末年始のためお休みです}\n".encode()),
         want=Want("temporary.yaml", "closures:", "changes.0.closures",
                   "a temporary change has no key 'closures'",
                   "its keys are name, schedules, state, hours, start, end, message: write one "
                   "of them, or remove closures:")),
    case("key-of-another-kind-of-option",
         UseSmall(), Replace("hotline.yaml", "schedule: weekdays}", "schedule: weekdays, hours: 1}"),
         want=Want("hotline.yaml", "transfer: {to:", f"{OPTIONS}.1.transfer.hours",
                   "a transfer has no key 'hours'",
                   "its keys are to, send_digits, fallback, schedule, when_closed")),
    case("number-with-the-trunk-0-after-the-country-code",
         UseSmall(), Replace("hotline.yaml", '"+815012345678"', '"+8105012345678"'),
         want=Want("hotline.yaml", "+8105012345678", f"{OPTIONS}.1.transfer.fallback",
                   "'+8105012345678' keeps the trunk prefix 0, which is dialled only on calls "
                   "within the country: after +81 (Japan) it cannot be dialled",
                   "write +815012345678")),
    case("number-as-dialled-at-home",
         UseSmall(), Replace("hotline.yaml", '"+815012345678"', '"050-1234-5678"'),
         want=Want("hotline.yaml", "050-1234-5678", f"{OPTIONS}.1.transfer.fallback",
                   "'050-1234-5678' is not an E.164 phone number", "did you mean +815012345678?")),
    case("number-too-short",
         UseSmall(), Replace("hotline.yaml", '"+81120950178"', '"+8112095"'),
         want=Want("hotline.yaml", "+8112095", f"{OPTIONS}.1.transfer.to",
                   "'+8112095' is too short for a +81 (Japan) number, so it cannot be dialled",
                   "write the whole number")),
    case("number-with-no-country-code",
         UseSmall(), Replace("hotline.yaml", '"+81120950178"', '"+99920950178"'),
         want=Want("hotline.yaml", "+99920950178", f"{OPTIONS}.1.transfer.to",
                   "'+99920950178' starts with no country's code", "write + then the country code")),
    case("number-in-full-width",
         UseSmall(), Replace("hotline.yaml", '"+81120950178"', '"＋８１１２０９５０１７８"'),
         want=Want("hotline.yaml", "＋８１", f"{OPTIONS}.1.transfer.to",
                   "'＋８１１２０９５０１７８' has a full-width ＋ at position 1 and 11 more characters",
                   "write '+81120950178'")),
]


def broken_copy(tmp_path: Path, edits) -> Path:
    folder = tmp_path / "menus"
    shutil.copytree(SHIPPED, folder)
    for edit in edits:
        edit.apply(folder)
    return folder


@pytest.mark.parametrize("broken", CASES)
def test_broken_menus_are_refused_with_file_line_path_and_hint(broken: Case, tmp_path):
    folder = broken_copy(tmp_path, broken.edits)
    with pytest.raises(ConfigError) as info:
        load_menus(folder)
    problems = info.value.problems
    report = "\n".join(map(str, problems))

    texts = {want.file: read_lenient(folder / want.file) for want in broken.wants}
    wanted = [(folder / w.file, w.line(texts[w.file]), w.path) for w in broken.wants]
    assert [(p.file, p.line, p.yaml_path) for p in problems] == wanted, report
    for problem, want in zip(problems, broken.wants, strict=True):
        assert want.wanted_message(texts[want.file]) in problem.message, report
        assert want.hint in problem.hint, report
        at = "" if want.path == "(top level)" else f" (at {want.path})"  # no path, no "(at …)"
        assert str(problem) == (f"{problem.file}:{problem.line}:{problem.column}: "
                                f"{problem.message} — {problem.hint}{at}")


def test_an_unquoted_e164_number_is_read_as_text(tmp_path):
    # YAML would read +81120950178 as the number 81120950178; a phone number is meant.
    folder = broken_copy(tmp_path, [Replace("mynumber.yaml", MYNUMBER_KEY_2,
                                            MYNUMBER_KEY_2.replace('"+81120950178"',
                                                                   "+81120950178"))])
    menus = load_menus(folder)
    assert transfer_of(menus.lines["mynumber"].menus["main"].options["2"]).to == "+81120950178"


def test_case_ids_are_unique():
    ids = [param.values[0].id for param in CASES]
    assert len(ids) == len(set(ids))


# --- several problems at once --------------------------------------------------------------------

def test_several_problems_are_all_reported_sorted_by_file_and_line(tmp_path):
    edits = [  # in no particular order; all are found in the same pass (reading the values)
        Replace("schedules.yaml", CARD_WEEKDAYS, CARD_WEEKDAYS.replace("20:00", "25:00")),
        Replace("mynumber.yaml", MYNUMBER_KEY_2, MYNUMBER_KEY_2.replace('"+81120950178"',
                                                                        '"0120-95-0178"')),
        Replace("card-center.yaml", CARD_KEY_2, CARD_KEY_2.replace('"+815038181250"', '"050"')),
        Replace("languages/ja.yaml", "  no_input: 番号の入力が確認できませんでした。", '  no_input: ""'),
        Replace("card-center.yaml", "start: main", "start: Main"),
    ]
    folder = broken_copy(tmp_path, edits)
    with pytest.raises(ConfigError) as info:
        load_menus(folder)

    def at(file: str, needle: str) -> tuple[str, int]:
        return (file, line_of((folder / file).read_text(encoding="utf-8"), needle))

    found = [(str(p.file.relative_to(folder)), p.line) for p in info.value.problems]
    assert found == [at("card-center.yaml", "start: Main"),
                     at("card-center.yaml", '"050"'),
                     at("languages/ja.yaml", 'no_input: ""'),
                     at("mynumber.yaml", '"0120-95-0178"'),
                     at("schedules.yaml", "25:00")]
    assert [p.message for p in info.value.problems] == [
        "'Main' is not a name",
        "'050' is not an E.164 phone number",
        "this text is empty",
        "'0120-95-0178' is not an E.164 phone number",
        "'25:00' is not a time of day"]
    assert str(info.value) == "\n".join(str(p) for p in info.value.problems)


# --- settings, the app factory and `python app.py` -----------------------------------------------

def test_a_dial_override_that_is_not_e164_is_refused():
    with pytest.raises(ConfigError) as info:
        Settings.load({"IVR_DIAL_OVERRIDE": "0120"}, environ={})
    assert info.value.problems == [Problem(
        Path("IVR_DIAL_OVERRIDE"), 1, 1, (), "'0120' is not an E.164 phone number",
        "write + then the country code and number, e.g. IVR_DIAL_OVERRIDE=+815012345678")]
    assert Settings.load({"IVR_DIAL_OVERRIDE": " +815012345678 "}, environ={}).dial_override \
        == "+815012345678"
    assert Settings.load({"IVR_DIAL_OVERRIDE": ""}, environ={}).dial_override is None


@pytest.mark.parametrize("written, message, hint", [
    ("050-1234-5678", "'050-1234-5678' is not an E.164 phone number",
     "did you mean IVR_DIAL_OVERRIDE=+815012345678? write + then the country code and number, "
     "e.g. IVR_DIAL_OVERRIDE=+815012345678"),  # read in the menus' country, holidays: JP
    ("+8105012345678", "'+8105012345678' keeps the trunk prefix 0, which is dialled only on "
     "calls within the country: after +81 (Japan) it cannot be dialled", "write +815012345678"),
    ("+8112095", "'+8112095' is too short for a +81 (Japan) number, so it cannot be dialled",
     "write the whole number: + then the country code, the area code and the number"),
])
def test_a_dial_override_is_checked_as_the_menus_numbers_are(written, message, hint):
    with pytest.raises(ConfigError) as info:
        Settings.load({"IVR_DIAL_OVERRIDE": written, "IVR_MENUS": str(SMALL)}, environ={})
    assert info.value.problems == [Problem(Path("IVR_DIAL_OVERRIDE"), 1, 1, (), message, hint)]


def broken_problem_line() -> int:
    """The line of the one mistake in tests/data/broken/hotline.yaml."""
    return line_of((BROKEN / "hotline.yaml").read_text(encoding="utf-8"), "schedule: standrd")


def test_create_app_refuses_broken_menus():
    with pytest.raises(ConfigError) as info:
        create_app({"IVR_MENUS": str(BROKEN), "TWILIO_AUTH_TOKEN": "", "IVR_DIAL_OVERRIDE": ""})
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.yaml_path) == (
        BROKEN / "hotline.yaml", broken_problem_line(), f"{OPTIONS}.1.transfer.schedule")
    assert problem.message == "unknown schedule 'standrd'"
    assert problem.hint.startswith("did you mean 'standard'?")


def test_create_app_refuses_a_bad_dial_override():
    with pytest.raises(ConfigError, match="IVR_DIAL_OVERRIDE"):
        create_app({"IVR_MENUS": str(SHIPPED), "TWILIO_AUTH_TOKEN": "",
                    "IVR_DIAL_OVERRIDE": "0120"})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_app_py_prints_the_problem_and_exits_without_serving():
    env = {**os.environ, "IVR_MENUS": str(BROKEN), "IVR_DIAL_OVERRIDE": "",
           "TWILIO_AUTH_TOKEN": "", "HOST": "127.0.0.1", "PORT": str(free_port()),
           "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "app.py"], cwd=ROOT, env=env, capture_output=True,
                            encoding="utf-8", timeout=30)
    assert result.returncode != 0
    column = next(line for line in (BROKEN / "hotline.yaml").read_text(encoding="utf-8")
                  .splitlines() if "schedule: standrd" in line).index("schedule:") + 1
    lines = result.stderr.splitlines()
    assert lines[0] == "The IVR cannot start: the menus have problems."
    assert lines[1:] == [
        f"{BROKEN / 'hotline.yaml'}:{broken_problem_line()}:{column}: "
        "unknown schedule 'standrd' — "
        "did you mean 'standard'? known: standard (in schedules.yaml) "
        f"(at {OPTIONS}.1.transfer.schedule)"]
    assert "Traceback" not in result.stderr
    assert "Running on" not in result.stdout + result.stderr
    assert "Serving Flask app" not in result.stdout + result.stderr
