"""`python -m ivr script`: everything a caller hears on a line in one language, in tree order."""
from __future__ import annotations

import re

import pytest

from ivr.tools.cli import main
from tests.helpers import HOTLINE, add_card_key_3, write_changes

AT = "2026-11-26T12:00"
STANDARD_HOURS = ("受付時間は、平日は午前9時30分から午後8時まで、土曜日・日曜日・祝日は午前9時30分から"
                  "午後5時30分までです。なお、年末年始（12月29日から1月3日まで）は受付を行っておりません。")


def script(capsys, *args: str, menus=HOTLINE) -> str:
    assert main(["script", "--menus", str(menus), "--at", AT, *args]) == 0
    return capsys.readouterr().out


def part(out: str, title: str) -> list[str]:
    """The lines of the part with this title, up to the next part (plain text)."""
    lines = out.splitlines()
    start = lines.index(title) + 2
    end = next((i - 1 for i in range(start, len(lines)) if lines[i].startswith("---")), len(lines))
    return [line for line in lines[start:end] if line]


def test_the_japanese_script_of_mynumber(capsys):
    out = script(capsys, "--lang", "ja", "--line", "mynumber")
    assert out.splitlines()[0] == "Line mynumber in ja (voice Polly.Mizuki, ja-JP)"
    assert part(out, "Greeting")[0] == "Said once, when the call starts:"
    assert part(out, "Greeting")[1].startswith("    お電話ありがとうございます。マイナンバー総合フリーダイヤルです。")
    main_menu = part(out, "Menu main (start)")
    # In the order a caller arriving hears it: the way out in English first, the intro, the prompt.
    assert main_menu[0:3] == ["Announced for key 9 [in en]:",
                              "    For English and other languages, press 9.",
                              "Intro (to a caller arriving in the menu, not when it is said again):"]
    assert main_menu[4] == "Prompt:"
    assert main_menu[6:10] == [
        "Key 1: transfer to +81120950178 (keys ww1), then +815038181250; schedule every-day",
        "  Or said: 通知カード, 通知書, コンビニ, 交付, 申請, 更新, 暗証番号",
        "  Closed, outside hours (e.g. Thu 2026-11-26 20:00):",
        "      申し訳ございません。この窓口は、ただいま受付時間外です。受付時間は、毎日午前9時30分から"
        "午後8時までです。次の受付開始は11月27日金曜日、午前9時30分です。"]
    assert main_menu[10:13:2] == [
        "Key 2: transfer to +81120950178 (keys ww2), then +815038181250; schedule always",
        "  Never closed: open 24 hours, every day"]
    assert main_menu[13:19:2] == [
        "Key 3: transfer to +81120950178 (keys ww3), then +815038169405; schedule standard",
        "  Closed, outside hours (e.g. Thu 2026-11-26 20:00):",
        "  Closed, year-end (e.g. Tue 2026-12-29 00:00):"]
    assert main_menu[16:19:2] == [
        f"      申し訳ございません。この窓口は、ただいま受付時間外です。{STANDARD_HOURS}"
        "次の受付開始は11月27日金曜日、午前9時30分です。",
        f"      申し訳ございません。この窓口は、年末年始のためお休みです。{STANDARD_HOURS}"
        "次の受付開始は1月4日月曜日、午前9時30分です。"]
    assert main_menu[19:22:2] == [
        "Key 4: transfer to +81120950178 (keys ww4), then +815038169405; schedule standard",
        "  Closed as for key 3 of main, the same schedule"]
    assert main_menu[-2:] == ["Key 9: line foreign", "  Or said: English, イングリッシュ, 英語, 外国語"]
    messages = part(out, "Said in every menu")
    assert messages[::2] == [
        "Invalid key (a key that is not in the menu, or words that name no option or two):",
        "Silence (nothing pressed or said):",
        "Goodbye (after 3 failures in a row, following the last one's message; the call ends):",
        "Connecting (before a transfer):",
        "Fallback (the desk's number failed; its fallback is dialled):",
        "Transfer failed (no number of the desk answered; the menu follows):",
        "Lost (the call lost its place, e.g. after the menus changed):",
        "Error (the IVR itself failed):"]
    assert messages[1] == "    恐れ入りますが、その番号はこのメニューにはございません。"


@pytest.mark.parametrize("key, at", [("1", "2026-11-26T20:00+09:00"), ("3", "2026-12-29T00:00+09:00"),
                                     ("3", "2026-11-26T20:00+09:00")])
def test_a_closed_sentence_is_word_for_word_what_a_caller_hears(capsys, caller, key, at):
    lines = script(capsys, "--lang", "ja", "--line", "mynumber").splitlines()
    wanted = next(lines[i + 1].strip() for i, line in enumerate(lines)
                  if line.startswith("  Closed, ") and at[:16].replace("T", " ") in line
                  and any(row.startswith(f"Key {key}:") for row in lines[max(0, i - 5):i]))
    caller.dial("mynumber", at=at)
    caller.press(key)
    assert caller.closed
    assert wanted in caller.heard_text


def test_every_line_offering_the_language_in_tree_order(capsys):
    out = script(capsys, "--lang", "ja")
    assert re.findall(r"^Line .*$", out, re.M) == [
        "Line mynumber in ja (voice Polly.Mizuki, ja-JP)",
        "Line card-center in ja (voice Polly.Mizuki, ja-JP)"]
    assert "  Closed, public holiday (e.g. Mon 2027-01-11 00:00):" in out.splitlines()


def test_a_group_b_language_in_markdown(capsys):
    out = script(capsys, "--lang", "vi", "--format", "markdown")
    lines = out.splitlines()
    assert lines[0] == "# Line foreign in vi (voice Google.vi-VN-Wavenet-A, vi-VN)"
    assert [line for line in lines if line.startswith("## ")] == [
        "## Greeting", "## Menu languages (start)", "## Menu topics", "## Said in every menu"]
    assert ("- **Said once, when the call starts [in en]**: Thank you for calling the My Number "
            "helpline for foreign languages. Please choose your language.") in lines
    assert "- **Announced for key 6**: Tiếng Việt, xin nhấn phím 6." in lines
    assert "- **Announced for key 2 [in zh]**: 中文服务，请按2。" in lines
    assert ("- **Announced for key # (only to callers who came from another line) [in ja]**: "
            "日本語のメニューに戻る場合は、シャープを押してください。") in lines
    assert "- **Key 6: menu topics, in vi from now on**" in lines
    assert "- **Key 1: transfer to +81120017827, then +81570064738; schedule foreign-b**" in lines
    assert "- **Key 3: transfer to +81120017827, then +81570064738; schedule foreign-b**" in lines
    assert "  - **Or said: bị mất, mất thẻ, làm mất, đánh cắp, bị trộm, tạm dừng, khóa thẻ**" in lines
    assert ("  - **When closed, after why and when**: Việc tạm dừng thẻ bị mất hoặc bị đánh cắp "
            "được tiếp nhận 24 giờ") in "\n".join(lines)
    assert "  - **Closed as for key 1 of topics, the same schedule**" in lines
    assert "- **Until the caller picks vi, these are said in en**" in lines


def test_a_temporary_closure_and_a_recorded_message(capsys, edited_menus):
    folder = edited_menus()
    write_changes(folder, "  - name: maintenance\n    schedules: [always]\n"
                          "    start: \"2026-12-05 22:00\"\n    end: \"2026-12-06 06:00\"\n"
                          "    message: {message}\n")
    add_card_key_3(folder, '{say: {ja: {play: "https://example.jp/news.mp3", '
                           'text: 新しいお知らせはありません。}}}')
    lines = script(capsys, "--lang", "ja", "--line", "card-center", menus=folder).splitlines()
    assert lines[lines.index("Key 2: transfer to +81570783578, then +815038181250; "
                             "schedule always") + 2:][:4] == [
        "  Closed, change maintenance (e.g. Sat 2026-12-05 22:00):",
        "      申し訳ございません。臨時休業。この窓口は、24時間365日受け付けております。"
        "次の受付開始は12月6日日曜日、午前6時です。",
        "Key 3: a message, then this menu again, recorded at https://example.jp/news.mp3:",
        "    新しいお知らせはありません。"]


@pytest.mark.parametrize("args, error", [
    (["--lang", "fr"],
     "no line offers 'fr': the lines offer ja, en, zh, ko, es, pt, vi, th, id, tl, ne"),
    (["--lang", "ja", "--line", "foreign"],
     "foreign does not offer 'ja': it offers en, zh, ko, es, pt, vi, th, id, tl, ne"),
    (["--lang", "ja", "--line", "mynumbr"],
     "no line 'mynumbr': the lines are mynumber, foreign, card-center")])
def test_a_language_or_line_that_does_not_fit(capsys, args, error):
    assert main(["script", *args]) == 2
    assert capsys.readouterr().err == f"error: {error}\n"
