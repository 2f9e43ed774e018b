"""JSON Schemas of the menus YAML, generated from the pydantic model, one per kind of file.

Editors that read `# yaml-language-server: $schema=...` (VS Code's YAML extension and others)
then complete keys, show what each means, and flag mistakes while the operator types. Loading
stays the judge: the schemas catch what a schema can say (keys, patterns, ranges, one action per
option), not what needs other files (a schedule's name, a language's texts).
"""
from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from ivr.menus.changes import ChangesFile, Instant
from ivr.menus.descriptions import DESCRIPTIONS
from ivr.menus.fields import E164, E164_PATTERN
from ivr.menus.loader import CHANGES_FILE, LANGUAGES_DIR, SCHEDULES_FILE
from ivr.menus.model import Key, Language, Line, Messages, Option, Recording, SchedulesFile
from ivr.menus.schedule import Interval, MonthDay

SCHEMA_DIR = "schema"
HEADER = "# yaml-language-server: $schema="
# kind → (model, what the file is)
KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "line": (Line, "A phone line of the IVR: menus/<line>.yaml"),
    "schedules": (SchedulesFile, "Time zone, holidays and opening hours: menus/schedules.yaml"),
    "language": (Language, "How the IVR speaks one language: menus/languages/<code>.yaml"),
    "temporary": (ChangesFile, "Temporary changes to the hours: menus/temporary.yaml"),
}

_TIME = r"(?:[01]?[0-9]|2[0-3]):[0-5][0-9]"
INTERVAL = {"type": "string", "pattern": rf"^\s*{_TIME}\s*-\s*(?:{_TIME}|24:00)\s*$",
            "description": "open from the first time up to, not including, the second: "
                           "\"HH:MM-HH:MM\", e.g. \"09:30-20:00\"; \"24:00\" ends at midnight"}
# What a validator checks, said as JSON Schema; by the validator function of each field type.
_CHECKS: dict[Callable, dict[str, Any]] = {
    E164.__metadata__[0].func: {"pattern": f"^{E164_PATTERN.pattern}$"},
    Key.__metadata__[0].func: {"pattern": "^[0-9#]$"},
    MonthDay.__metadata__[0].func: {
        "pattern": r"^\s*(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])\s*$"},
    Instant.__metadata__[0].func: {"pattern": r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?"
                                              r"(?:Z|[+-]\d{2}:?\d{2})?$"},
    Recording.model_fields["play"].metadata[0].func: {"pattern": r"^https?://\S+$"},
    Option.model_fields["announce"].metadata[0].func: {"minProperties": 1, "maxProperties": 1},
}
# What a model validator checks across fields, said as JSON Schema.
_ACROSS: dict[str, dict[str, Any]] = {
    "Option": {
        "oneOf": [{"required": [name]} for name in ("transfer", "menu", "say", "line")]
                 + [{"required": ["back"], "properties": {"back": {"const": True}}}],
        "dependentSchemas": {"language": {"anyOf": [{"required": ["menu"]},
                                                    {"required": ["line"]}]}}},
    "Schedule": {
        "if": {"required": ["always"], "properties": {"always": {"const": True}}},
        "then": {"properties": {"hours": False, "closures": False}},
        "else": {"required": ["hours"]}},
    "Change": {
        "if": {"required": ["state"], "properties": {"state": {"const": "open"}}},
        "then": {"properties": {"message": False}},
        "else": {"required": ["message"]}},
}


class _Generator(GenerateJsonSchema):
    def field_title_should_be_set(self, schema) -> bool:
        return False  # titles such as "Max Failures" say less than the description

    def function_after_schema(self, schema) -> dict[str, Any]:
        json_schema = super().function_after_schema(schema)
        check = schema["function"]["function"]
        if check.__qualname__.startswith("between."):
            limits = inspect.getclosurevars(check).nonlocals
            return {**json_schema, "minimum": limits["low"], "maximum": limits["high"]}
        return {**json_schema, **_CHECKS.get(check, {})}

    def model_schema(self, schema) -> dict[str, Any]:
        cls = schema["cls"]
        if cls is Interval:  # written as text, kept as minutes
            return dict(INTERVAL)
        json_schema = super().model_schema(schema)
        for name, field_schema in json_schema.get("properties", {}).items():
            described = _describe(cls, name)
            if described:
                field_schema["description"] = described
        return {**json_schema, **_ACROSS.get(cls.__name__, {})}

    def dict_schema(self, schema) -> dict[str, Any]:
        json_schema = super().dict_schema(schema)
        if "patternProperties" in json_schema:  # keys that match no pattern are mistakes
            json_schema["additionalProperties"] = False
        return json_schema


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file: line, schedules, language or temporary."""
    model, title = KINDS[kind]
    generated = model.model_json_schema(schema_generator=_Generator)
    generated.pop("title", None)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title,
            **generated}


def text(kind: str) -> str:
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"


def path(folder: Path, kind: str) -> Path:
    return folder / SCHEMA_DIR / f"{kind}.schema.json"


def write(folder: Path) -> list[Path]:
    """Write every kind's schema into `folder`/schema/; the paths written."""
    written = []
    for kind in KINDS:
        target = path(folder, kind)
        target.parent.mkdir(exist_ok=True)
        target.write_text(text(kind), encoding="utf-8")
        written.append(target)
    return written


def kind_of(file: Path, folder: Path) -> str:
    """Which kind of menus file `file` (in `folder`) is."""
    relative = file.relative_to(folder)
    if relative.parts[0] == LANGUAGES_DIR:
        return "language"
    return {SCHEDULES_FILE: "schedules", CHANGES_FILE: "temporary"}.get(relative.name, "line")


def header(file: Path, folder: Path) -> str:
    """The comment that points editors at the file's schema, relative to the file."""
    up = "../" * (len(file.relative_to(folder).parts) - 1)
    return f"{HEADER}{up}{SCHEMA_DIR}/{kind_of(file, folder)}.schema.json"


def _describe(cls: type, name: str) -> str | None:
    described = DESCRIPTIONS.get((cls, name)) or _comments(cls).get(name)
    if cls is Messages and name in Messages.PLACEHOLDERS:
        filled = ", ".join(f"{{{p}}}" for p in sorted(Messages.PLACEHOLDERS[name]))
        described = f"{described}; the IVR fills in {filled}"
    return described


def _comments(cls: type) -> dict[str, str]:
    """The comment beside or above each field in the class's source."""
    found, above = {}, []
    for line in inspect.getsourcelines(cls)[0][1:]:
        if line.strip().startswith("#"):
            above.append(line.strip().lstrip("#").strip())
            continue
        field = re.match(r"\s+(\w+):[^#]*(?:#\s*(.+))?$", line)
        if field and field[1] in cls.model_fields and (field[2] or above):
            found[field[1]] = field[2] or " ".join(above)
        above = []
    return found
