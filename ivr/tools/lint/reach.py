"""Warnings about the shape of the phone tree: where callers cannot go, or cannot get out of.

A caller who says nothing hears the menu again after each silence and is hung up on after
`max_failures` of them, in every menu: silence always ends a call. What a caller can lack is
a way *out*: from some menus no sequence of keys reaches a transfer, so a caller there can
only listen until they hang up or the silences end the call; and a caller sent to another line
by mistake cannot come back when that line offers no `back:`. Those are the menus without a
way out that `reach.warnings` reports, along with menus nobody reaches and options that lead
nowhere.
"""
from __future__ import annotations

from collections.abc import Mapping

from ivr.menus.model import Line
from ivr.menus.options import Option, SayOption
from ivr.menus.problems import Problem
from ivr.menus.yamlsource import Document
from ivr.tools import tree


def warnings(lines: Mapping[str, Line], docs: Mapping[str, Document]) -> list[Problem]:
    found: list[Problem] = []
    with_desk = tree.places_reaching_a_transfer(lines)
    for name, line in lines.items():
        doc, reached = docs[name], tree.reachable_menus(line)
        found += _unreachable(doc, line, reached)
        for menu_name in reached:
            place = tree.Place(name, menu_name)
            stuck = _option_warnings(lines, doc, place, found)
            if not stuck and place not in with_desk:
                found.append(doc.problem(
                    ("menus", menu_name),
                    f"a caller in menu {menu_name!r} can never reach a desk: no transfer can be "
                    "reached from it, so the call can only end, by hanging up or after "
                    f"{line.max_failures} silences",
                    "add a transfer: option, or a menu: or line: option that leads to one"))
    return found


def _unreachable(doc: Document, line: Line, reached: list[str]) -> list[Problem]:
    found = []
    for menu_name in line.menus:
        if menu_name in reached:
            continue
        sources = sorted(other for other, menu in line.menus.items()
                         if any(o.next_menu == menu_name for o in menu.options.values()))
        why = (f"only {', '.join(map(repr, sources))}, which no caller reaches either, "
               + ("leads" if len(sources) == 1 else "lead") + " to it" if sources
               else f"it is not the line's start ({line.start}) and no option leads to it")
        found.append(doc.problem(("menus", menu_name),
                                 f"no caller can reach menu {menu_name!r}: {why}",
                                 f"add `menu: {menu_name}` to an option of a menu callers "
                                 "reach, or delete this menu"))
    return found


def _option_warnings(lines: Mapping[str, Line], doc: Document, place: tree.Place,
                     found: list[Problem]) -> bool:
    """Add warnings about the menu's options; True when every one of them leads nowhere."""
    menu = lines[place.line].menus[place.menu]
    where = ("menus", place.menu)
    nowhere = 0
    for key, option in menu.options.items():
        problem = _leads_nowhere(lines, doc, place, key, option)
        if problem is not None:
            found.append(problem)
        if problem is not None or isinstance(option, SayOption):
            nowhere += 1
        if option.next_line and not _has_back(lines[option.next_line]):
            target = lines[option.next_line]
            found.append(doc.problem(
                where + ("options", key, "line"),
                f"key {key} leads to line {option.next_line!r}, which offers no back: option, so "
                "a caller who pressed it by mistake cannot come back",
                f"add an option `\"#\": {{back: true}}` to menu {target.start!r} of "
                f"{option.next_line}"))
    if nowhere == len(menu.options):
        found.append(doc.problem(where, f"every option of menu {place.menu!r} comes back to it, "
                                        "so a caller can go nowhere from here",
                                 "add an option with transfer:, menu: or line:"))
        return True
    return False


def _leads_nowhere(lines: Mapping[str, Line], doc: Document, place: tree.Place, key: str,
                   option: Option) -> Problem | None:
    where = ("menus", place.menu, "options", key)
    if option.next_menu == place.menu and not option.switches_to:
        return doc.problem(where + ("menu",),
                           f"key {key} leads to this same menu, which callers hear again "
                           "as with *", "point menu: at another menu, or remove this option")
    if option.goes_back and not tree.entries(lines, place.line):
        return doc.problem(where + ("back",),
                           f"key {key} goes back to the line the caller came from, but no "
                           f"line: option leads to {place.line}, so it is never offered",
                           f"add `line: {place.line}` to an option of another line, or "
                           "remove this option")
    return None


def _has_back(line: Line) -> bool:
    return any(option.goes_back for name in tree.reachable_menus(line)
               for option in line.menus[name].options.values())
