"""The operators' everyday tasks, each one edit of temporary.yaml that `check` accepts, confirmed
by a scenario the operator writes beside it — as the README's "Edit the menus" walks them
through — and a wrong edit that the scenario stops."""
from __future__ import annotations

from pathlib import Path

import pytest
from freezegun import freeze_time

from ivr.tools.cli import main

TASKS = {
    "saturday hours from next month": ("""changes:
  - name: card-saturdays
    schedules: [card-weekdays]
    hours: {saturday: ["10:00-16:00"]}
    start: 2026-12-01
""", """scenarios:
  - name: the card centre opens on Saturdays from December
    line: card-center
    at: 2026-12-05 11:00
    keys: ["1"]
    expect: {decision: transfer, dialled: "+81570783578"}
  - name: and says so when closed
    line: card-center
    at: 2026-12-05 16:00
    keys: ["1"]
    expect: {decision: closed, hears: 土曜日は午前10時から午後4時まで}
"""),
    "one day's shortened hours": ("""changes:
  - name: christmas-eve
    schedules: [standard]
    hours: {weekday: ["09:30-12:00"]}
    start: 2026-12-24
    end: 2026-12-25
""", """scenarios:
  - name: on Christmas Eve the system desks close at noon
    line: mynumber
    at: 2026-12-24 12:00
    keys: ["3"]
    expect: {decision: closed, reason: christmas-eve, hears: 本日の受付時間は、午前9時30分から午後0時までです。}
"""),
    "a one-week announcement": ("""announcements:
  - name: heavy-demand
    lines: [mynumber, card-center]
    start: 2026-11-30 09:00
    end: 2026-12-07 09:00
    message:
      ja: ただいま大変込み合っております。しばらくたってからおかけ直しいただくか、そのままお待ちください。
""", """scenarios:
  - name: callers hear of the waiting this week
    line: card-center
    at: 2026-12-01 10:00
    expect: {decision: greeting, hears: ただいま大変込み合っております}
  - name: and not after it
    line: card-center
    at: 2026-12-07 09:00
    expect: {decision: greeting, does_not_hear: 込み合って}
"""),
    "a closure of Japanese-only desks in Japanese": ("""changes:
  - name: system-maintenance
    schedules: [standard, card-weekdays]
    start: 2026-12-08 18:00
    end: 2026-12-09 06:00
    message:
      ja: システムメンテナンスのため、受付を停止しております
""", """scenarios:
  - name: the card centre is closed for maintenance
    line: card-center
    at: 2026-12-08 19:00
    keys: ["1"]
    expect: {decision: closed, reason: system-maintenance, hears: システムメンテナンスのため}
"""),
}


def check(capsys, folder: Path) -> tuple[int, list[str]]:
    with freeze_time("2026-11-29T12:00:00+09:00"):
        code = main(["check", str(folder)])
    return code, capsys.readouterr().out.splitlines()


def do(folder: Path, task: str) -> None:
    temporary, scenarios = TASKS[task]
    (folder / "temporary.yaml").write_text(temporary, encoding="utf-8")
    (folder / "scenarios.yaml").write_text(scenarios, encoding="utf-8")


@pytest.mark.parametrize("task", TASKS)
def test_each_task_is_one_edit_that_check_accepts_and_its_scenario_confirms(edited_menus,
                                                                             capsys, task):
    folder = edited_menus()
    do(folder, task)
    played = TASKS[task][1].count("- name:")
    assert check(capsys, folder) == (0, [
        f"{folder}: sound, 3 lines, 7 schedules, 11 languages, {played} scenario"
        f"{'s' if played > 1 else ''} passed; no warnings"])


@pytest.mark.parametrize("task, wrong, right", [
    ("saturday hours from next month", "start: 2026-12-01", "start: 2027-01-01"),
    ("saturday hours from next month", "[card-weekdays]", "[standard]"),
    ("one day's shortened hours", '"09:30-12:00"', '"09:30-21:00"'),
    ("a one-week announcement", "end: 2026-12-07 09:00", "end: 2026-12-14 09:00"),
    ("a closure of Japanese-only desks in Japanese", "start: 2026-12-08 18:00",
     "start: 2026-12-08 20:00"),
])
def test_a_wrong_edit_is_stopped_by_the_scenario(edited_menus, capsys, task, wrong, right):
    folder = edited_menus()
    do(folder, task)
    path = folder / "temporary.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(wrong, right), encoding="utf-8")
    code, out = check(capsys, folder)
    *problems, summary = out
    assert code == 1 and summary.endswith("; the IVR would not start"), out
    assert problems and all(problem.startswith(f"{folder / 'scenarios.yaml'}:") and
                            "' failed: " in problem for problem in problems), out
