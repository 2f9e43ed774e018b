"""`python -m ivr schema KIND | --write`: the JSON Schema of each kind of menus file."""
from __future__ import annotations

import argparse

from ivr.menus import schemas
from ivr.tools.cli.errors import MenusUnreadable, UsageError
from ivr.tools.cli.options import add_menus, menus_folder

HELP = "print the JSON Schema of a kind of menus file, or --write them all into the menus"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", nargs="?", choices=list(schemas.KINDS),
                        help="which file: line (<line>.yaml), schedules, language "
                             "(languages/<code>.yaml) or temporary")
    parser.add_argument("--write", action="store_true",
                        help=f"write every kind into the menus folder's {schemas.SCHEMA_DIR}/")
    add_menus(parser)


def run(args: argparse.Namespace) -> int:
    if args.write:
        folder = menus_folder(args.menus)
        if not folder.is_dir():  # IVR_MENUS names nothing: say so, rather than fail to mkdir
            raise MenusUnreadable(f"{folder}: no such folder — give --menus a menus folder, "
                                  "e.g. menus/")
        for path in schemas.write(folder):
            print(f"wrote {path}")
        return 0
    if args.kind is None:
        raise UsageError(f"name a kind ({', '.join(schemas.KINDS)}), or give --write")
    print(schemas.text(args.kind), end="")
    return 0
