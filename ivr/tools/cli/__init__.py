"""The command line: one module per command, each with HELP, `configure(parser)` and `run(args)`.

Bad input never ends in a traceback: a command raises CommandError (one line, `error: …`, exit
2 for a bad argument value, 1 for menus that cannot be read), and loading raises ConfigError
(the menus' problems, exit 1). Anything else is a bug, and is left to show as one.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from ivr.menus.problems import ConfigError
from ivr.tools.cli.errors import CommandError

# Command name → module under ivr.tools.cli; each defines HELP, configure(parser) and run(args).
COMMANDS = {
    "call": "call",
    "check": "check",
    "schema": "schema",
    "hours": "hours",
    "graph": "graph",
    "script": "script",
    "report": "report",
}
# What a shell reports for a program that a closed pipe stopped (128 + SIGPIPE), as `yes | head`.
PIPE_CLOSED = 141


def main(argv: list[str] | None = None) -> int:
    try:
        try:
            return _run(argv)
        finally:
            sys.stdout.flush()  # here rather than at exit, so that a closed pipe is caught below
    except BrokenPipeError:
        # The reader stopped early (`| head`): nothing is wrong. Python would still try to flush
        # stdout at exit and complain, so stdout goes to devnull first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return PIPE_CLOSED
    except OSError as error:
        # The last line of defence: a file unreadable, vanished or unwritable under a command.
        where = f"{error.filename}: " if error.filename is not None else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        return 1


def _run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ivr",
                                     description="Check, explore and try the IVR's menus.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = {name: importlib.import_module(f"ivr.tools.cli.{module}")
               for name, module in COMMANDS.items()}
    for name, module in modules.items():
        module.configure(commands.add_parser(name, help=module.HELP, description=module.HELP))
    args = parser.parse_args(argv)
    try:
        return modules[args.command].run(args) or 0
    except CommandError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.status
    except ConfigError as error:
        print(f"The menus have problems:\n{error}", file=sys.stderr)
        return 1
