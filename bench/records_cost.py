"""What recording a call costs, in-process: the request's part and the writer's, per step.

Usage: PYTHONPATH=. python bench/records_cost.py [ROUNDS]
Prints (1) the mix's requests through the app in-process (signed), recording off against on
with the entries thrown away — the request's own part: the step made into an entry and handed
over; best and median of ROUNDS alternating rounds; (2) the writer's CPU time per entry, for
20 000 steps written into a fresh SQLite file in batches, and then per step to fold them into
their calls (three steps a call), which readers and idle writers do apart. CPU time of this
process only, so other processes on the machine disturb it less than wall time.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from twilio.request_validator import RequestValidator

from bench.mix import quiet_app, resolve, weighted
from bench.wsgi_calls import call, prepare
from ivr import create_app
from ivr.records.database import connect, database_url
from ivr.records.entries import step_entry
from ivr.records.folding import fold_pending
from ivr.records.writer import Writer

TOKEN, MENUS, STEPS = "bench-token", "menus", 20_000


def requests(rounds: int, folder: Path) -> None:
    settings = {"IVR_MENUS": MENUS, "TWILIO_AUTH_TOKEN": TOKEN, "IVR_DIAL_OVERRIDE": ""}
    off = create_app({**settings, "IVR_DATABASE": "none"})
    on = create_app({**settings, "IVR_DATABASE": f"sqlite:///{folder / 'r.sqlite3'}",
                     "IVR_HASH_KEY": "bench"})
    on.extensions["ivr.records"].put = lambda entry: None  # the request's part only
    mix = weighted(resolve(quiet_app(MENUS))[0])  # resolved unsigned, then signed below
    prepared = prepare([type(r)(r.row, r.what, r.method, r.path, {
        **r.params, "CallSid": r.params["CallSid"][:-6] + f"{n:06x}"}) for n in range(20)
        for r in mix], signer=RequestValidator(TOKEN))
    times: dict[str, list[float]] = {"off": [], "on": []}
    for _ in range(rounds):
        for name, app in (("off", off), ("on", on)):
            started = time.process_time()
            for environ, body in prepared:
                call(app, environ, body)
            times[name].append((time.process_time() - started) * 1e6 / len(prepared))
    for name, found in times.items():
        print(f"  requests, recording {name:<3}: best {min(found):6.0f} µs, median "
              f"{statistics.median(found):6.0f} µs a request ({len(prepared)} a round)")


def writer(folder: Path) -> None:
    url = database_url(f"sqlite:///{folder / 'w.sqlite3'}")
    writing = Writer(url, every=3600)
    writing.prepare()
    zone = ZoneInfo("Asia/Tokyo")
    now = datetime.now(zone)
    for n in range(STEPS):
        writing._buffer.append(step_entry(f"CA{n // 3:032x}", time.time_ns(), now, zone,
                                          ("mynumber", "main"), ("mynumber", "main"), "3",
                                          "closed", "year-end", "ja", "8a48a01a040d", None))
    started = time.process_time()
    writing._drain()
    print(f"  writer: {(time.process_time() - started) * 1e6 / STEPS:.1f} µs an entry")
    engine = connect(url, writer=True)
    started = time.process_time()
    fold_pending(engine)
    print(f"  folding, apart: {(time.process_time() - started) * 1e6 / STEPS:.1f} µs a step")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        requests(int(sys.argv[1]) if len(sys.argv) > 1 else 8, Path(scratch))
        writer(Path(scratch))
