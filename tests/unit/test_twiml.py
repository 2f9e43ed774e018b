"""TwiML snapshots: Twilio's builder sorts attributes, so exact documents are fair tests."""

from ivr.calls.steps import Ask, CallState, Dial, Hangup, Listening, Speech, Step
from ivr.menus.loader import load_menus
from ivr.web.twiml import apology, render
from tests.helpers import HOTLINE

MENUS = load_menus(HOTLINE)
JA, EN = MENUS.languages["ja"], MENUS.languages["en"]
STATE = CallState("mynumber", "main", "ja")
HEAD = '<?xml version="1.0" encoding="UTF-8"?>'


class Urls:
    def menu(self, state):
        return f"/voice/{state.line}/{state.menu}?lang={state.lang}&fails={state.fails}"

    def dial(self, state, key, attempt):
        return f"/voice/{state.line}/{state.menu}/dial/{key}?attempt={attempt}"


def test_a_menu_is_an_interruptible_gather_that_reports_silence_too():
    step = Step(Ask(STATE, (Speech("メニュー", JA), Speech("Press 9.", EN)), 6), "greeting")
    assert render(step, Urls()) == HEAD + (
        '<Response><Gather action="/voice/mynumber/main?lang=ja&amp;fails=0" '
        'actionOnEmptyResult="true" finishOnKey="" input="dtmf" method="POST" numDigits="1" '
        'timeout="6"><Say language="ja-JP" voice="Polly.Mizuki">メニュー</Say>'
        '<Say language="en-US" voice="Polly.Joanna-Neural">Press 9.</Say></Gather>'
        '<Redirect method="POST">/voice/mynumber/main?lang=ja&amp;fails=0</Redirect></Response>')


def test_a_menu_whose_options_can_be_said_listens_in_the_callers_language():
    state = CallState("foreign", "languages", "en")
    step = Step(Ask(state, (Speech("For English, press 1.", EN),), 6,
                    Listening("en-US", ("English", "Español"))), "greeting")
    assert ('<Gather action="/voice/foreign/languages?lang=en&amp;fails=0" '
            'actionOnEmptyResult="true" finishOnKey="" hints="English, Español" '
            'input="dtmf speech" language="en-US" method="POST" numDigits="1" '
            'speechTimeout="auto" timeout="6">') in render(step, Urls())


def test_a_recording_is_played_instead_of_spoken():
    step = Step(Ask(STATE, (Speech("ようこそ", JA, "https://example.jp/welcome.mp3"),), 6), "x")
    assert "<Play>https://example.jp/welcome.mp3</Play>" in render(step, Urls())
    assert "<Say" not in render(step, Urls())


def test_a_transfer_says_so_then_dials_with_an_action_for_its_outcome():
    step = Step(Dial(STATE, "3", 0, "+81120950178", (Speech("おつなぎします", JA),)), "transfer")
    assert render(step, Urls()) == HEAD + (
        '<Response><Say language="ja-JP" voice="Polly.Mizuki">おつなぎします</Say>'
        '<Dial action="/voice/mynumber/main/dial/3?attempt=0" answerOnBridge="true" '
        'method="POST" timeout="30"><Number>+81120950178</Number></Dial></Response>')


def test_goodbye_and_apology_end_the_call():
    goodbye = Step(Hangup((Speech("さようなら", JA),)), "goodbye")
    expected = HEAD + ('<Response><Say language="ja-JP" voice="Polly.Mizuki">さようなら</Say>'
                       '<Hangup /></Response>')
    assert render(goodbye, Urls()) == expected
    assert apology((Speech("さようなら", JA),)) == expected


def test_a_transfer_may_press_keys_once_the_desk_answers():
    step = Step(Dial(STATE, "3", 0, "+81120950178", (Speech("おつなぎします", JA),), "ww3"),
                "transfer")
    assert '<Number sendDigits="ww3">+81120950178</Number>' in render(step, Urls())
