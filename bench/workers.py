"""A gunicorn master's workers: memory (VmRSS, VmHWM = peak, MiB) and CPU time used (s).

Usage: python bench/workers.py MASTER_PID OUT.json   (bench/run: each server after its runs)
"""
import json
import os
import sys
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def usage(pid) -> dict:
    fields = dict(line.split(":", 1) for line in
                  Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return {**{k: int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM")},
            "cpu_s": (int(stat[11]) + int(stat[12])) / TICK}  # utime + stime


def workers(master) -> dict:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return {"master": usage(master), "workers": [usage(pid) for pid in children]}


if __name__ == "__main__":
    Path(sys.argv[2]).write_text(json.dumps(workers(sys.argv[1]), indent=1))
