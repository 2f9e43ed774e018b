"""`python -m ivr check`: the problems exactly as loading reports them, then warnings, and the exit code."""
from __future__ import annotations

import pytest
from freezegun import freeze_time

from ivr.menus.loader import load_menus
from ivr.menus.problems import ConfigError
from ivr.tools.cli import main
from tests.helpers import HOTLINE, ROOT, add_card_key_3
from tests.unit.test_config import CASES, broken_copy

SOUND = "sound, 3 lines, 7 schedules, 11 languages"


def check(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["check", *args])
    out = capsys.readouterr()
    assert out.err == ""
    return code, out.out.splitlines()


@freeze_time("2026-11-26T12:00:00+09:00")
def test_the_shipped_menus_are_sound(capsys):
    assert check(capsys, str(HOTLINE)) == (0, [f"{HOTLINE}: {SOUND}; no warnings"])


@freeze_time("2026-11-26T12:00:00+09:00")
def test_the_folder_is_ivr_menus_else_the_shipped_one(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("IVR_MENUS", raising=False)
    code, [summary] = check(capsys)
    assert code == 0 and summary.startswith("menus: sound, ") and summary.endswith("; no warnings")
    nowhere = tmp_path / "nowhere"
    monkeypatch.setenv("IVR_MENUS", str(nowhere))
    assert check(capsys) == (1, [f"{nowhere}:1:1: the menus folder does not exist — set IVR_MENUS "
                                 "to a folder holding schedules.yaml and one YAML file per line, "
                                 "e.g. menus/",
                                 f"{nowhere}: 1 problem; the IVR would not start"])


@freeze_time("2026-11-26T12:00:00+09:00")
@pytest.mark.parametrize("file", ["mynumber.yaml", "languages/ja.yaml", "schedules.yaml"])
def test_a_file_is_checked_with_the_folder_it_is_in(capsys, file):
    assert check(capsys, str(HOTLINE / file)) == (
        0, [f"{HOTLINE}: {SOUND}; no warnings"])


# A PATH that names nothing is a mistake on the command line, not in the menus: one line on
# stderr says so (tests/unit/test_cli_errors.py).
@pytest.mark.parametrize("broken", [pytest.param(case.values[0], id=case.id) for case in CASES
                                    if not case.marks and case.id != "menus-folder-missing"])
def test_broken_menus_get_the_problems_loading_reports(broken, capsys, tmp_path):
    folder = broken_copy(tmp_path, broken.edits)
    with pytest.raises(ConfigError) as info:
        load_menus(folder)
    problems = info.value.problems
    count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
    assert check(capsys, str(folder)) == (
        1, [str(problem) for problem in problems] + [f"{folder}: {count}; the IVR would not start"])


def test_a_broken_file_is_reported_whichever_file_is_named(capsys, tmp_path):
    case = next(c for c in CASES if c.id == "unknown-schedule").values[0]
    folder = broken_copy(tmp_path, case.edits)
    code, lines = check(capsys, str(folder / "card-center.yaml"))
    assert code == 1
    assert lines[0].startswith(f"{folder / 'mynumber.yaml'}:")
    assert "unknown schedule 'standrd' — did you mean 'standard'?" in lines[0]


@freeze_time("2026-11-26T12:00:00+09:00")
def test_warnings_are_printed_and_fail_only_with_strict(capsys, edited_menus):
    folder = edited_menus()
    add_card_key_3(folder, "{menu: main}")
    line = next(number for number, text in enumerate(
        (folder / "card-center.yaml").read_text(encoding="utf-8").splitlines(), 1)
        if '"3"' in text)
    wanted = [f"{folder / 'card-center.yaml'}:{line}:13: warning: key 3 leads to this same menu, "
              "which callers hear again as with * — point menu: at another menu, or remove this "
              "option (at menus.main.options.3.menu)",
              f"{folder}: {SOUND}; 1 warning"]
    assert check(capsys, str(folder)) == (0, wanted)
    assert check(capsys, "--strict", str(folder)) == (1, wanted)
