"""One mutant's test run: the chosen tests, in the order given, with one module of the IVR
replaced by its mutant as it is imported. Nothing is written over the module's file, so
several mutants run side by side and an interrupted run leaves the tree as it was.

Run by bench/mutants as
`python -m bench.mutation.child MODULE PATH MUTANT_FILE TESTS_FILE -- PYTEST_ARGS`, where each
line of TESTS_FILE is a test's id, a tab and the seconds it may take. It exits as pytest does
(0: every test passed, the mutant survived), or with TIMED_OUT as soon as one test overruns —
a mutant that loops for ever is stopped at its first test, not after the whole list's time.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import threading
from collections.abc import Generator, Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import CodeType

import pytest

TIMED_OUT = 124  # as timeout(1) exits


class _Mutated(importlib.machinery.SourceFileLoader):
    """Loads the module from the mutant's source, under the module's own file name."""

    def __init__(self, name: str, path: str, source: str) -> None:
        super().__init__(name, path)
        self.source = source

    def get_code(self, fullname: str) -> CodeType:
        return compile(self.source, self.path, "exec", dont_inherit=True)


class _Finder(importlib.abc.MetaPathFinder):
    def __init__(self, name: str, path: str, source: str) -> None:
        self.name, self.path, self.source = name, path, source

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: object = None) -> ModuleSpec | None:
        if fullname != self.name:
            return None
        return importlib.util.spec_from_file_location(
            fullname, self.path, loader=_Mutated(fullname, self.path, self.source))


class _Only:
    """A pytest plugin: run only the given tests, in their order (quickest first), each within
    its limit. The watchdog is a thread, so a loop that never returns to the test is stopped
    too, whatever the loop catches."""

    def __init__(self, limits: dict[str, float]) -> None:
        self.rank = {test: rank for rank, test in enumerate(limits)}
        self.limits = limits

    def pytest_collection_modifyitems(self, config: pytest.Config,
                                      items: list[pytest.Item]) -> None:
        config.hook.pytest_deselected(items=[i for i in items if i.nodeid not in self.rank])
        items[:] = sorted((i for i in items if i.nodeid in self.rank),
                          key=lambda item: self.rank[item.nodeid])

    @pytest.hookimpl(hookwrapper=True)
    def pytest_load_initial_conftests(self) -> Generator[None]:
        """A conftest that will not import with the mutant is a test failing: pytest would call
        it a usage error (exit 4), which the parent cannot tell from a mistake of its own."""
        outcome = yield
        if outcome.excinfo is not None:  # type: ignore[attr-defined]
            os._exit(pytest.ExitCode.INTERRUPTED)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None]:
        watchdog = threading.Timer(self.limits[item.nodeid], os._exit, (TIMED_OUT,))
        watchdog.daemon = True
        watchdog.start()
        try:
            yield
        finally:
            watchdog.cancel()


def run(module: str, path: Path, mutant: Path, tests: Path, pytest_args: list[str]) -> int:
    limits = {test: float(seconds) for test, seconds in
              (line.split("\t") for line in tests.read_text(encoding="utf-8").splitlines())}
    finder = _Finder(module, str(path.resolve()), mutant.read_text(encoding="utf-8"))
    sys.meta_path.insert(0, finder)
    files = sorted({test.split("::")[0] for test in limits})
    return int(pytest.main([*pytest_args, *files], plugins=[_Only(limits)]))


if __name__ == "__main__":
    split = sys.argv.index("--")
    module, path, mutant, tests = sys.argv[1:split]
    sys.exit(run(module, Path(path), Path(mutant), Path(tests), sys.argv[split + 1:]))
