"""The ten foreign languages: chosen by key or by name, each topic at an open and a closed
instant, and everything heard after the choice in the caller's language."""
from datetime import datetime

import pytest

from ivr.calls.hours import decide
from ivr.calls.phrasing import closed_text
from ivr.menus import voices
from ivr.menus.loader import load_menus
from tests.helpers import HOTLINE, said, transfer_of

MENUS = load_menus(HOTLINE)
FOREIGN = MENUS.lines["foreign"]
LANGUAGE_MENU = FOREIGN.menus["languages"]
KEY_OF = {option.switches_to: key for key, option in LANGUAGE_MENU.options.items() if option.switches_to}
GROUP_A, GROUP_B = ("en", "zh", "ko", "es", "pt"), ("vi", "th", "id", "tl", "ne")
LANGUAGES = GROUP_A + GROUP_B

# topic key → (number, fallback, schedule for group A, schedule for group B): the spec's table.
TOPICS = {"1": ("+81120017827", "+81570064738", "foreign-a", "foreign-b"),
          "2": ("+81120017826", None, "foreign-system", "foreign-system"),
          "3": ("+81120017827", "+81570064738", "always", "foreign-b")}
# schedule → (an instant it is open, an instant it is closed, or None if it never closes)
INSTANTS = {"foreign-a": ("2026-12-30T08:30+09:00", "2026-12-01T20:00+09:00"),
            "foreign-b": ("2026-12-01T09:00+09:00", "2026-12-01T18:00+09:00"),
            "foreign-system": ("2026-12-05T17:29+09:00", "2026-12-30T10:00+09:00"),
            "always": ("2027-01-01T03:00+09:00", None)}


def schedule_of(lang: str, topic: str) -> str:
    return TOPICS[topic][2] if lang in GROUP_A else TOPICS[topic][3]


def spoken_as(lang: str) -> tuple[str, str]:
    language = MENUS.languages[lang]
    return (language.say, language.voice)


def test_the_language_menu_offers_the_spec_keys_in_each_languages_own_voice(caller):
    assert KEY_OF == {"en": "1", "zh": "2", "ko": "3", "es": "4", "pt": "5", "vi": "6",
                      "th": "7", "id": "8", "tl": "9", "ne": "0"}
    caller.dial("foreign", at="2026-12-01T10:00+09:00")
    greeting, *choices = caller.heard
    assert (greeting.language, greeting.voice) == spoken_as("en")
    assert [(u.language, u.voice) for u in choices] == [spoken_as(lang) for lang in LANGUAGES]
    # Called on the foreign line directly, there is no Japanese menu to go back to.
    assert "日本語" not in caller.heard_text
    assert caller.gather["input"] == "dtmf speech" and caller.gather["language"] == "en-US"
    assert "Español" in caller.gather["hints"] and "नेपाली" in caller.gather["hints"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_each_topic_connects_at_an_open_instant_in_the_callers_language(caller, lang, topic):
    number, fallback, *_ = TOPICS[topic]
    caller.dial("foreign", at=INSTANTS[schedule_of(lang, topic)][0]).press(KEY_OF[lang])
    assert {(u.language, u.voice) for u in caller.heard} == {spoken_as(lang)}
    caller.press(topic)
    assert not caller.closed and caller.dialled == [number]
    assert caller.heard_text == MENUS.languages[lang].messages.connecting
    caller.transfer("no-answer")
    if fallback:
        assert caller.dialled == [number, fallback]
        assert caller.heard_text == MENUS.languages[lang].messages.trying_fallback
        caller.transfer("busy")
    assert caller.heard[0].text == MENUS.languages[lang].messages.transfer_failed
    assert {(u.language, u.voice) for u in caller.heard} == {spoken_as(lang)}


CLOSED_CASES = [(lang, topic) for lang in LANGUAGES for topic in sorted(TOPICS)
                if INSTANTS[schedule_of(lang, topic)][1]]


@pytest.mark.parametrize("lang, topic", CLOSED_CASES)
def test_each_topic_at_a_closed_instant_says_why_and_when_in_the_callers_language(caller, lang,
                                                                                   topic):
    name = schedule_of(lang, topic)
    at = INSTANTS[name][1]
    assert at is not None, f"{name} is never closed"
    caller.dial("foreign", at=at).press(KEY_OF[lang]).press(topic)
    assert caller.closed and caller.dialled == []
    decision = decide(MENUS.schedules[name], datetime.fromisoformat(at), MENUS.zone,
                      MENUS.calendar)
    assert caller.heard[0].text == closed_text(lang, MENUS.languages[lang],
                                               MENUS.schedules[name], decision)
    note = transfer_of(FOREIGN.menus["topics"].options[topic]).when_closed or {}
    assert [u.text for u in caller.heard[1:]] == [
        *([note[lang]] if lang in note else []), said(FOREIGN.menus["topics"].prompt, lang)]
    assert {(u.language, u.voice) for u in caller.heard} == {spoken_as(lang)}


def test_group_a_suspension_is_24_hours_and_group_b_is_not(caller):
    caller.dial("foreign", at="2026-12-01T03:00+09:00").press(KEY_OF["en"]).press("3")
    assert not caller.closed and caller.dialled == ["+81120017827"]
    caller.dial("foreign", at="2026-12-01T03:00+09:00").press(KEY_OF["th"]).press("3")
    assert caller.closed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_after_the_choice_everything_is_in_the_callers_language(caller, lang):
    caller.dial("foreign", at="2026-12-01T10:00+09:00")
    before_choice = len(caller.transcript)
    caller.press(KEY_OF[lang]).press("5").press("*").silence().silence().silence()
    after_choice = caller.transcript[before_choice:]
    assert {(u.language, u.voice) for u in after_choice} == {spoken_as(lang)}
    messages = MENUS.languages[lang].messages
    assert [u.text for u in caller.heard] == [messages.no_input, messages.goodbye]
    assert caller.ended


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_language_is_chosen_by_saying_its_name(caller, lang):
    for word in LANGUAGE_MENU.options[KEY_OF[lang]].words:
        caller.dial("foreign", at="2026-12-01T10:00+09:00").say(f"{word}, please")
        assert caller.heard[-1].text == said(FOREIGN.menus["topics"].prompt, lang), word


@pytest.mark.parametrize("heard", ["French", "Chinese or Korean", ""])
def test_speech_naming_no_language_or_two_is_not_understood(caller, heard):
    caller.dial("foreign", at="2026-12-01T10:00+09:00")
    if heard:
        caller.say(heard)
        assert caller.heard[0].text == MENUS.languages["en"].messages.invalid
    else:
        caller.silence()
        assert caller.heard[0].text == MENUS.languages["en"].messages.no_input


def test_key_9_of_the_japanese_line_leads_to_the_language_menu_and_hash_back(caller):
    caller.dial("mynumber", at="2026-12-01T10:00+09:00")
    assert caller.heard[1].text == "For English and other languages, press 9."
    assert caller.heard[1].language == "en-US"
    caller.press("9")
    assert caller.heard[-1].text == "日本語のメニューに戻る場合は、シャープを押してください。"
    assert caller.heard[-1].language == "ja-JP"
    caller.press(KEY_OF["ko"]).press("#")  # topics → the language menu, in Korean now
    caller.say("French")  # no such language: told so in Korean
    assert caller.heard[0].text == MENUS.languages["ko"].messages.invalid
    caller.press("#")  # back to the Japanese main menu, in Japanese
    assert caller.heard[-1].text == said(MENUS.lines["mynumber"].menus["main"].prompt, "ja")
    assert caller.decision["line"] == "mynumber" and caller.decision["decision"] == "back"


def test_hash_on_the_foreign_line_called_directly_is_not_a_way_back(caller):
    caller.dial("foreign", at="2026-12-01T10:00+09:00").press("#")
    assert caller.heard[0].text == MENUS.languages["en"].messages.invalid


@pytest.mark.parametrize("lang", ["ja", *LANGUAGES])
def test_every_voice_and_language_code_is_one_twilio_has(lang):
    language = MENUS.languages[lang]
    assert voices.say_problem(language.voice, language.say) is None
    assert voices.listen_problem(language.listen) is None


def test_chinese_speaks_and_listens_with_different_codes_and_nepali_borrows_a_hindi_voice():
    zh, ne = MENUS.languages["zh"], MENUS.languages["ne"]
    assert (zh.say, zh.listen) == ("cmn-CN", "cmn-Hans-CN")
    assert (ne.say, ne.listen, ne.voice.startswith("Google.hi-IN-")) == ("hi-IN", "ne-NP", True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_prompt_or_message_is_missing_or_empty_in_any_language(lang):
    messages = MENUS.languages[lang].messages
    for field, info in type(messages).model_fields.items():
        assert getattr(messages, field) or not info.is_required(), field
    assert said(FOREIGN.menus["topics"].prompt, lang)
    assert said(LANGUAGE_MENU.options[KEY_OF[lang]].announce, lang)
