"""Broken menus stop the production command once, with the loader's message; no worker loop."""
import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT
from tests.live.servers import free_port


def break_a_time(menus) -> str:
    """Make the first opening time of schedules.yaml 25:30; the message the loader gives."""
    path = menus / "schedules.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index('"', text.index("hours:")) + 1
    path.write_text(text[:at] + "25" + text[at + 2:], encoding="utf-8")
    line = text.count("\n", 0, at) + 1
    column = at - text.rindex("\n", 0, at)
    return f"{path}:{line}:{column - 1}: '25:"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_broken_menus_exit_once_naming_file_and_line(edited_menus, workers):
    menus = edited_menus()
    message = break_a_time(menus)
    done = subprocess.run(
        [sys.executable, "-m", "gunicorn", "app:app", "--bind", f"127.0.0.1:{free_port()}",
         "--workers", workers],
        cwd=ROOT, env={**os.environ, "IVR_MENUS": str(menus)}, capture_output=True, text=True,
        timeout=30)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert output.count("The IVR cannot start: the menus have problems.") == 1
    assert output.count(message) == 1
    assert "Booting worker" not in output and "Traceback" not in output


def test_a_bad_setting_exits_once_naming_it(edited_menus):
    done = subprocess.run(
        [sys.executable, "-m", "gunicorn", "app:app", "--bind", f"127.0.0.1:{free_port()}"],
        cwd=ROOT, env={**os.environ, "IVR_PUBLIC_URL": "ivr.example.org"},
        capture_output=True, text=True, timeout=30)
    assert done.returncode == 1
    assert "'ivr.example.org' is not the base URL Twilio calls" in done.stderr
    assert "Booting worker" not in done.stderr and "Traceback" not in done.stderr
