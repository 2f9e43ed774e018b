"""Which tests run which lines of the mutated modules, and how long each test takes: the tests run
once, unmutated, under coverage, each test (and each test file's import) in a context of its
own. A mutant then runs only the tests that run its lines, quickest first.

Run by bench/mutants as `python -m bench.mutation.coverage_map OUT FILE... -- PYTEST_ARGS`.
"""
from __future__ import annotations

import json
import sys
import time
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

import coverage
import pytest

# The context of lines run while a test file is imported: every test in it may depend on them.
IMPORT = "import:"


@dataclass
class TestMap:
    """Tests by the lines they run, per file; each test's duration; tests failing unmutated."""

    lines: dict[str, dict[int, list[str]]]
    durations: dict[str, float]
    failing: list[str]

    def tests_of(self, path: str, first: int, last: int) -> list[str]:
        """The tests that run any line from `first` to `last` of `path`, quickest first."""
        found: set[str] = set()
        for line in range(first, last + 1):
            for context in self.lines.get(path, {}).get(line, ()):
                if context.startswith(IMPORT):
                    test_file = context.removeprefix(IMPORT)
                    found.update(t for t in self.durations if t.startswith(test_file + "::"))
                elif context:
                    found.add(context)
                else:  # run as the session started (a conftest's imports): before every test
                    found.update(self.durations)
        found -= set(self.failing)
        return sorted(found & self.durations.keys(), key=lambda test: self.durations[test])

    @classmethod
    def merged(cls, parts: list[TestMap]) -> TestMap:
        lines: dict[str, dict[int, list[str]]] = {}
        for part in parts:
            for path, by_line in part.lines.items():
                for line, tests in by_line.items():
                    lines.setdefault(path, {}).setdefault(int(line), []).extend(tests)
        return cls(lines, {t: d for part in parts for t, d in part.durations.items()},
                   [t for part in parts for t in part.failing])


class _Contexts:
    """A pytest plugin: each test, and each test file's import, is a coverage context."""

    def __init__(self, cov: coverage.Coverage) -> None:
        self.cov = cov
        self.durations: dict[str, float] = {}
        self.failing: list[str] = []

    @pytest.hookimpl(hookwrapper=True)
    def pytest_make_collect_report(self, collector: pytest.Collector) -> Generator[None]:
        if isinstance(collector, pytest.Module):
            self.cov.switch_context(IMPORT + collector.nodeid)
        yield

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None]:
        self.cov.switch_context(item.nodeid)
        start = time.perf_counter()
        yield
        self.durations[item.nodeid] = time.perf_counter() - start

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.failed:
            self.failing.append(report.nodeid)


def measure(out: Path, files: list[str], pytest_args: list[str]) -> int:
    cov = coverage.Coverage(data_file=None, include=[str(Path(f).resolve()) for f in files])
    plugin = _Contexts(cov)
    cov.start()
    try:
        status = pytest.main([*pytest_args, "-q", "-p", "no:cacheprovider"], plugins=[plugin])
    finally:
        cov.stop()
    data = cov.get_data()
    lines = {file: {line: contexts for line, contexts in
                    data.contexts_by_lineno(str(Path(file).resolve())).items()}
             for file in files}
    out.write_text(json.dumps({"lines": lines, "durations": plugin.durations,
                               "failing": plugin.failing}))
    return int(status)


def read(path: Path) -> TestMap:
    data = json.loads(path.read_text())
    return TestMap({file: {int(line): tests for line, tests in by_line.items()}
                    for file, by_line in data["lines"].items()},
                   data["durations"], data["failing"])


if __name__ == "__main__":
    split = sys.argv.index("--")
    sys.exit(measure(Path(sys.argv[1]), sys.argv[2:split], sys.argv[split + 1:]))
