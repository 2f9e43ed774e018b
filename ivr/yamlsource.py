"""Read one YAML file into plain data, remembering the line of every value.

PyYAML silently keeps the last of two equal keys; an operator who writes key "1" twice in a
menu must be told instead, so mappings are built here from the node graph.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ivr.errors import ConfigError, Problem

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its data and the (line, column) of every path in it."""

    path: Path
    data: Any
    marks: dict[YamlPath, tuple[int, int]]

    def locate(self, where: YamlPath) -> tuple[int, int]:
        """The line and column of `where`, or of its nearest ancestor the file has."""
        for cut in range(len(where), -1, -1):
            if where[:cut] in self.marks:
                return self.marks[where[:cut]]
        return (1, 1)

    def problem(self, where: YamlPath, message: str, hint: str) -> Problem:
        line, column = self.locate(where)
        return Problem(self.path, line, column, where, message, hint)


def read_document(path: Path) -> Document:
    """Parse `path`; raise ConfigError naming the line on any YAML or duplicate-key error."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError([Problem(path, 1, 1, (), f"the file is not UTF-8 ({exc.reason})",
                                   "save the file as UTF-8")]) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise ConfigError([_syntax_problem(path, exc)]) from exc
    marks: dict[YamlPath, tuple[int, int]] = {}
    problems: list[Problem] = []
    data = _build(node, (), marks, problems, path) if node is not None else None
    if problems:
        raise ConfigError(problems)
    return Document(path, data, marks)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _build(node: yaml.Node, where: YamlPath, marks: dict, problems: list, path: Path) -> Any:
    marks[where] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                line, column = _mark(key_node)
                problems.append(Problem(path, line, column, where, "a key must be plain text",
                                        "write a name or a quoted key such as \"1\":"))
                continue
            if key in out:
                line, column = _mark(key_node)
                first = marks[where + (key,)][0]
                problems.append(Problem(
                    path, line, column, where + (key,),
                    f"the key {key!r} appears twice here (first on line {first})",
                    "keep one of the two and delete or renumber the other"))
                continue
            out[key] = _build(value_node, where + (key,), marks, problems, path)
            marks[where + (key,)] = _mark(key_node)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, where + (index,), marks, problems, path)
                for index, item in enumerate(node.value)]
    return _scalar(node)


_TYPED_TAGS = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool",
               "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.Node) -> Any:
    """Nulls, booleans and numbers as YAML reads them; everything else as written.

    YAML 1.1 reads 9:30 as the number 570 and 2026-12-29 as a date; an operator means text.
    """
    if node.tag in _TYPED_TAGS and ":" not in node.value:
        return _CONSTRUCTOR.construct_object(node)
    return node.value


def _syntax_problem(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or "the YAML cannot be read"
    hint = "check the indentation and quoting on this line"
    if any("alias" in part or "anchor" in part for part in (what, exc.context or "")):
        hint = 'quote keys and texts that start with * or &, for example "*": or "#":'
    elif "mapping values" in what:
        hint = "put text that contains ': ' in quotes"
    return Problem(path, line, column, (), f"YAML syntax: {what}", hint)
