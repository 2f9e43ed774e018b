"""One mutant's test run: the chosen tests, in the order given, with one module of the IVR
replaced by its mutant as it is imported. Nothing is written over the module's file, so
several mutants run side by side and an interrupted run leaves the tree as it was.

Run by bench/mutants as
`python -m bench.mutation.child MODULE PATH MUTANT_FILE TESTS_FILE -- PYTEST_ARGS`; it exits as
pytest does (0: every test passed, the mutant survived).
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import CodeType

import pytest


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
    """A pytest plugin: run only the given tests, in their order (quickest first)."""

    def __init__(self, tests: list[str]) -> None:
        self.rank = {test: rank for rank, test in enumerate(tests)}

    def pytest_collection_modifyitems(self, config: pytest.Config,
                                      items: list[pytest.Item]) -> None:
        config.hook.pytest_deselected(items=[i for i in items if i.nodeid not in self.rank])
        items[:] = sorted((i for i in items if i.nodeid in self.rank),
                          key=lambda item: self.rank[item.nodeid])


def run(module: str, path: Path, mutant: Path, tests: Path, pytest_args: list[str]) -> int:
    chosen = tests.read_text(encoding="utf-8").splitlines()
    finder = _Finder(module, str(path.resolve()), mutant.read_text(encoding="utf-8"))
    sys.meta_path.insert(0, finder)
    files = sorted({test.split("::")[0] for test in chosen})
    return int(pytest.main([*pytest_args, *files], plugins=[_Only(chosen)]))


if __name__ == "__main__":
    split = sys.argv.index("--")
    module, path, mutant, tests = sys.argv[1:split]
    sys.exit(run(module, Path(path), Path(mutant), Path(tests), sys.argv[split + 1:]))
