"""The mutants of a module: one small change each to the code inside its functions, the kind of
slip a test suite should notice — a comparison's boundary, `and` for `or`, a negated condition,
a number off by one, a flipped boolean, `return None`, a statement left out.

Each change is made to the source text at the node's position, so the rest of the module stays
byte for byte as written; module-level code, decorators, default values and annotations are
left alone (they run once, at import, where any test notices).
"""
from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

_FLIPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
# Statements whose absence a test should notice: calls for their effect, updates, branches,
# loops, raises and jumps (and, below, stores into an object or a container).
_DELETABLE = (ast.Expr, ast.AugAssign, ast.If, ast.For, ast.While, ast.Raise, ast.Continue,
              ast.Break, ast.Match)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
Located = ast.expr | ast.stmt  # what a mutant replaces: code with a position in the source


@dataclass(frozen=True)
class Mutant:
    path: str  # of the module, from the repository's root
    module: str  # its dotted name
    function: str  # the qualified name of the function changed
    line: int
    end_line: int
    change: str  # e.g. "`end <= start` → `end < start`"
    source: str  # the whole module, changed

    @property
    def key(self) -> str:
        """How the report names it, and the equivalents file too."""
        return f"{self.path} {self.function}: {self.change}"


def mutants(path: str, module: str, source: str) -> list[Mutant]:
    """Every mutant of `source` that compiles, none twice; a change made twice in one function
    is told apart by its rank there (#2)."""
    data = source.encode()
    starts = [0]
    for line in data.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    found: list[Mutant] = []
    seen = {source}
    ranks: Counter[str] = Counter()
    for function, node, replacement, change in _changes(ast.parse(source)):
        begin = starts[node.lineno - 1] + node.col_offset
        end = starts[(node.end_lineno or node.lineno) - 1] + (node.end_col_offset or 0)
        changed = (data[:begin] + replacement.encode() + data[end:]).decode()
        if changed in seen or not _compiles(changed, path):
            continue
        seen.add(changed)
        ranks[f"{function}: {change}"] += 1
        rank = ranks[f"{function}: {change}"]
        found.append(Mutant(path, module, function, node.lineno, node.end_lineno or node.lineno,
                            change + (f" #{rank}" if rank > 1 else ""), changed))
    return found


def _compiles(source: str, path: str) -> bool:
    try:
        compile(source, path, "exec", dont_inherit=True)
    except SyntaxError:
        return False
    return True


def _changes(tree: ast.Module) -> Iterator[tuple[str, Located, str, str]]:
    """(function, node replaced, its replacement, the change in words) for every function."""
    for function, body in _functions(tree, ""):
        for statement in body:
            for node in _nodes(statement):
                for target, replacement, change in _mutations(node):
                    yield function, target, replacement, change


def _functions(node: ast.AST, prefix: str) -> Iterator[tuple[str, list[ast.stmt]]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (*_FUNCTIONS, ast.ClassDef)):
            name = prefix + child.name
            if isinstance(child, _FUNCTIONS):
                yield name, _without_docstring(child.body)
            yield from _functions(child, name + ".")


def _without_docstring(body: list[ast.stmt]) -> list[ast.stmt]:
    first = body[0]
    is_docstring = (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str))
    return body[1:] if is_docstring else body


def _nodes(node: ast.AST) -> Iterator[ast.AST]:
    """`node` and what is inside it, but not nested functions (mutated as functions of their
    own), f-strings (whose positions Python 3.11 does not give), match patterns, arguments."""
    yield node
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, (*_FUNCTIONS, ast.ClassDef, ast.JoinedStr, ast.pattern,
                                  ast.arguments)):
            yield from _nodes(child)


def _mutations(node: ast.AST) -> Iterator[tuple[Located, str, str]]:
    """(node replaced, replacement text, the change in words) for each mutant of `node`."""
    match node:
        case ast.Compare(ops=ops):
            for index, op in enumerate(ops):
                flipped = ast.Compare(node.left, [*ops[:index], _FLIPS[type(op)](),
                                                  *ops[index + 1:]], node.comparators)
                yield _expression(node, flipped)
        case ast.BoolOp(op=op, values=values):
            yield _expression(node, ast.BoolOp(ast.Or() if isinstance(op, ast.And) else ast.And(),
                                               values))
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            yield _expression(node, operand)
        case ast.Constant(value=bool(value)):
            yield _expression(node, ast.Constant(not value))
        case ast.Constant(value=int(value)):
            yield _expression(node, ast.Constant(value + 1))
            yield _expression(node, ast.Constant(value - 1))
        case ast.Return(value=value) if value is not None and not _is_none(value):
            yield node, "return None", f"`{_short(node)}` → `return None`"
    if isinstance(node, (ast.If, ast.While, ast.IfExp)) and not _negated_elsewhere(node.test):
        yield _expression(node.test, ast.UnaryOp(ast.Not(), node.test))
    if isinstance(node, ast.stmt) and _deletable(node):
        yield node, "pass", f"delete `{_short(node)}`"


def _deletable(node: ast.stmt) -> bool:
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return False  # a string standing alone: a comment, in effect
    if isinstance(node, ast.If) and not node.orelse and len(node.body) == 1:
        return False  # deleting its one statement is the same mutant
    return isinstance(node, _DELETABLE) or (isinstance(node, ast.Assign) and all(
        isinstance(target, (ast.Attribute, ast.Subscript)) for target in node.targets))


def _negated_elsewhere(test: ast.expr) -> bool:
    """Whether negating `test` is a mutant made anyway: `not x` becomes `x`, and `a == b`,
    `a in b`, `a is b` flip to their opposites."""
    if isinstance(test, ast.UnaryOp):
        return isinstance(test.op, ast.Not)
    return isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(
        test.ops[0], (ast.Eq, ast.NotEq, ast.In, ast.NotIn, ast.Is, ast.IsNot))


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _expression(node: ast.expr, new: ast.expr) -> tuple[Located, str, str]:
    return node, f"({ast.unparse(new)})", f"`{_short(node)}` → `{_short(new)}`"


def _short(node: ast.AST, limit: int = 70) -> str:
    """The node's code on one line, cut at `limit` characters."""
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
