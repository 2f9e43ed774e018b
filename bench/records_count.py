"""After the recording server's graceful stop: what its call records hold, and what it logged.

Usage: python bench/records_count.py RECORDS.sqlite3 SERVER.log OUT.json
Writes the steps and calls stored, and how often the writer warned (an outage, a full buffer)
or lost records at the stop; bench/report.py compares the steps with the requests answered.
"""
import json
import sqlite3
import sys
from pathlib import Path

database, log, out = sys.argv[1:4]
with sqlite3.connect(database) as connection:
    steps, = connection.execute("SELECT count(*) FROM steps").fetchone()
    calls, = connection.execute("SELECT count(*) FROM calls").fetchone()
said = Path(log).read_text(encoding="utf-8", errors="replace")
Path(out).write_text(json.dumps({
    "steps": steps, "calls": calls,
    "waiting": said.count("call records waiting"), "dropped": said.count("call records dropped"),
    "lost": said.count("call records lost"), "refused": said.count("call record refused"),
}, indent=1))
