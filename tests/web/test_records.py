"""Simulated calls with known endings are recorded, and the report counts exactly them — on
SQLite and on PostgreSQL."""
from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import create_engine, text

from ivr import create_app
from ivr.menus.loader import load_menus
from ivr.records.database import connect, database_url
from ivr.records.folding import fold_pending
from ivr.simulator import Caller
from ivr.tools.cli import main
from tests.helpers import HOTLINE

MENUS = load_menus(HOTLINE)
A, B = "+819011112222", "+819033334444"
TUESDAY, TUESDAY_NIGHT, YEAR_END = "2026-12-01T10:00+09:00", "2026-12-01T21:00+09:00", \
    "2026-12-30T10:00+09:00"


def key(line: str, schedule: str | None = None, kind: str | None = None) -> str:
    """The first key of the line's first menu that transfers with `schedule`, or opens `kind`."""
    menu = MENUS.lines[line].menus[MENUS.lines[line].start]
    for found, option in menu.options.items():
        transfer = getattr(option, "transfer", None)
        if (schedule and transfer and transfer.schedule_for("ja") == schedule) or (
                kind and getattr(option, kind, None)):
            return found
    raise AssertionError(f"no key for {schedule or kind} in {line}")


STANDARD, ALWAYS, EVERY_DAY = (key("mynumber", s) for s in ("standard", "always", "every-day"))
FOREIGN, INVALID = key("mynumber", kind="line"), "7"
assert INVALID not in MENUS.lines["card-center"].menus["main"].options

CALLS = [  # (line, at, caller, script, what it ends as)
    ("mynumber", YEAR_END, A, [STANDARD], "closed"),
    ("mynumber", TUESDAY, A, [ALWAYS, "answered"], "connected"),
    ("mynumber", TUESDAY, B, [ALWAYS, "busy", "no answer"], "transfer-failed"),
    ("mynumber", TUESDAY_NIGHT, "+819000000004", [EVERY_DAY], "closed"),
    ("mynumber", TUESDAY, "+819000000005", ["-", "-", "-"], "gave-up"),
    ("mynumber", TUESDAY, "+819000000006", [FOREIGN, "1"], "abandoned"),
    ("card-center", TUESDAY, "+819000000007", [INVALID], "abandoned"),
]
EXPECTED = {
    "calls": 7, "callers": 6, "repeat_callers": 1,
    "outcomes": {"connected": 1, "transfer-failed": 1, "closed": 2, "gave-up": 1,
                 "abandoned": 2},
    "closed_by_desk": {f"mynumber/main/{EVERY_DAY}": 1, f"mynumber/main/{STANDARD}": 1},
    "abandoned_at": {"card-center/main": 1, "foreign/topics": 1},
    # mynumber/main: one key in each of calls 1-4 and 6, three silences in call 5
    "answers": {"mynumber/main": 8, "card-center/main": 1, "foreign/languages": 1},
    "invalid_rate": {"card-center/main": 1.0, "mynumber/main": 0.375, "foreign/languages": 0.0},
    "languages": {"ja": 6, "en": 1},
    "endings_by_day": {
        "2026-12-01": {"connected": 1, "transfer-failed": 1, "closed": 1, "gave-up": 1,
                       "abandoned": 2},
        "2026-12-30": {"connected": 0, "transfer-failed": 0, "closed": 1, "gave-up": 0,
                       "abandoned": 0}},
}


def hours(**cells: int) -> dict[str, list[int]]:
    """A week of zero counts but `Tue21=1`-style cells."""
    week = {day: [0] * 24 for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
    for cell, count in cells.items():
        week[cell[:3]][int(cell[3:])] = count
    return week


@pytest.fixture
def recording(settings, records_url):
    settings.update(IVR_DATABASE=records_url, IVR_HASH_KEY="test-key")
    app = create_app(settings)
    yield app
    app.extensions["ivr.records"].close()


def make_calls(app) -> list[Caller]:
    callers = []
    for line, at, number, script, _ in CALLS:
        caller = Caller.for_app(app).dial(line, at=at, from_=number).act(*script)
        if not caller.ended:
            caller.hang_up()
        callers.append(caller.status_callback(duration=len(script) * 10))
    assert app.extensions["ivr.records"].flush()
    return callers


def report(monkeypatch, capsys, url: str, *options: str) -> str:
    monkeypatch.setenv("IVR_DATABASE", url)
    assert main(["report", *options]) == 0
    return capsys.readouterr().out


def test_simulated_calls_make_exactly_the_expected_report(recording, records_url, monkeypatch,
                                                          capsys):
    make_calls(recording)
    found = json.loads(report(monkeypatch, capsys, records_url, "--format", "json"))
    assert {name: found[name] for name in EXPECTED} == EXPECTED
    assert found["closed_by_hour"] == {f"mynumber/main/{EVERY_DAY}": hours(Tue21=1),
                                       f"mynumber/main/{STANDARD}": hours(Wed10=1)}
    assert found["period"] == {"since": None, "until": None, "line": None,
                               "first_day": "2026-12-01", "last_day": "2026-12-30"}


def test_the_report_keeps_to_its_days_and_line(recording, records_url, monkeypatch, capsys):
    make_calls(recording)
    found = json.loads(report(monkeypatch, capsys, records_url, "--since", "2026-12-30",
                              "--format", "json"))
    assert (found["calls"], found["outcomes"]["closed"]) == (1, 1)
    found = json.loads(report(monkeypatch, capsys, records_url, "--until", "2026-12-01",
                              "--line", "card-center", "--format", "json"))
    assert (found["calls"], found["abandoned_at"]) == (1, {"card-center/main": 1})


def test_each_call_is_one_csv_row_with_its_ending_and_twilios_status(recording, records_url,
                                                                     monkeypatch, capsys):
    callers = make_calls(recording)
    rows = list(csv.DictReader(io.StringIO(report(monkeypatch, capsys, records_url,
                                                  "--format", "csv"))))
    by_sid = {row["call_sid"]: row for row in rows}
    assert len(rows) == len(CALLS)
    for caller, (line, at, _, script, ending) in zip(callers, CALLS, strict=True):
        row = by_sid[caller.call_sid]
        assert (row["line"], row["ending"], row["status"]) == (line, ending, "completed")
        assert row["duration"] == str(len(script) * 10)
        assert row["started"] == at[:16] + ":00"  # the pretend instant, in the menus' zone


def test_no_callers_number_is_stored_only_its_keyed_hash(recording, records_url):
    make_calls(recording)
    folder = connect(database_url(records_url), writer=True)
    fold_pending(folder)
    folder.dispose()
    engine = create_engine(records_url)
    with engine.connect() as connection:
        dumped = "\n".join(str(row) for table in ("calls", "steps")
                           for row in connection.execute(text(f"SELECT * FROM {table}")))
        hashes = {row[0] for row in connection.execute(text("SELECT caller FROM calls"))}
    engine.dispose()
    for number in {call[2] for call in CALLS}:
        assert number not in dumped and number.lstrip("+") not in dumped
    assert len(hashes) == 6 and all(len(h) == 64 for h in hashes)


def test_the_text_report_reads_as_a_summary(recording, records_url, monkeypatch, capsys):
    make_calls(recording)
    out = report(monkeypatch, capsys, records_url)
    assert "7 calls from 6 callers (1 called more than once)" in out
    assert "  closed                2   29%" in out
    assert f"mynumber/main/{STANDARD}" in out and "Wed 10h ×1" in out


def test_recording_changes_nothing_a_caller_hears(recording, settings):
    settings["IVR_DATABASE"] = "none"
    plain = create_app(settings)
    for line, at, number, script, _ in CALLS:
        heard = [Caller.for_app(app).dial(line, at=at, from_=number).act(*script).transcript
                 for app in (recording, plain)]
        assert heard[0] == heard[1]


def test_the_status_callback_is_answered_with_empty_twiml_recording_or_not(client):
    response = client.post("/voice/status", data={"CallSid": "CA" + "1" * 32,
                                                  "CallStatus": "completed", "CallDuration": "5"})
    assert response.status_code == 200 and response.mimetype == "text/xml"
    assert response.data.endswith(b"<Response />")
    assert response.headers["X-IVR-Decision"] == "decision=call-status; reason=completed"
