"""The files of a menus folder: which they are, and all of them read at one consistent moment.

A menus folder is its top-level YAML files (schedules.yaml, temporary.yaml and one file per
line) and the YAML files in `languages/`; nothing deeper, so a backup folder inside it is not
served. Everything that reads or watches menus lists them here, so all agree on what they are.
"""
from __future__ import annotations

import errno
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ivr.menus.problems import ConfigError, Problem

LANGUAGES_DIR = "languages"
SUFFIXES = (".yaml", ".yml")
# A file that changes while it is read is read again; a folder still changing after this many
# tries is reported as moving (by a reload's next look, or to whoever starts the IVR).
_READ_TRIES = 5

# (relative path, modification time in ns, size) of the folders and of every file: what a
# change to the menus changes. A folder's time changes when a file in it is created, deleted
# or renamed, so that a deletion too is seen as a recent change.
Stamp = tuple[tuple[str, int, int], ...]


class FilesMoved(Exception):
    """The folder changed while it was being read: what was read is not one version of it."""


@dataclass(frozen=True)
class Snapshot:
    """The bytes of every file of a menus folder, as they were at one moment."""

    folder: Path
    files: Mapping[Path, bytes]  # path (folder / relative) → contents
    stamp: Stamp

    @property
    def version(self) -> str:
        """A short name for these contents: equal files, equal name, on every server."""
        digest = hashlib.sha256()
        for path, data in sorted(self.files.items()):
            digest.update(str(path.relative_to(self.folder)).encode() + b"\0" + data + b"\0")
        return digest.hexdigest()[:12]


def menu_files(folder: Path) -> list[Path]:
    """The YAML files that make up the menus in `folder`, sorted; [] when there is no folder."""
    found = [*_yaml_in(folder), *_yaml_in(folder / LANGUAGES_DIR)]
    return sorted(found)


def stamp(folder: Path) -> Stamp:
    """What the folder looks like now, without reading the files; raises OSError."""
    rows = []
    for path in [folder, folder / LANGUAGES_DIR, *menu_files(folder)]:
        try:
            stat = path.stat()
        except FileNotFoundError:
            if path.name == LANGUAGES_DIR:
                continue  # no languages/ folder: the loader says what is missing
            raise
        rows.append((str(path.relative_to(folder)), stat.st_mtime_ns,
                     stat.st_size if path.is_file() else -1))
    return tuple(rows)


def newest_change(folder_stamp: Stamp) -> int:
    """The latest modification time in a stamp, in ns (0 for an empty folder)."""
    return max((mtime for _, mtime, _ in folder_stamp), default=0)


def read_snapshot(folder: Path) -> Snapshot:
    """Every file's bytes, read between two stamps that agree.

    Raises ConfigError when the folder or a file cannot be read, FilesMoved when the folder
    kept changing while it was read.
    """
    if not folder.is_dir():
        raise ConfigError([Problem(folder, 1, 1, (), "the menus folder does not exist",
                                   "set IVR_MENUS to a folder holding schedules.yaml and "
                                   "one YAML file per line, e.g. menus/")])
    for _ in range(_READ_TRIES):
        try:
            before = stamp(folder)
            files = {folder / name: (folder / name).read_bytes()
                     for name, _, size in before if size >= 0}
            if stamp(folder) == before:
                return Snapshot(folder, MappingProxyType(files), before)
        except FileNotFoundError:
            pass  # renamed or deleted between listing and reading: look again
        except OSError as error:
            raise _unreadable(error, folder) from error
    raise FilesMoved(f"{folder} kept changing while it was read")


def _unreadable(error: OSError, folder: Path) -> ConfigError:
    path = Path(error.filename) if error.filename else folder
    reason = error.strerror or errno.errorcode.get(error.errno or 0, str(error))
    return ConfigError([Problem(path, 1, 1, (), f"{path.name} cannot be read ({reason})",
                                f"let the user running the IVR read it, e.g. chmod a+rX {path}")])


def _yaml_in(folder: Path) -> list[Path]:
    try:
        entries = list(folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [p for p in entries if p.suffix in SUFFIXES and p.is_file()]
