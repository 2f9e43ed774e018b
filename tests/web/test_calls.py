"""Whole calls to the shipped lines, simulated at open and closed instants: the spec's behaviour."""
import pytest

from ivr.menus.loader import load_menus
from tests.helpers import HOTLINE, said

MENUS = load_menus(HOTLINE)
JA = MENUS.languages["ja"].messages
VOICE = ("ja-JP", "Polly.Mizuki")
MYNUMBER_MAIN = MENUS.lines["mynumber"].menus["main"]
ANNOUNCE_9 = said(MYNUMBER_MAIN.options["9"].announce, "en")
# What a caller hears as each line's main menu: on mynumber the way out in English (key 9)
# first, then the Japanese prompt.
MAIN = {"mynumber": [ANNOUNCE_9, said(MYNUMBER_MAIN.prompt, "ja")],
        "card-center": [said(MENUS.lines["card-center"].menus["main"].prompt, "ja")]}

TUESDAY_10 = "2026-12-01T10:00+09:00"
TUESDAY_20 = "2026-12-01T20:00+09:00"
SATURDAY_18 = "2026-12-05T18:00+09:00"
YEAR_END = "2026-12-30T10:00+09:00"
NEW_YEAR_3AM = "2027-01-01T03:00+09:00"
SHUWA_HOLIDAY = "2026-09-22T10:00+09:00"  # 国民の休日

# (line, key, an instant it is open, number dialled, fallback)
OPEN = [
    ("mynumber", "1", YEAR_END, "+81120950178", "+815038181250"),
    ("mynumber", "2", NEW_YEAR_3AM, "+81120950178", "+815038181250"),
    ("mynumber", "3", TUESDAY_10, "+81120950178", "+815038169405"),
    ("mynumber", "4", "2026-12-05T17:29+09:00", "+81120950178", "+815038169405"),
    ("mynumber", "5", SHUWA_HOLIDAY, "+81120950178", "+815038169405"),
    ("mynumber", "6", "2026-12-28T19:59+09:00", "+81120950178", "+815038169405"),
    ("card-center", "1", TUESDAY_10, "+81570783578", "+815038181250"),
    ("card-center", "2", NEW_YEAR_3AM, "+81570783578", "+815038181250"),
]

# (line, key, a closed instant, reason sentence, next opening as said)
CLOSED = [
    ("mynumber", "1", TUESDAY_20, JA.reasons["outside-hours"], "12月2日水曜日、午前9時30分"),
    ("mynumber", "3", YEAR_END, JA.reasons["year-end"], "1月4日月曜日、午前9時30分"),
    ("mynumber", "4", SATURDAY_18, JA.reasons["outside-hours"], "12月6日日曜日、午前9時30分"),
    ("mynumber", "5", "2027-01-03T12:00+09:00", JA.reasons["year-end"], "1月4日月曜日、午前9時30分"),
    ("mynumber", "6", "2026-12-01T09:29:59+09:00", JA.reasons["outside-hours"],
     "12月1日火曜日、午前9時30分"),
    ("card-center", "1", SHUWA_HOLIDAY, JA.reasons["holiday"], "9月24日木曜日、午前9時30分"),
    ("card-center", "1", SATURDAY_18, JA.reasons["outside-hours"], "12月7日月曜日、午前9時30分"),
    ("card-center", "1", YEAR_END, JA.reasons["year-end"], "1月4日月曜日、午前9時30分"),
]


def test_a_call_opens_with_greeting_then_the_way_out_then_the_fraud_warning_and_main_menu(caller):
    caller.dial("mynumber", at=TUESDAY_10)
    greeting, way_out, intro, prompt = caller.heard
    assert greeting.text == said(MENUS.lines["mynumber"].greeting, "ja")
    # A caller who speaks no Japanese hears the other-languages choice second, in English,
    # after a greeting of about four seconds (33 morae at about 8 a second).
    assert (way_out.text, way_out.language) == ("For English and other languages, press 9.",
                                                "en-US")
    assert greeting.text == "お電話ありがとうございます。マイナンバー総合フリーダイヤルです。"
    # The fraud warning is one sentence of the page, with the page's list, and promises nothing
    # the page does not; then callers are told they may press or speak at any time.
    warning, anytime = intro.text.split("。 ")
    assert "電話、メール、手紙、訪問等にご注意ください" in warning
    assert "お尋ねすることはありません" not in intro.text
    assert anytime == "ガイダンスの途中でも、ご希望の番号を押すか、ご用件をお話しください。"
    assert prompt.text == said(MYNUMBER_MAIN.prompt, "ja")
    assert [(u.language, u.voice) for u in caller.heard] == [
        VOICE, ("en-US", "Polly.Joanna-Neural"), VOICE, VOICE]
    assert caller.waiting_for == "keys"
    assert caller.gather["actionOnEmptyResult"] == "true"


def test_the_fraud_warning_is_said_once_not_with_each_menu(caller):
    caller.dial("mynumber", at=TUESDAY_10).press("*")
    assert [u.text for u in caller.heard] == MAIN["mynumber"]
    caller.press("0")
    assert [u.text for u in caller.heard] == [JA.invalid, *MAIN["mynumber"]]


def test_card_center_key_2_names_the_smartphone_as_the_page_does(caller):
    caller.dial("card-center", at=TUESDAY_10)
    assert ("マイナンバーカード及び電子証明書を搭載したスマートフォンの紛失・盗難などによる一時利用停止は、2番を"
            in caller.heard_text)


@pytest.mark.parametrize("line, key, at, number, fallback", OPEN,
                         ids=[f"{o[0]}-{o[1]}-{o[2]}" for o in OPEN])
def test_an_open_desk_connects_then_falls_back_then_apologises(caller, line, key, at, number,
                                                               fallback):
    caller.dial(line, at=at).press(key)
    assert not caller.closed
    assert caller.heard_text == JA.connecting
    assert caller.dialled == [number]
    caller.transfer("busy")
    assert caller.heard_text == JA.trying_fallback
    assert caller.dialled == [number, fallback]
    caller.transfer("no-answer")
    assert [u.text for u in caller.heard] == [JA.transfer_failed, *MAIN[line]]
    assert caller.waiting_for == "keys"  # back in the menu, not hung up


@pytest.mark.parametrize("key, at, fallback", [
    (o[1], o[2], o[4]) for o in OPEN if o[0] == "mynumber"])
def test_a_mynumber_transfer_presses_its_own_key_at_the_hotline_and_none_at_the_fallback(
        caller, key, at, fallback):
    # 0120-95-0178 has the same keys 1-6: the caller does not choose twice.
    caller.dial("mynumber", at=at).press(key).transfer("busy")
    dials = [line for line in caller.transcript_text().splitlines() if line.startswith("dial ")]
    assert dials == [f"dial +81120950178 (then keys ww{key})", f"dial {fallback}"]


@pytest.mark.parametrize("line, key, at, reason, next_open", CLOSED,
                         ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CLOSED])
def test_a_closed_desk_says_why_its_hours_and_next_opening_then_the_same_menu(
        caller, line, key, at, reason, next_open):
    caller.dial(line, at=at).press(key)
    assert caller.closed
    assert caller.dialled == []
    closed, *menu = caller.heard
    assert closed.text.startswith(f"申し訳ございません。{reason}。受付時間は、")
    assert closed.text.endswith(f"次の受付開始は{next_open}です。")
    assert (closed.language, closed.voice) == VOICE
    assert [u.text for u in menu] == MAIN[line]
    # Still in the same menu: the 24-hour key 2 is in reach at once.
    caller.press("2")
    assert caller.heard_text == JA.connecting and caller.dialled


def test_closed_message_for_a_weekday_desk_says_the_hours_in_full(caller):
    caller.dial("card-center", at=YEAR_END).press("1")
    assert caller.heard[0].text == (
        "申し訳ございません。この窓口は、年末年始のためお休みです。"
        "受付時間は、平日は午前9時30分から午後8時までです。土曜日・日曜日・祝日はお休みです。"
        "なお、年末年始（12月29日から1月3日まで）は受付を行っておりません。"
        "次の受付開始は1月4日月曜日、午前9時30分です。")


def test_hours_are_checked_when_the_key_is_pressed_not_when_the_call_began(caller):
    caller.dial("mynumber", at="2026-12-01T19:59:30+09:00")
    caller.at("2026-12-01T20:00:05+09:00").press("3")
    assert caller.closed


def test_a_connected_transfer_ends_the_ivrs_part(caller):
    caller.dial("mynumber", at=TUESDAY_10).press("3").transfer("completed")
    assert caller.ended and caller.heard == []


def test_a_failed_fallback_leaves_the_caller_in_the_menu_to_choose_again(caller):
    caller.dial("card-center", at=TUESDAY_10).press("1").transfer("failed").transfer("busy")
    caller.press("1")
    assert caller.dialled == ["+81570783578", "+815038181250", "+81570783578"]


def test_star_repeats_the_menu(caller):
    caller.dial("card-center", at=TUESDAY_10).press("*")
    assert [u.text for u in caller.heard] == MAIN["card-center"]


@pytest.mark.parametrize("inputs, said", [
    (["8", "8", "8"], JA.invalid), ([None, None, None], JA.no_input), (["0", None, "#"], JA.invalid),
])
def test_three_failures_in_a_row_end_the_call_politely(caller, inputs, said):
    caller.dial("mynumber", at=TUESDAY_10)
    for number, key in enumerate(inputs, 1):
        caller.press(key) if key else caller.silence()
        if number < 3:
            assert not caller.ended
            assert [u.text for u in caller.heard][1:] == MAIN["mynumber"]
    assert [u.text for u in caller.heard] == [said, JA.goodbye]
    assert caller.ended


def test_a_good_key_between_failures_resets_the_count(caller):
    caller.dial("mynumber", at=YEAR_END).press("7").silence().press("3").press("7").silence()
    assert not caller.ended and caller.heard[0].text == JA.no_input


@pytest.mark.parametrize("override", ["+815011112222"])
def test_dial_override_sends_every_transfer_to_the_test_number(settings, override):
    from ivr import create_app
    from ivr.simulator import Caller

    settings["IVR_DIAL_OVERRIDE"] = override
    caller = Caller.for_app(create_app(settings))
    caller.dial("mynumber", at=TUESDAY_10).press("3").transfer("busy")
    assert caller.dialled == [override, override]


def test_times_given_in_utc_give_the_same_answer(caller):
    caller.dial("mynumber", at="2026-12-01T11:00Z").press("3")  # 20:00 in Tokyo
    assert caller.closed
    assert caller.heard[0].text.endswith("次の受付開始は12月2日水曜日、午前9時30分です。")
    caller.dial("mynumber", at="2026-12-01T10:59:59Z").press("3")
    assert not caller.closed and caller.dialled == ["+81120950178"]
