"""Operators edit the menus while gunicorn serves calls: callers hear only whole menus, a real edit
is served within seconds, and whatever happens to the files is a refused reload, never a failed
call — on every worker, including one started after a crash."""
from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from ivr.simulator import Caller
from tests.helpers import HOTLINE, eventually
from tests.live.servers import gunicorn, worker_pids

GREETING = "お電話ありがとうございます。マイナンバー総合フリーダイヤルです。"
NEW_GREETING = "お電話ありがとうございます。こちらはマイナンバー総合フリーダイヤルです。"


class Callers:
    """Callers phoning both Japanese lines over and over while the test edits the files."""

    def __init__(self, base: str, threads: int = 3) -> None:
        self.base = base
        self.heard: Counter[tuple[str, str]] = Counter()
        self.problems: list[str] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._call, daemon=True) for _ in range(threads)]

    def __enter__(self) -> Callers:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=20)

    def _call(self) -> None:
        while not self._stop.is_set():
            try:
                caller = Caller.for_url(self.base).dial("mynumber")
                greeting = opening(caller.heard[0].text)
                caller.press("9")
                self.heard[greeting, caller.decision["decision"]] += 1
                card = Caller.for_url(self.base).dial("card-center")
                self.heard["card-center", card.decision["decision"]] += 1
            except Exception as error:  # noqa: BLE001 -- every failure is a finding
                self.problems.append(repr(error))

    def check(self) -> None:
        """Only whole menus were heard: either greeting, key 9 always the language menu."""
        assert not self.problems, self.problems[:3]
        allowed = {(GREETING, "line"), (NEW_GREETING, "line"), ("card-center", "greeting")}
        assert set(self.heard) <= allowed, self.heard


@pytest.fixture
def menus(tmp_path) -> Path:
    folder = tmp_path / "menus"
    shutil.copytree(HOTLINE, folder)
    return folder


@pytest.fixture
def server(menus, tmp_path):
    with gunicorn({"IVR_MENUS": str(menus), "IVR_RELOAD": "0.2", "IVR_RELOAD_SETTLE": "1"},
                  tmp_path) as running:
        yield running


def opening(text: str) -> str:
    """Which of the two greetings `text` begins with (or all of it)."""
    return next((known for known in (NEW_GREETING, GREETING) if text.startswith(known)), text)


def greeting(base: str) -> str:
    return opening(Caller.for_url(base).dial("mynumber").heard[0].text)


def events_of(server, pid: int) -> list[str]:
    """The events the IVR logged from process `pid` (the master, or a worker)."""
    lines = (json.loads(line) for line in server.log().splitlines() if line.startswith("{"))
    return [entry["event"] for entry in lines if entry.get("pid") == pid]


def write_slowly(path: Path, text: str, pieces: int = 8, pause: float = 0.15) -> None:
    """As a network copy or an editor that truncates and then writes: prefixes first."""
    data = text.encode("utf-8")
    step = len(data) // pieces + 1
    with path.open("wb") as out:
        for start in range(0, len(data), step):
            out.write(data[start:start + step])
            out.flush()
            time.sleep(pause)


def test_callers_hear_only_whole_menus_while_files_change(server, menus):
    path = menus / "mynumber.yaml"
    old = path.read_text(encoding="utf-8")
    new = old.replace(GREETING, NEW_GREETING)
    with Callers(server.base) as callers:
        write_slowly(path, new)
        started = time.monotonic()
        eventually(lambda: greeting(server.base) == NEW_GREETING, seconds=10)
        took_up = time.monotonic() - started
        # A deploy's rename-and-replace: the line is gone for a moment.
        card = menus / "card-center.yaml"
        kept = card.read_bytes()
        card.unlink()
        time.sleep(0.3)
        card.write_bytes(kept)
        # The folder renamed away and back; a file replaced by something unreadable.
        menus.rename(menus.with_name("elsewhere"))
        time.sleep(1.6)
        menus.with_name("elsewhere").rename(menus)
        schedules = menus / "schedules.yaml"
        text = schedules.read_bytes()
        schedules.unlink()
        schedules.mkdir()
        time.sleep(1.6)
        schedules.rmdir()
        schedules.write_bytes(text)
        time.sleep(1.6)
    callers.check()
    assert took_up < 5, f"the edit took {took_up:.1f} s to be served"
    log = server.log()
    assert "the menus folder does not exist" in log and "schedules.yaml is missing" in log
    assert "unexpected error" not in log and "Traceback" not in log


def test_a_worker_started_after_a_crash_serves_the_last_good_menus(menus, tmp_path):
    path = menus / "mynumber.yaml"
    good = path.read_text(encoding="utf-8").replace(GREETING, NEW_GREETING)
    with gunicorn({"IVR_MENUS": str(menus), "IVR_RELOAD": "0.2", "IVR_RELOAD_SETTLE": "0.5"},
                  tmp_path, workers=1) as server:
        path.write_text(good, encoding="utf-8")
        eventually(lambda: greeting(server.base) == NEW_GREETING, seconds=10)
        # The master takes it up in its own time: wait for it, as an operator's next edit would
        # come seconds later, not milliseconds.
        eventually(lambda: "menus reloaded" in events_of(server, server.process.pid), seconds=10)
        path.write_text(good.replace("schedule: standard", "schedule: standad", 1),
                        encoding="utf-8")
        eventually(lambda: server.log().count('"event": "menus refused"') >= 2, seconds=10)
        worker, = worker_pids(server)
        os.kill(worker, signal.SIGKILL)
        eventually(lambda: worker_pids(server) and worker not in worker_pids(server))
        # The new worker is a copy of the master, which watched too: the good edit, not the
        # menus gunicorn started with, and not the broken file on disk.
        assert greeting(server.base) == NEW_GREETING
        caller = Caller.for_url(server.base).dial("mynumber").press("3")
        assert caller.decision["decision"] in ("transfer", "closed")


def test_an_edit_that_fails_the_operators_scenario_is_refused_while_callers_go_on(menus,
                                                                                  tmp_path):
    (menus / "scenarios.yaml").write_text(
        "scenarios:\n  - name: key 9 leads to the other languages\n    line: mynumber\n"
        "    at: 2026-12-01 10:00\n    keys: [\"9\"]\n    expect: {decision: line}\n",
        encoding="utf-8")
    path = menus / "mynumber.yaml"
    option = '        line: foreign        # the language menu; its # key comes back here\n'
    with gunicorn({"IVR_MENUS": str(menus), "IVR_RELOAD": "0.2", "IVR_RELOAD_SETTLE": "1"},
                  tmp_path) as server, Callers(server.base) as callers:
        # Sound YAML, but key 9 now only says a message: the operator's scenario fails.
        text = path.read_text(encoding="utf-8")
        assert text.count(option) == 1
        path.write_text(text.replace(option, "        say: {ja: ただいま準備中です}\n"),
                        encoding="utf-8")
        eventually(lambda: "key 9 leads to the other languages" in server.log(), seconds=10)
        time.sleep(1)  # callers go on calling after the refusal
    callers.check()  # key 9 was the language menu for every caller, before and after
    refused = [json.loads(line) for line in server.log().splitlines()
               if '"event": "menus refused"' in line]
    assert refused and all(
        entry["problems"] == [f"{menus / 'scenarios.yaml'}:6:14: scenario 'key 9 leads to the "
                              "other languages' failed: the answer was message, not line — if "
                              "the menus are right, write what they do now under expect:, else "
                              "undo the edit: menus that fail a scenario are refused "
                              "(at scenarios.0.expect.decision)"] for entry in refused)
