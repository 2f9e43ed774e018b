"""Operators' call scenarios (menus/scenarios.yaml): read with problems at file and line, played on
the navigator, each failure reported on the line of what it expected with what happened instead.

Built on the small menus of tests/data/small: one line, `hotline`, whose key 1 transfers to a
weekday desk (09:30-20:00, closed at the year end) and whose key 2 says a message.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ivr.calls.navigator import Navigator
from ivr.calls.scenario_runner import check_scenarios, play, scenarios
from ivr.menus.loader import load_menus, load_with_sources
from ivr.menus.problems import ConfigError
from ivr.menus.scenarios import Expect, Outcome, judge, read_item
from ivr.tools.cli import main
from tests.helpers import ROOT, line_of

SMALL = ROOT / "tests" / "data" / "small"
TUESDAY_10 = "2026-12-01 10:00"


@pytest.fixture
def small(tmp_path) -> Path:
    folder = tmp_path / "menus"
    shutil.copytree(SMALL, folder)
    return folder


def write(folder: Path, scenarios_yaml: str) -> Path:
    path = folder / "scenarios.yaml"
    path.write_text("scenarios:\n" + scenarios_yaml, encoding="utf-8")
    return path


def scenario(name: str, keys: str, expect: str, at: str = TUESDAY_10) -> str:
    return (f"  - name: {name}\n    line: hotline\n    at: {at}\n    keys: {keys}\n"
            f"    expect: {expect}\n")


def refused(folder: Path) -> list[str]:
    """`file:line: message — hint (at path)` of each problem, the folder loaded with the
    scenario check as the IVR loads it."""
    with pytest.raises(ConfigError) as info:
        load_menus(folder, (check_scenarios,))
    return [f"{p.file.name}:{p.line}: {p.message} — {p.hint} (at {p.yaml_path})"
            for p in info.value.problems]


# --- reading scenarios.yaml ----------------------------------------------------------------------

@pytest.mark.parametrize("entry, at, path, message", [
    (scenario("typo", '["1"]', "{decision: transfer}").replace("line: hotline", "line: hotlin"),
     "line: hotlin", "scenarios.0.line", "no line 'hotlin' — did you mean 'hotline'?"),
    (scenario("item", '["1", "bussy"]', "{decision: fallback}"), "bussy",
     "scenarios.0.keys.1", "'bussy' is not something a caller does — type keys (0-9 * #)"),
    (scenario("say", '["say:"]', "{decision: transfer}"), "say:", "scenarios.0.keys.0",
     "'say:' says nothing — write the words after say:, e.g. say:English"),
    (scenario("decision", '["1"]', "{decision: transfered}"), "transfered",
     "scenarios.0.expect.decision", "'transfered' is not a decision — did you mean 'transfer'?"),
    (scenario("when", '["1"]', "{decision: transfer}", at="tomorrow"), "tomorrow",
     "scenarios.0.at", "'tomorrow' is not a date and time — write it as \"YYYY-MM-DD HH:MM\""),
    (scenario("nothing", '["1"]', "{}"), "expect: {}", "scenarios.0.expect",
     "a scenario expects something — write decision:, reason:, dialled:, hears: or "),
    (scenario("number", '["1"]', "{dialled: 0120-95-0178}"), "0120-95-0178",
     "scenarios.0.expect.dialled", "'0120-95-0178' is not an E.164 phone number — did you mean "
     "+81120950178?"),
    (scenario("key", '["1"]', "{decison: transfer}"), "decison", "scenarios.0.expect.decison",
     "unknown key 'decison' — did you mean 'decision'?"),
])
def test_a_scenario_written_wrong_is_a_problem_at_its_line(small, entry, at, path, message):
    text = write(small, entry).read_text(encoding="utf-8")
    found = refused(small)
    assert len(found) == 1, found
    assert found[0].startswith(f"scenarios.yaml:{line_of(text, at)}: {message}"), found
    assert found[0].endswith(f"(at {path})")


def test_keys_written_as_numbers_are_keys(small):
    write(small, scenario("numbers", "[1]", "{decision: transfer}"))
    assert load_menus(small, (check_scenarios,)).lines["hotline"]


def test_a_folder_with_no_scenarios_loads_as_before(small):
    menus, sources = load_with_sources(small, (check_scenarios,))
    assert sources.scenarios is None and scenarios(menus, sources) == ()


# --- playing them --------------------------------------------------------------------------------

PASSING = [
    ("greeting", "[]", "{decision: greeting, hears: 窓口へは1番を}"),
    ("open", '["1"]', '{decision: transfer, dialled: "+81120950178", hears: 担当窓口におつなぎします}'),
    ("fallback", '["1", "busy"]', '{decision: fallback, dialled: "+815012345678"}'),
    ("fallback too", '["1", "busy", "no answer"]', "{decision: transfer-failed, reason: no-answer}"),
    ("answered", '["1", "answered"]', "{decision: connected}"),
    ("message", '["2"]', "{decision: message, hears: ただいまお知らせはございません。}"),
    # Keys typed ahead are one action: the caller hears every answer they get.
    ("typed ahead", '["21"]', '{decision: transfer, dialled: "+81120950178", '
                              'hears: [ただいまお知らせ, 担当窓口]}'),
    ("keys after a transfer are dropped", '["12"]', '{decision: transfer, dialled: "+81120950178"}'),
    ("star", '["*"]', "{decision: repeat, does_not_hear: 担当窓口}"),
    ("silence", '["-", ""]', "{decision: no-input, hears: 番号の入力が確認できませんでした}"),
    ("goodbye", '["-", "-", "9"]', "{decision: goodbye}"),
    ("hung up", '["1", "hangup"]', "{decision: transfer, does_not_hear: 担当窓口}"),
]


@pytest.mark.parametrize("name, keys, expect", PASSING, ids=[p[0] for p in PASSING])
def test_what_a_scenario_expects_is_what_the_call_does(small, name, keys, expect):
    write(small, scenario(name, keys, expect))
    menus, sources = load_with_sources(small, (check_scenarios,))
    assert len(scenarios(menus, sources)) == 1


def test_a_closed_desk_is_expected_with_its_reason_and_what_it_says(small):
    write(small, scenario("year end", '["1"]', "{decision: closed, reason: year-end, hears: "
                                               "次の受付開始は1月4日(月)午前9時30分です。}",
                          at="2026-12-30 10:00"))
    assert load_menus(small, (check_scenarios,))


def test_a_failing_scenario_is_refused_on_the_line_of_what_it_expected(small):
    text = write(small, scenario("the desk is open on Saturdays", '["1"]',
                                 '{decision: transfer, dialled: "+81120950178"}',
                                 at="2026-12-05 10:00")).read_text(encoding="utf-8")
    assert refused(small) == [
        f"scenarios.yaml:{line_of(text, '{decision: transfer')}: scenario 'the desk is open on "
        "Saturdays' failed: the answer was closed (outside-hours), not transfer; no number was "
        "dialled, not +81120950178 — if the menus are right, write what they do now under "
        "expect:, else undo the edit: menus that fail a scenario are refused "
        "(at scenarios.0.expect.decision)"]


def test_words_not_heard_are_said_with_what_was_heard(small):
    write(small, scenario("wording", '["2"]', "{hears: [お知らせはありません, ございません]}"))
    found, = refused(small)
    assert ("failed: the caller did not hear 'お知らせはありません'; they heard: "
            "ただいまお知らせはございません。 窓口へは1番を。 お知らせは2番を押してください。 —") in found


def test_an_item_that_does_not_fit_the_call_is_refused_at_the_item(small):
    text = write(small, scenario("ringing", '["2", "busy"]', "{decision: fallback}") +
                 scenario("no speech", '["say:窓口"]', "{decision: transfer}") +
                 scenario("after the end", '["-", "-", "-", "1"]', "{decision: transfer}") +
                 scenario("while ringing", '["1", "2"]', "{decision: transfer}")
                 ).read_text(encoding="utf-8")
    lines = [line_of(text, keys) for keys in
             ('["2", "busy"]', "say:窓口", '["-", "-", "-", "1"]', '["1", "2"]')]
    assert [problem.split(" — ")[0] for problem in refused(small)] == [
        f"scenarios.yaml:{lines[0]}: scenario 'ringing': 'busy' does not fit the call: no "
        "transfer is ringing; type keys (0-9 * #), - or nothing for silence, say:WORDS, or q to "
        "hang up",
        f"scenarios.yaml:{lines[1]}: scenario 'no speech': 'say:窓口' does not fit the call: "
        "this menu listens for keys only, not for speech",
        f"scenarios.yaml:{lines[2]}: scenario 'after the end': '1' does not fit the call: the "
        "call has ended",
        f"scenarios.yaml:{lines[3]}: scenario 'while ringing': '2' does not fit the call: a "
        "transfer to +81120950178 is ringing: type answered, busy, no answer or failed"]


def test_play_answers_the_last_item_with_what_was_heard_and_dialled(small):
    write(small, scenario("x", '["1", "busy"]', "{decision: fallback}"))
    menus, sources = load_with_sources(small)
    outcome = play(Navigator(menus), scenarios(menus, sources)[0])
    assert outcome == Outcome("fallback", "busy", "+815012345678", (
        "ただいま回線が大変込み合っております。別の番号におつなぎしますので、そのままお待ちください。",))


def test_judge_names_each_expectation_missed():
    outcome = Outcome("closed", "year-end", None, ("申し訳ございません。",))
    expect = Expect.model_validate({"reason": "outside-hours", "dialled": "+81120950178",
                                    "hears": ["ございません", "開始"], "does_not_hear": "申し訳"})
    assert judge(expect, outcome) == [
        ("reason", "the answer was closed (year-end), not closed (outside-hours)"),
        ("dialled", "no number was dialled, not +81120950178"),
        ("hears", "the caller did not hear '開始'; they heard: 申し訳ございません。"),
        ("does_not_hear", "the caller heard '申し訳'")]


@pytest.mark.parametrize("text, kind, value", [
    ("3", "keys", "3"), ("*#", "keys", "*#"), ("", "silence", ""), ("-", "silence", ""),
    ("say: I lost my card", "say", "I lost my card"), ("No-Answer", "outcome", "no-answer"),
    ("answered", "outcome", "completed"), ("q", "hangup", ""), ("x", None, None),
])
def test_items_are_read_as_the_simulated_caller_reads_them(text, kind, value):
    item = read_item(text)
    assert (item.kind, item.value) == (kind, value) if item else kind is None


# --- check -----------------------------------------------------------------------------------------

def test_check_plays_the_scenarios_and_says_how_many_passed(small, capsys):
    write(small, scenario("open", '["1"]', "{decision: transfer}"))
    assert main(["check", str(small)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{small}: sound, 1 line, 1 schedule, 1 language, 1 scenario passed; no warnings"]


def test_check_refuses_menus_that_fail_a_scenario(small, capsys):
    write(small, scenario("open on Saturdays", '["1"]', "{decision: transfer}",
                          at="2026-12-05 10:00"))
    assert main(["check", str(small)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{small / 'scenarios.yaml'}:")
    assert "scenario 'open on Saturdays' failed: the answer was closed (outside-hours)" in out[0]
    assert out[1:] == [f"{small}: 1 problem; the IVR would not start"]
