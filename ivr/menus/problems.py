"""The one error type that loading menus raises, and the problems it carries."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a menus file, where it is, and what to write instead."""

    file: Path
    line: int
    column: int
    where: tuple[str | int, ...]
    message: str
    hint: str

    @property
    def yaml_path(self) -> str:
        return ".".join(str(part) for part in self.where) or "(top level)"

    def __str__(self) -> str:
        return self.describe()

    def describe(self, label: str = "") -> str:
        """`file:line:column: [label: ]message — hint (at yaml.path)`; a problem with the file
        as a whole (no YAML path) ends with the hint."""
        at = f" (at {self.yaml_path})" if self.where else ""
        return f"{self.file}:{self.line}:{self.column}: {label}{self.message} — {self.hint}{at}"


class ConfigError(Exception):
    """The menus cannot be served; the message lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.file), p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))
