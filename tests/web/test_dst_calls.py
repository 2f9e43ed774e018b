"""Whole calls to menus in Europe/London on the days its clocks change: a closed desk says when
it opens as the clocks will show it.

The shipped menus, moved to London with British holidays, and the standard desk (key 3) open
on Sundays from 01:30, an hour the clocks skip on Sunday 28 March 2027 and repeat on Sunday
31 October 2027.

The simulated caller gives the app its pretend instant with the offset it was written with,
so a call in the second occurrence of the repeated hour (01:15 GMT after 01:59 BST) is told
from one in the first.
"""
import pytest

from ivr import create_app
from ivr.simulator import Caller
from tests.helpers import HOTLINE, write_changes

SUNDAY_HOURS = 'sunday: ["09:30-17:30"]'


@pytest.fixture
def london(edited_menus, settings):
    """An app on the shipped menus in Europe/London, the standard desk open Sundays 01:30-17:30."""
    text = (HOTLINE / "schedules.yaml").read_text(encoding="utf-8")
    # From the zone down to the standard schedule's Sunday hours: one edit of one file.
    old = text[text.index("timezone: Asia/Tokyo"):text.index(SUNDAY_HOURS) + len(SUNDAY_HOURS)]
    new = (old.replace("timezone: Asia/Tokyo", "timezone: Europe/London")
           .replace("holidays: JP", "holidays: GB")
           .replace(SUNDAY_HOURS, 'sunday: ["01:30-17:30"]'))
    folder = edited_menus({"schedules.yaml": (old, new)})
    settings["IVR_MENUS"] = str(folder)
    return folder, settings


def call(settings, at: str, key: str) -> Caller:
    return Caller.for_app(create_app(settings)).dial("mynumber", at=at).press(key)


def test_before_the_skipped_hour_the_desk_opens_at_two(london):
    _, settings = london
    caller = call(settings, "2027-03-28T00:45+00:00", "3")  # 00:45 GMT; 01:30 never comes
    assert caller.closed and caller.decision["reason"] == "outside-hours"
    assert caller.heard[0].text.endswith("次の受付開始は3月28日日曜日、午前2時です。")


def test_after_the_jump_the_desk_is_open(london):
    _, settings = london
    caller = call(settings, "2027-03-28T01:00+00:00", "3")  # 02:00 BST
    assert not caller.closed and caller.dialled == ["+81120950178"]


def test_open_in_the_repeated_hour_on_the_wall_clock(london):
    _, settings = london
    assert call(settings, "2027-10-31T01:45+01:00", "3").dialled == ["+81120950178"]


def test_a_closure_in_the_repeated_hour_ends_at_the_second_half_past_one(london):
    folder, settings = london
    write_changes(folder, "  - name: maintenance\n    schedules: [always]\n"
                          "    start: \"2027-10-31 01:30+01:00\"\n"
                          "    end: \"2027-10-31 01:30+00:00\"\n    message: {message}\n")
    # 01:45 BST: closed until the clocks, set back at 02:00 BST, show 01:30 again.
    caller = call(settings, "2027-10-31T01:45+01:00", "2")
    assert caller.closed and caller.decision["reason"] == "maintenance"
    assert caller.heard[0].text == ("申し訳ございません。臨時休業。"
                                    "この窓口は、24時間365日受け付けております。"
                                    "次の受付開始は10月31日日曜日、午前1時30分です。")
    assert call(settings, "2027-10-31T02:00+00:00", "2").dialled == ["+81120950178"]


def test_in_the_second_occurrence_of_the_repeated_hour_the_desk_opens_at_its_half_past_one(
        london):
    _, settings = london
    # 01:15 GMT: the clocks show 01:15 for the second time; 01:30 comes round again.
    caller = call(settings, "2027-10-31T01:15+00:00", "3")
    assert caller.closed and caller.decision["reason"] == "outside-hours"
    assert caller.heard[0].text.endswith("次の受付開始は10月31日日曜日、午前1時30分です。")
    assert call(settings, "2027-10-31T01:30+00:00", "3").dialled == ["+81120950178"]
