"""The desk that never opens (found by mutation testing): loading refuses a schedule that never
opens again; a desk that opens, but not within the coming year, is said to be closed with a
sentence of its own in every language, never with an exception."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from ivr.calls.hours import Decision, decide
from ivr.calls.navigator import Navigator
from ivr.calls.phrasing import closed_text, hours_text
from ivr.calls.steps import Ask, CallState
from ivr.menus.holiday_calendar import HolidayCalendar
from ivr.menus.loader import load_menus, load_with_sources
from ivr.menus.problems import ConfigError
from ivr.menus.schedule import OUTSIDE_HOURS, Schedule
from ivr.tools import lint
from tests.conftest import HOTLINE
from tests.fixture_menus import one_desk

TOKYO = ZoneInfo("Asia/Tokyo")
CALENDAR = HolidayCalendar("JP")
# Open on Saturdays, closed every year but 12-31, which is next a Saturday in 2033.
RARE = """\
hours:
  saturday: ["10:00-12:00"]
closures:
  - {start: "01-01", end: "12-30", reason: year-end}
"""
IN_JUNE_2026 = datetime(2026, 6, 1, 10, 0, tzinfo=TOKYO)


def holidays_only(closure_end: str) -> str:
    """Open on public holidays only, closed from 01-01 to `closure_end`."""
    return ('hours:\n  holiday: ["09:00-17:00"]\nclosures:\n'
            f'  - {{start: "01-01", end: "{closure_end}", reason: year-end}}\n')


@freeze_time("2026-06-01T10:00:00+09:00")
@pytest.mark.parametrize("closure_end, left", [("12-28", "12-29, 12-30, 12-31"),
                                               ("12-27", "4 days a year")])
def test_a_schedule_that_never_opens_again_is_refused_naming_its_file_and_line(
        tmp_path, closure_end, left):
    # No public holiday of Japan falls on 12-28 to 12-31.
    folder = one_desk(tmp_path / "menus", holidays_only(closure_end))
    with pytest.raises(ConfigError) as refused:
        load_menus(folder)
    problem, = refused.value.problems
    assert (problem.file, problem.line, problem.yaml_path) == (
        folder / "schedules.yaml", 4, "schedules.desk")
    assert problem.message == ("the schedule 'desk' never opens: from 2026-06-01 to 2099-12-31 "
                               f"no holiday falls outside its closures, which leave {left} open")
    assert problem.hint == ("give it hours on the day types those days are, or shorten a "
                            "closure, so that callers can be told when it opens")


@freeze_time("2026-06-01T10:00:00+09:00")
@pytest.mark.parametrize("schedule", [
    pytest.param(RARE, id="a-saturday-31-december"),
    pytest.param('hours:\n  every-day: ["09:00-17:00"]\nclosures:\n'
                 '  - {start: "01-01", end: "02-28"}\n  - {start: "03-01", end: "12-31"}\n',
                 id="29-february-only"),
])
def test_a_schedule_that_opens_some_day_before_the_holiday_data_ends_loads(tmp_path, schedule):
    load_menus(one_desk(tmp_path / "menus", schedule))


def test_a_desk_that_opens_beyond_the_coming_year_has_no_next_opening():
    decision = decide(Schedule.model_validate_json('{"hours": {"saturday": ["10:00-12:00"]}, '
                                                   '"closures": [{"start": "01-01", '
                                                   '"end": "12-30"}]}'),
                      IN_JUNE_2026, TOKYO, CALENDAR)
    assert decision == Decision(False, "year-end", "closure 01-01..12-30", None)


def test_after_a_364_day_closure_the_next_opening_is_a_date():
    # Three sessions a day: the search for the next opening must skip closed days, not step
    # through each of their sessions.
    schedule = Schedule.model_validate({
        "hours": {"every-day": ["09:00-10:00", "11:00-12:00", "13:00-14:00"]},
        "closures": [{"start": "01-01", "end": "12-30", "reason": "works"}]})
    decision = decide(schedule, datetime(2026, 1, 1, 10, 0, tzinfo=TOKYO), TOKYO, CALENDAR)
    assert (decision.reason, decision.next_open) == (
        "works", datetime(2026, 12, 31, 9, 0, tzinfo=TOKYO))


@freeze_time("2026-06-01T10:00:00+09:00")
def test_a_caller_of_a_desk_with_no_next_opening_is_told_so_and_stays_in_the_menu(tmp_path):
    menus = load_menus(one_desk(tmp_path / "menus", RARE))
    step = Navigator(menus).choose(CallState("desk", "main", "ja"), "1", None, IN_JUNE_2026)
    assert (step.decision, step.reason) == ("closed", "year-end")
    assert isinstance(step.action, Ask) and step.action.state == CallState("desk", "main", "ja")
    language = menus.languages["ja"]
    messages = language.messages
    assert messages.closed_no_next_open is not None
    assert step.action.speech[0].text == messages.closed_no_next_open.format(
        reason=messages.reasons["year-end"], hours=hours_text(language, menus.schedules["desk"]))


SHIPPED = load_menus(HOTLINE)


@pytest.mark.parametrize("code", sorted(SHIPPED.languages))
def test_every_shipped_language_says_a_desk_has_no_next_opening(code):
    language, schedule = SHIPPED.languages[code], SHIPPED.schedules["standard"]
    messages = language.messages
    said = closed_text(code, language, schedule, Decision(False, OUTSIDE_HOURS, "rule", None))
    assert messages.closed_no_next_open is not None
    assert said == messages.closed_no_next_open.format(reason=messages.reasons[OUTSIDE_HOURS],
                                                       hours=hours_text(language, schedule))


@freeze_time("2026-06-01T10:00:00+09:00")
def test_a_language_without_the_sentence_loads_says_why_and_the_hours_and_check_warns(tmp_path):
    folder = one_desk(tmp_path / "menus", RARE)
    ja = folder / "languages" / "ja.yaml"
    ja.write_text("".join(line for line in ja.read_text(encoding="utf-8").splitlines(True)
                          if not line.startswith("  closed_no_next_open:")), encoding="utf-8")
    menus, sources = load_with_sources(folder)
    step = Navigator(menus).choose(CallState("desk", "main", "ja"), "1", None, IN_JUNE_2026)
    language = menus.languages["ja"]
    assert step.action.speech[0].text == (language.messages.reasons["year-end"] + " "
                                          + hours_text(language, menus.schedules["desk"]))
    warning, = lint.warnings(menus, sources, IN_JUNE_2026)
    assert (warning.file, warning.yaml_path) == (ja, "messages")
    assert warning.line == ja.read_text(encoding="utf-8").splitlines().index("messages:") + 1
    assert warning.message.startswith("ja has no closed_no_next_open, so a caller of a desk")
    assert warning.hint.startswith("add `closed_no_next_open: ...` under messages")
