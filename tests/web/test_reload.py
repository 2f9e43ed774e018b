"""Safe reload: a running server takes up whole, settled edits, refuses everything else, and keeps
calls going whatever happens to the files."""
import json
import logging
import os
import shutil
import time
from pathlib import Path

import pytest

from ivr import create_app
from ivr.simulator import Caller
from ivr.web.logs import JsonFormatter
from tests.helpers import eventually, log_fields

GREETING = "お電話ありがとうございます。個人番号カードコールセンターです。"
NEW_GREETING = "お電話ありがとうございます。こちらは個人番号カードコールセンターです。"
TUESDAY_10 = "2026-12-01T10:00+09:00"
SETTLE = 0.3  # seconds an edit must rest in these tests (1 s in production)


@pytest.fixture
def menus(edited_menus):
    return edited_menus()


@pytest.fixture
def watched(menus, settings):
    """An app on a copy of the menus, its watcher looking every 10 ms."""
    settings.update(IVR_MENUS=str(menus), IVR_RELOAD="0.01", IVR_RELOAD_SETTLE=str(SETTLE))
    app = create_app(settings)
    Caller.for_app(app).dial("card-center", at=TUESDAY_10)  # the first request starts the watcher
    yield app
    app.extensions["ivr"].stop()


@pytest.fixture
def looked_at(menus, settings):
    """An app whose store looks at the files only when the test says: store.refresh()."""
    settings.update(IVR_MENUS=str(menus), IVR_RELOAD="0", IVR_RELOAD_SETTLE=str(SETTLE))
    return create_app(settings)


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def greeting(app) -> str:
    return Caller.for_app(app).dial("card-center", at=TUESDAY_10).heard[0].text


def events(caplog, name: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage() == name]


def test_a_good_edit_is_taken_up_without_a_restart(watched, menus, caplog):
    assert greeting(watched) == GREETING
    with caplog.at_level(logging.INFO, logger="ivr.calls"):
        edit(menus, "card-center.yaml", GREETING, NEW_GREETING)
        eventually(lambda: greeting(watched) == NEW_GREETING, seconds=5)
    assert len(events(caplog, "menus reloaded")) == 1


def test_a_bad_edit_is_refused_once_in_the_log_without_any_call(watched, menus, caplog):
    store = watched.extensions["ivr"]
    before = store.version
    with caplog.at_level(logging.INFO, logger="ivr.calls"):
        edit(menus, "card-center.yaml", "schedule: card-weekdays", "schedule: card-weekday")
        refused, = eventually(lambda: events(caplog, "menus refused"), seconds=5)
        time.sleep(SETTLE + 0.1)  # more looks at the same files: said once, not at every look
        assert len(events(caplog, "menus refused")) == 1
        caller = Caller.for_app(watched).dial("card-center", at=TUESDAY_10)
        assert caller.heard[0].text == GREETING
        caller.press("1")
        assert caller.dialled == ["+81570783578"]
    assert store.version == before
    problem, = log_fields(refused)["problems"]
    assert "card-center.yaml:" in problem and "unknown schedule 'card-weekday'" in problem
    assert json.loads(JsonFormatter().format(refused))["serving"] == before
    # Mending the file is taken up again, under the same name: same files, same version.
    with caplog.at_level(logging.INFO, logger="ivr.calls"):
        edit(menus, "card-center.yaml", "schedule: card-weekday", "schedule: card-weekdays")
        eventually(lambda: events(caplog, "menus reloaded"), seconds=5)
    assert store.version == before


def test_a_call_in_progress_keeps_the_menus_it_started_with(watched, menus):
    caller = Caller.for_app(watched).dial("card-center", at="2026-12-30T10:00+09:00")
    version = watched.extensions["ivr"].version
    # While the caller listens, the operator removes key 1 and renames the menu.
    text = (menus / "card-center.yaml").read_text(encoding="utf-8")
    (menus / "card-center.yaml").write_text(
        text.replace("start: main", "start: top").replace("  main:\n", "  top:\n"),
        encoding="utf-8")
    eventually(lambda: watched.extensions["ivr"].version != version, seconds=5)
    caller.press("1")  # the key of the menus the call started with
    assert caller.closed and caller.decision["menu"] == "main"
    caller.press("2")
    assert caller.dialled == ["+81570783578"]
    # A new call gets the new menus.
    assert Caller.for_app(watched).dial("card-center").decision["menu"] == "top"


def test_reloading_can_be_turned_off(menus, settings):
    settings.update(IVR_MENUS=str(menus), IVR_RELOAD="0")
    app = create_app(settings)
    edit(menus, "card-center.yaml", GREETING, NEW_GREETING)
    time.sleep(0.1)
    assert greeting(app) == GREETING


def test_a_file_still_being_written_is_not_served_half_done(looked_at, menus):
    store = looked_at.extensions["ivr"]
    before = store.version
    path = menus / "mynumber.yaml"
    whole = path.read_text(encoding="utf-8")
    # A prefix that is valid YAML and valid menus: key 9 and the options after it are missing.
    prefix = whole[:whole.index('      "9":')]
    path.write_text(prefix, encoding="utf-8")
    assert not store.refresh() and store.version == before  # just written: not settled
    time.sleep(SETTLE / 3)
    path.write_text(whole.replace("お電話ありがとうございます。", "お電話ありがとうございます!"),
                    encoding="utf-8")
    assert not store.refresh() and store.version == before  # changed again: still not settled
    time.sleep(SETTLE + 0.05)
    assert store.refresh() and store.version != before
    caller = Caller.for_app(looked_at).dial("mynumber", at=TUESDAY_10).press("9")
    assert caller.decision["decision"] == "line"  # key 9 of the whole file, never "invalid"


def test_a_line_file_that_vanishes_for_a_moment_is_never_a_deletion(looked_at, menus):
    store = looked_at.extensions["ivr"]
    before = store.version
    path = menus / "card-center.yaml"
    text = path.read_bytes()
    path.unlink()  # an editor's or a deploy's rename-and-replace
    assert not store.refresh()
    assert Caller.for_app(looked_at).dial("card-center").decision["decision"] == "greeting"
    path.write_bytes(text)
    time.sleep(SETTLE + 0.05)
    store.refresh()
    assert store.version == before
    assert Caller.for_app(looked_at).dial("card-center").decision["decision"] == "greeting"


def test_a_line_file_deleted_for_good_is_taken_up_once_settled(looked_at, menus):
    store = looked_at.extensions["ivr"]
    (menus / "card-center.yaml").unlink()
    time.sleep(SETTLE + 0.05)
    assert store.refresh()
    assert Caller.for_app(looked_at).dial("card-center").decision == {
        "line": "mynumber", "menu": "main", "decision": "unknown-line", "reason": "card-center"}


def test_a_folder_renamed_away_and_back_is_refused_then_served(looked_at, menus, caplog):
    store = looked_at.extensions["ivr"]
    before = store.version
    away = menus.with_name("menus-away")
    with caplog.at_level(logging.INFO, logger="ivr.calls"):
        menus.rename(away)
        assert not store.refresh()  # not settled yet: nothing said
        time.sleep(SETTLE + 0.05)
        assert not store.refresh()
        refused, = events(caplog, "menus refused")
        assert "the menus folder does not exist" in log_fields(refused)["problems"][0]
        assert greeting(looked_at) == GREETING
        away.rename(menus)
        time.sleep(SETTLE + 0.05)
        assert store.refresh()
    assert store.version == before


def test_an_unreadable_file_is_a_refused_reload_not_a_failed_call(looked_at, menus, caplog,
                                                                   monkeypatch):
    store = looked_at.extensions["ivr"]
    path = menus / "card-center.yaml"
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    os.utime(path)  # the operator's chmod changes the file; here, its time
    time.sleep(SETTLE + 0.05)
    with caplog.at_level(logging.INFO, logger="ivr.calls"):
        assert not store.refresh()
    refused, = events(caplog, "menus refused")
    assert log_fields(refused)["problems"] == [
        f"{path}:1:1: card-center.yaml cannot be read (Permission denied) — let the user "
        f"running the IVR read it, e.g. chmod a+rX {path}"]
    assert greeting(looked_at) == GREETING


def test_any_error_while_loading_is_a_refused_reload(looked_at, menus, caplog, monkeypatch):
    store = looked_at.extensions["ivr"]

    def overflow(*args, **kwargs):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(store, "_build", overflow)
    edit(menus, "card-center.yaml", GREETING, NEW_GREETING)
    time.sleep(SETTLE + 0.05)
    with caplog.at_level(logging.INFO, logger="ivr.calls"):
        assert not store.refresh()
        assert not store.refresh()  # the same files: not tried (nor said) again
    refused, = events(caplog, "menus refused")
    assert log_fields(refused)["problems"] == [
        f"{menus}: OverflowError: date value out of range"]
    assert greeting(looked_at) == GREETING


def test_a_backup_folder_inside_the_menus_is_not_watched(looked_at, menus):
    store = looked_at.extensions["ivr"]
    shutil.copytree(menus / "languages", menus / "old")
    (menus / "old" / "broken.yaml").write_text("not: [closed", encoding="utf-8")
    time.sleep(SETTLE + 0.05)
    assert not store.refresh()


# The operator's own expectation of card-center, as menus/scenarios.yaml writes one.
CARD_SCENARIO = """scenarios:
  - name: card-center 1 is open at 10:00 on weekdays
    line: card-center
    at: 2026-12-01 10:00
    keys: ["1"]
    expect: {decision: transfer, dialled: "+81570783578"}
"""


def test_an_edit_that_fails_a_scenario_is_refused_naming_it(menus, settings, caplog):
    (menus / "scenarios.yaml").write_text(CARD_SCENARIO, encoding="utf-8")
    settings.update(IVR_MENUS=str(menus), IVR_RELOAD="0", IVR_RELOAD_SETTLE=str(SETTLE))
    app = create_app(settings)
    store = app.extensions["ivr"]
    before = store.version
    # Sound YAML, but the desk now opens at 11:00: the scenario's call is told it is closed.
    edit(menus, "schedules.yaml", 'card-weekdays:\n    hours:\n      weekday: ["09:30-20:00"]',
         'card-weekdays:\n    hours:\n      weekday: ["11:00-20:00"]')
    time.sleep(SETTLE + 0.05)
    with caplog.at_level(logging.INFO, logger="ivr.calls"):
        assert not store.refresh()
    refused, = events(caplog, "menus refused")
    problem, = log_fields(refused)["problems"]
    assert problem.startswith(f"{menus / 'scenarios.yaml'}:6:")
    assert ("scenario 'card-center 1 is open at 10:00 on weekdays' failed: the answer was closed "
            "(outside-hours), not transfer; no number was dialled, not +81570783578") in problem
    assert store.version == before
    caller = Caller.for_app(app).dial("card-center", at=TUESDAY_10).press("1")
    assert caller.dialled == ["+81570783578"]  # callers keep the last good menus
    # Writing the new expectation down is taken up, with the new hours.
    edit(menus, "scenarios.yaml", 'expect: {decision: transfer, dialled: "+81570783578"}',
         "expect: {decision: closed, reason: outside-hours}")
    time.sleep(SETTLE + 0.05)
    assert store.refresh() and store.version != before
    assert Caller.for_app(app).dial("card-center", at=TUESDAY_10).press("1").closed
