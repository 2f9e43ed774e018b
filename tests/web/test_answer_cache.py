"""Kept answers never change what a caller gets: thousands of random calls at random instants,
answered by an app that keeps answers and by one that works every answer out, get the same
TwiML and the same decision — around every edge of the hours, midnight, temporary changes and
announcements, the clocks going forward and back, and across a reload."""
from __future__ import annotations

import random
import shutil
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

import pytest

from ivr import create_app
from ivr.calls.navigator import Navigator
from ivr.calls.steps import Hangup, Step
from ivr.menus.loader import load_menus
from ivr.web.answers import MAX_KEY, Answer, AnswerCache, key_of
from tests.helpers import HOTLINE

# Temporary changes and announcements whose edges fall between the hours' edges, seconds
# included where the YAML allows it.
TEMPORARY = """\
changes:
  - name: maintenance
    schedules: [standard, card-weekdays]
    start: 2026-12-08 18:07
    end: 2026-12-09 06:00
    message: {ja: システムメンテナンスのため、受付を停止しております}
  - name: saturdays
    schedules: [card-weekdays]
    hours: {saturday: ["10:00-16:00"]}
    start: 2026-12-05
  - name: short-day
    schedules: [every-day]
    hours: {every-day: ["09:30-12:10"]}
    start: 2026-12-24
    end: 2026-12-25
  # Open in the night the clocks go forward, and in the hour they repeat (in London).
  - name: night-forward
    schedules: [every-day]
    hours: {every-day: ["01:30-05:00", "09:30-20:00"]}
    start: 2026-03-29
    end: 2026-03-30
  - name: night-back
    schedules: [every-day]
    hours: {every-day: ["01:30-05:00", "09:30-20:00"]}
    start: 2026-10-25
    end: 2026-10-26
announcements:
  - name: heavy-demand
    lines: [mynumber, card-center]
    start: 2026-11-30 09:13
    end: 2026-12-07 09:00
    message: {ja: ただいま、お電話が大変込み合っております。}
"""
# The minutes at which the shipped hours and the changes above open or close, and midnight.
EDGES = (0, 90, 300, 510, 540, 553, 570, 600, 730, 960, 1050, 1080, 1087, 1200, 1440)
# London's clocks going forward and back in 2026.
JUMPS = (datetime(2026, 3, 29, 1, tzinfo=UTC), datetime(2026, 10, 25, 1, tzinfo=UTC))
DAYS = ("2025-12-27", "2026-01-03", "2026-01-05", "2026-03-28", "2026-03-29", "2026-10-25",
        "2026-11-23", "2026-11-24", "2026-11-28", "2026-11-30", "2026-12-05", "2026-12-07",
        "2026-12-08", "2026-12-09", "2026-12-24", "2026-12-28", "2026-12-29", "2026-12-31")
STATUSES = ("completed", "answered", "busy", "no-answer", "failed", "canceled", "")


def menus_in(folder: Path, zone: str) -> Path:
    shutil.copytree(HOTLINE, folder)
    schedules = folder / "schedules.yaml"
    text = schedules.read_text(encoding="utf-8")
    schedules.write_text(text.replace("timezone: Asia/Tokyo", f"timezone: {zone}"),
                         encoding="utf-8")
    (folder / "temporary.yaml").write_text(TEMPORARY, encoding="utf-8")
    return folder


class Twin:
    """The same requests to two apps on the same menus and clock: one keeping answers."""

    def __init__(self, folder: Path) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC)
        settings = {"IVR_MENUS": str(folder), "TWILIO_AUTH_TOKEN": "", "IVR_DIAL_OVERRIDE": "",
                    "IVR_RELOAD": "0", "IVR_RELOAD_SETTLE": "0"}
        self.apps = [create_app({**settings, "IVR_ANSWER_CACHE": size},
                                clock=lambda zone: self.now.astimezone(zone))
                     for size in ("4", "0")]
        self.clients = [app.test_client() for app in self.apps]
        self.requests = 0

    @property
    def cache(self) -> AnswerCache:
        return self.apps[0].extensions["ivr.answers"]

    def post(self, url: str, form: dict[str, str]) -> str:
        answers = [client.post(url, data=form) for client in self.clients]
        kept, fresh = answers
        said = f"at {self.now.isoformat()}: POST {url} {form}"
        assert kept.status_code == fresh.status_code, said
        assert kept.headers.get("X-IVR-Decision") == fresh.headers.get("X-IVR-Decision"), said
        assert kept.get_data(as_text=True) == fresh.get_data(as_text=True), said
        self.requests += 1
        return fresh.get_data(as_text=True)

    def reload(self) -> None:
        versions = set()
        for app in self.apps:
            store = app.extensions["ivr"]
            assert store.refresh()
            versions.add(store.version)
        assert len(versions) == 1


def at_an_edge(rng: random.Random, zone: ZoneInfo, exact: bool = False) -> datetime:
    """An instant on one of DAYS at one of EDGES (or a jump of the clocks), or a second or a
    minute off it, or anywhere; `exact`: at the edge."""
    if rng.random() < 0.05:
        return rng.choice(JUMPS)
    day = datetime.fromisoformat(rng.choice(DAYS))
    minute = rng.choice(EDGES) if exact or rng.random() < 0.8 else rng.randrange(1440)
    offset = 0 if exact else rng.choice((-61, -60, -1, 0, 0, 0, 1, 59, 60)) + rng.random() * 0.9
    wall = day + timedelta(minutes=minute, seconds=offset)
    return wall.replace(tzinfo=zone, fold=rng.randrange(2)).astimezone(UTC)


def next_request(body: str, rng: random.Random) -> tuple[str, dict[str, str]] | None:
    """Where the caller's next input goes, and what it is: a key, keys, silence, or a transfer's
    outcome; None when the call ends."""
    root = ET.fromstring(body)
    gather = root.find("Gather")
    if gather is not None:
        digits = rng.choice(["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "#", "*", "",
                             "12", "99", "3"])
        return gather.get("action", ""), {"Digits": digits, "CallSid": "CA1"}
    dial = root.find("Dial")
    if dial is not None and dial.get("action"):
        return dial.get("action", ""), {"DialCallStatus": rng.choice(STATUSES), "CallSid": "CA1"}
    redirect = root.find("Redirect")
    if redirect is not None and redirect.text:
        return redirect.text, {"CallSid": "CA1"}
    return None


def call(twin: Twin, seed: float, start: datetime,
         kept: list[tuple[str, dict[str, str]]]) -> None:
    """One call from `start`, the caller's inputs drawn from `seed`, the clock moving a little
    between steps (across edges)."""
    rng = random.Random(seed)
    twin.now = start
    line = rng.choice(["/voice", "/voice/mynumber", "/voice/card-center", "/voice/foreign"])
    body = twin.post(line, {"CallSid": "CA1", "To": rng.choice(["", "+81120950178"])})
    for _ in range(rng.randrange(1, 8)):
        follow = next_request(body, rng)
        if follow is None:
            return
        if rng.random() < 0.1:
            kept.append(follow)  # continued later, perhaps after a reload
        twin.now += timedelta(seconds=rng.choice((0, 0.5, 1, 7, 30, 61)))
        body = twin.post(*follow)


@pytest.mark.parametrize("zone, calls", [("Asia/Tokyo", 1000), ("Europe/London", 600)])
def test_kept_answers_are_the_answers_worked_out_afresh(tmp_path, zone, calls):
    rng = random.Random(f"answers {zone}")
    folder = menus_in(tmp_path / "menus", zone)
    twin, where = Twin(folder), ZoneInfo(zone)
    kept: list[tuple[str, dict[str, str]]] = []
    for number in range(calls):
        if number == calls // 2:
            # A reload changes the hours: nothing kept from the menus before may serve.
            schedules = folder / "schedules.yaml"
            text = schedules.read_text(encoding="utf-8")
            schedules.write_text(text.replace('weekday: ["09:30-20:00"]\n      saturday',
                                              'weekday: ["10:00-19:00"]\n      saturday'),
                                 encoding="utf-8")
            twin.reload()
        if rng.random() < 0.5:  # the same call just before an edge, and just after it
            edge, seed = at_an_edge(rng, where, exact=True), rng.random()
            call(twin, seed, edge - timedelta(seconds=rng.random() * 2), kept)
            call(twin, seed, edge + timedelta(seconds=rng.random() * 2), kept)
        else:
            call(twin, rng.random(), at_an_edge(rng, where), kept)
    for url, form in kept:  # calls that began before the reload, and others, going on
        twin.now = at_an_edge(rng, where)
        twin.post(url, form)
    stats = twin.cache.stats()
    # The cache did serve: the test compares kept answers, not only fresh ones twice.
    assert stats["hits"] > twin.requests // 20, stats
    assert stats["hits"] + stats["misses"] <= twin.requests


def test_an_answer_is_kept_only_until_the_desk_opens(tmp_path):
    twin = Twin(menus_in(tmp_path / "menus", "Asia/Tokyo"))
    zone = ZoneInfo("Asia/Tokyo")
    key_3 = "/voice/mynumber/main?lang=ja&v=" + twin.apps[0].extensions["ivr"].version
    twin.now = datetime(2026, 11, 24, 9, 29, 59, 999999, tzinfo=zone)
    assert "受付時間外" in twin.post(key_3, {"Digits": "3"})
    assert "受付時間外" in twin.post(key_3, {"Digits": "3"})
    assert twin.cache.stats()["hits"] == 1
    twin.now = datetime(2026, 11, 24, 9, 30, tzinfo=zone)
    assert "<Dial" in twin.post(key_3, {"Digits": "3"})


def test_what_a_caller_said_is_never_kept(tmp_path):
    twin = Twin(menus_in(tmp_path / "menus", "Asia/Tokyo"))
    version = twin.apps[0].extensions["ivr"].version
    twin.now = datetime(2026, 11, 24, 1, tzinfo=UTC)
    for _ in range(3):
        twin.post(f"/voice/foreign/choose?lang=en&v={version}", {"SpeechResult": "English"})
    assert twin.cache.stats() == {"hits": 0, "misses": 0, "entries": 0, "bytes": 0}


def test_the_memory_kept_is_bounded_whatever_comes():
    cache = AnswerCache(max_bytes=20_000)
    answer = _answer("x" * 1000)
    for number in range(500):
        cache.keep("v1", ("key", str(number)), answer, _NAVIGATOR, None)
        assert cache.bytes <= 20_000
    assert 0 < cache.stats()["entries"] < 20
    assert cache.get("v1", ("key", "499"), None) is answer  # the newest stay
    assert cache.get("v1", ("key", "0"), None) is None
    assert key_of("POST", "", "/voice", b"x" * 600) is None  # more than Twilio sends: not kept


def test_a_key_is_kept_up_to_what_twilio_sends_and_not_a_byte_more():
    assert key_of("POST", "x" * (MAX_KEY - 4)) == ("POST", "x" * (MAX_KEY - 4))
    assert key_of("POST", None, "x" * (MAX_KEY - 3)) is None


def test_the_least_recently_given_answer_goes_first():
    one = _size_of(_answer("x" * 1000))
    cache = AnswerCache(max_bytes=3 * one)
    for name in ("a", "b", "c"):
        cache.keep("v1", (name,), _answer("x" * 1000), _NAVIGATOR, None)
    assert cache.get("v1", ("a",), None) is not None  # given again: now the most recent
    cache.keep("v1", ("d",), _answer("x" * 1000), _NAVIGATOR, None)
    assert [cache.get("v1", (name,), None) is not None for name in "abcd"] == [
        True, False, True, True]


def test_an_answer_as_big_as_the_bound_is_kept_and_counted_once():
    answer = _answer("x" * 1000)
    cache = AnswerCache(max_bytes=_size_of(answer))
    cache.keep("v1", ("k",), answer, _NAVIGATOR, None)
    cache.keep("v1", ("k",), answer, _NAVIGATOR, None)  # the same key again replaces it
    assert cache.stats() == {"hits": 0, "misses": 0, "entries": 1, "bytes": _size_of(answer)}
    assert cache.get("v1", ("k",), None) is answer
    cache.keep("v1", ("b",), _answer("x" * 1001), _NAVIGATOR, None)  # more than the bound
    assert cache.get("v1", ("b",), None) is None
    assert cache.stats()["misses"] == 1


def test_the_memory_counted_is_the_keys_and_the_answers():
    cache = AnswerCache()
    cache.keep("v1", ("k" * 5000, None), _answer("x"), _NAVIGATOR, None)
    assert cache.bytes >= sys.getsizeof("k" * 5000) + sys.getsizeof("x")


def test_an_answer_that_depends_on_the_time_is_given_only_with_the_time_and_the_other_not():
    navigator = Navigator(load_menus(HOTLINE))
    at = datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Asia/Tokyo"))
    cache = AnswerCache()
    cache.keep("v1", ("timed",), _answer("timed"), navigator, at)
    cache.keep("v1", ("timeless",), _answer("timeless"), navigator, None)
    assert cache.get("v1", ("timed",), at) is not None
    assert cache.get("v1", ("timed",), None) is None
    assert cache.get("v1", ("timeless",), None) is not None
    assert cache.get("v1", ("timeless",), at) is None


def test_a_new_version_drops_every_answer_of_the_one_before():
    cache = AnswerCache()
    cache.keep("v1", ("key",), _answer("old"), _NAVIGATOR, None)
    assert cache.get("v2", ("key",), None) is None
    cache.keep("v1", ("key",), _answer("late"), _NAVIGATOR, None)  # worked out before the reload
    assert cache.get("v2", ("key",), None) is None
    assert cache.stats() == {"hits": 0, "misses": 2, "entries": 0, "bytes": 0}


def _size_of(answer: Answer) -> int:
    """The bytes one answer under a one-letter key counts against the bound."""
    cache = AnswerCache()
    cache.keep("v1", ("k",), answer, _NAVIGATOR, None)
    return cache.bytes


def _answer(body: str) -> Answer:
    return Answer(Step(Hangup(()), "goodbye", None, None), {}, "decision=goodbye", body)


_NAVIGATOR = cast(Navigator, object())  # not asked: these answers do not depend on the time
