"""What several commands share: which menus folder to read, and an instant given on the command line."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from ivr.config import LANGUAGES_DIR, SCHEDULES_FILE
from ivr.settings import DEFAULT_MENUS

MENUS_HELP = "the menus folder (default: IVR_MENUS, else the shipped menus/)"


def add_menus(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--menus", metavar="FOLDER", type=Path, help=MENUS_HELP)


def menus_folder(path: Path | None = None) -> Path:
    """The folder `path` names or holds (a file in it, or in its languages/); default IVR_MENUS.

    The shipped folder is shown relative to the working directory when inside it, so that
    `file:line:column` reads as in the README.
    """
    if path is None:
        path = Path(os.environ.get("IVR_MENUS") or _relative(DEFAULT_MENUS))
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

