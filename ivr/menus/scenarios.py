"""The operators' own call scenarios, `menus/scenarios.yaml`: calls, and what must happen in them.

A scenario is a call to a line at an instant, what the caller does in it — the items of a
script, as `python -m ivr call --keys` and `Caller.act` read them — and what the answer to the
last item must be: its decision (transfer, closed, …), its reason, the number it dials, words
the caller hears or must not hear. The menus are refused, at start, at a reload and by `check`,
when a scenario fails (ivr.calls.scenario_runner plays them): an operator's expectations guard
every edit, as a typo does.
"""
from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from ivr.menus.fields import E164, Frozen, Name, Text
from ivr.menus.instants import YEARS
from ivr.menus.lookalikes import or_retyped
from ivr.menus.problems import Problem
from ivr.menus.references import suggest
from ivr.menus.yamlsource import Document

# --- the items of a script: what a caller does -------------------------------------------------

KEYS = "0123456789*#"
# Words for how a transfer ends (spaces and hyphens alike) → Twilio's DialCallStatus.
OUTCOMES = {"answered": "completed", "completed": "completed", "busy": "busy",
            "no answer": "no-answer", "noanswer": "no-answer", "failed": "failed",
            "canceled": "canceled"}
HANG_UP = ("hangup", "q")
ITEMS = "type keys (0-9 * #), - or nothing for silence, say:WORDS, or q to hang up"


@dataclass(frozen=True)
class Item:
    """One thing a caller does: keys, silence, say (words), outcome (of a transfer), hangup."""

    kind: Literal["keys", "silence", "say", "outcome", "hangup"]
    value: str = ""  # the keys, the words, or Twilio's DialCallStatus


def read_item(text: str) -> Item | None:
    """The item `text` writes (say with no words: ""), or None when it is none."""
    word = text.strip()
    outcome = OUTCOMES.get(" ".join(word.lower().replace("-", " ").split()))
    if word.lower() in HANG_UP:
        return Item("hangup")
    if outcome is not None:
        return Item("outcome", outcome)
    if word in ("", "-"):
        return Item("silence")
    if word.lower().startswith("say:"):
        return Item("say", word[4:].strip())
    if all(key in KEYS for key in word):
        return Item("keys", word)
    return None


def _item(value: Any) -> Any:
    # YAML reads 3 as a number: a key is meant.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _checked_item(text: str) -> str:
    item = read_item(text)
    if item is None:
        raise ValueError(f"{text!r} is not something a caller does — {ITEMS}; at a transfer, "
                         "answered, busy, no answer or failed")
    if item.kind == "say" and not item.value:
        raise ValueError(f"{text!r} says nothing — write the words after say:, e.g. "
                         "say:English")
    return text


ScriptItem = Annotated[str, BeforeValidator(_item), AfterValidator(_checked_item),
                       WithJsonSchema({"type": ["string", "integer"]})]

# --- scenarios.yaml ------------------------------------------------------------------------------

DECISIONS = ("greeting", "repeat", "invalid", "no-input", "goodbye", "closed", "transfer",
             "fallback", "transfer-failed", "connected", "submenu", "message", "line", "back",
             "unknown-line", "unknown-menu")


def _decision(value: str) -> str:
    if value not in DECISIONS:
        close = difflib.get_close_matches(value, DECISIONS, n=1)
        raise ValueError(f"{value!r} is not a decision — "
                         + (f"did you mean {close[0]!r}? " if close else "")
                         + "write one of " + ", ".join(DECISIONS))
    return value


Decision = Annotated[str, AfterValidator(_decision), Field(json_schema_extra={
    "enum": list(DECISIONS)})]


@or_retyped
def _at(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value.strip().replace(" ", "T"))
    except ValueError:
        raise ValueError(f"{value!r} is not a date and time — write it as \"YYYY-MM-DD HH:MM\" "
                         "in the menus' time zone, e.g. \"2026-12-30 10:00\"") from None
    if moment.year not in YEARS:
        raise ValueError(f"{value!r} is out of range — write a date in the years {YEARS[0]} "
                         f"to {YEARS[-1]}")
    return value


def _fragments(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Fragments = Annotated[tuple[Text, ...], BeforeValidator(_fragments),
                      WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1},
                                                {"type": "array",
                                                 "items": {"type": "string", "minLength": 1}}]})]


class Expect(Frozen):
    """What the answer to the scenario's last item must be; give at least one."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})  # _something, for editors

    decision: Decision | None = Field(
        None, description="the answer's decision, as in the logs: transfer, closed, fallback, …")
    reason: Text | None = Field(None, description="its reason, as in the logs: outside-hours, "
                                                  "holiday, year-end, a temporary change's name, "
                                                  "busy, …")
    dialled: E164 | None = Field(None, description="the number the answer dials, E.164")
    hears: Fragments = Field((), description="words the caller hears in the answer, each a "
                                             "part of what is said, e.g. 1月4日月曜日")
    does_not_hear: Fragments = Field((), description="words the caller must not hear in the "
                                                     "answer")

    @model_validator(mode="after")
    def _something(self) -> Expect:
        if not self.model_fields_set:
            raise ValueError("a scenario expects something — write decision:, reason:, "
                             "dialled:, hears: or does_not_hear:")
        return self


class Scenario(Frozen):
    """A call, and what must happen in it."""

    name: Text = Field(description="what it checks, said when it fails, e.g. card centre closed "
                                   "on Saturdays")
    line: Name | None = Field(None, description="the line called (its file's name); left out: "
                                                "the default line, as /voice")
    at: Annotated[str, AfterValidator(_at)] = Field(
        description="when the call is made, \"YYYY-MM-DD HH:MM\" in the menus' time zone (or "
                    "with an offset)", json_schema_extra={
            "pattern": r"^\s*\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?"
                       r"\s*$"})
    keys: tuple[ScriptItem, ...] = Field(
        (), description="what the caller does, in order: keys (\"3\", \"#\"), \"-\" for "
                        "silence, \"say:WORDS\", at a transfer answered, busy, no answer or "
                        "failed, hangup")
    expect: Expect = Field(description="what the answer to the last of keys must be (with no "
                                       "keys, the greeting's)")


class ScenariosFile(Frozen):
    scenarios: tuple[Scenario, ...] = Field((), description="calls, and what must happen in "
                                                            "them; menus that fail one are "
                                                            "refused")


def check_lines(file: ScenariosFile, doc: Document, lines: Collection[str]) -> list[Problem]:
    """Each scenario calls a line there is."""
    return [doc.problem(("scenarios", index, "line"), f"no line {scenario.line!r}",
                        suggest(scenario.line, lines))
            for index, scenario in enumerate(file.scenarios)
            if scenario.line is not None and scenario.line not in lines]


# --- what happened, judged -----------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """What the answer to a scenario's last item was; or the item that did not fit the call."""

    decision: str
    reason: str | None
    dialled: str | None  # the number the answer dialled
    heard: tuple[str, ...]  # what the caller heard in answer to the last item
    unfit: tuple[int, str] | None = None  # (index, what is wrong) of an item the call refused


def judge(expect: Expect, outcome: Outcome) -> list[tuple[str, str]]:
    """(field of `expect`, what happened instead) for each expectation `outcome` misses."""
    said = " ".join(outcome.heard)
    missed = []
    wrong = [field for field, wanted, got in (("decision", expect.decision, outcome.decision),
                                               ("reason", expect.reason, outcome.reason))
             if wanted is not None and wanted != got]
    if wrong:
        wanted = _answer(expect.decision or outcome.decision, expect.reason)
        missed.append((wrong[0], f"the answer was {_answer(outcome.decision, outcome.reason)}, "
                                 f"not {wanted}"))
    if expect.dialled is not None and expect.dialled != outcome.dialled:
        missed.append(("dialled", f"{outcome.dialled or 'no number'} was dialled, not "
                                  f"{expect.dialled}"))
    unheard = [repr(words) for words in expect.hears if words not in said]
    if unheard:
        missed.append(("hears", f"the caller did not hear {' nor '.join(unheard)}; they heard: "
                                f"{_excerpt(said) or '(nothing)'}"))
    heard = [repr(words) for words in expect.does_not_hear if words in said]
    if heard:
        missed.append(("does_not_hear", f"the caller heard {' and '.join(heard)}"))
    return missed


def _answer(decision: str, reason: str | None) -> str:
    return decision + (f" ({reason})" if reason else "")


def _excerpt(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
