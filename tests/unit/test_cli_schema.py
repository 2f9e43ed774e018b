"""`python -m ivr schema`: print one kind's JSON Schema, or write them all into a menus folder."""
from __future__ import annotations

import json

from ivr.menus import schemas
from ivr.tools.cli import main


def test_prints_the_schema_of_one_kind(capsys):
    assert main(["schema", "line"]) == 0
    out = capsys.readouterr().out
    assert out == schemas.text("line")
    line = json.loads(out)
    assert line["title"] == "A phone line of the IVR: menus/<line>.yaml"
    assert line["$defs"]["Transfer"]["properties"]["to"]["pattern"] == r"^\+[1-9][0-9]{6,14}$"
    assert line["$defs"]["Menu"]["properties"]["options"]["patternProperties"] == {
        "^[0-9#]$": {"$ref": "#/$defs/Option"}}
    assert line["$defs"]["Option"]["properties"]["words"]["description"].startswith(
        "what a caller may say instead of pressing the key: per language of the line")


def test_descriptions_name_the_placeholders_of_a_sentence(capsys):
    main(["schema", "language"])
    closed = json.loads(capsys.readouterr().out)["$defs"]["Messages"]["properties"]["closed"]
    assert closed["description"] == ("said when a desk is closed; the IVR fills in {hours}, "
                                     "{next_open}, {reason}")


def test_intervals_are_text(capsys):
    main(["schema", "schedules"])
    interval = json.loads(capsys.readouterr().out)["$defs"]["Interval"]
    assert interval["type"] == "string"
    assert interval["description"].startswith("open from the first time up to, not including")


def test_a_kind_is_needed_unless_writing(capsys):
    assert main(["schema"]) == 2
    assert capsys.readouterr().err == ("error: name a kind (line, schedules, language, temporary, scenarios), "
                                       "or give --write\n")


def test_write_puts_every_kind_into_the_menus_folder(capsys, tmp_path):
    assert main(["schema", "--write", "--menus", str(tmp_path)]) == 0
    written = [tmp_path / "schema" / f"{kind}.schema.json" for kind in schemas.KINDS]
    assert capsys.readouterr().out.splitlines() == [f"wrote {path}" for path in written]
    assert [path.read_text(encoding="utf-8") for path in written] == [
        schemas.text(kind) for kind in schemas.KINDS]
