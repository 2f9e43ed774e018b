"""JSON Schemas of the menus YAML, generated from the pydantic model, one per kind of file.

Editors that read `# yaml-language-server: $schema=...` (VS Code's YAML extension and others)
then complete keys, show what each means, and flag mistakes while the operator types. Loading
stays the judge: the schemas catch what a schema can say (keys, patterns, ranges, one action per
option), not what needs other files (a schedule's name, a language's texts).

Everything a schema says comes from the model: each field's description, each checked type's
pattern or limits, and each model's rules across its fields.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ivr.menus.changes import ChangesFile
from ivr.menus.loader import CHANGES_FILE, LANGUAGES_DIR, SCENARIOS_FILE, SCHEDULES_FILE
from ivr.menus.model import Language, Line, SchedulesFile
from ivr.menus.scenarios import ScenariosFile

SCHEMA_DIR = "schema"
HEADER = "# yaml-language-server: $schema="
# kind → (model, what the file is)
KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "line": (Line, "A phone line of the IVR: menus/<line>.yaml"),
    "schedules": (SchedulesFile, "Time zone, holidays and opening hours: menus/schedules.yaml"),
    "language": (Language, "How the IVR speaks one language: menus/languages/<code>.yaml"),
    "temporary": (ChangesFile, "Temporary changes to the hours, and announcements: "
                               "menus/temporary.yaml"),
    "scenarios": (ScenariosFile, "Calls, and what must happen in them: menus/scenarios.yaml"),
}


class _Generator(GenerateJsonSchema):
    def field_title_should_be_set(self, schema: Any) -> bool:
        return False  # titles such as "Max Failures" say less than the description

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        json_schema = super().dict_schema(schema)
        if "patternProperties" in json_schema:  # keys that match no pattern are mistakes
            json_schema["additionalProperties"] = False
        return json_schema


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file: line, schedules, language, temporary or scenarios."""
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
    return {SCHEDULES_FILE: "schedules", CHANGES_FILE: "temporary",
            SCENARIOS_FILE: "scenarios"}.get(relative.name, "line")


def header(file: Path, folder: Path) -> str:
    """The comment that points editors at the file's schema, relative to the file."""
    up = "../" * (len(file.relative_to(folder).parts) - 1)
    return f"{HEADER}{up}{SCHEMA_DIR}/{kind_of(file, folder)}.schema.json"
