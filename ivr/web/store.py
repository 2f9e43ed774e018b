"""The menus a running server serves, taken up again when their files change: only whole, settled
edits.

A background thread looks at the folder every few seconds. An edit is taken up only once the
files have stopped changing (a slow network copy, an editor that truncates then writes, a
rename-and-replace must not be served half-done), and from one consistent read of all of them.
An edit that fails validation — or any error while looking or loading — is refused with a
logged error, and the last good menus keep serving. Each version is named by a hash of its
files; follow-up URLs carry that name, so a call in progress goes on with the menus it started
with, on any worker, across a reload.
"""
from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path

from ivr.calls.navigator import Navigator
from ivr.menus.files import FilesMoved, Snapshot, Stamp, newest_change, read_snapshot, stamp
from ivr.menus.loader import Check, Menus, load_snapshot
from ivr.menus.problems import ConfigError
from ivr.web import logs

# Versions kept for calls in progress; a call outlives a handful of edits only in theory.
KEEP_VERSIONS = 8
# The first read at start may meet a file being written; it is tried again for this long.
_START_TRIES, _START_PAUSE = 20, 0.1


class MenusStore:
    """The current menus (as a Navigator), the few versions before them, and the watcher."""

    def __init__(self, folder: Path, build: Callable[[Menus], Navigator],
                 check_every: float = 2.0, settle: float = 1.0,
                 checks: Sequence[Check] = ()) -> None:
        self.folder, self._build, self._checks = Path(folder), build, checks
        self._check_every, self._settle = check_every, settle
        self._lock = threading.Lock()
        snapshot = _first_snapshot(self.folder)
        self.version = snapshot.version
        self._versions = {self.version: build(load_snapshot(snapshot, checks))}
        self._decided: Stamp | str = snapshot.stamp  # the files last taken up or refused
        self._changed: tuple[Stamp | str, float] | None = None  # a change seen, and since when
        self._refused = False  # whether the files last looked at were refused
        self._watching = self._stopped = False
        _STORES.add(self)

    @property
    def navigator(self) -> Navigator:
        return self._versions[self.version]

    @property
    def menus(self) -> Menus:
        return self.navigator.menus

    def resolve(self, version: str | None) -> tuple[str, Navigator]:
        """The version a call started with, if it is still kept; else the current one."""
        if not self._watching:
            self.watch()
        versions, current = self._versions, self.version
        if version in versions:
            return version, versions[version]
        return current, versions[current]

    def watch(self) -> None:
        """Look at the files now, then every `check_every` seconds in this process, until the
        store is gone. Called by the first request; a forked worker starts its own."""
        if self._watching or self._stopped or self._check_every <= 0:
            return
        self._watching = True
        self.refresh()
        threading.Thread(target=_watch, args=(weakref.ref(self), self._check_every),
                         name="ivr-menus-watcher", daemon=True).start()

    def stop(self) -> None:
        """Stop watching (for good): the watcher thread ends after its next sleep."""
        self._stopped = True

    def refresh(self) -> bool:
        """One look at the files; True when new menus now serve. Never raises."""
        with self._lock:
            seen = _stamp_or_error(self.folder)
            try:
                return self._look(seen)
            except Exception as error:  # noqa: BLE001 -- the watcher outlives anything the disk does
                self._decided, self._changed = seen, None  # said once, not at every look
                self._refused = True
                logs.log_error("menus refused", serving=self.version, pid=os.getpid(),
                               problems=[f"{self.folder}: {type(error).__name__}: {error}"])
                return False

    def _look(self, seen: Stamp | str) -> bool:
        now = time.monotonic()
        if seen == self._decided:
            self._changed = None
            return False
        if self._changed is None or self._changed[0] != seen:
            self._changed = (seen, now)
        if not self._settled(seen, since=self._changed[1], now=now):
            return False
        try:
            snapshot = read_snapshot(self.folder)
        except FilesMoved:
            return False  # still being written: the next look sees it again
        except ConfigError as error:
            return self._refuse(seen, error)
        if snapshot.stamp != seen:
            return False  # changed since the look: wait for it to settle
        try:
            navigator = self._build(load_snapshot(snapshot, self._checks))
        except ConfigError as error:
            return self._refuse(seen, error)
        return self._take(snapshot, navigator)

    def _settled(self, seen: Stamp | str, since: float, now: float) -> bool:
        """Unchanged for the settle period: seen alike that long, or last written that long ago."""
        if now - since >= self._settle:
            return True
        written = newest_change(seen) if isinstance(seen, tuple) else time.time_ns()
        return time.time_ns() - written >= self._settle * 1e9

    def _refuse(self, seen: Stamp | str, error: ConfigError) -> bool:
        self._decided, self._changed = seen, None  # not retried until the files change again
        self._refused = True
        logs.CALLS.error("menus refused", extra={"fields": {
            "serving": self.version, "pid": os.getpid(),
            "problems": [str(p) for p in error.problems]}})
        return False

    def _take(self, snapshot: Snapshot, navigator: Navigator) -> bool:
        versions = {v: n for v, n in self._versions.items() if v != snapshot.version}
        versions[snapshot.version] = navigator  # a reverted edit is the newest again
        while len(versions) > KEEP_VERSIONS:
            del versions[next(iter(versions))]
        news = snapshot.version != self.version or self._refused
        # Requests read these two without the lock: the dict is whole before either changes.
        self._versions, self.version = versions, snapshot.version
        self._decided, self._changed, self._refused = snapshot.stamp, None, False
        # A folder's time also changes for an editor's swap file: the same menus again are
        # news only after a refusal (the operator's mend is taken up).
        if news:
            logs.CALLS.info("menus reloaded", extra={"fields": {"serving": self.version,
                                                                "pid": os.getpid()}})
        return news


def _first_snapshot(folder: Path) -> Snapshot:
    for _ in range(_START_TRIES - 1):
        try:
            return read_snapshot(folder)
        except FilesMoved:
            time.sleep(_START_PAUSE)
    return read_snapshot(folder)


def _stamp_or_error(folder: Path) -> Stamp | str:
    """The folder's stamp; an unreadable or missing folder is a stamp of its own, so that it
    settles and is then refused with the loader's reason."""
    try:
        return stamp(folder) if folder.is_dir() else "no folder"
    except OSError as error:
        return f"{type(error).__name__}: {error}"


def _watch(store_ref: weakref.ref, every: float) -> None:
    while True:
        time.sleep(every)
        store = store_ref()
        if store is None or store._stopped:
            return  # the app is gone, or stopped watching
        store.refresh()
        del store  # no strong reference while asleep, so the store can be collected


# A server that forks its workers from a process that watches (gunicorn's master, with
# preload_app) must not fork in the middle of a reload: the child would inherit a held lock and
# half-made state. Forks wait for the reload; each child then starts a watcher of its own.
_STORES: weakref.WeakSet[MenusStore] = weakref.WeakSet()


def _before_fork() -> None:
    for store in list(_STORES):
        store._lock.acquire()


def _after_fork_in_parent() -> None:
    for store in list(_STORES):
        if store._lock.locked():
            store._lock.release()


def _after_fork_in_child() -> None:
    for store in list(_STORES):
        store._lock, store._watching = threading.Lock(), False


os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent,
                    after_in_child=_after_fork_in_child)
