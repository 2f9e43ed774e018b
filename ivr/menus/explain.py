"""Pydantic's validation errors, said the way an operator needs them: where, what, what to write."""
from __future__ import annotations

import difflib
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, Tag
from pydantic_core import ErrorDetails

from ivr.menus.announcements import Announcement
from ivr.menus.changes import Change, ChangesFile
from ivr.menus.fields import Recording
from ivr.menus.lists import ListPattern, Lists
from ivr.menus.lookalikes import retyped
from ivr.menus.model import Language, Line, Menu, Messages, SchedulesFile
from ivr.menus.options import READING, BaseOption, Transfer
from ivr.menus.problems import Problem
from ivr.menus.scenarios import Expect, Scenario, ScenariosFile
from ivr.menus.schedule import Closure, Schedule
from ivr.menus.yamlsource import Document

# What each mapping of the YAML is, to an operator: "a temporary change has no key 'hours'".
MAPPINGS: dict[type[BaseModel], str] = {
    Language: "a language file", Messages: "messages", Lists: "lists",
    ListPattern: "a list pattern", Line: "a line file", Menu: "a menu",
    READING.written: "an option", Transfer: "a transfer", Recording: "a recorded prompt",
    Schedule: "a schedule", Closure: "a closure", SchedulesFile: "schedules.yaml",
    Change: "a temporary change", Announcement: "an announcement", ChangesFile: "temporary.yaml",
    Scenario: "a scenario", Expect: "a scenario's expect", ScenariosFile: "scenarios.yaml"}
# Every key the YAML may have, to suggest one where the mapping of a key is not known.
VOCABULARY = sorted({field for model in MAPPINGS for field in model.model_fields})

# Parts of pydantic's error locations that are not in the YAML: union branches, key checks.
_NOT_IN_YAML = {"[key]", "spoken", "recorded", "one", "per-language", "any-language",
                *READING.tags.values()}


def explain(doc: Document, error: ErrorDetails, model: type[BaseModel]) -> Problem:
    """One pydantic error (from ValidationError.errors() of `model`) as a Problem in `doc`."""
    where = tuple(part for part in error["loc"]
                  if part not in _NOT_IN_YAML and not str(part).startswith("function-"))
    kind, value = error["type"], error.get("input")
    name = where[-1] if where else ""
    cut = next((where[:n] for n in range(len(where), 0, -1) if where[:n] in doc.cut_texts), None)
    if cut is not None:
        key, text = doc.cut_texts[cut]
        return doc.problem(cut[:-1] + (key,),
                           f"the comma in {text} ends the text of {key}: without quotes, YAML "
                           f"reads what follows it as another key",
                           f"put the text in quotes: {key}: \"{text}\"")
    if kind == "value_error":
        message, _, hint = str(error["ctx"]["error"]).partition(" — ")
        return doc.problem(where, message, hint or "see the comments in the shipped menus/")
    if kind == "missing":
        return doc.problem(where[:-1], f"{name} is missing", f"add `{name}:` here")
    if kind == "extra_forbidden":
        return _unknown_key(doc, where, str(name), _mapping_at(model, error["loc"][:-1]))
    if kind == "string_pattern_mismatch":
        return doc.problem(where, f"{value!r} is not a name",
                           "use lower-case letters, digits and dashes, e.g. every-day")
    if kind == "string_too_short" or (kind == "string_type" and value in (None, "")):
        return doc.problem(where, "this text is empty", "write the text, or remove the key")
    if kind == "string_type":
        return doc.problem(where, f"{value!r} must be text", f"put it in quotes: \"{value}\"")
    if kind == "too_short":
        return doc.problem(where, f"{name} is empty", f"give {name} at least one entry")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return doc.problem(where, f"{name or 'this'} must be a mapping of keys, not {value!r}",
                           "indent `key: value` lines under it")
    if kind in ("tuple_type", "list_type"):
        return doc.problem(where, f"{name} must be a list, not {value!r}",
                           "write it as [a, b] or as lines starting with '- '")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        slip = retyped(value, lambda text: text.isascii() and text.strip().isdigit()) \
            if isinstance(value, str) else None
        message, _, hint = (slip or f"{value!r} is not a whole number — write digits only, "
                                    "e.g. 6").partition(" — ")
        return doc.problem(where, message, hint)
    if kind in ("bool_parsing", "bool_type"):
        return doc.problem(where, f"{value!r} is not true or false", "write true or false")
    return doc.problem(where, error["msg"].lower(), "correct the value; see the shipped menus/")


def _unknown_key(doc: Document, where: tuple, name: str,
                 mapping: type[BaseModel] | None) -> Problem:
    """A key the mapping it is in does not have: a typo of one of its keys, or a key of another
    mapping (`hours:` in a temporary change)."""
    keys = list(mapping.model_fields) if mapping is not None else VOCABULARY
    close = [key for key in difflib.get_close_matches(name, keys, n=2, cutoff=0.7) if key != name]
    if close:
        return doc.problem(where, f"unknown key {name!r}", f"did you mean {close[0]!r}?")
    if mapping is None:
        return doc.problem(where, f"unknown key {name!r}", "remove it; see the shipped menus/")
    return doc.problem(where, f"{MAPPINGS.get(mapping, 'this mapping')} has no key {name!r}",
                       f"its keys are {', '.join(keys)}: write one of them, or remove {name}:")


def _mapping_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model of the mapping at `loc`, a pydantic error location in `model` (union tags
    included), or None when the location leads elsewhere."""
    kind: Any = model
    for part in loc:
        if str(part).startswith("function-"):
            continue
        kind = _step(kind, part)
        if kind is None:
            return None
    found = _model(kind)
    # Every kind of option is "an option" to an operator, with the keys of all of them.
    return READING.written if found is not None and issubclass(found, BaseOption) else found


def _step(kind: Any, part: int | str) -> Any:
    """What the YAML holds at key or index `part` of a value of type `kind`."""
    if get_origin(kind) is Annotated:
        kind = get_args(kind)[0]
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        field = kind.model_fields.get(str(part))
        return field.annotation if field is not None else None
    if get_origin(kind) in (Union, types.UnionType):
        members = get_args(kind)
        for member in members:  # a tag in the location names the member it is about
            if any(isinstance(meta, Tag) and meta.tag == part
                   for meta in getattr(member, "__metadata__", ())):
                return member
        return next((found for member in members if (found := _step(member, part)) is not None),
                    None)
    if get_origin(kind) is dict:
        return get_args(kind)[1]
    if get_origin(kind) in (tuple, list):
        return get_args(kind)[0]
    return None


def _model(kind: Any) -> type[BaseModel] | None:
    if get_origin(kind) is Annotated:
        kind = get_args(kind)[0]
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return kind
    if get_origin(kind) in (Union, types.UnionType):
        models = {found for member in get_args(kind) if (found := _model(member)) is not None}
        options = {model for model in models if issubclass(model, BaseOption)}
        if options and len(options) == len(models):
            return READING.written
        return models.pop() if len(models) == 1 else None
    return None
