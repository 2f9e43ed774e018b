"""The call's state machine, driven directly: no Flask, no XML."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from ivr.calls.navigator import Ask, CallState, Dial, Hangup, Navigator
from ivr.menus.loader import load_menus
from tests.helpers import HOTLINE, said, state_of

MENUS = load_menus(HOTLINE)
JA = MENUS.languages["ja"].messages
TOKYO = ZoneInfo("Asia/Tokyo")
MAIN_MENU = MENUS.lines["mynumber"].menus["main"]
# The main menu of mynumber as heard again: key 9 announced in English first, then the prompt.
MAIN = [said(MAIN_MENU.options["9"].announce, "en"), said(MAIN_MENU.prompt, "ja")]
OPEN = datetime(2026, 12, 1, 10, 0, tzinfo=TOKYO)  # a Tuesday: every desk is open
YEAR_END = datetime(2026, 12, 30, 10, 0, tzinfo=TOKYO)


@pytest.fixture
def nav() -> Navigator:
    return Navigator(MENUS)


def texts(step) -> list[str]:
    return [speech.text for speech in step.action.speech]


def test_new_call_greets_then_asks_the_main_menu(nav):
    step = nav.start(None)
    assert step.decision == "greeting"
    assert step.state == CallState("mynumber", "main", "ja", 0)
    # On arrival the intro (the fraud warning) comes between the way out and the prompt.
    assert texts(step) == [said(MENUS.lines["mynumber"].greeting, "ja"), MAIN[0],
                           said(MAIN_MENU.intro, "ja"), MAIN[1]]


def test_to_number_routes_when_the_url_names_no_line(edited_menus):
    menus = load_menus(edited_menus({"card-center.yaml": ("numbers: []",
                                                          'numbers: ["+815000000001"]')}))
    nav = Navigator(menus)
    assert state_of(nav.start(None, to="+815000000001")).line == "card-center"
    assert state_of(nav.start(None, to="+815000000002")).line == "mynumber"
    assert state_of(nav.start("mynumber", to="+815000000001")).line == "mynumber"


def test_unknown_line_apologises_and_serves_the_default_main_menu(nav):
    step = nav.start("no-such-line")
    assert (step.decision, step.reason) == ("unknown-line", "no-such-line")
    assert texts(step)[0] == JA.unknown_menu
    assert step.state.line == "mynumber"


@pytest.mark.parametrize("digits, decision, said", [
    ("7", "invalid", JA.invalid), (None, "no-input", JA.no_input), ("", "no-input", JA.no_input),
])
def test_a_key_that_means_nothing_or_silence_is_told_and_the_menu_comes_again(nav, digits,
                                                                              decision, said):
    step = nav.choose(CallState("mynumber", "main", "ja", 0), digits, None, OPEN)
    assert step.decision == decision
    assert isinstance(step.action, Ask) and step.state.fails == 1
    assert texts(step) == [said, *MAIN]


def test_the_third_failure_in_a_row_ends_the_call_politely(nav):
    step = nav.choose(CallState("mynumber", "main", "ja", 2), None, None, OPEN)
    assert isinstance(step.action, Hangup)
    assert (step.decision, step.reason) == ("goodbye", "no-input")
    assert texts(step) == [JA.no_input, JA.goodbye]


def test_a_good_choice_resets_the_failures(nav):
    step = nav.choose(CallState("mynumber", "main", "ja", 2), "3", None, YEAR_END)
    assert step.decision == "closed" and step.state.fails == 0


def test_star_repeats_the_menu_and_resets_the_failures(nav):
    step = nav.choose(CallState("card-center", "main", "ja", 2), "*", None, OPEN)
    assert (step.decision, step.key) == ("repeat", "*")
    assert step.state == CallState("card-center", "main", "ja", 0)
    assert texts(step) == [said(MENUS.lines["card-center"].menus["main"].prompt, "ja")]


def test_open_desk_says_connecting_and_dials_the_first_number(nav):
    step = nav.choose(CallState("mynumber", "main", "ja", 0), "3", None, OPEN)
    assert isinstance(step.action, Dial)
    assert (step.action.number, step.action.attempt, step.action.key) == ("+81120950178", 0, "3")
    assert texts(step) == [JA.connecting]


def test_closed_desk_says_why_and_when_and_stays_in_the_menu(nav):
    step = nav.choose(CallState("mynumber", "main", "ja", 0), "3", None, YEAR_END)
    assert (step.decision, step.reason) == ("closed", "year-end")
    assert step.state == CallState("mynumber", "main", "ja", 0)
    said = texts(step)[0]
    assert "年末年始のためお休みです" in said
    assert said.endswith("次の受付開始は1月4日月曜日、午前9時30分です。")


@pytest.mark.parametrize("status", ["busy", "no-answer", "failed", "canceled", None])
def test_a_failed_transfer_tries_the_fallback_then_apologises(nav, status):
    second = nav.dial_outcome(CallState("mynumber", "main", "ja"), "3", 0, status)
    assert (second.decision, second.reason) == ("fallback", status)
    assert (second.action.number, second.action.attempt) == ("+815038169405", 1)
    assert texts(second) == [JA.trying_fallback]
    third = nav.dial_outcome(CallState("mynumber", "main", "ja"), "3", 1, status)
    assert third.decision == "transfer-failed"
    assert third.state == CallState("mynumber", "main", "ja", 0)
    assert texts(third)[0] == JA.transfer_failed


@pytest.mark.parametrize("status", ["completed", "answered"])
def test_a_connected_transfer_ends_our_part_of_the_call(nav, status):
    step = nav.dial_outcome(CallState("mynumber", "main", "ja"), "3", 0, status)
    assert isinstance(step.action, Hangup) and step.action.speech == ()
    assert step.decision == "connected"


def test_dial_override_replaces_every_number(nav):
    nav = Navigator(MENUS, dial_override="+815011112222")
    assert nav.choose(CallState("mynumber", "main", "ja", 0), "1", None, OPEN).action.number == "+815011112222"
    assert nav.dial_outcome(CallState("mynumber", "main", "ja"), "1", 0, "busy").action.number \
        == "+815011112222"


def assert_starts_over(step):
    assert step.decision == "unknown-menu"
    assert texts(step)[0] == JA.unknown_menu
    assert step.state == CallState(step.state.line, "main", "ja", 0)


@pytest.mark.parametrize("line, menu", [("mynumber", "no-such-menu"), ("gone", "main")])
def test_a_key_for_a_menu_that_is_not_there_apologises_and_starts_over(nav, line, menu):
    assert_starts_over(nav.choose(CallState(line, menu, "ja", 0), "3", None, OPEN))


@pytest.mark.parametrize("line, menu, key", [
    ("mynumber", "no-such-menu", "3"), ("gone", "main", "1"), ("mynumber", "main", "9"),
])
def test_a_transfer_outcome_for_what_is_not_there_apologises_and_starts_over(nav, line, menu,
                                                                              key):
    assert_starts_over(nav.dial_outcome(CallState(line, menu, "ja"), key, 0, "busy"))




ORDERED = """numbers: []
languages: [ja]
start: main
menus:
  main:
    intro: {ja: intro}
    prompt: {ja: prompt}
    options:
      "1": {transfer: {to: "+81570783578", schedule: always}, announce: {ja: after}}
      "2": {transfer: {to: "+81570783578", schedule: always}, announce: {ja: first},
            announce_first: true}
"""


def test_what_is_announced_first_leads_the_intro_is_said_on_arrival_only(edited_menus):
    folder = edited_menus()
    (folder / "card-center.yaml").write_text(ORDERED, encoding="utf-8")
    nav = Navigator(load_menus(folder))
    assert texts(nav.start("card-center")) == ["first", "intro", "prompt", "after"]
    state = CallState("card-center", "main", "ja")
    assert texts(nav.choose(state, "*", None, OPEN)) == ["first", "prompt", "after"]
    assert texts(nav.choose(state, "7", None, OPEN)) == [JA.invalid, "first", "prompt", "after"]
