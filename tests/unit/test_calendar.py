"""HolidayCalendar against the Cabinet Office list of Japan's public holidays.

The spec: "public holiday" means Japan's national holidays including 振替休日 and 国民の休日;
for 1955–2027 exactly the dates of the Cabinet Office list, after that computed by rule.
"""
from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from ivr.menus.holiday_calendar import HolidayCalendar
from ivr.menus.schedule import DayType

CSV_PATH = Path(__file__).parents[1] / "data" / "jp-holidays-cabinet-office.csv"
CSV_ROWS = 1067  # the list as shipped: 1955-01-01 .. 2027-11-23
FIRST, LAST = date(1955, 1, 1), date(2027, 12, 31)

# Rows the Cabinet Office names generically; the law gives them a specific kind instead.
GENERIC_NAMES = {"休日", "休日（祝日扱い）"}
# 休日 in the list is either a substitute holiday (振替休日, 祝日法 3条2項) or a day between two
# holidays (国民の休日, 3条3項); the holidays package names which one it is.
GENERIC_KINDS = {"振替休日", "国民の休日"}
# The one principled difference in a specific name: on 2019-10-14 the law still said 体育の日;
# the Cabinet Office adds the name it took from 2020 in brackets.
KNOWN_NAME_DIFFERENCES = {date(2019, 10, 14): ("体育の日（スポーツの日）", "体育の日")}


def _read_cabinet_office() -> dict[date, str]:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["date", "name"]
        return {date.fromisoformat(row["date"]): row["name"] for row in reader}


OFFICIAL = _read_cabinet_office()


@pytest.fixture(scope="module")
def calendar() -> HolidayCalendar:
    return HolidayCalendar("JP")


def _days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def test_cabinet_office_list_is_complete():
    assert len(OFFICIAL) == CSV_ROWS
    assert min(OFFICIAL) == date(1955, 1, 1)
    assert max(OFFICIAL) >= date(2027, 11, 23)


def test_holidays_are_exactly_the_cabinet_office_dates_1955_to_2027(calendar):
    mismatches = [
        (day.isoformat(), OFFICIAL.get(day), calendar.holiday_name(day), calendar.day_type(day).value)
        for day in _days(FIRST, LAST)
        if (calendar.day_type(day) is DayType.HOLIDAY) != (day in OFFICIAL)
    ]
    assert mismatches == []


def test_holiday_names_match_the_cabinet_office_2000_to_2027(calendar):
    mismatches = []
    for day, official in sorted(OFFICIAL.items()):
        if day.year < 2000 or official in GENERIC_NAMES:
            continue
        expected = KNOWN_NAME_DIFFERENCES.get(day, (official, official))[1]
        if calendar.holiday_name(day) != expected:
            mismatches.append((day.isoformat(), official, calendar.holiday_name(day)))
    assert mismatches == []


def test_known_name_differences_are_still_in_the_list():
    # If the Cabinet Office list changes, the exception above must be revisited.
    for day, (official, _library) in KNOWN_NAME_DIFFERENCES.items():
        assert OFFICIAL[day] == official


def test_generic_rows_are_named_substitute_or_citizens_holiday(calendar):
    mismatches = [
        (day.isoformat(), calendar.holiday_name(day))
        for day, official in sorted(OFFICIAL.items())
        if official == "休日" and calendar.holiday_name(day) not in GENERIC_KINDS
    ]
    assert mismatches == []


@pytest.mark.parametrize(("day", "day_type", "name"), [
    pytest.param(date(2026, 5, 6), DayType.HOLIDAY, "振替休日", id="2026-05-06-wed-substitute"),
    pytest.param(date(2026, 9, 21), DayType.HOLIDAY, "敬老の日", id="2026-09-21-keiro-no-hi"),
    pytest.param(date(2026, 9, 22), DayType.HOLIDAY, "国民の休日", id="2026-09-22-kokumin-no-kyujitsu"),
    pytest.param(date(2026, 9, 23), DayType.HOLIDAY, "秋分の日", id="2026-09-23-autumn-equinox"),
    pytest.param(date(2026, 11, 3), DayType.HOLIDAY, "文化の日", id="2026-11-03-bunka-no-hi"),
    pytest.param(date(2027, 3, 21), DayType.HOLIDAY, "春分の日", id="2027-03-21-sun-spring-equinox"),
    pytest.param(date(2027, 3, 22), DayType.HOLIDAY, "振替休日", id="2027-03-22-mon-substitute"),
    pytest.param(date(2027, 1, 11), DayType.HOLIDAY, "成人の日", id="2027-01-11-seijin-no-hi"),
    pytest.param(date(2026, 12, 25), DayType.WEEKDAY, None, id="2026-12-25-fri"),
    pytest.param(date(2026, 12, 26), DayType.SATURDAY, None, id="2026-12-26-sat"),
    pytest.param(date(2026, 12, 27), DayType.SUNDAY, None, id="2026-12-27-sun"),
    pytest.param(date(2026, 12, 28), DayType.WEEKDAY, None, id="2026-12-28-mon"),
    pytest.param(date(2026, 12, 31), DayType.WEEKDAY, None, id="2026-12-31-thu-not-a-holiday"),
    pytest.param(date(2027, 1, 2), DayType.SATURDAY, None, id="2027-01-02-sat-not-a-holiday"),
    pytest.param(date(2030, 1, 1), DayType.HOLIDAY, "元日", id="2030-01-01-by-rule"),
    pytest.param(date(2030, 11, 3), DayType.HOLIDAY, "文化の日", id="2030-11-03-sun-by-rule"),
    pytest.param(date(2030, 11, 4), DayType.HOLIDAY, "振替休日", id="2030-11-04-substitute-by-rule"),
    pytest.param(date(2030, 11, 5), DayType.WEEKDAY, None, id="2030-11-05-tue-by-rule"),
])
def test_specific_days(calendar, day, day_type, name):
    assert (calendar.day_type(day), calendar.holiday_name(day)) == (day_type, name)


@pytest.mark.parametrize("country", ["XX", "ZZ", ""])
def test_unknown_country_raises_value_error(country):
    with pytest.raises(ValueError):
        HolidayCalendar(country)
