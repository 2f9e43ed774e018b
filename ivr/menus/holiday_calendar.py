"""Which kind of day a date is: weekday, Saturday, Sunday or public holiday."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays

from ivr.menus.schedule import DayType

# The last year of the Cabinet Office's list of Japan's public holidays, which the holidays
# package is checked against (tests/unit/test_calendar.py); later years are computed by rule.
LAST_OFFICIAL_YEAR = 2027


class HolidayCalendar:
    """Public holidays of one country, from the maintained `holidays` package.

    For Japan it includes 振替休日 and 国民の休日 and agrees with the Cabinet Office list
    (1955–2027); later years are computed by the current law, up to 2099, the package's limit.
    """

    def __init__(self, country: str = "JP") -> None:
        if country not in holidays.list_supported_countries():
            raise ValueError(f"{country!r} is not a country the holidays package knows — "
                             "write an ISO 3166 code such as JP")
        self.country = country
        # The package knows each country's holidays up to a year (2099 for Japan); past it,
        # every day would read as a plain weekday or weekend.
        self.last_day = date(holidays.country_holidays(country).end_year, 12, 31)
        self._years = lru_cache(maxsize=None)(self._load_year)

    def _load_year(self, year: int) -> dict[date, str]:
        # Names in the country's own language (Japanese for JP): they are read to operators.
        native = holidays.country_holidays(self.country).default_language
        return dict(holidays.country_holidays(self.country, years=year, language=native))

    def holiday_name(self, day: date) -> str | None:
        return self._years(day.year).get(day)

    def day_type(self, day: date) -> DayType:
        if self.holiday_name(day) is not None:
            return DayType.HOLIDAY
        return {5: DayType.SATURDAY, 6: DayType.SUNDAY}.get(day.weekday(), DayType.WEEKDAY)
