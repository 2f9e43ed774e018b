"""`python -m ivr script --lang L [--line LINE] [--format text|markdown]`: what callers hear."""
from __future__ import annotations

import argparse
from datetime import datetime

from ivr.menus.loader import Menus, load_menus
from ivr.tools import tree
from ivr.tools.cli import text
from ivr.tools.cli.errors import UsageError
from ivr.tools.cli.options import add_menus, instant, menus_folder
from ivr.tools.script import Part, script

HELP = "print everything a caller can hear on a line in one language, for review"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", required=True, metavar="L", help="a language code, e.g. ja")
    parser.add_argument("--line", metavar="LINE",
                        help="one line (default: every line that offers the language)")
    parser.add_argument("--format", choices=["text", "markdown"], default="text")
    parser.add_argument("--at", metavar="INSTANT",
                        help="example closures are the first after this ISO 8601 instant "
                             "(default: now); without an offset, in the menus' time zone")
    add_menus(parser)


def run(args: argparse.Namespace) -> int:
    menus = load_menus(menus_folder(args.menus))
    names = [args.line] if args.line is not None else [
        name for name in tree.line_order(menus.lines) if args.lang in menus.lines[name].languages]
    problem = _problem(menus, args.lang, names, args.line)
    if problem:
        raise UsageError(problem)
    now = instant("--at", args.at, menus.zone) if args.at is not None else datetime.now(menus.zone)
    render = markdown if args.format == "markdown" else plain
    print("\n\n".join(render(menus, name, args.lang, script(menus, name, args.lang, now))
                      for name in names))
    return 0


def _problem(menus: Menus, code: str, names: list[str], asked: str | None) -> str | None:
    if asked is not None and asked not in menus.lines:
        return f"no line {asked!r}: the lines are {', '.join(tree.line_order(menus.lines))}"
    if not names:
        every = dict.fromkeys(language for name in tree.line_order(menus.lines)
                              for language in menus.lines[name].languages)
        return f"no line offers {code!r}: the lines offer {', '.join(every)}"
    offered = menus.lines[names[0]].languages
    if code not in offered:
        return f"{names[0]} does not offer {code!r}: it offers {', '.join(offered)}"
    return None


def _heading(menus: Menus, name: str, code: str) -> str:
    language = menus.languages[code]
    return f"Line {name} in {code} (voice {language.voice}, {language.say})"


def _label(said, code: str) -> str:
    label = said.label[0].upper() + said.label[1:]
    if said.language:
        label += f" [in {said.language}]"
    if said.example:
        label += f" (e.g. {text.moment(said.example)})"
    return label


def plain(menus: Menus, name: str, code: str, parts: list[Part]) -> str:
    out = [_heading(menus, name, code)]
    for part in parts:
        out += ["", part.title, "-" * len(part.title)]
        for said in part.said:
            indent = "  " * said.depth
            out.append(f"{indent}{_label(said, code)}" + (":" if said.text else ""))
            if said.text:
                out.append(f"{indent}    {said.text}")
    return "\n".join(out)


def markdown(menus: Menus, name: str, code: str, parts: list[Part]) -> str:
    out = [f"# {_heading(menus, name, code)}"]
    for part in parts:
        out += ["", f"## {part.title}", ""]
        for said in part.said:
            indent = "  " * said.depth
            label = _label(said, code)
            out.append(f"{indent}- **{label}**" + (f": {said.text}" if said.text else ""))
    return "\n".join(out)
