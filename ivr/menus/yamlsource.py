"""Read one YAML file into plain data, remembering the line of every value.

PyYAML silently keeps the last of two equal keys; an operator who writes key "1" twice in a
menu must be told instead, so mappings are built here from the node graph.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ivr.menus.problems import ConfigError, Problem
from ivr.menus.yamlsyntax import syntax_problem

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its data and the (line, column) of every path in it."""

    path: Path
    data: Any
    marks: dict[YamlPath, tuple[int, int]]
    # Keys of a `{ }` mapping that are the rest of a text cut by a comma, `{ja: はい, どうぞ}`:
    # the key of the text, and the text as written ("はい, どうぞ").
    cut_texts: Mapping[YamlPath, tuple[str, str]] = field(default_factory=dict)

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
        raise ConfigError(_hash_keys(path, text, {}) or [syntax_problem(path, text, exc)]) from exc
    marks: dict[YamlPath, tuple[int, int]] = {}
    problems: list[Problem] = []
    cuts: dict[YamlPath, tuple[str, yaml.Mark, yaml.Mark]] = {}
    data = _build(node, (), marks, problems, path, cuts) if node is not None else None
    # An unquoted #: turns an option into a comment; what follows then looks like other
    # mistakes, so report the cause alone.
    problems = _hash_keys(path, text, marks) or problems
    if problems:
        raise ConfigError(problems)
    return Document(path, data, marks, {where: (key, _written(text, start, end))
                                        for where, (key, start, end) in cuts.items()})


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


def _build(node: yaml.Node, where: YamlPath, marks: dict, problems: list, path: Path,
           cuts: dict) -> Any:
    marks[where] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        if node.flow_style:
            _note_cut_texts(node, where, cuts)
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
            out[key] = _build(value_node, where + (key,), marks, problems, path, cuts)
            marks[where + (key,)] = _mark(key_node)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, where + (index,), marks, problems, path, cuts)
                for index, item in enumerate(node.value)]
    return _scalar(node)


def _note_cut_texts(node: yaml.MappingNode, where: YamlPath, cuts: dict) -> None:
    """In `{ja: はい, どうぞ}` the comma ends the text: YAML reads `どうぞ` as a key without a
    value. Each such key is noted with the key of the text cut and where that text is written
    (up to its last piece), for the messages (explain.py); a key without a value may also be
    meant, so it is no problem by itself."""
    cut: list[Any] = []  # the key and text of the entry cut, then the keys that follow it
    for key, value in [*node.value, (None, None)]:
        # A plain scalar's style is None in PyYAML's parser and "" in libyaml's.
        bare = (isinstance(key, yaml.ScalarNode) and not key.style and value.value == ""
                and _mark(value) == (key.end_mark.line + 1, key.end_mark.column + 1))
        if bare and cut:
            cut.append(key)
            continue
        if len(cut) > 2:
            text_key, text, *pieces = cut
            for piece in pieces:
                cuts[where + (piece.value,)] = (text_key.value, text.start_mark,
                                                pieces[-1].end_mark)
        plain = isinstance(value, yaml.ScalarNode) and not value.style and value.value
        cut = [key, value] if plain else []


def _written(text: str, start: yaml.Mark, end: yaml.Mark) -> str:
    """The text from `start` to `end`, on one line or several."""
    lines = text.splitlines()[start.line:end.line + 1]
    lines[-1] = lines[-1][:end.column]
    lines[0] = lines[0][start.column:]
    return " ".join(line.strip() for line in lines)


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
