"""The layers stay honest: menus, calls and records import no web framework, and each layer
imports only the layers below it (menus ← calls ← records ← web ← tools)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "ivr"
# Each may import those before it. Call records sit between calls and web: they are built from
# the navigator's decisions, and the webhook, the dashboard and the report all read them, yet
# they need no web framework (a database and its migrations are theirs alone).
LAYERS = ["menus", "calls", "records", "web", "tools"]
WEB_FRAMEWORKS = ("flask", "werkzeug", "twilio", "jinja2", "gunicorn")


def imports(path: Path) -> set[str]:
    """Every module `path` imports, absolute, at any depth of the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", ["menus", "calls", "records"])
def test_the_core_imports_no_web_framework(layer):
    found = {f"{path.relative_to(ROOT)}: {name}" for path in modules(layer)
             for name in imports(path) if name.split(".")[0] in WEB_FRAMEWORKS}
    assert not found


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_imports_only_the_layers_below_it(layer):
    above = LAYERS[LAYERS.index(layer) + 1:]
    found = {f"{path.relative_to(ROOT)}: {name}" for path in modules(layer)
             for name in imports(path)
             if any(name == f"ivr.{other}" or name.startswith(f"ivr.{other}.") for other in above)}
    assert not found


def test_every_module_is_in_a_layer():
    loose = {path.name for path in PACKAGE.glob("*.py")}
    # app.py is the composition root, above every layer: the web app must not import the tools,
    # yet in development it serves the browser simulator, which drives the simulated caller.
    assert loose == {"__init__.py", "__main__.py", "app.py", "simulator.py"}


def test_importing_the_core_loads_no_web_framework():
    code = ("import sys, ivr, ivr.menus.loader, ivr.calls.navigator, ivr.calls.phrasing,"
            " ivr.records.writer, ivr.records.figures\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {WEB_FRAMEWORKS!r}))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "[]"
