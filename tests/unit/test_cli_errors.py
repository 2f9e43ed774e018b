"""Every command, given bad input, says in one line what is wrong and what to write instead.

Exit status 2 for a bad argument value or setting, 1 for menus that cannot be read; never a
traceback. Each case pins the status and the first words of the message, which say what is
wrong.
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ivr.menus.instants import OutOfRange, read_instant
from ivr.tools.cli import main
from tests.helpers import HOTLINE, ROOT

TOKYO = ZoneInfo("Asia/Tokyo")
NOT_AN_INSTANT = ("is not a date and time — write ISO 8601, e.g. 2026-12-30T10:00+09:00, "
                  "or 2026-12-30T10:00 for Asia/Tokyo time")
OUT_OF_RANGE = "is out of range — write a date in the years 1900 to 2999"
GIVE_MENUS = "give a menus folder (the one holding schedules.yaml), or a .yaml file in it"
AT = ("--at", "2026-12-01T10:00")  # a Tuesday: card-center is open


@pytest.fixture(autouse=True)
def no_settings_from_the_environment(monkeypatch):
    for name in ("TWILIO_AUTH_TOKEN", "IVR_DIAL_OVERRIDE", "IVR_RELOAD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("IVR_MENUS", str(HOTLINE))  # the engine's tests' menus, not menus/
    monkeypatch.chdir(ROOT)


def run(capsys, *args: str) -> tuple[int, str]:
    """Run `python -m ivr ARGS` in-process: (exit status, stderr)."""
    capsys.readouterr()
    status = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, err


@pytest.mark.parametrize("args, status, message", [
    # Instants: unreadable, or so far off that the zone or a year's look-ahead overflows.
    (["script", "--lang", "ja", "--at", "yesterday"], 2, f"--at 'yesterday' {NOT_AN_INSTANT}"),
    (["hours", "--at", ""], 2, f"--at '' {NOT_AN_INSTANT}"),
    (["call", "mynumber", "--at", "30 December", "--keys", "1"], 2,
     f"--at '30 December' {NOT_AN_INSTANT}"),
    (["hours", "--at", "0001-01-01T00:00+09:00"], 2,
     f"--at '0001-01-01T00:00+09:00' {OUT_OF_RANGE}"),
    (["script", "--lang", "ja", "--at", "9999-12-31T23:59-05:00"], 2,
     f"--at '9999-12-31T23:59-05:00' {OUT_OF_RANGE}"),
    (["call", "mynumber", "--at", "9999-12-31T23:59-05:00", "--keys", "1"], 2,
     f"--at '9999-12-31T23:59-05:00' {OUT_OF_RANGE}"),
    (["hours", "--at", "9999-12-31T23:59"], 2, f"--at '9999-12-31T23:59' {OUT_OF_RANGE}"),
    (["call", "mynumber", "--at", "0001-01-01T00:00", "--keys", "1"], 2,
     f"--at '0001-01-01T00:00' {OUT_OF_RANGE}"),
    (["hours", "--at", "1899-12-31T23:59"], 2, f"--at '1899-12-31T23:59' {OUT_OF_RANGE}"),
    # Lines, languages, keys, kinds.
    (["call", "NOSUCHLINE", "--keys", "1"], 2, "unknown line 'NOSUCHLINE' — the lines in "),
    (["call", "card-center", *AT, "--keys", "busy"], 2,
     "--keys item 1 ('busy'): no transfer is ringing; type keys (0-9 * #)"),
    (["call", "card-center", *AT, "--keys", "1,answered,3"], 2,
     "--keys item 3 ('3'): the call has ended"),
    (["call", "card-center", *AT, "--keys", "say: "], 2,
     "--keys item 1 ('say: '): say what? e.g. say:English"),
    (["script", "--lang", "xx"], 2, "no line offers 'xx': the lines offer ja, en, "),
    (["script", "--lang", "ja", "--line", "nosuch"], 2, "no line 'nosuch': the lines are "),
    (["script", "--lang", "ja", "--line", ""], 2, "no line '': the lines are "),
    (["script", "--lang", "ja", "--line", "foreign"], 2, "foreign does not offer 'ja': "),
    (["schema"], 2, "name a kind (line, schedules, language, temporary, scenarios), or give "
                    "--write"),
    # Menus that cannot be read: a path that names no menus folder or file in one.
    (["check", "/no/such/path"], 1, f"/no/such/path: no such file or folder — {GIVE_MENUS}"),
    (["check", "README.md"], 1, f"README.md is not a YAML file — {GIVE_MENUS}"),
    (["check", "menus/schema/line.schema.json"], 1, "menus/schema/line.schema.json is not a YAML"),
    (["check", "/dev/null"], 1, "/dev/null is not a YAML file"),
    (["graph", "--menus", "/no/such"], 1, "/no/such: no such file or folder"),
    (["hours", "--menus", "README.md"], 1, "README.md is not a YAML file"),
    (["script", "--lang", "ja", "--menus", "/no/such"], 1, "/no/such: no such file or folder"),
    (["call", "--menus", "/no/such", "--keys", "1"], 1, "/no/such: no such file or folder"),
    (["call", "--menus", "README.md", "--keys", "1"], 1, "README.md is not a YAML file"),
    (["schema", "--write", "--menus", "/no/such"], 1, "/no/such: no such file or folder"),
])
def test_bad_input_is_one_line_naming_the_mistake(capsys, args, status, message):
    code, err = run(capsys, *args)
    assert (code, err.count("\n")) == (status, 1), err
    assert err.startswith(f"error: {message}")


@pytest.mark.parametrize("args, message", [
    (["hours", "--month", "2026-13"],
     "argument --month: '2026-13' is not a month: write YYYY-MM, e.g. 2026-12"),
    (["hours", "--month", "10000-01"], "argument --month: '10000-01' is not a month: write"),
    (["hours", "--month", "２０２６-01"], "argument --month: '２０２６-01' is not a month: write"),
    (["hours", "--month", "0000-01"],
     "argument --month: '0000-01' is out of range: write a month from 1900-01 to 2999-12"),
    (["hours", "--month", "9999-12"],  # the first day of the month after would be in year 10000
     "argument --month: '9999-12' is out of range: write a month from 1900-01 to 2999-12"),
    (["schema", "nosuchkind"], "argument kind: invalid choice: 'nosuchkind'"),
    (["graph", "--format", "svg"], "argument --format: invalid choice: 'svg'"),
    (["script", "--lang", "ja", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
])
def test_argparse_reports_a_bad_value_with_the_usage_and_exit_2(capsys, args, message):
    with pytest.raises(SystemExit) as exited:
        main(args)
    err = capsys.readouterr().err
    assert exited.value.code == 2 and "Traceback" not in err
    assert err.startswith(f"usage: python -m ivr {args[0]} ")
    assert err.splitlines()[-1].startswith(f"python -m ivr {args[0]}: error: {message}")


def test_the_ends_of_the_range_are_answered(capsys):
    assert run(capsys, "hours", "--at", "2999-12-31T23:59") == (0, "")
    assert run(capsys, "hours", "--at", "1900-01-01T00:00", "--month", "2999-12") == (0, "")
    assert run(capsys, "script", "--lang", "ja", "--at", "2999-12-31T23:59") == (0, "")


@pytest.mark.parametrize("name, value, message", [
    ("IVR_DIAL_OVERRIDE", "abc",
     "IVR_DIAL_OVERRIDE: 'abc' is not an E.164 phone number — write + then the country code"),
    ("IVR_PUBLIC_URL", "ivr.example.org",
     "IVR_PUBLIC_URL: 'ivr.example.org' is not the base URL Twilio calls — write the scheme"),
])
def test_a_bad_setting_for_call_is_named_as_a_setting_not_as_the_menus(
        capsys, monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    code, err = run(capsys, "call", "mynumber", *AT, "--keys", "1")
    assert (code, err.count("\n")) == (2, 1)
    assert err.startswith(f"error: {message}")


def test_a_folder_named_like_a_yaml_file(capsys, tmp_path, edited_menus):
    (tmp_path / "x.yaml").mkdir()
    assert run(capsys, "check", str(tmp_path / "x.yaml")) == (
        1, f"error: {tmp_path / 'x.yaml'} is a folder, not a YAML file — {GIVE_MENUS}, "
           "e.g. menus/\n")
    folder = edited_menus()
    (folder / "x.yaml").mkdir()  # inside a menus folder it is no line, and is left alone
    assert run(capsys, "check", "--strict", str(folder))[0] == 0
    holder = folder.rename(tmp_path / "menus.yaml")  # a menus folder may be called anything
    assert run(capsys, "graph", "--menus", str(holder))[0] == 0


@pytest.mark.parametrize("command", [["check"], ["graph"], ["hours"], ["script", "--lang", "ja"]])
@pytest.mark.parametrize("error", [
    PermissionError(13, "Permission denied", "menus/schedules.yaml"),
    FileNotFoundError(2, "No such file or directory", "menus/languages/ja.yaml"),
])
def test_a_file_that_cannot_be_read_is_named_with_the_reason(capsys, monkeypatch, command, error):
    """The last line of defence in main, whatever loading does with unreadable files."""

    def unreadable(folder, checks=()):
        raise error

    loader = "load_with_sources" if command[0] == "check" else "load_menus"
    monkeypatch.setattr(f"ivr.tools.cli.{command[0]}.{loader}", unreadable)
    assert run(capsys, *command) == (1, f"error: {error.filename}: {error.strerror}\n")


def test_a_menus_folder_that_cannot_be_read(capsys, monkeypatch, edited_menus):
    # As root, chmod does not stop reads: refuse them where the loader reads a file.
    folder = edited_menus()
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "schedules.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, err = run(capsys, "graph", "--menus", str(folder))
    assert code == 1
    assert str(folder / "schedules.yaml") in err and "Permission denied" in err


def test_interactive_input_that_is_not_utf8(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"\xff\n"), encoding="utf-8"))
    code, err = run(capsys, "call", "mynumber", *AT)
    assert code == 2
    assert err.endswith("\nerror: standard input is not UTF-8 text — type keys, say:WORDS or q, "
                        "or pipe in a UTF-8 file\n")


@pytest.mark.parametrize("text", ["0001-01-01T00:00+09:00", "9999-12-31T23:59-05:00",
                                  "9999-12-31T23:59", "1899-12-31T23:59+00:00"])
def test_read_instant_refuses_years_no_one_pretends_rather_than_overflow(text):
    with pytest.raises(ValueError) as raised:
        read_instant(text, TOKYO)
    assert isinstance(raised.value, OutOfRange)
    assert str(raised.value) == (f"{text!r} is out of range — write a date in the years 1900 "
                                 "to 2999, e.g. 2026-12-30T10:00")


def test_read_instant_gives_an_aware_instant_in_the_zone():
    moment = read_instant("2026-12-30T01:00Z", TOKYO)
    assert (moment.isoformat(), moment.tzinfo) == ("2026-12-30T10:00:00+09:00", TOKYO)
    assert read_instant(" 2026-12-30 10:00 ", TOKYO) == moment
    assert read_instant("2999-12-31T23:59", TOKYO).tzinfo is TOKYO  # the last year one pretends
    assert read_instant("2026-12-30T10:00", UTC).hour == 10
    with pytest.raises(ValueError, match="^'yesterday' is not a date and time — write ISO 8601"):
        read_instant("yesterday", TOKYO)


def ivr(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "IVR_MENUS": str(HOTLINE)}
    return subprocess.Popen([sys.executable, "-m", "ivr", *args], cwd=ROOT, env=env,
                            stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.parametrize("args", [
    ["call", "mynumber", "--at", "0001-01-01T00:00", "--keys", "1"],
    ["call", "mynumber", "--at", "9999-12-31T23:59", "--keys", "1"],
])
def test_a_far_off_instant_leaves_no_traceback_even_in_the_apps_logs(args):
    """In-process, the app's JSON logs escape capsys; a real process shows all of stderr."""
    process = ivr(*args, stdout=subprocess.DEVNULL)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (2, f"error: --at '{args[3]}' {OUT_OF_RANGE}, "
                                            "e.g. 2026-12-30T10:00\n")


def test_output_closed_before_it_is_written_is_no_error():
    """`python -m ivr hours --month 2027-01 | head -1`, the reader gone before the output."""
    read, write = os.pipe()
    os.close(read)
    process = ivr("hours", "--month", "2027-01", stdout=write)
    os.close(write)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (141, "")


def test_output_closed_after_the_first_line_is_no_error():
    """`python -m ivr call … --keys 3,2,busy | head -1`. Pressing * 300 times between makes more
    output than a pipe holds, so the call is still writing when the reader has gone."""
    keys = "3," + "*," * 300 + "2,busy"
    process = ivr("call", "mynumber", "--at", "2026-12-30T10:00", "--keys", keys,
                  stdout=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline() == "clock 2026-12-30T10:00:00+09:00\n"
    process.stdout.close()
    assert (process.wait(timeout=60), process.stderr.read()) == (141, "")
