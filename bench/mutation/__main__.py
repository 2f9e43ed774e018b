"""bench/mutants [MODULE ...] [--jobs N]: mutation testing of the IVR's core.

Every mutant of the core modules (bench/mutation/operators.py) is run against the tests that
run its lines, as measured once per run by coverage (bench/mutation/coverage_map.py), quickest
first and stopping at the first failure, `--jobs` at a time. Then the score per module and
overall, every survivor, and the equivalent mutants with why (bench/mutation/report.py).
Exit status: 0 when no mutant survives unexplained, else 1.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.mutation import child, coverage_map
from bench.mutation.operators import Mutant, mutants
from bench.mutation.report import (
    ERROR,
    KILLED,
    SURVIVED,
    TIMEOUT,
    UNCOVERED,
    Outcome,
    read_equivalents,
    report,
)

CORE = ("ivr/calls/hours.py", "ivr/calls/dated_hours.py", "ivr/calls/steadiness.py",
        "ivr/calls/navigator.py", "ivr/calls/phrasing.py",
        "ivr/calls/steps.py", "ivr/calls/words.py", "ivr/menus/schedule.py",
        "ivr/menus/changes.py", "ivr/menus/wallclock.py", "ivr/menus/holiday_calendar.py",
        "ivr/web/signatures.py", "ivr/web/protocol.py", "ivr/web/answers.py")
# The tests that run in-process, where a mutant is seen (live, e2e and browser tests start
# servers in processes of their own, which import the module unmutated).
TESTS = ("tests/unit", "tests/web")
EQUIVALENTS = Path("bench/mutants-equivalent.txt")
PYTEST = ["-q", "-x", "-p", "no:cacheprovider", "--no-header", "-o", "addopts="]
# A mutant may loop for ever: each test is stopped when it takes this much more than it took
# unmutated (measured under coverage, which is slower), and the whole run as a last resort.
TEST_SLACK_SECONDS, TEST_SLACK_FACTOR = 10.0, 5.0
RUN_SLACK_SECONDS, RUN_SLACK_FACTOR = 60.0, 3.0


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench/mutants", description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", default=list(CORE),
                        help="files to mutate (default: the core, %(default)s)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="mutants run at once (default: one per core)")
    args = parser.parse_args()
    started = time.monotonic()
    equivalents = read_equivalents(EQUIVALENTS)
    found = [m for path in args.modules
             for m in mutants(path, path.removesuffix(".py").replace("/", "."),
                              Path(path).read_text(encoding="utf-8"))]
    with tempfile.TemporaryDirectory(prefix="mutants-") as work:
        tests = _measure(args.modules, args.jobs, Path(work))
        for failing in tests.failing:
            print(f"warning: {failing} fails unmutated; no mutant runs it", file=sys.stderr)
        print(f"{len(found)} mutants of {len(args.modules)} modules", file=sys.stderr)
        with ThreadPoolExecutor(args.jobs) as pool:
            outcomes = list(pool.map(lambda m: _judge(m, tests, Path(work)), found))
    result = report(outcomes, equivalents, time.monotonic() - started)
    return 0 if result == 1.0 else 1


def _measure(modules: list[str], jobs: int, work: Path) -> coverage_map.TestMap:
    """The tests by the lines they run, measured in `jobs` processes, each a share of the files."""
    files = sorted((str(f) for folder in TESTS for f in Path(folder).rglob("test_*.py")),
                   key=lambda f: -Path(f).stat().st_size)
    shares = [files[job::jobs] for job in range(jobs)]
    outs = [work / f"map-{job}.json" for job in range(jobs)]
    running = [subprocess.Popen([sys.executable, "-m", "bench.mutation.coverage_map", str(out),
                                 *modules, "--", *share], stdout=subprocess.DEVNULL)
               for out, share in zip(outs, shares, strict=True) if share]
    for process in running:
        process.wait()
    return coverage_map.TestMap.merged([coverage_map.read(out) for out in outs if out.exists()])


def _judge(mutant: Mutant, tests: coverage_map.TestMap, work: Path) -> Outcome:
    chosen = tests.tests_of(mutant.path, mutant.line, mutant.end_line)
    if not chosen:
        return Outcome(mutant, UNCOVERED, 0)
    outcome = _run(mutant, chosen, tests, work)
    if not outcome.killed:  # as they come, so that a long run shows its survivors early
        print(f"{outcome.status}: {mutant.key}", file=sys.stderr)
    return outcome


def _run(mutant: Mutant, chosen: list[str], tests: coverage_map.TestMap,
         work: Path) -> Outcome:
    name = f"{abs(hash(mutant.key)):x}-{len(chosen)}"
    source, listed = work / f"{name}.py", work / f"{name}.tests"
    source.write_text(mutant.source, encoding="utf-8")
    listed.write_text("".join(
        f"{test}\t{TEST_SLACK_SECONDS + TEST_SLACK_FACTOR * tests.durations[test]:.1f}\n"
        for test in chosen), encoding="utf-8")
    limit = RUN_SLACK_SECONDS + RUN_SLACK_FACTOR * sum(tests.durations[t] for t in chosen)
    # A session of its own, so that a mutant that hangs is stopped with whatever it started.
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.mutation.child", mutant.module, mutant.path, str(source),
         str(listed), "--", *PYTEST], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    try:
        status = process.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return Outcome(mutant, TIMEOUT, len(chosen))
    # pytest: 0 all passed, 1 a test failed, 2 interrupted (the module would not import),
    # 3 internal error; 4 and 5 (usage, no tests) mean this run tested nothing.
    verdict = {0: SURVIVED, 1: KILLED, 2: KILLED, 3: KILLED,
               child.TIMED_OUT: TIMEOUT}.get(status, ERROR)
    return Outcome(mutant, verdict, len(chosen))


if __name__ == "__main__":
    sys.exit(main())
