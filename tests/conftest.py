"""Fixtures shared by every layer: the shipped menus, edited copies of them, the app, a caller."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import HOTLINE

# No test records calls into the database of the shell that runs the tests, nor into the
# checkout's instance folder: the tests of call records name their own database, and so do
# the servers they start (these settings are inherited by every subprocess).
os.environ["IVR_DATABASE"] = "none"
for _name in ("IVR_HASH_KEY", "IVR_RETENTION_DAYS", "IVR_DASHBOARD_PASSWORD"):
    os.environ.pop(_name, None)

from tests.databases import postgres_server, records_url  # noqa: E402,F401 -- shared fixtures


@pytest.fixture
def edited_menus(tmp_path):
    """A copy of the shipped menus with edits {file: (old, new)}; each `old` must occur once."""

    def make(edits: dict[str, tuple[str, str]] | None = None) -> Path:
        folder = tmp_path / "menus"
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(HOTLINE, folder)
        for name, (old, new) in (edits or {}).items():
            path = folder / name
            text = path.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{old!r} should occur once in {name}"
            path.write_text(text.replace(old, new), encoding="utf-8")
        return folder

    return make


@pytest.fixture
def settings() -> dict[str, str]:
    """Settings for create_app; tests add to it before asking for `app`. No environment leaks in.

    The menus are not watched for edits (IVR_RELOAD=0): hundreds of apps are built in a run,
    and only the reload tests need a watcher thread each.
    """
    return {"IVR_MENUS": str(HOTLINE), "TWILIO_AUTH_TOKEN": "", "IVR_DIAL_OVERRIDE": "",
            "IVR_RELOAD": "0"}


@pytest.fixture
def app(settings):
    from ivr import create_app

    return create_app(settings)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def caller(app):
    """A simulated caller on the app: caller.dial("mynumber", at="2026-12-30T10:00+09:00")."""
    from ivr.simulator import Caller

    return Caller.for_app(app)
