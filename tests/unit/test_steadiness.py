"""Until when an answer stays right: every hours decision, the date and the announcements in
force are the same from an instant up to its edge, and the edge is the first instant they may
change — in Tokyo, and in London where the clocks go forward and back."""
from __future__ import annotations

import random
import shutil
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ivr.calls.hours import decide_desk
from ivr.calls.steadiness import Steadiness
from ivr.menus.loader import load_menus
from tests.helpers import HOTLINE

TEMPORARY = """\
changes:
  - name: maintenance
    schedules: [standard]
    start: 2026-12-08 18:07
    end: 2026-12-09 06:00
    message: {ja: システムメンテナンスのため、受付を停止しております}
  - name: night
    schedules: [every-day]
    hours: {every-day: ["01:30-05:00", "09:30-20:00"]}
    start: 2026-03-29
    end: 2026-10-26
announcements:
  - name: heavy-demand
    lines: [mynumber]
    start: 2026-11-30 09:13:30+09:00
    message: {ja: ただいま、お電話が大変込み合っております。}
"""
TOKYO, LONDON = ZoneInfo("Asia/Tokyo"), ZoneInfo("Europe/London")


@pytest.fixture(scope="module")
def menus_in(tmp_path_factory):
    """The fixture hotline with the changes above, its clocks in a zone."""

    def make(zone: ZoneInfo):
        folder = tmp_path_factory.mktemp("menus") / "menus"
        shutil.copytree(HOTLINE, folder)
        schedules = folder / "schedules.yaml"
        schedules.write_text(schedules.read_text(encoding="utf-8").replace(
            "timezone: Asia/Tokyo", f"timezone: {zone.key}"), encoding="utf-8")
        (folder / "temporary.yaml").write_text(TEMPORARY, encoding="utf-8")
        return load_menus(folder)

    return make


def everything_told(menus, instant: datetime) -> tuple:
    """All that an answer at `instant` can depend on."""
    local = instant.astimezone(menus.zone)
    return (local.date(),
            tuple(decide_desk(menus, name, instant) for name in sorted(menus.schedules)),
            tuple(notice.name for notices in menus.announcements.values()
                  for notice in notices if notice.in_force(instant)))


@pytest.mark.parametrize("zone", [TOKYO, LONDON])
def test_nothing_told_changes_before_the_edge(menus_in, zone):
    menus = menus_in(zone)
    rng = random.Random(str(menus.zone))
    steadiness = Steadiness(menus)
    starts = [datetime(2026, 3, 28, 23, tzinfo=UTC), datetime(2026, 10, 24, 23, tzinfo=UTC),
              datetime(2026, 11, 30, 0, tzinfo=UTC), datetime(2026, 12, 8, 8, tzinfo=UTC),
              datetime(2026, 12, 28, 10, tzinfo=UTC)]
    for start in starts:
        instant = start
        for _ in range(40):  # walk from edge to edge through a day or two
            until = steadiness.until(instant)
            assert until is not None
            edge = until.astimezone(UTC)  # in UTC: a zone's datetimes add by the wall clock
            assert edge > instant
            told = everything_told(menus, instant)
            for moment in [instant + (edge - instant) * rng.random() for _ in range(5)]:
                assert everything_told(menus, moment) == told, (instant, moment, edge)
            assert everything_told(menus, edge - timedelta(microseconds=1)) == told
            instant = edge + timedelta(seconds=rng.choice((0, 0, 1, 30)))


@pytest.mark.parametrize("at, edge", [
    # The next interval of any schedule: 17:30, when standard closes on Saturdays.
    (datetime(2026, 11, 24, 10, 0, 30, tzinfo=TOKYO), datetime(2026, 11, 24, 17, 30)),
    (datetime(2026, 11, 24, 23, 59, 59, tzinfo=TOKYO), datetime(2026, 11, 25)),
    # A temporary change, and an announcement, to the second.
    (datetime(2026, 12, 8, 18, 0, tzinfo=TOKYO), datetime(2026, 12, 8, 18, 7)),
    (datetime(2026, 11, 30, 9, 13, tzinfo=TOKYO), datetime(2026, 11, 30, 9, 13, 30)),
])
def test_the_edge_is_the_first_change(menus_in, at, edge):
    assert Steadiness(menus_in(TOKYO)).until(at) == edge.replace(tzinfo=TOKYO)


def test_in_london_the_clocks_jumping_are_edges(menus_in):
    menus = menus_in(LONDON)
    steadiness = Steadiness(menus)
    # Forward: 00:59:59 GMT is followed by 02:00 BST, inside the night desk's 01:30-05:00.
    assert in_utc(steadiness.until(datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC))) == datetime(
        2026, 3, 29, 1, tzinfo=UTC)
    # Back: open at 01:45 BST; the clocks then show 01:00 GMT, before the desk opens again.
    first = datetime(2026, 10, 25, 0, 45, tzinfo=UTC)
    assert decide_desk(menus, "every-day", first).open
    assert in_utc(steadiness.until(first)) == datetime(2026, 10, 25, 1, tzinfo=UTC)
    second = datetime(2026, 10, 25, 1, 10, tzinfo=UTC)  # 01:10 GMT
    assert not decide_desk(menus, "every-day", second).open
    assert in_utc(steadiness.until(second)) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


def in_utc(moment: datetime | None) -> datetime | None:
    """In UTC: an aware datetime in the repeated hour (fold=1) never equals one in another zone."""
    return moment.astimezone(UTC) if moment else None


def test_at_the_calendars_end_nothing_is_kept(menus_in):
    assert Steadiness(menus_in(TOKYO)).until(datetime(9999, 12, 31, 12, tzinfo=UTC)) is None
