"""The phone tree as a diagram: each line's menus, where each key leads, and each transfer's
numbers and schedule; written as Mermaid (GitHub renders it in Markdown) or Graphviz DOT."""
from __future__ import annotations

from dataclasses import dataclass, field

from ivr.menus.fields import Recording
from ivr.menus.loader import Menus
from ivr.menus.options import SayOption, Transfer, TransferOption
from ivr.tools import agenda, tree

EXCERPT = 24  # characters of a message shown in its node


@dataclass(frozen=True)
class Node:
    id: str
    kind: str  # "call" (how a call comes in), "menu", "transfer" or "message"
    label: tuple[str, ...]  # lines
    line: str | None = None  # the line whose box holds it


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    back: bool = False  # returns to where the caller came from


@dataclass
class Diagram:
    nodes: list[Node] = field(default_factory=list)
    edges: dict[Edge, list[str]] = field(default_factory=dict)  # with the keys that lead there
    boxes: dict[str, str] = field(default_factory=dict)  # line → its box's title

    def add(self, kind: str, label: tuple[str, ...], line: str | None = None) -> str:
        node = Node(f"n{len(self.nodes) + 1}", kind, label, line)
        self.nodes.append(node)
        return node.id

    def link(self, source: str, target: str, key: str | None = None, back: bool = False) -> None:
        """An arrow for `key`; keys leading to the same place share one arrow."""
        self.edges.setdefault(Edge(source, target, back), []).extend([key] if key else [])


def build(menus: Menus) -> Diagram:
    diagram = Diagram()
    ids: dict[tree.Place, str] = {}
    for name in tree.line_order(menus.lines):
        line = menus.lines[name]
        diagram.boxes[name] = name + (" (default)" if name == menus.default_line else "")
        for menu in tree.menu_order(line):
            ids[tree.Place(name, menu)] = diagram.add("menu", (menu,), name)
        urls = (["/voice"] if name == menus.default_line else []) + [f"/voice/{name}"]
        entry = diagram.add("call", (", ".join(urls),))
        diagram.link(entry, ids[tree.Place(name, line.start)])
    for place, key, option in tree.options(menus.lines):
        # Transfers and messages end in a node of their own; other keys lead to menus.
        if isinstance(option, TransferOption):
            target = diagram.add("transfer", _transfer(option.transfer, menus), place.line)
            diagram.link(ids[place], target, key)
        elif isinstance(option, SayOption):
            said = next(iter(option.say.values()))
            said = said.text if isinstance(said, Recording) else said
            target = diagram.add("message", ("say: " + _excerpt(said),), place.line)
            diagram.link(ids[place], target, key)
        switch = f" {option.switches_to}" if option.switches_to else ""
        for destination in tree.leads_to(menus.lines, place, option):
            label = f"{key} back" if option.goes_back else key + switch
            diagram.link(ids[place], ids[destination], label, option.goes_back)
    return diagram


def _transfer(transfer: Transfer, menus: Menus) -> tuple[str, ...]:
    """The numbers, the schedule (one per group of languages), and the schedules' dated hours."""
    lines = [f"transfer {transfer.to}"]
    if transfer.fallback:
        lines.append(f"fallback {transfer.fallback}")
    if isinstance(transfer.schedule, str):
        lines.append(f"schedule {transfer.schedule}")
        named = [transfer.schedule]
    else:
        by_schedule: dict[str, list[str]] = {}
        for code, name in transfer.schedule.items():
            by_schedule.setdefault(name, []).append(code)
        lines += [f"{name}: {' '.join(codes)}" for name, codes in by_schedule.items()]
        named = list(by_schedule)
    return (*lines, *(f"{name} {agenda.dated_rule(change)}" for name in named
                      for change in menus.changes[name] if change.hours is not None))


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[:EXCERPT - 1] + "…"


_MERMAID_SHAPES = {"call": '(["{}"])', "menu": '["{}"]', "transfer": '[/"{}"/]',
                   "message": '("{}")'}


def mermaid(diagram: Diagram) -> str:
    def quoted(text: str) -> str:
        return text.replace("#", "#35;").replace('"', "#quot;")

    def node(n: Node) -> str:
        return n.id + _MERMAID_SHAPES[n.kind].format("<br/>".join(map(quoted, n.label)))

    out = ["flowchart LR"]
    out += [f"  {node(n)}" for n in diagram.nodes if n.line is None]
    for index, (line, title) in enumerate(diagram.boxes.items(), 1):
        out.append(f'  subgraph line{index}["{quoted(title)}"]')
        out += [f"    {node(n)}" for n in diagram.nodes if n.line == line]
        out.append("  end")
    for e, keys in diagram.edges.items():
        arrow = "-.->" if e.back else "-->"
        out.append(f"  {e.source} {arrow}" + (f'|"{quoted(", ".join(keys))}"|' if keys else "")
                   + f" {e.target}")
    return "\n".join(out) + "\n"


_DOT_SHAPES = {"call": "oval", "menu": "box", "transfer": "note", "message": "ellipse"}


def dot(diagram: Diagram) -> str:
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def node(n: Node) -> str:
        label = quoted("\n".join(n.label)).replace("\n", "\\n")
        return f"{n.id} [shape={_DOT_SHAPES[n.kind]}, label={label}];"

    out = ["digraph ivr {", "  rankdir=LR;", '  node [fontname="sans-serif"];']
    out += [f"  {node(n)}" for n in diagram.nodes if n.line is None]
    for index, (line, title) in enumerate(diagram.boxes.items(), 1):
        out.append(f"  subgraph cluster_{index} {{")
        out.append(f"    label={quoted(title)};")
        out += [f"    {node(n)}" for n in diagram.nodes if n.line == line]
        out.append("  }")
    for e, keys in diagram.edges.items():
        attributes = [f"label={quoted(', '.join(keys))}"] if keys else []
        attributes += ["style=dashed"] if e.back else []
        out.append(f"  {e.source} -> {e.target}"
                   + (f" [{', '.join(attributes)}]" if attributes else "") + ";")
    return "\n".join(out + ["}"]) + "\n"
