"""Twilio's limits are met at load: a text longer than its voice says in one <Say>, counted in
UTF-8 bytes as Twilio counts (a Japanese character is three), is a problem with its file and
line; so is a closed desk's sentence that could grow past it, and an answer past 64 KB."""
import pytest

from ivr import create_app
from ivr.calls.limits import check_limits
from ivr.menus.loader import load_menus
from ivr.menus.problems import ConfigError
from ivr.tools.cli import main
from tests.helpers import SHIPPED_MENUS
from tests.unit.test_config import line_of

CARD_GREETING = "  ja: お電話ありがとうございます。個人番号カードコールセンターです。"


def refused(folder, checks=(check_limits,)) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_menus(folder, checks)
    return [f"{p.file.name}:{p.line}: {p.message} — {p.hint} (at {p.yaml_path})"
            for p in info.value.problems]


@pytest.mark.parametrize("characters, voice, limit", [
    ("あ" * 1001, "Polly.Mizuki", "3,000"),    # 3,003 bytes: three for each character
    ("a" * 3001, "Polly.Mizuki", "3,000"),
])
def test_a_text_longer_than_one_say_is_a_problem_on_its_line(edited_menus, characters, voice,
                                                             limit):
    folder = edited_menus({"card-center.yaml": (CARD_GREETING, f"  ja: {characters}")})
    size = len(characters.encode())
    assert refused(folder, checks=()) == [
        f"card-center.yaml:{line_of((folder / 'card-center.yaml').read_text(), characters)}: "
        f"this is {size:,} bytes of UTF-8, and one <Say> of {voice} speaks at most {limit} — "
        "shorten it, split it in two, or record it and write {play: https://…, text: …} "
        "(at greeting.ja)"]


def test_a_text_of_exactly_the_limit_is_said(edited_menus):
    folder = edited_menus({"card-center.yaml": (CARD_GREETING, f"  ja: {'あ' * 1000}")})
    assert load_menus(folder, (check_limits,)).lines["card-center"].greeting


def test_a_google_voice_says_more_than_a_polly_voice(edited_menus):
    thai = "ก" * 1666  # 4,998 bytes: too long for Polly's 3,000, within Google's 5,000
    folder = edited_menus({"foreign.yaml": ('announce: {th: "ภาษาไทย กรุณากด 7 ค่ะ"}',
                                            f'announce: {{th: "{thai}"}}')})
    assert load_menus(folder, (check_limits,)).lines["foreign"]
    folder = edited_menus({"foreign.yaml": ('announce: {th: "ภาษาไทย กรุณากด 7 ค่ะ"}',
                                            f'announce: {{th: "{thai}กก"}}')})
    assert refused(folder, checks=())[0].endswith(
        "one <Say> of Google.th-TH-Standard-A speaks at most 5,000 — shorten it, split it in "
        "two, or record it and write {play: https://…, text: …} (at menus.languages.options.7."
        "announce.th)")


def test_a_closed_sentence_that_can_grow_past_one_say_is_a_problem_of_its_language(
        edited_menus, capsys):
    reason = "ただいま" * 240  # 2,880 bytes: alone it fits; with the hours it does not
    folder = edited_menus({"languages/ja.yaml": (
        "    year-end: この窓口は、年末年始のためお休みです", f"    year-end: {reason}")})
    assert load_menus(folder)  # the loader alone does not build sentences
    problems = refused(folder)
    line = line_of((folder / "languages" / "ja.yaml").read_text(), "  closed:")
    assert problems[0].startswith(
        f"ja.yaml:{line}: closed at its longest, for schedule 'card-weekdays': this is 3,200 "
        "bytes of UTF-8")
    assert problems[0].endswith("bytes of UTF-8, and one <Say> of Polly.Mizuki speaks at most "
                                "3,000 — shorten closed, the reasons or the sentences of the "
                                "hours (at messages.closed)")
    # once for each schedule of a Japanese desk closed at the year end, and only those
    assert len(problems) == 2 and not any("'every-day'" in p or "'always'" in p for p in problems)
    # The server refuses to start on them, and check reports them as loading does.
    with pytest.raises(ConfigError):
        create_app({"IVR_MENUS": str(folder), "IVR_RELOAD": "0", "TWILIO_AUTH_TOKEN": ""})
    assert main(["check", str(folder)]) == 1
    assert "closed at its longest, for schedule 'standard'" in capsys.readouterr().out


def test_an_answer_past_64_kb_is_a_problem_of_its_menu(edited_menus):
    words = ", ".join(f"語{n:05}" for n in range(8000))  # hints of about 90 KB
    folder = edited_menus({"card-center.yaml": ("words: {ja: [通知カード, 通知書, 交付, 申請, 更新, 暗証番号]}",
                                                f"words: {{ja: [{words}]}}")})
    problems = refused(folder)
    assert problems[0].startswith("card-center.yaml:")
    assert "when this desk is closed, the answer in ja can be " in problems[0]
    assert problems[0].endswith("bytes, and Twilio takes 65,536 at most — shorten the menu's "
                                "prompt and announcements, or split the menu "
                                "(at menus.main.options.1)")


def test_the_shipped_menus_are_within_every_limit(capsys):
    assert load_menus(SHIPPED_MENUS, (check_limits,))
