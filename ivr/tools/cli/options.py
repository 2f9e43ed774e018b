"""What several commands share: which menus folder to read, and an instant given on the command
line."""
from __future__ import annotations

import argparse
import os
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ivr.menus.instants import YEARS, read_instant
from ivr.menus.loader import LANGUAGES_DIR, SCHEDULES_FILE
from ivr.tools.cli.errors import MenusUnreadable, UsageError
from ivr.web.settings import DEFAULT_MENUS

MENUS_HELP = "the menus folder (default: IVR_MENUS, else the shipped menus/)"
YAML_SUFFIXES = (".yaml", ".yml")
GIVE_MENUS = ("give a menus folder (the one holding schedules.yaml), or a .yaml file in it, "
              "e.g. menus/")
MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def add_menus(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--menus", metavar="FOLDER", type=Path, help=MENUS_HELP)


def menus_folder(path: Path | None = None) -> Path:
    """The folder `path` names or holds (a file in it, or in its languages/); default IVR_MENUS.

    The shipped folder is shown relative to the working directory when inside it, so that
    `file:line:column` reads as in the README. A `path` given on the command line that names
    no menus raises MenusUnreadable; IVR_MENUS is left to loading, which reports it as the IVR
    does when it refuses to start.
    """
    if path is None:
        return _folder_of(Path(os.environ.get("IVR_MENUS") or _relative(DEFAULT_MENUS)))
    if not path.exists():
        raise MenusUnreadable(f"{path}: no such file or folder — {GIVE_MENUS}")
    yaml_name = path.suffix in YAML_SUFFIXES
    if path.is_dir() and yaml_name and not (path / SCHEDULES_FILE).is_file():
        raise MenusUnreadable(f"{path} is a folder, not a YAML file — {GIVE_MENUS}")
    if not path.is_dir() and not (path.is_file() and yaml_name):
        raise MenusUnreadable(f"{path} is not a YAML file — {GIVE_MENUS}")
    return _folder_of(path)


def _folder_of(path: Path) -> Path:
    if not path.is_file():
        return path
    folder = path.parent
    if folder.name == LANGUAGES_DIR and (folder.parent / SCHEDULES_FILE).is_file():
        return folder.parent
    return folder


def _relative(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def instant(option: str, text: str, zone: ZoneInfo) -> datetime:
    """`text`, given as `option` (e.g. --at), read as an aware instant in `zone`."""
    try:
        return read_instant(text, zone)
    except ValueError as error:
        raise UsageError(f"{option} {error}") from None


def month(text: str) -> tuple[int, int]:
    """YYYY-MM as (year, month) within YEARS; an argparse type, so errors are usage errors."""
    found = MONTH.fullmatch(text.strip())
    if not found or not 1 <= int(found[2]) <= 12:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month: write YYYY-MM, e.g. 2026-12")
    if int(found[1]) not in YEARS:
        raise argparse.ArgumentTypeError(f"{text!r} is out of range: write a month from "
                                         f"{YEARS[0]}-01 to {YEARS[-1]}-12")
    return int(found[1]), int(found[2])
