"""Read one YAML file into plain data, remembering the line of every value.

PyYAML silently keeps the last of two equal keys; an operator who writes key "1" twice in a
menu must be told instead, so mappings are built here from the node graph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ivr.menus.problems import ConfigError, Problem

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


def read_document(path: Path, raw: bytes | None = None) -> Document:
    """Parse `path` (or `raw`, its contents already read); raise ConfigError naming the line
    on any YAML or duplicate-key error."""
    if raw is None:
        raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ConfigError([Problem(path, line, 1, (), f"the file is not UTF-8 ({exc.reason})",
                                   "save the file as UTF-8")]) from exc
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        raise ConfigError(_hash_keys(path, text, {}) or [_syntax_problem(path, exc)]) from exc
    marks: dict[YamlPath, tuple[int, int]] = {}
    problems: list[Problem] = []
    data = _build(node, (), marks, problems, path) if node is not None else None
    # An unquoted #: turns an option into a comment; what follows then looks like other
    # mistakes, so report the cause alone.
    problems = _hash_keys(path, text, marks) or problems
    if problems:
        raise ConfigError(problems)
    return Document(path, data, marks)


def _compose(text: str) -> yaml.Node | None:
    """The node graph, by libyaml when PyYAML has it (five times faster on a large tree).

    On a mistake the pure-Python parser reads the text again: its messages and marks are the
    ones operators are shown.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _hash_keys(path: Path, text: str, marks: dict[YamlPath, tuple[int, int]]) -> list[Problem]:
    """Comments that were meant to be the key # of a menu option."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        found = re.match(r"(\s*)#\s*:", line)
        if found:
            column = len(found[1]) + 1
            parents = [(mark, where) for where, mark in marks.items()
                       if mark[0] < number and mark[1] < column]
            where = max(parents)[1] if parents else ()
            problems.append(Problem(path, number, column, where,
                                    "an unquoted # starts a comment, so this option is ignored",
                                    'write the key in quotes: "#":'))
    return problems


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
                    "keep one of the two and delete or rename the other"))
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

    YAML 1.1 reads 9:30 as the number 570, 2026-12-29 as a date and +81120950178 as a number
    without its +; an operator means text.
    """
    if node.tag in _TYPED_TAGS and ":" not in node.value and not node.value.startswith("+"):
        return _CONSTRUCTOR.construct_object(node)
    return node.value


def _syntax_problem(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    what, context = exc.problem or "the YAML cannot be read", exc.context or ""
    # A quote or bracket left open is found far below; the context mark is where it opened.
    unclosed = context.startswith(("while scanning a quoted", "while parsing a flow"))
    mark = (exc.context_mark if unclosed else None) or exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    hint = "check the indentation and quoting on this line"
    quote_line = _unclosed_quote(exc.problem_mark.buffer or "", line) if exc.problem_mark else None
    if "'\\t'" in what:
        what, hint = "a tab is used for indenting", "indent with spaces, not tabs"
    elif context.startswith("while scanning a quoted") or quote_line:
        what, hint = "a quoted text is not closed", "end the text with the same quote mark"
        line, column = (quote_line, 1) if quote_line else (line, column)
    elif context.startswith("while parsing a flow"):
        what, hint = "a [ or { is not closed", "close it with ] or } on this line"
    elif any("alias" in part or "anchor" in part for part in (what, context)):
        hint = 'quote keys and texts that start with * or &, for example "*": or "#":'
    elif "mapping values" in what:
        hint = "put text that contains ': ' in quotes"
    return Problem(path, line, column, (), f"YAML syntax: {what}", hint)


def _unclosed_quote(text: str, before: int) -> int | None:
    """The first line above `before` with an odd number of double quotes: a quote left open."""
    for number, line in enumerate(text.splitlines()[:before - 1], 1):
        if line.lstrip().startswith("#"):
            continue
        if (line.count('"') - line.count('\\"')) % 2:
            return number
    return None
