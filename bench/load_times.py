"""Time `ivr.load_menus` in-process: the shipped menus and a generated large tree.

Usage: python bench/load_times.py MENUS RUNS LARGE_RUNS OUT.json
The first load in the process (cold: Babel's CLDR data, imports' caches) is reported apart;
the median is of the RUNS loads after it.
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.large_tree import generate
from ivr import load_menus


def timed(folder, runs: int) -> dict:
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        load_menus(folder)
        times.append((time.perf_counter() - start) * 1000)
    return {"cold_ms": times[0], "median_ms": statistics.median(times[1:]),
            "min_ms": min(times[1:]), "runs": runs}


def main(menus: str, runs: str, large_runs: str, out: str) -> None:
    result = {"shipped": timed(menus, int(runs))}
    with tempfile.TemporaryDirectory(prefix="ivr-large-") as tmp:
        result["tree"] = generate(Path(tmp) / "menus", Path(menus))
        result["large"] = timed(result["tree"]["folder"], int(large_runs))
    Path(out).write_text(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(*sys.argv[1:5])
