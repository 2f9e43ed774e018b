"""What the navigator does where the mutation review found nothing pinned: the language a `line:`
option leads into, and listens in, and a recorded prompt. On menus written here: a Japanese
line whose keys lead to an English and Korean line, as key 9 of the hotline does."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ivr.calls.navigator import Navigator
from ivr.calls.steps import Ask, CallState, Return, Speech
from ivr.menus.loader import Menus, load_menus
from tests.fixture_menus import write_menus

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
RECORDING = "https://example.jp/prompts/ja-main.mp3"
LINES = {
    "home": f"""\
        default: true
        languages: [ja]
        start: main
        menus:
          main:
            prompt: {{ja: {{play: "{RECORDING}", text: メインメニューです}}}}
            options:
              "1": {{line: abroad}}
              "2": {{line: abroad, language: ko}}
        """,
    # Like the hotline's language menu: no prompt, each option announced in its language.
    "abroad": """\
        languages: [en, ko]
        start: choose
        menus:
          choose:
            options:
              "1": {menu: topics, language: en, words: [English], announce: {en: "English, 1."}}
              "2": {menu: topics, language: ko, words: [Korean], announce: {ko: "한국어, 2."}}
              "#": {back: true, announce: {ja: 戻る場合は、シャープ。}}
          topics:
            prompt: {en: Topics., ko: 주제.}
            options:
              "#": {menu: choose}
        """,
}


@pytest.fixture(scope="module")
def menus(tmp_path_factory) -> Menus:
    folder: Path = tmp_path_factory.mktemp("navigator") / "menus"
    return load_menus(write_menus(folder, "open: {always: true}\n", LINES, ("ja", "en", "ko")))


def test_a_recorded_prompt_is_played_through_the_navigator(menus):
    step = Navigator(menus).start("home")
    assert isinstance(step.action, Ask)
    assert step.action.speech == (Speech("メインメニューです", menus.languages["ja"], RECORDING),)


def test_after_a_line_key_the_call_speaks_and_listens_in_the_other_lines_first_language(menus):
    # Key 9 of the hotline: the Japanese caller's language is not one of the other line's, so
    # the call goes on in its first, English, and recognises English words.
    step = Navigator(menus).choose(CallState("home", "main", "ja"), "1", None, NOW)
    assert isinstance(step.action, Ask)
    assert step.action.state == CallState("abroad", "choose", "en",
                                          back=Return("home", "main", "ja"))
    assert step.action.listening is not None
    assert step.action.listening.language == menus.languages["en"].listen
    wrong = Navigator(menus).choose(step.action.state, "7", None, NOW)
    assert wrong.action.speech[0] == Speech(menus.languages["en"].messages.invalid,
                                            menus.languages["en"])


def test_language_on_a_line_option_is_the_language_the_other_line_starts_in(menus):
    step = Navigator(menus).choose(CallState("home", "main", "ja"), "2", None, NOW)
    assert isinstance(step.action, Ask)
    assert step.action.state == CallState("abroad", "choose", "ko",
                                          back=Return("home", "main", "ja"))
    assert step.action.listening is not None
    assert step.action.listening.language == menus.languages["ko"].listen


def test_back_returns_to_the_line_menu_and_language_the_caller_came_from(menus):
    state = CallState("abroad", "topics", "ko", back=Return("home", "main", "ja"))
    step = Navigator(menus).choose(state, "#", None, NOW)
    assert isinstance(step.action, Ask)
    assert step.action.state == CallState("abroad", "choose", "ko", back=state.back)
    back = Navigator(menus).choose(step.action.state, "#", None, NOW)
    assert (back.decision, back.state) == ("back", CallState("home", "main", "ja"))


@pytest.mark.parametrize("lang, kept", [("ko", "ko"), ("ja", "en")])
def test_a_call_that_lost_its_place_starts_over_in_its_language_if_the_line_speaks_it(
        menus, lang, kept):
    step = Navigator(menus).choose(CallState("abroad", "gone", lang), "1", None, NOW)
    assert (step.decision, step.state) == ("unknown-menu", CallState("abroad", "choose", kept))
