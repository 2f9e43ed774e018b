"""temporary.yaml against the other files: a message is needed in exactly the languages whose
callers can hear it, and `check` says which and why; dated hours and announcements that cannot
be said are refused at their line."""
from __future__ import annotations

from pathlib import Path

import pytest

from ivr.menus.loader import load_menus
from ivr.menus.problems import ConfigError
from tests.helpers import line_of

GROUP_B = ("vi", "th", "id", "tl", "ne")
EVERY = ("ja", "en", "zh", "ko", "es", "pt", *GROUP_B)


def closure(schedules: str, languages: tuple[str, ...]) -> str:
    message = ", ".join(f"{code}: 臨時休業です" for code in languages)
    return (f"changes:\n  - name: outage\n    schedules: [{schedules}]\n"
            f"    start: 2026-12-05 22:00\n    end: 2026-12-06 06:00\n    message: {{{message}}}\n")


def problems(folder: Path, temporary: str) -> list[str]:
    """`line: message — hint (at path)` of each problem of temporary.yaml; [] when it loads."""
    (folder / "temporary.yaml").write_text(temporary, encoding="utf-8")
    try:
        load_menus(folder)
    except ConfigError as error:
        return [f"{p.line}: {p.message} — {p.hint} (at {p.yaml_path})" for p in error.problems]
    return []


# --- a message only where callers can hear it -----------------------------------------------------

@pytest.mark.parametrize("schedules, languages", [
    ("standard, card-weekdays", ("ja",)),  # desks only Japanese lines use: Japanese alone
    ("foreign-b", GROUP_B),                 # group B's hours: its five languages alone
    ("foreign-system", EVERY[1:]),          # the foreign line's system desk: its ten
    ("all", EVERY),
])
def test_a_closure_needs_its_message_in_the_languages_that_hear_it(edited_menus, schedules,
                                                                   languages):
    assert problems(edited_menus(), closure(schedules, languages)) == []


def test_a_missing_language_is_named_with_the_desk_that_makes_callers_hear_it(edited_menus):
    folder = edited_menus()
    found = problems(folder, closure("foreign-b, standard", ("ja", "vi", "th")))
    line = line_of((folder / "temporary.yaml").read_text(encoding="utf-8"), "message:")
    assert found == [
        f"{line}: no {code} text here, and callers in {code} can hear it — add `{code}: ...`: "
        f"foreign topics 1 follows foreign-b for callers in {code} (at changes.0.message)"
        for code in ("id", "ne", "tl")]


def test_no_language_is_needed_for_a_schedule_no_option_uses(edited_menus):
    folder = edited_menus({"schedules.yaml": ("schedules:\n", 'schedules:\n  spare:\n    hours: '
                                                              '{weekday: ["10:00-11:00"]}\n')})
    assert problems(folder, closure("spare", ("ja",))) == []


# --- dated hours -------------------------------------------------------------------------------------

def dated(hours: str, *more: str) -> str:
    return ("changes:\n  - name: dated\n    schedules: [card-weekdays]\n"
            f"    hours: {hours}\n" + "".join(f"    {line}\n" for line in more))


@pytest.mark.parametrize("temporary, at, path, wanted", [
    (dated('{saturday: ["10:00-16:00"]}', "state: open", "end: 2026-12-06 00:00"), "- name",
     "changes.0", "a change gives other hours or a state, not both — remove state: to give "
     "dated hours, or hours: to close or open"),
    (dated('{every-day: ["10:00-16:00"], saturday: ["10:00-12:00"]}'), "- name", "changes.0",
     "hours has every-day and also saturday — use either every-day alone"),
    (dated('{saturday: ["16:00-10:00"]}'), "16:00-10:00", "changes.0.hours.saturday.0",
     "'16:00-10:00' ends before it starts"),
    (dated("{weekday: []}", "start: 2026-12-24", "end: 2026-12-25"), "- name", "changes.0",
     "these hours close the desk for whole days until the change ends, so callers must hear why "
     "— add message:"),
    (dated("{weekday: []}", "start: 2027-01-01"), "hours:", "changes.0.hours",
     "from its start, 'card-weekdays' would never open again — give it hours on some day, or "
     "an end"),
    (dated('{saturday: ["10:00-16:00"]}').replace("[card-weekdays]", "[always]"), "[always]",
     "changes.0.schedules.0", "'always' is open 24 hours, every day: it has no hours to change "
     "— close it for a while with a closure (state: closed)"),
    ("changes:\n  - name: closed\n    schedules: [standard]\n    message: {ja: 休業}\n", "- name",
     "changes.0", "a closure or forced opening ends by itself at its end — add end: "
     "\"YYYY-MM-DD HH:MM\"; for hours from a date on, give hours:"),
])
def test_dated_hours_that_cannot_be_said_are_refused(edited_menus, temporary, at, path, wanted):
    folder = edited_menus()
    found = problems(folder, temporary)
    line = line_of(temporary, at)
    assert len(found) == 1 and found[0].startswith(f"{line}: {wanted}"), found
    assert found[0].endswith(f"(at {path})"), found


def test_dated_hours_with_an_end_need_today_s_sentence_where_callers_hear_them(edited_menus):
    folder = edited_menus({"languages/ja.yaml": (
        "  today_hours: \"本日の受付時間は、{intervals}です。\"\n", "")})
    temporary = dated('{weekday: ["09:30-12:00"]}', "start: 2026-12-24", "end: 2026-12-25")
    assert problems(folder, temporary) == [
        f"{line_of(temporary, 'hours:')}: callers in ja are told today's hours while this change "
        "is in force, and languages/ja.yaml has no today_hours sentence — add `today_hours: "
        "...` under its messages, e.g. en: \"Today we are open {intervals}\" (at changes.0.hours)"]
    # Without an end, dated hours are the desk's hours from their start: said as its hours.
    assert problems(folder, dated('{weekday: ["09:30-12:00"]}', "start: 2026-12-24")) == []


def test_dated_hours_for_all_leave_the_24_hour_desk_alone(edited_menus):
    folder = edited_menus()
    assert problems(folder, dated('{saturday: ["10:00-16:00"]}', "start: 2026-12-01").replace(
        "[card-weekdays]", "[all]")) == []
    assert load_menus(folder).changes["always"] == ()


# --- announcements --------------------------------------------------------------------------------

def announcement(lines: str, message: str) -> str:
    return (f"announcements:\n  - name: busy\n    lines: [{lines}]\n    end: 2026-12-08 00:00\n"
            f"    message: {message}\n")


@pytest.mark.parametrize("temporary, at, wanted", [
    (announcement("card-centre", "{ja: 混雑中}"), "card-centre]",
     "no line 'card-centre' — did you mean 'card-center'? known: all, card-center, foreign, "
     "mynumber (at announcements.0.lines.0)"),
    (announcement("mynumber, foreign", "{ja: 混雑中, en: Busy}"), "message:",
     "no es text here, and foreign, which it is for, speaks es — add `es: ...` (at "
     "announcements.0.message)"),
    (announcement("card-center", "{ja: 混雑中, en: Busy}"), "en: Busy",
     "none of its lines speaks 'en', so no caller hears this — remove this text, or name a line "
     "that speaks en in lines: (at announcements.0.message.en)"),
    (announcement("card-center", "{ja: " + "あ" * 1001 + "}"), "{ja: あ",
     "this is 3,003 bytes of UTF-8, and one <Say> of Polly.Mizuki speaks at most 3,000 — "
     "shorten it, or record it and write {play: https://…, text: …} (at "
     "announcements.0.message.ja)"),
])
def test_an_announcement_that_cannot_be_said_is_refused(edited_menus, temporary, at, wanted):
    found = problems(edited_menus(), temporary)
    assert f"{line_of(temporary, at)}: {wanted}" in found, found
