"""`python -m ivr graph [--format mermaid|dot]`: the phone tree as a diagram."""
from __future__ import annotations

import argparse

from ivr.menus.loader import load_menus
from ivr.tools import diagram
from ivr.tools.cli.options import add_menus, menus_folder

HELP = "print the phone tree as a Mermaid (default) or Graphviz DOT diagram"
FORMATS = {"mermaid": diagram.mermaid, "dot": diagram.dot}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=list(FORMATS), default="mermaid",
                        help="mermaid (GitHub renders ```mermaid blocks) or dot (Graphviz)")
    add_menus(parser)


def run(args: argparse.Namespace) -> int:
    menus = load_menus(menus_folder(args.menus))
    print(FORMATS[args.format](diagram.build(menus)), end="")
    return 0
