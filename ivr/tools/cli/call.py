"""`python -m ivr call`: phone a line from a terminal, at any date and time, without Twilio.

It drives the app in-process with the tests' simulator (`ivr.tools.simulator.Caller`), which
also reads the items typed or given with --keys, and prints its transcript as the call goes.
The pretend time travels in the X-IVR-Pretend-Time header, the app's development clock.
With --url it calls a running server over HTTP instead, as Twilio would: signed with
TWILIO_AUTH_TOKEN when that is set, on the server's own clock and menus.
"""
from __future__ import annotations

import argparse
import difflib
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

from ivr.menus.loader import Menus
from ivr.tools.cli.errors import CommandError, UsageError
from ivr.tools.cli.options import instant, menus_folder
from ivr.tools.simulator import ActionError, Caller, SimulatorError
from ivr.web.factory import create_app
from ivr.web.settings import SettingError, Settings
from ivr.web.views import PRETEND_TIME

HELP = "Phone a line at any date and time: hear it, press keys, pick how transfers end."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        "Without --keys the call is interactive: type a key (or several) and Enter; Enter alone\n"
        "is silence; say:WORDS speaks at a menu that listens for speech; at a transfer type\n"
        "answered, busy, no answer or failed; q hangs up.\n\n"
        "exit status: 0 the call ran, 1 the menus or the app have a problem, 2 a bad argument,\n"
        "a bad setting (IVR_DIAL_OVERRIDE, IVR_RELOAD…) or a --keys item that does not fit.\n\n"
        "example: python -m ivr call mynumber --at 2026-12-30T10:00+09:00 --keys 3,2,busy\n"
        "         python -m ivr call mynumber --url http://127.0.0.1:5000 --keys 2,busy")
    parser.add_argument("line", nargs="?", metavar="LINE",
                        help="the line to call (default: the menus' default line, as /voice)")
    parser.add_argument("--at", metavar="INSTANT",
                        help="pretend it is this instant, ISO 8601: 2026-12-30T10:00+09:00; "
                             "without a UTC offset it is read in the menus' time zone "
                             "(Asia/Tokyo for the shipped menus); default: the real clock")
    parser.add_argument("--keys", metavar="ITEMS",
                        help="run the call from a script and print its transcript: items split "
                             "by commas, each a key or keys (0-9 * #), empty or - for silence, "
                             "say:WORDS, a transfer outcome (answered, busy, no-answer, failed) "
                             "or hangup; e.g. 3,,2,busy")
    parser.add_argument("--menus", metavar="PATH", type=Path,
                        help="the menus folder (default: IVR_MENUS, else the shipped menus/)")
    parser.add_argument("--url", metavar="BASE",
                        help="call the IVR running at this base URL over HTTP, e.g. "
                             "https://ivr.example.org, signed with TWILIO_AUTH_TOKEN when it is "
                             "set; the server's clock and menus answer, so no --at or --menus")


def run(args: argparse.Namespace) -> int:
    if args.url is not None:
        caller = _remote(args)
        print(f"server {args.url.rstrip('/')} (its own clock and menus)")
    else:
        app = _app(args.menus)
        menus: Menus = app.extensions["ivr"].menus
        _check_line(args.line, menus)
        at = instant("--at", args.at, menus.zone) if args.at is not None else None
        caller = Caller(client=app.test_client() if at is None else _PretendClient(app, at))
        print(f"clock {(at or datetime.now(menus.zone)).isoformat(timespec='seconds')}"
              + ("" if at else " (the real clock)"))
    shown = _Transcript(caller)
    scripted = args.keys is not None
    inputs = args.keys.split(",") if scripted else _typed(caller)
    with _quiet_step_logs():
        try:
            caller.dial(args.line)
            shown.flush()
            for number, text in enumerate(inputs, 1):
                try:
                    caller.act(text)  # the one reader of script items, the tests' as well
                except ActionError as error:
                    if scripted:
                        raise UsageError(f"--keys item {number} ({text!r}): {error}") from None
                    print(error, file=sys.stderr)
                shown.flush()
            if not caller.ended:
                caller.hang_up()  # the script or the input ran out: the tester puts the phone down
        except SimulatorError as error:  # the app answered something Twilio could not use
            forbidden = args.url is not None and "; status 403," in str(error)
            raise CommandError(str(error) + (_UNSIGNED if forbidden else "")) from None
        except OSError as error:  # urllib's URLError too: the server cannot be reached
            raise CommandError(f"cannot call {args.url}: {getattr(error, 'reason', error)} — "
                               "is the IVR running there?") from None
        finally:
            shown.flush()  # the transcript so far, before any error
    return 0


_UNSIGNED = (" — the server checks signatures: set TWILIO_AUTH_TOKEN to its auth token, and "
             "give --url the base URL it is configured with (IVR_PUBLIC_URL)")


def _remote(args: argparse.Namespace) -> Caller:
    """A caller of the server at --url, signing as Twilio does when TWILIO_AUTH_TOKEN is set."""
    for option, value in (("--at", args.at), ("--menus", args.menus)):
        if value is not None:
            what = "its own clock, which no caller can set" if option == "--at" else \
                "the menus it was started with"
            raise UsageError(f"{option} cannot be used with --url: the server answers on {what}; "
                             "leave out --url to call the menus here at any instant")
    parts = urlsplit(args.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--url {args.url!r} is not a web address — write the IVR's base URL, "
                         "e.g. https://ivr.example.org or http://127.0.0.1:5000")
    return Caller.for_url(args.url, auth_token=os.environ.get("TWILIO_AUTH_TOKEN") or None)


def _app(menus: Path | None) -> Flask:
    """The app as deployed (IVR_DIAL_OVERRIDE applies) on these menus, but for signatures."""
    # Signatures off, so the app honours the pretend time; no watcher: a call from a terminal
    # lasts seconds, and hears the menus as they were when it started.
    config = {"TWILIO_AUTH_TOKEN": "", "IVR_RELOAD": "0",
              **({"IVR_MENUS": str(menus_folder(menus))} if menus else {})}
    try:
        Settings.load(config)
    except SettingError as error:  # a setting's problem, not the menus': say so in its words
        raise UsageError("; ".join(f"{problem.file}: {problem.message} — {problem.hint}"
                                   for problem in error.problems)) from None
    return create_app(config)


class _PretendClient:
    """The app's test client, its requests carrying the pretend time in the development header."""

    def __init__(self, app: Any, at: datetime) -> None:
        self._client, self._at = app.test_client(), at.isoformat()

    def open(self, *args: Any, headers: dict[str, str], **kwargs: Any) -> Any:
        return self._client.open(*args, headers={**headers, PRETEND_TIME: self._at}, **kwargs)


class _Transcript:
    """Prints what the simulator's transcript gained since the last flush."""

    def __init__(self, caller: Caller) -> None:
        self._caller, self._printed = caller, 0

    def flush(self) -> None:
        text = self._caller.transcript_text()
        if len(text) > self._printed:
            print(text[self._printed:].lstrip("\n"), flush=True)
            self._printed = len(text)


def _check_line(line: str | None, menus: Menus) -> None:
    if line is None or line in menus.lines:
        return
    close = difflib.get_close_matches(line, menus.lines, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise UsageError(f"unknown line {line!r} — {hint}the lines in {menus.folder} are: "
                     f"{', '.join(sorted(menus.lines))}")


def _typed(caller: Caller) -> Iterator[str]:
    """Lines from stdin until the call ends, asked for on stderr so stdout stays the transcript."""
    while not caller.ended:
        if caller.waiting_for == "transfer":
            prompt = f"transfer to {caller.dialled[-1]}: answered, busy, no answer or failed? "
        else:
            speech = "speech" in (caller.gather or {}).get("input", "dtmf")
            prompt = ("key" + (" or say:WORDS" if speech else "")
                      + " (Enter: silence, q: hang up)> ")
        print(prompt, end="", file=sys.stderr, flush=True)
        try:
            line = sys.stdin.readline()
        except KeyboardInterrupt:
            line = ""
        except UnicodeDecodeError:
            print(file=sys.stderr)  # end the prompt's line
            raise UsageError("standard input is not UTF-8 text — type keys, say:WORDS or q, "
                             "or pipe in a UTF-8 file") from None
        if not line:  # end of input or Ctrl-C: the tester puts the phone down
            print(file=sys.stderr)
            return
        yield line.rstrip("\r\n")


@contextmanager
def _quiet_step_logs() -> Iterator[None]:
    """The transcript says what happened; the webhook's JSON step lines would only repeat it."""
    logger = logging.getLogger("ivr.calls")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
