"""Small menus folders written by the test that uses them, so that what it pins does not hang on
the shipped menus' wording or layout: the test writes the schedules and lines; the languages are
the shipped files, needed whole and never quoted."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from tests.conftest import HOTLINE


def write_menus(folder: Path, schedules: str, lines: dict[str, str],
                languages: tuple[str, ...] = ("ja", "en")) -> Path:
    """A menus folder at `folder`: Asia/Tokyo, Japan's holidays, `schedules` (YAML, as it would
    stand under `schedules:`), one file per line with its YAML, and the shipped `languages`."""
    (folder / "languages").mkdir(parents=True)
    for code in languages:
        shutil.copy(HOTLINE / "languages" / f"{code}.yaml", folder / "languages")
    (folder / "schedules.yaml").write_text(
        "timezone: Asia/Tokyo\nholidays: JP\nschedules:\n"
        + textwrap.indent(textwrap.dedent(schedules), "  "), encoding="utf-8")
    for name, text in lines.items():
        (folder / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def one_desk(folder: Path, schedule: str, languages: tuple[str, ...] = ("ja",)) -> Path:
    """A menus folder whose one line, `desk`, has key 1 transferring to a desk open by the
    schedule `desk` (`schedule` is its YAML)."""
    return write_menus(folder, "desk:\n" + textwrap.indent(textwrap.dedent(schedule), "  "), {
        "desk": f"""\
            languages: [{", ".join(languages)}]
            start: main
            menus:
              main:
                prompt: {{{", ".join(f"{code}: menu" for code in languages)}}}
                options:
                  "1":
                    transfer: {{to: "+81120950178", schedule: desk}}
            """}, languages)
