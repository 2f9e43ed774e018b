"""Temporary changes (menus/temporary.yaml): closed for maintenance, forced open or closed, expiring."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from ivr.calls.hours import CHANGE, decide
from ivr.menus.changes import Change, TimedChange
from ivr.menus.holiday_calendar import HolidayCalendar
from ivr.menus.loader import load_menus
from ivr.menus.model import SchedulesFile
from ivr.menus.problems import ConfigError
from ivr.menus.yamlsource import read_document
from tests.helpers import HOTLINE

TOKYO = ZoneInfo("Asia/Tokyo")
JP = HolidayCalendar("JP")
SCHEDULES = SchedulesFile.model_validate(
    read_document(HOTLINE / "schedules.yaml").data).schedules
MESSAGE = {"ja": "システムメンテナンスのため、受付を停止しております"}


def change(**fields: object) -> TimedChange:
    return Change.model_validate({"name": "maintenance", "schedules": ["standard"],
                                  "end": "2026-12-01 12:00", **fields}).timed(TOKYO)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TOKYO)


MAINTENANCE = change(start="2026-12-01 10:00", message=MESSAGE)


@pytest.mark.parametrize("schedule, instant, changes, is_open, reason, next_open", [
    ("standard", "2026-12-01 09:59", [MAINTENANCE], True, None, None),
    ("standard", "2026-12-01 10:00", [MAINTENANCE], False, CHANGE, "2026-12-01 12:00"),
    ("standard", "2026-12-01 11:59:59", [MAINTENANCE], False, CHANGE, "2026-12-01 12:00"),
    ("standard", "2026-12-01 12:00", [MAINTENANCE], True, None, None),
    # Ends outside hours: the next opening is the regular one after it.
    ("standard", "2026-12-01 19:00", [change(start="2026-12-01 18:00", end="2026-12-02 06:00",
                                             message=MESSAGE)], False, CHANGE,
     "2026-12-02 09:30"),
    # A 24-hour desk closed for maintenance opens again when it ends.
    ("always", "2026-12-01 03:00", [change(start="2026-12-01 02:00", end="2026-12-01 04:00",
                                           schedules=["always"], message=MESSAGE)],
     False, CHANGE, "2026-12-01 04:00"),
    # Forced open outside hours and in the year-end closure, until the given instant.
    ("standard", "2026-12-01 21:00", [change(state="open", end="2026-12-01 22:00")],
     True, None, None),
    ("standard", "2026-12-30 10:00", [change(state="open", end="2026-12-30 17:00")],
     True, None, None),
    ("standard", "2026-12-30 17:00", [change(state="open", end="2026-12-30 17:00")],
     False, "year-end", "2027-01-04 09:30"),
    # Forced closed with no start: from now until the end.
    ("standard", "2026-12-01 10:00", [change(end="2026-12-03 12:00", message=MESSAGE)],
     False, CHANGE, "2026-12-03 12:00"),
    # A closure wins over a forced opening.
    ("standard", "2026-12-01 10:30", [change(state="open", end="2026-12-01 23:00"), MAINTENANCE],
     False, CHANGE, "2026-12-01 12:00"),
    # A forced opening that starts later is the next opening.
    ("standard", "2026-12-01 21:00", [change(state="open", start="2026-12-01 22:00",
                                             end="2026-12-01 23:00")],
     False, "outside-hours", "2026-12-01 22:00"),
    # Expired: no effect.
    ("standard", "2026-12-01 12:00:01", [MAINTENANCE], True, None, None),
], ids=lambda v: v if isinstance(v, str) else None)
def test_changes_decide(schedule, instant, changes, is_open, reason, next_open):
    decision = decide(SCHEDULES[schedule], at(instant), TOKYO, JP, changes)
    assert (decision.open, decision.reason) == (is_open, reason)
    assert decision.next_open == (at(next_open) if next_open else None)
    if reason == CHANGE:
        assert decision.change is not None and decision.change.name == "maintenance"
        assert decision.rule == "change maintenance"


def test_of_two_forced_openings_in_force_the_first_listed_decides():
    first = change(name="campaign", state="open", end="2026-12-01 23:00")
    second = change(name="extra-hours", state="open", end="2026-12-01 22:00")
    decision = decide(SCHEDULES["standard"], at("2026-12-01 21:00"), TOKYO, JP, [first, second])
    assert (decision.open, decision.change, decision.rule) == (True, first, "change campaign")


def test_an_instant_with_an_offset_is_read_as_written():
    timed = change(start="2026-12-01T01:00Z", end="2026-12-01T03:00Z", message=MESSAGE)
    assert timed.start == at("2026-12-01 10:00") and timed.end == at("2026-12-01 12:00")


TEMPORARY = """changes:
  - name: system-maintenance
    schedules: [standard, card-weekdays]
    start: 2026-12-01 10:00
    end: 2026-12-01 12:00
    message:
{messages}
"""


def temporary(languages) -> str:
    return TEMPORARY.format(messages="\n".join(f"      {code}: メンテナンス中です ({code})"
                                               for code in languages))


def test_a_call_hears_the_changes_own_reason_and_when_it_ends(edited_menus, settings):
    from ivr import create_app
    from ivr.simulator import Caller

    folder = edited_menus()
    menus = load_menus(folder)
    (folder / "temporary.yaml").write_text(temporary(menus.languages), encoding="utf-8")
    settings["IVR_MENUS"] = str(folder)
    caller = Caller.for_app(create_app(settings))
    caller.dial("mynumber", at="2026-12-01T10:30+09:00").press("3")
    assert caller.closed and caller.decision["reason"] == "system-maintenance"
    assert caller.heard[0].text.startswith("申し訳ございません。メンテナンス中です (ja)。")
    assert caller.heard[0].text.endswith("次の受付開始は12月1日火曜日、午後0時です。")
    caller.press("1")  # every-day is not under maintenance
    assert caller.dialled == ["+81120950178"]
    caller.dial("card-center", at="2026-12-01T12:00+09:00").press("1")
    assert not caller.closed


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace("[standard, card-weekdays]", "[standrd]"), "unknown schedule 'standrd'"),
    (lambda t: t.replace("end: 2026-12-01 12:00", "end: 2026-12-01 09:00"),
     "the change ends before it starts"),
    (lambda t: t.replace("end: 2026-12-01 12:00", "end: 2028-12-01 12:00"),
     "a temporary change lasts over a year"),
    (lambda t: t.replace("end: 2026-12-01 12:00", "end: tomorrow"),
     "'tomorrow' is not a date and time"),
    (lambda t: t.split("    message:")[0], "a closure tells callers why"),
    (lambda t: t.replace("      ja: メンテナンス中です (ja)\n", ""), "no ja text here"),
])
def test_broken_temporary_changes_are_refused(edited_menus, edit, message):
    folder = edited_menus()
    text = edit(temporary(load_menus(folder).languages))
    (folder / "temporary.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_menus(folder)
    assert [p for p in raised.value.problems if p.file.name == "temporary.yaml"
            and message in p.message], str(raised.value)
