"""The simulator page in Chromium: calls by keypad at pretend instants, as a tester makes them.

The page only shows what the app's Caller answers through the JSON endpoints. Each call is
made again with the tests' Caller on the same menus, from the same script, and the page's
transcript must be the same, line for line.
IVR_UPDATE_SCREENSHOT=1 rewrites docs/simulator.png from the middle of a call.
"""
import os
import re

from playwright.sync_api import Page, expect

from ivr import create_app
from ivr.menus.loader import load_menus
from ivr.simulator import Caller
from ivr.tools.devsim.calls import Calls
from tests.helpers import HOTLINE, ROOT

SCREENSHOT = ROOT / "docs" / "simulator.png"
JA = load_menus(HOTLINE).languages["ja"].messages


def lines(page: Page) -> list[str]:
    return page.locator("#transcript li[data-line]").evaluate_all(
        "rows => rows.map(row => row.dataset.line)")


def settle(page: Page, state: str, before: int) -> None:
    """Wait until the app has answered the last action and the call waits for `state`."""
    page.wait_for_function(
        "([state, before]) => document.body.dataset.state === state"
        " && document.querySelectorAll('#transcript li[data-line]').length > before",
        arg=[state, before], timeout=10_000)


def call(page: Page, line: str, at: str) -> None:
    page.select_option("#line", line)
    page.fill("#at", at)  # the date-and-time picker, read in the menus' zone (Asia/Tokyo)
    page.locator("#call").click()  # "Call", or "Call again" after a call
    settle(page, "keys", 0)


def press(page: Page, key: str, state: str = "keys", keyboard: bool = False) -> None:
    before = len(lines(page))
    if keyboard:
        page.keyboard.press(key)
    else:
        page.locator(f"[data-key='{key}']").click()
    settle(page, state, before)


def outcome(page: Page, name: str, state: str) -> None:
    before = len(lines(page))
    page.locator("#transfer").get_by_role("button", name=name).click()
    settle(page, state, before)


def simulated(settings: dict, line: str, at: str, *script: str) -> list[str]:
    """The tests' Caller's transcript of the same call, made from a script of the same actions."""
    caller = Caller.for_app(create_app(settings)).dial(line, at=at).act(*script)
    return caller.transcript_text().splitlines()


def test_year_end_call_hears_why_then_transfers_and_falls_back(page, browser_settings):
    call(page, "mynumber", "2026-12-30T10:00")
    expect(page.locator("#at-hint")).to_have_text(
        re.compile(r"Wednesday,? 30 December 2026 at 10:00, Asia/Tokyo time\."))
    greeting = page.locator("#transcript .utterance").first
    expect(greeting.locator(".lang")).to_have_text("ja-JP")
    expect(greeting.locator(".text")).to_have_attribute("lang", "ja-JP")
    press(page, "3", keyboard=True)
    expect(page.locator("#transcript .decision").last).to_have_text("closed · year-end")
    assert ("  [ja-JP Polly.Mizuki] 申し訳ございません。この窓口は、年末年始のためお休みです。"
            in "\n".join(lines(page)))
    press(page, "2", state="transfer")
    expect(page.locator("#transfer")).to_be_visible()
    expect(page.locator("#dialling")).to_have_text("+81120950178")
    if os.environ.get("IVR_UPDATE_SCREENSHOT") == "1":
        page.locator("#transcript").evaluate("list => list.scrollTop = list.scrollHeight")
        page.wait_for_timeout(300)  # the keys' pressed look fades
        page.screenshot(path=str(SCREENSHOT))
    outcome(page, "Busy", "transfer")
    expect(page.locator("#dialling")).to_have_text("+815038181250")
    outcome(page, "Failed", "keys")
    page.get_by_role("button", name="Hang up").click()
    expect(page.locator("body")).to_have_attribute("data-state", "ended")
    shown = lines(page)
    assert shown[0] == ("call /voice/mynumber from +819012345678 to +815000000000 "
                        "at 2026-12-30T10:00:00+09:00")
    assert shown == simulated(browser_settings, "mynumber", "2026-12-30T10:00+09:00",
                              "3", "2", "busy", "failed", "hangup")
    # Each prompt is spoken in its own language; a key cuts the rest of a menu short.
    heard = [said.groups() for row in shown
             if (said := re.fullmatch(r"  \[(\S+)[^\]]*\] (.*)", row))]
    spoken = [tuple(item) for item in page.evaluate("window.spoken")]
    assert spoken[0] == heard[0] and heard[0][0] == "ja-JP"  # the greeting
    assert set(spoken) <= set(heard) and ("ja-JP", JA.trying_fallback) in spoken


def test_open_desk_is_answered_and_the_call_ends(page, browser_settings):
    call(page, "card-center", "2026-12-01T10:00")
    press(page, "1", state="transfer")
    expect(page.locator("#transcript .decision").last).to_have_text("transfer")
    outcome(page, "Answered", "ended")
    assert lines(page) == simulated(browser_settings, "card-center", "2026-12-01T10:00+09:00",
                                    "1", "answered")
    expect(page.get_by_role("button", name="Call again")).to_be_enabled()


def test_silence_three_times_ends_the_call(page, browser_settings):
    call(page, "card-center", "2026-12-05T12:00")  # Saturday: key 1 is closed
    press(page, "1")
    assert JA.reasons["outside-hours"] in "\n".join(lines(page))
    for state in ("keys", "keys", "ended"):
        before = len(lines(page))
        page.get_by_role("button", name="Silence").click()
        settle(page, state, before)
    assert lines(page)[-2:] == [f"  [ja-JP Polly.Mizuki] {JA.goodbye}", "call ended by <Hangup>"]
    assert lines(page) == simulated(browser_settings, "card-center", "2026-12-05T12:00+09:00",
                                    "1", "", "", "")


def test_moving_the_clock_mid_call_applies_to_the_next_key(page):
    call(page, "card-center", "2026-12-05T12:00")  # Saturday
    press(page, "1")
    expect(page.locator("#transcript .decision").last).to_have_text("closed · outside-hours")
    before = len(lines(page))
    page.fill("#at", "2026-12-07T09:30")  # Monday, the minute it opens
    settle(page, "keys", before)
    assert lines(page)[-1] == "clock 2026-12-07T09:30:00+09:00"
    press(page, "1", state="transfer")
    expect(page.locator("#transcript .decision").last).to_have_text("transfer")
    before = len(lines(page))
    page.get_by_role("button", name="Real clock").click()
    settle(page, "transfer", before)
    assert lines(page)[-1] == "clock (the real clock)"
    expect(page.locator("#at-hint")).to_have_text(
        "Empty: the real clock. A time is read in Asia/Tokyo.")


def test_a_menu_that_listens_for_words_can_be_answered_by_saying_one(page, browser_settings):
    call(page, "card-center", "2026-12-30T10:00")
    before = len(lines(page))
    page.get_by_label("Say", exact=True).fill("一時停止をお願いします")
    page.get_by_role("button", name="Say it").click()
    settle(page, "transfer", before)
    assert lines(page) == simulated(browser_settings, "card-center", "2026-12-30T10:00+09:00",
                                    "say:一時停止をお願いします")


def test_keys_typed_while_the_app_answers_wait_for_the_next_menu(page, browser_settings):
    call(page, "mynumber", "2026-12-01T10:00")
    before = len(lines(page))
    # Keys in one go: * (repeat) is sent, and 4 and 1 wait for the menu that * brings back,
    # where they go together: 4 answers it, and 1 is typed ahead into the transfer, ignored.
    page.evaluate("""() => { for (const key of "*41") document.body.dispatchEvent(
        new KeyboardEvent("keydown", {key, bubbles: true})); }""")
    settle(page, "transfer", before + 1)
    assert lines(page) == simulated(browser_settings, "mynumber", "2026-12-01T10:00+09:00",
                                    "*", "41")
    assert lines(page)[-1] == "keys 1 ignored (no <Gather> was listening)"


def test_a_call_the_app_no_longer_knows_says_so_and_can_be_made_again(page, dev_app,
                                                                     browser_settings):
    call(page, "mynumber", "2026-12-01T10:00")
    dev_app.extensions["devsim"] = Calls()  # as when the app restarts, or forgot an idle call
    page.locator("[data-key='1']").click()
    expect(page.locator("#transcript .error")).to_have_text(re.compile(
        r"^no call '[\w-]+': calls idle for 30 minutes, .* call again$"))
    expect(page.locator("body")).to_have_attribute("data-state", "ended")
    expect(page.locator("#status")).to_have_text("Call ended.")
    call(page, "mynumber", "2026-12-01T10:00")  # "Call again"
    assert lines(page) == simulated(browser_settings, "mynumber", "2026-12-01T10:00+09:00")


def test_a_time_that_is_not_one_is_refused_in_the_apps_words(page):
    page.evaluate("""() => { const at = document.querySelector("#at");
                             at.type = "text"; at.value = "30 December"; }""")
    page.locator("#call").click()
    expect(page.locator("#transcript .error")).to_have_text(
        "'30 December' is not a date and time — write ISO 8601, e.g. 2026-12-30T10:00+09:00, "
        "or 2026-12-30T10:00 for Asia/Tokyo time")
    expect(page.locator("body")).to_have_attribute("data-state", "idle")
    expect(page.locator("#call")).to_have_text("Call")
