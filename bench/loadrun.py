"""One bounded wrk run against one gunicorn server, with what its workers and the machine used.

Usage: python bench/loadrun.py URL CONNECTIONS SECONDS THREADS MASTER_PID REQUESTS.tsv OUT.json
Writes wrk's figures (from bench/mix.lua), the workers' memory and CPU time per request, wrk's
own CPU, and the CPU that other processes on the machine used meanwhile (noise: the figures of
a run where that is large are not comparable).
"""
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from bench.workers import usage, workers

HERE = Path(__file__).resolve().parent
TICK = os.sysconf("SC_CLK_TCK")


def busy_cpu_s() -> float:
    """CPU seconds all cores spent not idle since boot (from /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split()[1:9]]
    # user nice system idle iowait irq softirq steal: all but idle and iowait
    return (sum(fields) - fields[3] - fields[4]) / TICK


def main(url, conns, seconds, threads, master, requests, out) -> None:
    before_workers = sum(w["cpu_s"] for w in workers(master)["workers"])
    before_master, before_busy = usage(master)["cpu_s"], busy_cpu_s()
    before_wrk = resource.getrusage(resource.RUSAGE_CHILDREN)
    text = subprocess.run(
        ["wrk", "-t", threads, "-c", conns, "-d", f"{seconds}s", "--timeout", "5s",
         "-s", str(HERE / "mix.lua"), url], env={**os.environ, "BENCH_REQUESTS": requests},
        capture_output=True, text=True, timeout=int(seconds) + 60, check=True).stdout
    after_wrk = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = busy_cpu_s() - before_busy
    now = workers(master)
    figures = json.loads([line for line in text.splitlines() if line.startswith("{")][-1])
    worker_cpu = sum(w["cpu_s"] for w in now["workers"]) - before_workers
    wrk_cpu = ((after_wrk.ru_utime + after_wrk.ru_stime)
               - (before_wrk.ru_utime + before_wrk.ru_stime))
    master_cpu = now["master"]["cpu_s"] - before_master
    seconds = figures["duration_us"] / 1e6
    figures.update(
        rps=figures["requests"] / seconds, workers=now["workers"],
        worker_cpu_us=worker_cpu * 1e6 / max(1, figures["requests"]),
        wrk_cores=wrk_cpu / seconds, server_cores=(worker_cpu + master_cpu) / seconds,
        other_cores=max(0.0, busy - worker_cpu - master_cpu - wrk_cpu) / seconds, wrk_text=text)
    Path(out).write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    try:
        main(*sys.argv[1:8])
    except KeyboardInterrupt:  # Ctrl-C: bench/run's trap stops the servers
        sys.exit(130)
