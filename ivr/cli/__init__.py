"""The command line: one module per command, each with HELP, `configure(parser)` and `run(args)`."""
from __future__ import annotations

import argparse
import importlib
import sys

from ivr.errors import ConfigError

# Command name → module under ivr.cli; each module defines HELP, configure(parser) and run(args).
COMMANDS = {
    "call": "call",
    "check": "check",
    "schema": "schema",
    "hours": "hours",
    "graph": "graph",
    "script": "script",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ivr",
                                     description="Check, explore and try the IVR's menus.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = {name: importlib.import_module(f"ivr.cli.{module}")
               for name, module in COMMANDS.items()}
    for name, module in modules.items():
        module.configure(commands.add_parser(name, help=module.HELP, description=module.HELP))
    args = parser.parse_args(argv)
    try:
        return modules[args.command].run(args) or 0
    except ConfigError as error:
        print(f"The menus have problems:\n{error}", file=sys.stderr)
        return 1
