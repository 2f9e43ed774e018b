"""IVR_DATABASE, IVR_RETENTION_DAYS and IVR_HASH_KEY: read once at start, with a named error for
each value that cannot be used; and where the records go when nothing is set."""
from __future__ import annotations

import stat
from pathlib import Path

import pytest
from flask import Flask

from ivr import create_app
from ivr.records.privacy import caller_hash, hash_key
from ivr.web.recording import APP_IMPORT_NAME, records_url
from ivr.web.settings import SettingError, Settings

BAD = [
    ("IVR_DATABASE", "mysql://user@host/db", "'mysql' is not a database the IVR records into",
     "write sqlite:///path/to/records.sqlite3, postgresql://user:password@host/dbname"),
    ("IVR_DATABASE", "records.sqlite3", "'records.sqlite3' is not a database URL", "or none"),
    ("IVR_DATABASE", "sqlite://", "names no file", "write sqlite:///path/to/records.sqlite3"),
    ("IVR_RETENTION_DAYS", "ninety", "'ninety' is not a number of days",
     "IVR_RETENTION_DAYS=90, or 0 to keep records for ever"),
    ("IVR_RETENTION_DAYS", "-1", "'-1' is not a number of days", "IVR_RETENTION_DAYS=90"),
]


@pytest.mark.parametrize("name, value, message, hint", BAD)
def test_a_setting_that_cannot_be_used_is_named_with_what_to_write(name, value, message, hint):
    with pytest.raises(SettingError) as raised:
        Settings.load({name: value}, environ={})
    problem, = raised.value.problems
    assert str(problem.file) == name and message in problem.message and hint in problem.hint


@pytest.mark.parametrize("value, url", [
    ("postgresql://ivr:secret@db.example.org/calls",
     "postgresql+psycopg://ivr:secret@db.example.org/calls"),
    ("postgresql+psycopg://ivr@/calls?host=/run/postgresql",
     "postgresql+psycopg://ivr@/calls?host=%2Frun%2Fpostgresql"),
    ("sqlite:////var/lib/ivr/records.sqlite3", "sqlite:////var/lib/ivr/records.sqlite3"),
])
def test_postgresql_urls_are_read_with_psycopg(value, url):
    assert Settings.load({"IVR_DATABASE": value}, environ={}).database == url


def test_by_default_calls_are_recorded_in_sqlite_in_the_instance_folder(settings, tmp_path):
    settings.pop("IVR_DATABASE", None)
    defaults = Settings.load({}, environ={})
    assert (defaults.database, defaults.retention_days) == ("", 90)
    url = records_url(defaults, tmp_path)
    assert url is not None and url.render_as_string() == f"sqlite:///{tmp_path / 'records.sqlite3'}"
    # Without a folder given (python -m ivr report), it is the instance folder of create_app's app.
    app = create_app(settings)  # not recording: only its instance folder is looked at
    assert Path(Flask(APP_IMPORT_NAME).instance_path) == Path(app.instance_path)
    assert records_url(Settings.load({"IVR_DATABASE": "None"}, environ={})) is None


def test_a_hash_key_is_made_once_into_the_instance_folder_for_its_owner_alone(tmp_path):
    made = hash_key(None, tmp_path / "instance")
    assert len(made) == 64 and hash_key(None, tmp_path / "instance") == made
    assert stat.S_IMODE((tmp_path / "instance" / "hash-key").stat().st_mode) == 0o600
    assert list((tmp_path / "instance").iterdir()) == [tmp_path / "instance" / "hash-key"]
    assert hash_key("set-by-the-operator", tmp_path / "elsewhere") == b"set-by-the-operator"
    assert not (tmp_path / "elsewhere").exists()


def test_one_number_is_one_hash_per_key_and_none_is_none():
    assert caller_hash(b"k", "+819011112222") == caller_hash(b"k", " +819011112222 ")
    assert caller_hash(b"k", "+819011112222") != caller_hash(b"other", "+819011112222")
    assert caller_hash(b"k", "") is None and caller_hash(b"k", None) is None
