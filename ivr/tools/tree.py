"""The phone tree as callers walk it: where each option leads, in the order callers meet the menus.

Every line is entered at its start menu (through its webhook, or a `line:` option of another
line); `menu:` options lead within a line, and `back:` returns to the menu of the line the
caller came from, that is, to any menu with a `line:` option to this line.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ivr.menus.model import Line
from ivr.menus.options import Option, Transfer, TransferOption


@dataclass(frozen=True, order=True)
class Place:
    """A menu of a line: where a caller can be."""

    line: str
    menu: str

    def __str__(self) -> str:
        return f"{self.line} {self.menu}"


def reachable_menus(line: Line) -> list[str]:
    """The menus a caller can reach from the line's start with `menu:` options, in tree order:
    depth first, options in the order the YAML lists them."""
    found: list[str] = []
    stack = [line.start]
    while stack:
        name = stack.pop()
        if name in found or name not in line.menus:
            continue
        found.append(name)
        stack.extend(reversed([option.next_menu for option in line.menus[name].options.values()
                               if option.next_menu]))
    return found


def menu_order(line: Line) -> list[str]:
    """Every menu of the line: those callers reach in tree order, then the others as written."""
    reached = reachable_menus(line)
    return reached + [name for name in line.menus if name not in reached]


def line_order(lines: Mapping[str, Line]) -> list[str]:
    """The default line, the lines its `line:` options lead to (depth first), then the others."""
    found: list[str] = []
    stack = [name for name in reversed(list(lines)) if not lines[name].default]
    stack += [name for name in lines if lines[name].default]
    while stack:
        name = stack.pop()
        if name in found:
            continue
        found.append(name)
        stack.extend(reversed([option.next_line for menu in menu_order(lines[name])
                               for option in lines[name].menus[menu].options.values()
                               if option.next_line and option.next_line not in found]))
    return found


def options(lines: Mapping[str, Line]) -> Iterator[tuple[Place, str, Option]]:
    """Every option of every line, in tree order: (where it is, its key, the option)."""
    for name in line_order(lines):
        line = lines[name]
        for menu in menu_order(line):
            for key, option in line.menus[menu].options.items():
                yield Place(name, menu), key, option


@dataclass(frozen=True)
class Desk:
    """A transfer option and the schedule it follows for some of the caller's languages."""

    place: Place
    key: str
    transfer: Transfer
    schedule: str
    languages: tuple[str, ...]  # the callers' languages it is for; () for every language

    def __str__(self) -> str:
        return f"{self.place} {self.key}"


def desks(lines: Mapping[str, Line]) -> list[Desk]:
    """Every transfer option in tree order, once per schedule where it differs by language."""
    found = []
    for place, key, option in options(lines):
        if not isinstance(option, TransferOption):
            continue
        named = option.transfer.schedule
        if isinstance(named, str):
            found.append(Desk(place, key, option.transfer, named, ()))
            continue
        for schedule in dict.fromkeys(named.values()):
            found.append(Desk(place, key, option.transfer, schedule, tuple(
                code for code in lines[place.line].languages if named[code] == schedule)))
    return found


def entries(lines: Mapping[str, Line], name: str) -> list[Place]:
    """The menus of other lines whose `line:` options lead to line `name`: where `back` returns."""
    return sorted({place for place, _, option in options(lines) if option.next_line == name})


def leads_to(lines: Mapping[str, Line], place: Place, option: Option) -> list[Place]:
    """Where pressing the option's key takes a caller; empty for transfers and messages."""
    if option.next_menu:
        return [Place(place.line, option.next_menu)]
    if option.next_line:
        return [Place(option.next_line, lines[option.next_line].start)]
    if option.goes_back:
        return entries(lines, place.line)
    return []


def places_reaching_a_transfer(lines: Mapping[str, Line]) -> set[Place]:
    """The menus from which some sequence of keys reaches a transfer option."""
    edges: dict[Place, set[Place]] = {}
    found: set[Place] = set()
    for place, _, option in options(lines):
        edges.setdefault(place, set()).update(leads_to(lines, place, option))
        if isinstance(option, TransferOption):
            found.add(place)
    grown = True
    while grown:
        more = {place for place, nexts in edges.items() if nexts & found} - found
        found |= more
        grown = bool(more)
    return found
