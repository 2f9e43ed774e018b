"""Safe reload: a running server takes up good edits, refuses bad ones, and keeps calls going."""
import json
import logging
import time

import pytest

from ivr import create_app
from ivr.simulator import Caller

GREETING = "お電話ありがとうございます。個人番号カードコールセンターです。"
NEW_GREETING = "お電話ありがとうございます。こちらは個人番号カードコールセンターです。"
TUESDAY_10 = "2026-12-01T10:00+09:00"


@pytest.fixture
def live_menus(edited_menus, settings):
    """An app on a copy of the menus that it looks at again on every request."""
    folder = edited_menus()
    settings.update(IVR_MENUS=str(folder), IVR_RELOAD="0.001")
    return folder, create_app(settings)


def edit(folder, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    time.sleep(0.01)  # past the reload interval, and a new modification time
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_good_edit_is_taken_up_without_a_restart(live_menus, caplog):
    folder, app = live_menus
    caller = Caller.for_app(app)
    assert caller.dial("card-center", at=TUESDAY_10).heard[0].text == GREETING
    with caplog.at_level(logging.INFO, logger="ivr.calls"):
        edit(folder, "card-center.yaml", GREETING, NEW_GREETING)
        assert caller.dial("card-center", at=TUESDAY_10).heard[0].text == NEW_GREETING
    assert [r.getMessage() for r in caplog.records].count("menus reloaded") == 1


def test_a_bad_edit_is_refused_logged_and_the_last_good_menus_keep_serving(live_menus, caplog):
    folder, app = live_menus
    before = app.extensions["ivr"].version
    with caplog.at_level(logging.INFO, logger="ivr.calls"):
        edit(folder, "card-center.yaml", "schedule: card-weekdays", "schedule: card-weekday")
        caller = Caller.for_app(app).dial("card-center", at=TUESDAY_10)
        assert caller.heard[0].text == GREETING
        caller.press("1")
        assert caller.dialled == ["+81570783578"]
    assert app.extensions["ivr"].version == before
    refused = [r for r in caplog.records if r.getMessage() == "menus refused"]
    assert len(refused) == 1  # once per edit, not once per request
    problem, = refused[0].fields["problems"]
    assert "card-center.yaml:" in problem and "unknown schedule 'card-weekday'" in problem
    from ivr.logs import JsonFormatter
    assert json.loads(JsonFormatter().format(refused[0]))["serving"] == before
    # Mending the file is taken up again.
    edit(folder, "card-center.yaml", "schedule: card-weekday", "schedule: card-weekdays")
    Caller.for_app(app).dial("card-center", at=TUESDAY_10)
    assert app.extensions["ivr"].version == before  # same files, same version name


def test_a_call_in_progress_keeps_the_menus_it_started_with(live_menus):
    folder, app = live_menus
    caller = Caller.for_app(app).dial("card-center", at="2026-12-30T10:00+09:00")
    # While the caller listens, the operator removes key 1 and renames the menu.
    edit(folder, "card-center.yaml", "start: main", "start: top")
    edit(folder, "card-center.yaml", "  main:\n", "  top:\n")
    caller.press("1")  # the key of the menus the call started with
    assert caller.closed and caller.decision["menu"] == "main"
    caller.press("2")
    assert caller.dialled == ["+81570783578"]
    # A new call gets the new menus.
    assert Caller.for_app(app).dial("card-center").decision["menu"] == "top"


def test_reloading_can_be_turned_off(edited_menus, settings):
    folder = edited_menus()
    settings.update(IVR_MENUS=str(folder), IVR_RELOAD="0")
    app = create_app(settings)
    edit(folder, "card-center.yaml", GREETING, NEW_GREETING)
    assert Caller.for_app(app).dial("card-center").heard[0].text == GREETING
