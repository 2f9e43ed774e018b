"""PyYAML's syntax errors said as the mistake an operator made: a quote left open, a line
indented unlike the keys around it, a tab, a bracket not closed, ': ' in text without quotes.

PyYAML reports where its parser gave up, in its own terms ("expected <block end>, but found
'<block mapping start>'"); the mistake is often elsewhere, so the text is looked at again here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ivr.menus.problems import Problem

# `key:` or `- key:` at the start of a line: its indentation and the key (not `- {start: …}`).
_KEY = re.compile(r"( *)(?:- +)?((?:\"[^\"]*\"|'[^']*'|[^\s#'\"{\[][^:#]*?)):(?: |$)")
_BLOCK_TEXT = re.compile(r".*:\s+[|>][-+0-9]*\s*(?:#.*)?$")  # a key whose text follows: | or >-
_STARTS_SCALAR = " \t{[,:-"  # what may stand before a quote that opens a quoted text
_ENDS_SCALAR = ",]}:#"  # what may follow (after spaces) a quote that closes one


@dataclass(frozen=True)
class _KeyLine:
    number: int  # 1-based
    indent: int
    key: str


def syntax_problem(path: Path, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """The YAML syntax error `exc`, found reading `text`, as the operator's mistake."""
    what, context = exc.problem or "the YAML cannot be read", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()

    def problem(at: tuple[int, int], message: str, hint: str) -> Problem:
        return Problem(path, at[0], at[1], (), f"YAML syntax: {message}", hint)

    if "'\\t'" in what:
        return problem((line, column), "a tab is used for indenting",
                       "indent with spaces, not tabs")
    if context.startswith("while scanning a quoted") and exc.context_mark:
        opened: tuple[int, int] | None = (exc.context_mark.line + 1, exc.context_mark.column + 1)
    else:  # a quote left open may also be closed by the quote that opens the next text
        opened = _open_quote(lines, line)
    if opened:
        return problem(opened, "a quoted text is not closed",
                       "end the text with the same quote mark it starts with")
    if context.startswith("while parsing a flow") and exc.context_mark:
        bracket = exc.context_mark
        return problem((bracket.line + 1, bracket.column + 1), "a [ or { is not closed",
                       "close it with ] or } on this line")
    if "alias" in context or "anchor" in context:
        return problem((line, column), "* and & at the start of a key or text mean something "
                       "else in YAML", 'quote keys and texts that start with * or &, for example '
                       '"*": or "#":')
    start = exc.context_mark.line + 1 if exc.context_mark else line
    indented = _indentation(lines, (line, column), start, what, context)
    if indented:
        return problem(*indented)
    if "mapping values" in what:
        return problem((line, column), "': ' in a text without quotes starts a key",
                       "put text that contains ': ' in quotes")
    return problem((line, column), what, "check the indentation and quoting on this line")


def _open_quote(lines: list[str], before: int) -> tuple[int, int] | None:
    """Where a quote opens a text that no quote closes, up to line `before`: the one still open
    when another quote opens a text instead ({to: "+81…, fallback: "+81…"}), or at `before`."""
    inside: tuple[int, int, str] | None = None  # line, column and mark of the open quote
    in_block_text = _block_text(lines)
    for number, line in enumerate(lines[:before], 1):
        if inside is None and (number in in_block_text or line.lstrip().startswith("#")):
            continue
        index = 0
        while index < len(line):
            char, index = line[index], index + 1
            if inside is None:
                if char == "#" and (index == 1 or line[index - 2] == " "):
                    break  # a comment
                if char in "\"'" and (index == 1 or line[index - 2] in _STARTS_SCALAR):
                    inside = (number, index, char)
            elif char == "'" == inside[2] and line[index:index + 1] == "'":
                index += 1  # '' is a quote inside a text in single quotes
            elif char == inside[2] and not (char == '"' and line[index - 2] == "\\"):
                rest = line[index:].lstrip()
                closes = not rest or rest[0] in _ENDS_SCALAR
                if not closes and (index == 1 or line[index - 2] in _STARTS_SCALAR):
                    return inside[:2]  # this quote opens a text: the one before was left open
                inside = None
    return inside[:2] if inside else None


def _block_text(lines: list[str]) -> set[int]:
    """The numbers of the lines of `|` and `>` texts, where quotes and colons are only text."""
    found: set[int] = set()
    opener: int | None = None  # the indentation of the key whose text this is
    for number, line in enumerate(lines, 1):
        if opener is not None and (not line.strip() or _indent(line) > opener):
            found.add(number)
            continue
        opener = _indent(line) if _BLOCK_TEXT.match(line) else None
    return found


def _indentation(lines: list[str], at: tuple[int, int], start: int, what: str,
                 context: str) -> tuple[tuple[int, int], str, str] | None:
    """A line indented unlike the keys (or the text) around it: where, what, and the spaces to
    write; None when the error is not about indentation. `at` is where PyYAML gave up, `start`
    the line of what it was reading then."""
    if context.startswith("while scanning a simple key"):
        return _text_line(lines, start)  # a line of text with no ':', where a key was expected
    line, column = at
    own = lines[line - 1] if line <= len(lines) else ""
    at_start = column == _indent(own) + 1
    found_key = _KEY.match(own)
    if "expected <block end>" in what or "did not find expected key" in what:
        before = own[:column - 1].rstrip()
        if before.endswith(("\"", "'")):
            return ((line, column), "text follows the quote that closes a text",
                    "put the whole text in quotes, or none of it")
        if not at_start:
            return None
        if found_key or own.lstrip().startswith("- "):
            return _misplaced_key(lines, line, f"{found_key[2]}:" if found_key else "-")
        return _text_line(lines, line)
    if "mapping values" in what and found_key and found_key.end() >= column:
        # `b: 2` under `a: 1`, indented deeper: YAML reads it as more of a's text.
        above = next((number for number in range(line - 1, 0, -1)
                      if lines[number - 1].strip()), 0)
        if above and _KEY.match(lines[above - 1]) and _indent(lines[above - 1]) < _indent(own) \
                and _looks_like_a_key(found_key[2]):
            return _misplaced_key(lines, line, f"{found_key[2]}:")
    return None


def _misplaced_key(lines: list[str], line: int,
                   key: str) -> tuple[tuple[int, int], str, str]:
    """`key` (or a list item, "-") at line `line`, indented like none of the keys around it."""
    own = _indent(lines[line - 1])
    levels = _keys_above(lines, line)
    deeper = [level for level in levels if level.indent > own]
    shallower = [level for level in levels if level.indent < own]
    around = ([deeper[-1]] if deeper else []) + ([shallower[0]] if shallower else [])
    what = "this list item" if key == "-" else key
    used = " or ".join(f"{_spaces(level.indent)} ({level.key}: on line {level.number})"
                       for level in around)
    beside = ", or ".join(f"{_spaces(level.indent)} to go with {level.key}:"
                          for level in around)
    return ((line, own + 1), f"{what} is indented {_spaces(own)}, unlike the keys around it: "
            f"{used}", f"indent it like the key it belongs beside: {beside}")


def _text_line(lines: list[str], line: int) -> tuple[tuple[int, int], str, str] | None:
    """A line of text, not a key, indented less than the text it continues."""
    if not 1 <= line <= len(lines) or line == 1:
        return None
    own = _indent(lines[line - 1])
    above = next((text for text in reversed(lines[:line - 1]) if text.strip()), "")
    key = _KEY.match(above)
    wanted = _indent(above) + (2 if key and above[key.end():].strip() else 0)
    if own >= wanted or not lines[line - 1].strip():
        return None
    return ((line, own + 1), f"this line is indented {_spaces(own)}, less than the text it "
            "continues, so YAML does not read it as part of that text",
            f"indent every line of a text by the same {_spaces(wanted)}, or put the text on "
            "one line")


def _keys_above(lines: list[str], line: int) -> list[_KeyLine]:
    """The keys whose levels are open at `line`: the nearest key above, then the nearest above
    it that is less indented, and so on to the left margin."""
    found: list[_KeyLine] = []
    in_block_text = _block_text(lines[:line])
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        key = _KEY.match(text)
        if not key or number in in_block_text or text.lstrip().startswith("#"):
            continue
        if not found or len(key[1]) < found[-1].indent:
            found.append(_KeyLine(number, len(key[1]), key[2]))
            if not key[1]:
                break
    return found


def _looks_like_a_key(key: str) -> bool:
    """A name such as `options` or a quoted key; words of a sentence are more likely text."""
    return bool(re.fullmatch(r"\"[^\"]*\"|'[^']*'|[a-z0-9_-]+", key))


def _spaces(count: int) -> str:
    return "no spaces" if count == 0 else "1 space" if count == 1 else f"{count} spaces"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
