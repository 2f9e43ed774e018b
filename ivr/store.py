"""The menus a running server serves, taken up again when their files change.

An edit that fails validation is refused with a logged error and the last good menus keep
serving. Each version is named by a hash of its files; follow-up URLs carry that name, so a
call in progress goes on with the menus it started with, on any worker, across a reload.
"""
from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path
from typing import Callable

from ivr import logs
from ivr.config import load_menus
from ivr.errors import ConfigError
from ivr.navigator import Navigator

# Versions kept for calls in progress; a call outlives a handful of edits only in theory.
KEEP_VERSIONS = 8


class MenusStore:
    """The current menus (as a Navigator), the few versions before them, and when to look again."""

    def __init__(self, folder: Path, build: Callable[..., Navigator],
                 check_every: float = 2.0) -> None:
        self.folder, self._build, self._check_every = Path(folder), build, check_every
        self._lock = threading.Lock()
        self._seen = self._stamp()
        self.version = _version(self.folder)
        self._versions = {self.version: build(load_menus(self.folder))}
        self._next_check = time.monotonic() + check_every

    @property
    def navigator(self) -> Navigator:
        """The current menus, after taking up an edit if one is due."""
        self.refresh()
        return self._versions[self.version]

    @property
    def menus(self):
        return self.navigator.menus

    def resolve(self, version: str | None) -> tuple[str, Navigator]:
        """The version a call started with, if it is still kept; else the current one."""
        current = self.navigator
        if version in self._versions:
            return version, self._versions[version]
        return self.version, current

    def refresh(self, force: bool = False) -> bool:
        """Take up edited files; True when new menus now serve. Cheap: looks every few seconds."""
        if not force and (self._check_every <= 0 or time.monotonic() < self._next_check):
            return False
        with self._lock:
            self._next_check = time.monotonic() + self._check_every
            stamp = self._stamp()
            if stamp == self._seen:
                return False
            self._seen = stamp  # a refused edit is not retried until the files change again
            # Named before loading: should the files change meanwhile, the next look sees it.
            version = _version(self.folder)
            try:
                navigator = self._build(load_menus(self.folder))
            except ConfigError as error:
                logs.CALLS.error("menus refused", extra={"fields": {
                    "serving": self.version, "problems": [str(p) for p in error.problems]}})
                return False
            self.version = version
            self._versions.pop(version, None)  # a reverted edit is the newest again
            self._versions[version] = navigator
            while len(self._versions) > KEEP_VERSIONS:
                del self._versions[next(iter(self._versions))]
            logs.CALLS.info("menus reloaded", extra={"fields": {"serving": self.version}})
            return True

    def _stamp(self) -> tuple:
        stats = ((path, path.stat()) for path in _files(self.folder))
        return tuple((str(path), stat.st_mtime_ns, stat.st_size) for path, stat in stats)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def _version(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in _files(folder):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]
