"""After an IVR server's graceful stop: what its response cache said, one line a worker.

Usage: python bench/answer_cache.py SERVER.log MASTER_PID OUT.json
Each gunicorn worker of an IVR with the answer cache logs at its exit one JSON line such as
{"event": "answer cache", "hits": 123, "misses": 45, "entries": 30, "bytes": 51234, "pid": 4567}.
Writes the lines found (one a worker pid, the master's apart) and the sums of hits and misses;
{"reported": false} when there is none (an IVR without the cache).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

FIELDS = ("hits", "misses", "entries", "bytes")


def read(log: str, master: int) -> dict:
    workers: dict[int, dict] = {}
    with open(log, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if '"answer cache"' not in line:
                continue
            try:
                start = line.rfind('{"time"')
                entry = json.loads(line[start if start >= 0 else line.index("{"):])
            except ValueError:  # a line cut by another process's output: not counted
                continue
            if not isinstance(entry, dict) or entry.get("event") != "answer cache":
                continue
            if not all(isinstance(entry.get(k), int) for k in FIELDS):
                continue
            workers[int(entry.get("pid") or -len(workers) - 1)] = {k: entry[k] for k in FIELDS}
    master_line = workers.pop(master, None)
    if not workers:
        return {"reported": False, "master": master_line}
    hits = sum(w["hits"] for w in workers.values())
    misses = sum(w["misses"] for w in workers.values())
    return {"reported": True, "hits": hits, "misses": misses,
            "hit_rate": hits / (hits + misses) if hits + misses else None,
            "workers": [{"pid": pid, **w} for pid, w in sorted(workers.items())],
            "master": master_line}


if __name__ == "__main__":
    log, master, out = sys.argv[1:4]
    Path(out).write_text(json.dumps(read(log, int(master)), indent=1))
