"""Announcements (temporary.yaml): said after the greeting and the way out, before the menu, in the
caller's language — each language in its own voice on a multilingual line — and gone after
their end. A multilingual line's greeting is said in each language it is written in."""
from __future__ import annotations

import pytest

from ivr import create_app
from ivr.simulator import Caller

HEAVY = """announcements:
  - name: heavy-demand
    lines: [mynumber, foreign]
    start: 2026-12-01 09:00
    end: 2026-12-08 00:00
    message:
      ja: ただいま大変込み合っております。
      en: Our lines are very busy this week.
      vi: Tuần này các đường dây đang rất bận.
{more}"""
OTHERS = ("zh", "ko", "es", "pt", "th", "id", "tl", "ne")


@pytest.fixture
def app(edited_menus, settings):
    folder = edited_menus({"foreign.yaml": (
        'greeting:\n  en: "Thank you for calling the My Number helpline for foreign languages. '
        'Please choose your language."\n',
        'greeting:\n  en: "Thank you for calling the My Number helpline for foreign languages. '
        'Please choose your language."\n  vi: "Tổng đài My Number hỗ trợ tiếng nước ngoài."\n')})
    more = "".join(f"      {code}: ({code}) busy\n" for code in OTHERS)
    (folder / "temporary.yaml").write_text(HEAVY.format(more=more), encoding="utf-8")
    settings["IVR_MENUS"] = str(folder)
    return create_app(settings)


def heard(caller: Caller, *wanted: str) -> list[str]:
    """What the caller heard first, `[language] text`, each text cut to the one `wanted` there."""
    return [f"[{u.language}] {u.text}"[:len(want)]
            for u, want in zip(caller.heard[:len(wanted)], wanted, strict=True)]


def test_said_after_the_greeting_and_the_way_out_before_the_menu(app):
    caller = Caller.for_app(app).dial("mynumber", at="2026-12-03T10:00+09:00")
    wanted = ["[ja-JP] お電話ありがとうございます。マイナンバー総合フリーダイヤルです。",
              "[en-US] For English and other languages, press 9.",
              "[ja-JP] ただいま大変込み合っております。",
              "[ja-JP] マイナンバー制度に便乗した、不正な勧誘"]
    assert heard(caller, *wanted) == wanted


@pytest.mark.parametrize("at", ["2026-12-01T08:59:59+09:00", "2026-12-08T00:00+09:00"])
def test_not_said_before_its_start_nor_from_its_end(app, at):
    caller = Caller.for_app(app).dial("mynumber", at=at)
    assert "ただいま大変込み合っております。" not in caller.heard_text


def test_not_said_again_when_the_menu_is(app):
    caller = Caller.for_app(app).dial("mynumber", at="2026-12-03T10:00+09:00").press("*")
    assert "ただいま大変込み合っております。" not in caller.heard_text


def test_a_line_it_does_not_name_does_not_say_it(app):
    caller = Caller.for_app(app).dial("card-center", at="2026-12-03T10:00+09:00")
    assert "込み合って" not in caller.heard_text


def test_a_multilingual_line_says_greeting_and_announcement_in_each_language_and_voice(app):
    caller = Caller.for_app(app).dial("foreign", at="2026-12-03T10:00+09:00")
    wanted = [
        "[en-US] Thank you for calling the My Number helpline",
        "[vi-VN] Tổng đài My Number hỗ trợ tiếng nước ngoài.",  # the greeting in each language
        "[en-US] Our lines are very busy this week.",              # given, in the line's order
        "[cmn-CN] (zh) busy", "[ko-KR] (ko) busy", "[es-MX] (es) busy", "[pt-BR] (pt) busy",
        "[vi-VN] Tuần này các đường dây đang rất bận.",
        "[th-TH] (th) busy", "[id-ID] (id) busy", "[fil-PH] (tl) busy", "[hi-IN] (ne) busy",
        "[en-US] For English, press 1.", "[cmn-CN] 中文服务，请按2。"]
    assert heard(caller, *wanted) == wanted
    assert [u.voice for u in caller.heard[:2]] == ["Polly.Joanna-Neural",
                                                   "Google.vi-VN-Wavenet-A"]


def test_entering_a_line_by_a_key_says_its_announcements_in_each_of_its_languages(app):
    caller = Caller.for_app(app).dial("mynumber", at="2026-12-03T10:00+09:00").press("9")
    wanted = ["[en-US] Our lines are very busy this week.", "[cmn-CN] (zh) busy"]
    assert heard(caller, *wanted) == wanted
    caller.press("6")  # Vietnamese: the menu, not the announcements again
    assert "bận" not in caller.heard_text
