"""Pydantic's validation errors, said the way an operator needs them: where, what, what to write."""
from __future__ import annotations

import difflib

from pydantic_core import ErrorDetails

from ivr.menus.changes import Change, ChangesFile
from ivr.menus.fields import Recording
from ivr.menus.lists import ListPattern, Lists
from ivr.menus.model import Language, Line, Menu, Messages, SchedulesFile
from ivr.menus.options import READING, Transfer
from ivr.menus.problems import Problem
from ivr.menus.schedule import Closure, Schedule
from ivr.menus.yamlsource import Document

# Every key the YAML may have, to suggest one for a key mistyped.
VOCABULARY = sorted({field for model in (Language, Messages, Lists, ListPattern, Line, Menu,
                                         READING.written, Transfer, Recording, Schedule, Closure,
                                         SchedulesFile, Change, ChangesFile)
                     for field in model.model_fields})

# Parts of pydantic's error locations that are not in the YAML: union branches, key checks.
_NOT_IN_YAML = {"[key]", "spoken", "recorded", "one", "per-language", "any-language",
                *READING.tags.values()}


def explain(doc: Document, error: ErrorDetails) -> Problem:
    """One pydantic error (from ValidationError.errors()) as a Problem in `doc`."""
    where = tuple(part for part in error["loc"]
                  if part not in _NOT_IN_YAML and not str(part).startswith("function-"))
    kind, value = error["type"], error.get("input")
    name = where[-1] if where else ""
    if kind == "value_error":
        message, _, hint = str(error["ctx"]["error"]).partition(" — ")
        return doc.problem(where, message, hint or "see the comments in the shipped menus/")
    if kind == "missing":
        return doc.problem(where[:-1], f"{name} is missing", f"add `{name}:` here")
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(name), VOCABULARY, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "remove it; see the shipped menus/"
        return doc.problem(where, f"unknown key {name!r}", hint)
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
        return doc.problem(where, f"{value!r} is not a whole number", "write digits only, e.g. 6")
    if kind in ("bool_parsing", "bool_type"):
        return doc.problem(where, f"{value!r} is not true or false", "write true or false")
    return doc.problem(where, error["msg"].lower(), "correct the value; see the shipped menus/")
