"""The JSON Schemas in menus/schema/: up to date with the model, and agreeing with loading.

Every shipped YAML file validates against the schema of its kind; each broken file below is
refused by its schema and by loading alike, and each unusual but sound one is accepted by both.
"""
from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml

from ivr.menus import schemas
from ivr.menus.loader import load_menus
from ivr.menus.problems import ConfigError
from ivr.menus.yamlsource import read_document
from tests.helpers import HOTLINE, LANGUAGES, SHIPPED_MENUS

SHIPPED_YAML = sorted(SHIPPED_MENUS.rglob("*.yaml"))


def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schemas.schema(kind))


@pytest.mark.parametrize("kind", schemas.KINDS)
def test_the_shipped_schemas_are_up_to_date_with_the_model(kind):
    shipped = schemas.path(SHIPPED_MENUS, kind).read_text(encoding="utf-8")
    assert shipped == schemas.text(kind), "run: python -m ivr schema --write"


@pytest.mark.parametrize("kind", schemas.KINDS)
def test_each_schema_is_a_valid_json_schema(kind):
    jsonschema.Draft202012Validator.check_schema(schemas.schema(kind))


@pytest.mark.parametrize("file", SHIPPED_YAML, ids=lambda p: str(p.relative_to(SHIPPED_MENUS)))
def test_every_shipped_file_validates_against_its_schema(file):
    kind = schemas.kind_of(file, SHIPPED_MENUS)
    errors = [error.message for error in validator(kind).iter_errors(read_document(file).data)]
    assert errors == []


@pytest.mark.parametrize("file", SHIPPED_YAML, ids=lambda p: str(p.relative_to(SHIPPED_MENUS)))
def test_every_shipped_file_that_names_a_schema_names_its_own(file):
    # The shipped files all do; a file an operator adds without the line is no mistake.
    first = file.read_text(encoding="utf-8").splitlines()[0]
    if not first.startswith(schemas.HEADER):
        return
    assert first == schemas.header(file, SHIPPED_MENUS)
    named = first.removeprefix(schemas.HEADER)
    assert (file.parent / named).resolve() == schemas.path(
        SHIPPED_MENUS, schemas.kind_of(file, SHIPPED_MENUS)).resolve()


def test_the_kind_of_each_file_and_its_header():
    assert [(name, schemas.header(HOTLINE / name, HOTLINE)) for name in (
        "languages/ja.yaml", "mynumber.yaml", "schedules.yaml", "temporary.yaml",
        "scenarios.yaml")] == [
        ("languages/ja.yaml", "# yaml-language-server: $schema=../schema/language.schema.json"),
        ("mynumber.yaml", "# yaml-language-server: $schema=schema/line.schema.json"),
        ("schedules.yaml", "# yaml-language-server: $schema=schema/schedules.schema.json"),
        ("temporary.yaml", "# yaml-language-server: $schema=schema/temporary.schema.json"),
        ("scenarios.yaml", "# yaml-language-server: $schema=schema/scenarios.schema.json")]


# --- edits of the shipped data, judged by the schema and by loading ----------------------------

def option(data: dict, key: str = "1", menu: str = "main") -> dict:
    return data["menus"][menu]["options"][key]


def hours(data: dict, schedule: str = "card-weekdays") -> dict:
    return data["schedules"][schedule]


CLOSED = {"name": "maintenance", "schedules": ["standard"], "end": "2026-12-01 12:00"}
MESSAGE = {code: "臨時休業" for code in LANGUAGES}
SATURDAYS = {"name": "card-saturdays", "schedules": ["card-weekdays"],
             "hours": {"saturday": ["10:00-16:00"]}, "start": "2026-12-01"}
NOTICE = {"name": "busy", "lines": ["card-center"], "end": "2026-12-08 00:00",
          "message": {"ja": "大変込み合っております"}}
SCENARIO = {"name": "card centre open", "line": "card-center", "at": "2026-12-01 10:00",
            "keys": ["1"], "expect": {"decision": "transfer"}}
Edit = Callable[[dict], object]

REFUSED: list[tuple[str, str, Edit]] = [
    ("card-center.yaml", "not E.164", lambda d: option(d)["transfer"].update(to="0570-783-578")),
    ("card-center.yaml", "key 10", lambda d: d["menus"]["main"]["options"].update({"10": option(d)})),
    ("card-center.yaml", "key *", lambda d: d["menus"]["main"]["options"].update({"*": option(d)})),
    ("card-center.yaml", "unknown key", lambda d: option(d)["transfer"].update(scedule="always")),
    ("card-center.yaml", "two actions", lambda d: option(d).update(menu="main")),
    ("card-center.yaml", "no action", lambda d: d["menus"]["main"]["options"].update({"3": {}})),
    ("card-center.yaml", "language without menu",
     lambda d: option(d).update(language="ja")),
    ("card-center.yaml", "timeout 0", lambda d: d.update(timeout=0)),
    ("card-center.yaml", "menu name with capitals", lambda d: d["menus"].update(Main={})),
    ("card-center.yaml", "no start", lambda d: d.pop("start")),
    ("card-center.yaml", "two announcements",
     lambda d: option(d).update(announce={"ja": "一番", "en": "one"})),
    ("schedules.yaml", "25:00", lambda d: hours(d)["hours"].update(weekday=["09:30-25:00"])),
    ("schedules.yaml", "9:3", lambda d: hours(d)["hours"].update(weekday=["9:3-20:00"])),
    ("schedules.yaml", "weekdays", lambda d: hours(d)["hours"].update(weekdays=["09:30-20:00"])),
    ("schedules.yaml", "month 13", lambda d: hours(d)["closures"][0].update(start="13-01")),
    ("schedules.yaml", "always with hours", lambda d: hours(d).update(always=True)),
    ("schedules.yaml", "no hours", lambda d: hours(d).pop("hours")),
    ("schedules.yaml", "no time zone", lambda d: d.pop("timezone")),
    ("languages/ja.yaml", "no goodbye", lambda d: d["messages"].pop("goodbye")),
    ("languages/ja.yaml", "empty text", lambda d: d["messages"].update(invalid="")),
    ("temporary.yaml", "closed without message", lambda d: d.update(changes=[CLOSED])),
    ("temporary.yaml", "open with message",
     lambda d: d.update(changes=[{**CLOSED, "state": "open", "message": MESSAGE}])),
    ("temporary.yaml", "end not a date",
     lambda d: d.update(changes=[{**CLOSED, "end": "next monday", "message": MESSAGE}])),
    ("temporary.yaml", "state shut",
     lambda d: d.update(changes=[{**CLOSED, "state": "shut", "message": MESSAGE}])),
    ("temporary.yaml", "dated hours and a state",
     lambda d: d.update(changes=[{**SATURDAYS, "state": "open"}])),
    ("temporary.yaml", "closure without end",
     lambda d: d.update(changes=[{"name": "x", "schedules": ["standard"], "message": MESSAGE}])),
    ("temporary.yaml", "dated hours of no day type",
     lambda d: d.update(changes=[{**SATURDAYS, "hours": {"saturdays": ["10:00-16:00"]}}])),
    ("temporary.yaml", "announcement without message",
     lambda d: d.update(announcements=[{**NOTICE, "message": {}}])),
    ("scenarios.yaml", "scenario without expect",
     lambda d: d.update(scenarios=[{**SCENARIO, "expect": {}}])),
    ("scenarios.yaml", "scenario without at",
     lambda d: d.update(scenarios=[{k: v for k, v in SCENARIO.items() if k != "at"}])),
    ("scenarios.yaml", "unknown decision",
     lambda d: d.update(scenarios=[{**SCENARIO, "expect": {"decision": "transferred"}}])),
]

ACCEPTED: list[tuple[str, str, Edit]] = [
    ("schedules.yaml", "one-digit hour", lambda d: hours(d)["hours"].update(weekday=["9:30-20:00"])),
    ("schedules.yaml", "until midnight", lambda d: hours(d)["hours"].update(weekday=["09:30-24:00"])),
    ("schedules.yaml", "two intervals",
     lambda d: hours(d)["hours"].update(weekday=["09:00-12:00", "13:00-17:00"])),
    ("card-center.yaml", "back: false beside a transfer", lambda d: option(d).update(back=False)),
    ("card-center.yaml", "recorded prompt", lambda d: d["menus"]["main"].update(prompt={"ja": {
        "play": "https://example.jp/main.mp3", "text": "1番か2番を押してください。"}})),
    ("temporary.yaml", "forced open", lambda d: d.update(changes=[{**CLOSED, "state": "open"}])),
    ("temporary.yaml", "closed with a message, offset given",
     lambda d: d.update(changes=[{**CLOSED, "end": "2026-12-01T12:00+09:00",
                                  "message": MESSAGE}])),
    ("temporary.yaml", "dated hours without end", lambda d: d.update(changes=[SATURDAYS])),
    ("temporary.yaml", "dated hours with an end and a message",
     lambda d: d.update(changes=[{**SATURDAYS, "end": "2027-01-01", "message": {"ja": "x"}}])),
    ("temporary.yaml", "an announcement", lambda d: d.update(announcements=[NOTICE])),
    ("scenarios.yaml", "a scenario", lambda d: d.update(scenarios=[SCENARIO])),
    ("scenarios.yaml", "keys as numbers, words heard as one text",
     lambda d: d.update(scenarios=[{**SCENARIO, "keys": [1], "expect": {"hears": "担当窓口"}}])),
]


def edited(file: str, edit: Edit, tmp_path: Path) -> tuple[Path, dict]:
    """A copy of the hotline fixture with `file`'s data edited; the folder and the data."""
    folder = tmp_path / "menus"
    shutil.copytree(HOTLINE, folder)
    path = folder / file
    data = copy.deepcopy(read_document(path).data) if path.exists() else {}
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder, data


@pytest.mark.parametrize("file, what, edit", REFUSED, ids=[what for _, what, _ in REFUSED])
def test_broken_files_are_refused_by_the_schema_and_by_loading(file, what, edit, tmp_path):
    folder, data = edited(file, edit, tmp_path)
    assert list(validator(schemas.kind_of(folder / file, folder)).iter_errors(data)) != []
    with pytest.raises(ConfigError):
        load_menus(folder)


@pytest.mark.parametrize("file, what, edit", ACCEPTED, ids=[what for _, what, _ in ACCEPTED])
def test_sound_files_are_accepted_by_the_schema_and_by_loading(file, what, edit, tmp_path):
    folder, data = edited(file, edit, tmp_path)
    assert [e.message for e in validator(schemas.kind_of(folder / file, folder)).iter_errors(data)] == []
    load_menus(folder)
