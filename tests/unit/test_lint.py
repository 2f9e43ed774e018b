"""Warnings (ivr.tools.lint): each one on a copy of the shipped menus with a few edits, on the right line.

Each case names the text its warning must point at (it occurs once in the edited file), the
YAML path, and words of the message and of the hint that an operator reads.
"""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ivr.menus.loader import load_with_sources
from ivr.tools import lint
from tests.helpers import (
    HOTLINE,
    ROOT,
    add_card_key_3,
    add_card_menu,
    edit,
    line_of,
    write_changes,
)

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=TOKYO)
MYNUMBER_KEY_9 = '      "9":\n        line: foreign'
FOREIGN_BACK = '        back: true\n'
FOREIGN_B = 'every-day: ["09:00-18:00"]'


def assert_warnings(folder: Path, wanted: list[tuple[str, str, str, str, str]],
                    now: datetime = NOW) -> None:
    """wanted: (file, text the warning points at, YAML path, words of the message, of the hint)."""
    found = lint.warnings(*load_with_sources(folder), now)
    report = "\n".join(map(str, found))
    assert [(str(p.file.relative_to(folder)), p.line, p.yaml_path) for p in found] == [
        (file, line_of((folder / file).read_text(encoding="utf-8"), at), path)
        for file, at, path, _, _ in wanted], report
    for problem, (_, _, _, message, hint) in zip(found, wanted, strict=True):
        assert message in problem.message, report
        assert hint in problem.hint, report


@pytest.mark.parametrize("now", [NOW, datetime(2027, 9, 30, 23, 59, tzinfo=TOKYO)])
def test_the_shipped_menus_give_no_warning(now):
    assert lint.warnings(*load_with_sources(HOTLINE), now) == []


# --- the phone tree -------------------------------------------------------------------------------

def test_a_menu_no_option_leads_to(edited_menus):
    folder = edited_menus()
    add_card_menu(folder, "spare", '      "1": {menu: main}\n')
    assert_warnings(folder, [("card-center.yaml", "  spare:", "menus.spare",
                              "no caller can reach menu 'spare': it is not the line's start "
                              "(main) and no option leads to it",
                              "add `menu: spare` to an option of a menu callers reach, "
                              "or delete this menu")])


def test_warnings_are_on_the_lines_of_the_yaml_that_was_loaded(edited_menus):
    # An edit saved after loading (three lines more at the top) does not move the warning.
    folder = edited_menus()
    add_card_menu(folder, "spare", '      "1": {menu: main}\n')
    loaded = (folder / "card-center.yaml").read_text(encoding="utf-8")
    menus, sources = load_with_sources(folder)
    (folder / "card-center.yaml").write_text("# edited\n" * 3 + loaded, encoding="utf-8")
    assert [(p.line, p.yaml_path) for p in lint.warnings(menus, sources, NOW)] == [
        (line_of(loaded, "  spare:"), "menus.spare")]


def test_a_menu_reached_only_from_menus_nobody_reaches(edited_menus):
    folder = edited_menus()
    add_card_menu(folder, "spare", '      "1": {menu: main}\n')
    add_card_menu(folder, "extra", '      "1": {menu: spare}\n')
    assert_warnings(folder, [
        ("card-center.yaml", "  extra:", "menus.extra",
         "no caller can reach menu 'extra': it is not the line's start", "add `menu: extra`"),
        ("card-center.yaml", "  spare:", "menus.spare",
         "no caller can reach menu 'spare': only 'extra', which no caller reaches either, "
         "leads to it", "add `menu: spare`")])


def test_a_menu_reached_from_a_reached_menu_is_not_warned_about(edited_menus):
    folder = edited_menus()
    add_card_menu(folder, "more", '      "1": {menu: main}\n')
    add_card_key_3(folder, "{menu: more}")
    assert_warnings(folder, [])


def test_a_line_option_leads_to_the_start_of_its_line(edited_menus):
    folder = edited_menus()
    add_card_key_3(folder, "{line: foreign}")
    assert_warnings(folder, [])


def test_an_option_to_its_own_menu(edited_menus):
    folder = edited_menus()
    add_card_key_3(folder, "{menu: main}")
    assert_warnings(folder, [("card-center.yaml", '"3": {menu: main}', "menus.main.options.3.menu",
                              "key 3 leads to this same menu, which callers hear again as with *",
                              "point menu: at another menu, or remove this option")])


def test_an_option_to_its_own_menu_in_another_language_leads_somewhere(edited_menus):
    folder = edited_menus({"foreign.yaml": ('"#": {menu: languages}',
                                            '"#": {menu: topics, language: en}')})
    assert_warnings(folder, [])


def test_a_menu_whose_only_option_is_a_message(edited_menus):
    folder = edited_menus()
    add_card_menu(folder, "news", '      "1": {say: {ja: 新しいお知らせはありません。}}\n')
    add_card_key_3(folder, "{menu: news}")
    # Not also "can never reach a desk": that would say the same thing twice.
    assert_warnings(folder, [("card-center.yaml", "  news:", "menus.news",
                              "every option of menu 'news' comes back to it, so a caller can go "
                              "nowhere from here", "add an option with transfer:, menu: or line:")])


def test_menus_from_which_no_desk_can_be_reached(edited_menus):
    folder = edited_menus()
    add_card_menu(folder, "faq", '      "1": {say: {ja: よくあるご質問です。}}\n'
                                 '      "2": {menu: faq-more}\n')
    add_card_menu(folder, "faq-more", '      "1": {menu: faq}\n')
    add_card_key_3(folder, "{menu: faq}")
    edit(folder, "card-center.yaml", "start: main", "start: main\nmax_failures: 2")
    wanted = ("can never reach a desk: no transfer can be reached from it, so the call can "
              "only end, by hanging up or after 2 silences")
    hint = "add a transfer: option, or a menu: or line: option that leads to one"
    assert_warnings(folder, [("card-center.yaml", "  faq-more:", "menus.faq-more",
                              f"a caller in menu 'faq-more' {wanted}", hint),
                             ("card-center.yaml", "  faq:", "menus.faq",
                              f"a caller in menu 'faq' {wanted}", hint)])


def test_a_line_option_to_a_line_with_no_way_back(edited_menus):
    folder = edited_menus({"foreign.yaml": (FOREIGN_BACK, "        menu: topics\n")})
    assert_warnings(folder, [("mynumber.yaml", "line: foreign", "menus.main.options.9.line",
                              "key 9 leads to line 'foreign', which offers no back: option, so a "
                              "caller who pressed it by mistake cannot come back",
                              "add an option `\"#\": {back: true}` to menu 'languages' of foreign")])


def test_a_back_option_in_a_line_no_line_option_leads_to(edited_menus):
    folder = edited_menus({"mynumber.yaml": (MYNUMBER_KEY_9, '      "9":\n        menu: main')})
    assert_warnings(folder, [
        ("foreign.yaml", "back: true", "menus.languages.options.#.back",
         "key # goes back to the line the caller came from, but no line: option leads to "
         "foreign, so it is never offered",
         "add `line: foreign` to an option of another line, or remove this option"),
        ("mynumber.yaml", "menu: main", "menus.main.options.9.menu",
         "key 9 leads to this same menu", "point menu: at another menu")])


# --- hours --------------------------------------------------------------------------------------

def test_two_intervals_with_a_short_gap(edited_menus):
    folder = edited_menus({"schedules.yaml": (FOREIGN_B,
                                              'every-day: ["09:00-12:00", "12:15-18:00"]')})
    assert_warnings(folder, [("schedules.yaml", '"12:15-18:00"',
                              "schedules.foreign-b.hours.every-day.1",
                              "09:00-12:00 and 12:15-18:00 (every-day) leave a 15-minute gap, "
                              "closed from 12:00 to 12:15",
                              'write one interval, "09:00-18:00", if the desk stays open; leave '
                              "it if it really closes for 15 minutes")])


def test_a_gap_of_half_an_hour_is_meant(edited_menus):
    folder = edited_menus({"schedules.yaml": (FOREIGN_B,
                                              'every-day: ["09:00-12:00", "12:30-18:00"]')})
    assert_warnings(folder, [])


def test_two_intervals_that_meet_are_written_in_any_order(edited_menus):
    folder = edited_menus({"schedules.yaml": (
        FOREIGN_B, 'every-day:\n        - "13:00-18:00"\n        - "09:00-13:00"')})
    assert_warnings(folder, [("schedules.yaml", '"13:00-18:00"',
                              "schedules.foreign-b.hours.every-day.0",
                              "09:00-13:00 and 13:00-18:00 (every-day) meet at 13:00, so callers "
                              "hear two intervals for one", 'write one interval, "09:00-18:00"')])


def test_an_interval_ending_at_23_59(edited_menus):
    folder = edited_menus({"schedules.yaml": ('      weekday: ["09:30-20:00"]\n    closures',
                                              '      weekday: ["09:30-23:59"]\n    closures')})
    assert_warnings(folder, [("schedules.yaml", "09:30-23:59",
                              "schedules.card-weekdays.hours.weekday.0",
                              "09:30-23:59 (weekday) ends at 23:59, so the desk is closed for the "
                              "last minute of the day",
                              'write "09:30-24:00" to stay open until midnight')])


# --- temporary changes -----------------------------------------------------------------------------

CLOSE = ("  - name: {name}\n    schedules: [{schedules}]\n    start: \"{start}\"\n"
         "    end: \"{end}\"\n    message: {{message}}\n")


def close(name: str, schedules: str, start: str, end: str) -> str:
    return CLOSE.format(name=name, schedules=schedules, start=start, end=end)


def test_a_change_that_closes_the_24_hour_desk(edited_menus):
    folder = edited_menus()
    write_changes(folder, close("maintenance", "standard, always", "2026-12-05 22:00",
                                "2026-12-06 06:00"))
    assert_warnings(folder, [("temporary.yaml", "always]", "changes.0.schedules.1",
                              "the change 'maintenance' closes 'always', a 24-hour desk: its "
                              "callers will hear it is closed from 2026-12-05 22:00 to "
                              "2026-12-06 06:00",
                              "remove always from schedules:, if the 24-hour desk must stay open")])


def test_a_change_that_closes_all_desks_closes_the_24_hour_one(edited_menus):
    folder = edited_menus()
    write_changes(folder, "  - name: outage\n    schedules: [all]\n"
                          "    end: \"2026-12-01 12:00\"\n    message: {message}\n")
    assert_warnings(folder, [("temporary.yaml", "[all]", "changes.0.schedules.0",
                              "the change 'outage' closes 'always', a 24-hour desk: its callers "
                              "will hear it is closed until 2026-12-01 12:00",
                              "list the schedules to close instead of all")])


def test_a_change_that_opens_the_24_hour_desk_is_no_closure(edited_menus):
    folder = edited_menus()
    write_changes(folder, "  - name: open\n    schedules: [always]\n    state: open\n"
                          "    end: \"2026-12-01 12:00\"\n")
    assert_warnings(folder, [])


def test_a_change_that_is_over(edited_menus):
    folder = edited_menus()
    write_changes(folder, close("past", "standard", "2026-11-01 10:00", "2026-11-26 12:00"),
                  close("current", "standard", "2026-11-26 11:00", "2026-11-26 12:01"))
    assert_warnings(folder, [("temporary.yaml", "name: past", "changes.0",
                              "the change 'past' ended on 2026-11-26 12:00 and has no effect any "
                              "more", "delete it from temporary.yaml")])


def test_a_change_after_the_last_year_of_the_official_holiday_list(edited_menus):
    folder = edited_menus()
    write_changes(folder, close("in-2027", "standard", "2027-12-30 10:00", "2027-12-31 23:59"),
                  close("new-year", "standard", "2027-12-31 22:00", "2028-01-01 06:00"),
                  close("in-2028", "standard", "2028-03-01 10:00", "2028-03-01 12:00"))
    wanted = ("lies after 2027, the last year of the Cabinet Office's holiday list: public "
              "holidays then are computed by rule")
    hint = "check the days it spans against the Cabinet Office's list"
    assert_warnings(folder, [
        ("temporary.yaml", '"2028-01-01 06:00"', "changes.1.end", f"'new-year' {wanted}", hint),
        ("temporary.yaml", '"2028-03-01 10:00"', "changes.2.start", f"'in-2028' {wanted}", hint)])


@pytest.mark.parametrize("today, warned", [((2027, 9, 30), False), ((2027, 10, 1), True),
                                           ((2031, 1, 1), True)])
def test_the_official_holiday_list_is_about_to_end(today, warned):
    year, month, day = today
    now = datetime(year, month, day, 9, 0, tzinfo=TOKYO)
    assert_warnings(HOTLINE, [
        ("schedules.yaml", "holidays: JP", "holidays",
         "the Cabinet Office's list of Japan's public holidays, which the holiday calendar is "
         "checked against, ends with 2027; later holidays are computed by rule",
         "once the Cabinet Office publishes 2028")] if warned else [], now)


# --- numbers ----------------------------------------------------------------------------------------

SMALL = ROOT / "tests" / "data" / "small"
SMALL_KEY_1 = 'to: "+81120950178", fallback: "+815012345678"'


@pytest.mark.parametrize("to, fallback, kind", [
    ("+81990123456", "+815012345678", "a premium-rate number, which callers pay extra for"),
    ("+81120950178", "+812012345678", "a pager number"),
    ("+81120950178", "+815000000000", "not a +81 (Japan) number in use, as far as "
                                      "libphonenumber knows"),
])
def test_a_desk_at_a_number_no_desk_is_expected_to_have(tmp_path, to, fallback, kind):
    folder = tmp_path / "menus"
    shutil.copytree(SMALL, folder)
    edit(folder, "hotline.yaml", SMALL_KEY_1, f'to: "{to}", fallback: "{fallback}"')
    field, number = ("to", to) if to != "+81120950178" else ("fallback", fallback)
    assert_warnings(folder, [("hotline.yaml", "transfer: {to:",
                              f"menus.main.options.1.transfer.{field}",
                              f"key 1 transfers to {number}, {kind}",
                              "make sure it is the desk's number")])


@pytest.mark.parametrize("number", [
    "+81120950178",   # toll-free 0120
    "+81570783578",   # ナビダイヤル 0570, shared cost
    "+81312345678",   # fixed, Tokyo
    "+819012345678",  # mobile
    "+815012345678",  # IP phone 050
])
def test_usual_desk_numbers_give_no_warning(tmp_path, number):
    folder = tmp_path / "menus"
    shutil.copytree(SMALL, folder)
    edit(folder, "hotline.yaml", SMALL_KEY_1, f'to: "{number}", fallback: "{number}"')
    assert lint.warnings(*load_with_sources(folder), NOW) == []


# --- announcements, dated hours and notes inside texts ------------------------------------------

def announcement(name: str, start: str, end: str, message: str = "{ja: 大変込み合っております}") -> str:
    return (f"announcements:\n  - name: {name}\n    lines: [card-center]\n    start: {start}\n"
            f"    end: {end}\n    message: {message}\n")


def test_an_announcement_that_is_over(edited_menus):
    folder = edited_menus()
    (folder / "temporary.yaml").write_text(
        announcement("busy-week", "2026-11-16 09:00", "2026-11-23 09:00"), encoding="utf-8")
    assert_warnings(folder, [("temporary.yaml", "name: busy-week", "announcements.0",
                              "the announcement 'busy-week' ended on 2026-11-23 09:00 and is "
                              "said no more", "delete it from temporary.yaml")])


def test_a_note_typed_inside_a_text_callers_hear(edited_menus):
    # The case: a note in a >- block is part of the text, read aloud to callers.
    folder = edited_menus()
    (folder / "temporary.yaml").write_text(announcement(
        "busy-week", "2026-11-30 09:00", "2026-12-07 09:00",
        "\n      ja: >-\n        大変込み合っております。\n        # remove after 12/7"),
        encoding="utf-8")
    edit(folder, "card-center.yaml", "もう一度お聞きになる場合は、こめじるしを押してください。",
         "もう一度お聞きになる場合は、こめじるしを押してください。 # 1/31まで")
    assert_warnings(folder, [
        ("card-center.yaml", "      ja: >-\n        マイナンバーカード、電子証明書", "menus.main.prompt.ja",
         'this text holds "# 1/31まで", which looks like a YAML comment, but inside a text it '
         "is part of it: callers hear it read aloud",
         "move the note out of the text, onto a line of its own above the key"),
        ("temporary.yaml", "ja: >-", "announcements.0.message.ja",
         'this text holds "# remove after 12/7"', "to say a key to callers, write it as a word")])


@pytest.mark.parametrize("text", ["Press 1. # is the pound key.", "シャープ#を押してください",
                                  "#1 in Japan", "Room #3"])
def test_a_hash_that_is_no_note_gives_no_warning(edited_menus, text):
    folder = edited_menus()
    edit(folder, "card-center.yaml", "お電話ありがとうございます。個人番号カードコールセンターです。",
         f'"{text}"')
    found = lint.warnings(*load_with_sources(folder), NOW)
    assert [p.message for p in found] == ([] if text != "Press 1. # is the pound key." else [
        'this text holds "# is the pound key.", which looks like a YAML comment, but inside a '
        "text it is part of it: callers hear it read aloud"])


def test_dated_hours_without_an_end_are_to_be_folded_into_the_schedule_once_begun(edited_menus):
    folder = edited_menus()
    (folder / "temporary.yaml").write_text(
        "changes:\n  - name: card-saturdays\n    schedules: [card-weekdays]\n"
        '    hours: {saturday: ["10:00-16:00"]}\n    start: 2026-12-01\n', encoding="utf-8")
    assert_warnings(folder, [], now=datetime(2026, 11, 30, 23, 59, tzinfo=TOKYO))
    assert_warnings(folder, [("temporary.yaml", "name: card-saturdays", "changes.0",
                              "the change 'card-saturdays' has begun and has no end: its hours "
                              "are card-weekdays's from now on",
                              "write them under hours: of card-weekdays in schedules.yaml, and "
                              "delete the change")], now=datetime(2026, 12, 1, tzinfo=TOKYO))
