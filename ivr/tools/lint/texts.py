"""Warnings about the texts callers hear: a note to the operators typed inside a text.

A `#` starts a YAML comment only outside a text. Inside a `>-` block or quotes it is part of
the text, so a note such as `# remove after 12/8` is read aloud to every caller while the
menus load without a mistake. A `#` followed by a space, at the start of a text or after a
space, is what such a note looks like; a key written for callers is a word (シャープ, "the pound
key"), as the shipped prompts write it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from ivr.menus.changes import ChangesFile
from ivr.menus.fields import Prompt, Recording
from ivr.menus.lengths import said_texts
from ivr.menus.model import Line
from ivr.menus.problems import Problem
from ivr.menus.yamlsource import Document

COMMENT_LIKE = re.compile(r"(?:^|\s)(#\s.*)", re.DOTALL)
EXCERPT = 40  # characters of the note shown in the warning


def warnings(lines: Mapping[str, Line], docs: Mapping[str, Document],
             changes: Document | None) -> list[Problem]:
    found = [_comment_like(docs[name], where + (code,), prompt)
             for name, line in lines.items() for where, code, prompt in said_texts(line)]
    if changes is not None:
        found += [_comment_like(changes, where, text) for where, text in _temporary(changes)]
    return [problem for problem in found if problem is not None]


def _temporary(doc: Document) -> Iterator[tuple[tuple, Prompt]]:
    """(YAML path, text) of every message of temporary.yaml."""
    temporary = ChangesFile.model_validate(doc.data)
    for index, change in enumerate(temporary.changes):
        for code, text in (change.message or {}).items():
            yield ("changes", index, "message", code), text
    for index, notice in enumerate(temporary.announcements):
        for code, prompt in notice.message.items():
            yield ("announcements", index, "message", code), prompt


def _comment_like(doc: Document, where: tuple, prompt: Prompt) -> Problem | None:
    if isinstance(prompt, Recording):
        return None  # the recording is what callers hear; its text is for people
    found = COMMENT_LIKE.search(prompt)
    if found is None:
        return None
    note = found[1] if len(found[1]) <= EXCERPT else found[1][:EXCERPT - 1] + "…"
    return doc.problem(where, f"this text holds \"{note}\", which looks like a YAML comment, "
                              "but inside a text it is part of it: callers hear it read aloud",
                       "move the note out of the text, onto a line of its own above the key; "
                       "to say a key to callers, write it as a word (シャープ, the pound key)")
