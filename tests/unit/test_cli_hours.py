"""`python -m ivr hours`: each desk at an instant, and each schedule day by day in a month."""
from __future__ import annotations

import re

import pytest
from freezegun import freeze_time

from ivr.tools.cli import main
from ivr.tools.cli.text import width
from tests.helpers import HOTLINE, write_changes

YEAR_END = """\
Desks at Wed 2026-12-30 10:00 (Asia/Tokyo)

             languages       schedule        now     why
mynumber
  main 1     all             every-day       open    weekday 09:30-20:00
  main 2     all             always          open    24 hours
  main 3     all             standard        closed  year-end until Mon 2027-01-04 09:30
  main 4     all             standard        closed  year-end until Mon 2027-01-04 09:30
  main 5     all             standard        closed  year-end until Mon 2027-01-04 09:30
  main 6     all             standard        closed  year-end until Mon 2027-01-04 09:30
foreign
  topics 1   en zh ko es pt  foreign-a       open    weekday 08:30-20:00
  topics 1   vi th id tl ne  foreign-b       open    weekday 09:00-18:00
  topics 2   all             foreign-system  closed  year-end until Mon 2027-01-04 09:30
  topics 3   en zh ko es pt  always          open    24 hours
  topics 3   vi th id tl ne  foreign-b       open    weekday 09:00-18:00
card-center
  main 1     all             card-weekdays   closed  year-end until Mon 2027-01-04 09:30
  main 2     all             always          open    24 hours
"""


def hours(capsys, *args: str) -> tuple[int, str]:
    code = main(["hours", "--menus", str(HOTLINE), *args])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("at", ["2026-12-30T10:00", "2026-12-30 10:00:00",
                                "2026-12-30T01:00+00:00", "2026-12-29T20:00-05:00"])
def test_every_desk_at_an_instant_in_the_menus_zone_or_with_an_offset(capsys, at):
    assert hours(capsys, "--at", at) == (0, YEAR_END)


@freeze_time("2026-12-30T01:00:00Z")
def test_every_desk_now(capsys):
    assert hours(capsys) == (0, YEAR_END)


def test_a_desk_closed_for_a_public_holiday_says_which(capsys):
    code, out = hours(capsys, "--at", "2027-01-11T21:00")
    assert "  main 1     all             card-weekdays   closed  holiday 成人の日 until " \
           "Tue 2027-01-12 09:30\n" in out
    assert "  main 1     all             every-day       closed  outside hours until " \
           "Tue 2027-01-12 09:30\n" in out


def test_a_temporary_change_is_why_a_desk_is_closed_or_open(capsys, edited_menus):
    folder = edited_menus()
    write_changes(folder, "  - name: maintenance\n    schedules: [always]\n"
                          "    start: \"2026-12-05 22:00\"\n    end: \"2026-12-06 06:00\"\n"
                          "    message: {message}\n",
                  "  - name: late\n    schedules: [card-weekdays]\n    state: open\n"
                  "    end: \"2026-12-05 23:00\"\n")
    main(["hours", "--menus", str(folder), "--at", "2026-12-05T22:30"])
    out = capsys.readouterr().out
    assert "  main 2     all             always          closed  closed by maintenance until " \
           "Sun 2026-12-06 06:00\n" in out
    assert "  main 1     all             card-weekdays   open    forced open by late until " \
           "Sat 2026-12-05 23:00\n" in out


def test_a_month_shows_every_schedule_day_by_day(capsys):
    code, out = hours(capsys, "--month", "2027-01")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "January 2027 (Asia/Tokyo)"
    assert lines[2:12] == [
        "standard: weekday 09:30-20:00; saturday, sunday, holiday 09:30-17:30; closed "
        "12-29..01-03 (year-end)",
        "used by mynumber main 3 4 5 6",
        "  Fri 2027-01-01  holiday   closed       year-end; 元日",
        "  Sat 2027-01-02  saturday  closed       year-end",
        "  Sun 2027-01-03  sunday    closed       year-end",
        "",
        "  Mon 2027-01-04  weekday   09:30-20:00",
        "  Tue 2027-01-05  weekday   09:30-20:00",
        "  Wed 2027-01-06  weekday   09:30-20:00",
        "  Thu 2027-01-07  weekday   09:30-20:00"]
    headings = [line.split(":")[0] for line in lines if line and not line.startswith(" ")
                and ":" in line and not line.startswith("used by")]
    assert headings == ["standard", "every-day", "always", "card-weekdays", "foreign-a",
                        "foreign-b", "foreign-system"]
    assert sum(bool(re.match(r"  \w{3} 2027-01-\d\d  ", line)) for line in lines) == 7 * 31
    assert "foreign-system: weekday 09:30-20:00; saturday, sunday, holiday 09:30-17:30;" in lines
    assert "    closed 12-29..01-03 (year-end)" in lines  # too wide for one line
    assert "used by mynumber main 2, foreign topics 3 (en zh ko es pt), card-center main 2" in lines
    assert "  Mon 2027-01-11  holiday   closed       成人の日" in lines  # card-weekdays
    assert "  Mon 2027-01-11  holiday   09:30-20:00  成人の日" in lines  # every-day
    assert "every-day: every day 09:30-20:00" in lines
    assert "always: open 24 hours, every day" in lines
    assert max(width(line) for line in lines) <= 100


def test_a_month_shows_temporary_changes(capsys, edited_menus):
    folder = edited_menus()
    write_changes(folder, "  - name: maintenance\n    schedules: [always, standard]\n"
                          "    start: \"2026-12-05 12:00\"\n    end: \"2026-12-06 06:00\"\n"
                          "    message: {message}\n",
                  "  - name: late\n    schedules: [standard]\n    state: open\n"
                  "    start: \"2026-12-07 20:00\"\n    end: \"2026-12-07 22:00\"\n")
    main(["hours", "--menus", str(folder), "--month", "2026-12"])
    lines = capsys.readouterr().out.splitlines()
    assert "  Sat 2026-12-05  saturday  09:30-12:00  maintenance: closed 12:00-24:00" in lines
    assert "  Sun 2026-12-06  sunday    09:30-17:30  maintenance: closed 00:00-06:00" in lines
    assert "  Mon 2026-12-07  weekday   09:30-22:00  late: open 20:00-22:00" in lines
    assert "  Sat 2026-12-05  saturday  00:00-12:00  maintenance: closed 12:00-24:00" in lines
    assert "  Sun 2026-12-06  sunday    06:00-24:00  maintenance: closed 00:00-06:00" in lines


def test_at_and_month_together_show_both(capsys):
    code, out = hours(capsys, "--at", "2026-12-30T10:00", "--month", "2027-01")
    assert out.startswith(YEAR_END + "\nJanuary 2027 (Asia/Tokyo)\n")


def test_a_month_that_is_not_one(capsys):
    with pytest.raises(SystemExit) as info:
        hours(capsys, "--month", "2026-13")
    assert info.value.code == 2
    assert "'2026-13' is not a month: write YYYY-MM, e.g. 2026-12" in capsys.readouterr().err


def test_an_instant_that_is_not_one(capsys):
    assert main(["hours", "--at", "tomorrow"]) == 2
    assert capsys.readouterr().err == (
        "error: --at 'tomorrow' is not a date and time — write ISO 8601, e.g. "
        "2026-12-30T10:00+09:00, or 2026-12-30T10:00 for Asia/Tokyo time\n")


def test_broken_menus_are_reported(capsys, edited_menus):
    folder = edited_menus({"mynumber.yaml": ("schedule: every-day", "schedule: everyday")})
    assert main(["hours", "--menus", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("The menus have problems:\n")
    assert "unknown schedule 'everyday' — did you mean 'every-day'?" in err
