"""`python -m ivr graph`: the phone tree as Mermaid or DOT, with each option's number and schedule."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from ivr.tools.cli import main
from tests.helpers import HOTLINE, ROOT, add_card_key_3


def graph(capsys, *args: str, menus=HOTLINE) -> str:
    assert main(["graph", "--menus", str(menus), *args]) == 0
    return capsys.readouterr().out


def test_mermaid_shows_each_line_menu_and_transfer(capsys):
    out = graph(capsys)
    lines = out.splitlines()
    assert lines[0] == "flowchart LR"
    assert [line.strip() for line in lines if "subgraph" in line] == [
        'subgraph line1["mynumber (default)"]', 'subgraph line2["foreign"]',
        'subgraph line3["card-center"]']
    assert '  n2(["/voice, /voice/mynumber"])' in lines
    assert '    n1["main"]' in lines
    assert ('    n8[/"transfer +81120950178<br/>fallback +815038181250<br/>schedule every-day"/]'
            in lines)
    assert ('    n14[/"transfer +81120017827<br/>fallback +81570064738<br/>'
            'foreign-a: en zh ko es pt<br/>foreign-b: vi th id tl ne"/]' in lines)
    assert "  n2 --> n1" in lines
    assert '  n1 -->|"9"| n3' in lines  # key 9 leads to the foreign line's start
    assert '  n3 -->|"1 en, 2 zh, 3 ko, 4 es, 5 pt, 6 vi, 7 th, 8 id, 9 tl, 0 ne"| n4' in lines
    assert '  n3 -.->|"#35; back"| n1' in lines  # back to where the caller came from
    assert '  n4 -->|"#35;"| n3' in lines
    declared = set(re.findall(r"^\s+(n\d+)[\[(]", out, re.M))
    linked = set(re.findall(r"\b(n\d+)\b", "\n".join(row for row in lines if "--" in row)))
    assert linked == declared and len(declared) == 18


def test_the_readme_shows_the_shipped_tree(capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```mermaid\n{graph(capsys)}```" in readme, "paste the output of: python -m ivr graph"


def test_dot_has_the_same_tree(capsys):
    out = graph(capsys, "--format", "dot")
    lines = out.splitlines()
    assert lines[:3] == ["digraph ivr {", "  rankdir=LR;", '  node [fontname="sans-serif"];']
    assert lines[-1] == "}"
    assert '    label="mynumber (default)";' in lines
    assert ('    n8 [shape=note, label="transfer +81120950178\\nfallback +815038181250\\n'
            'schedule every-day"];' in lines)
    assert '  n1 -> n3 [label="9"];' in lines
    assert '  n3 -> n1 [label="# back", style=dashed];' in lines
    assert out.count("{") == out.count("}")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graphviz_reads_the_dot(capsys):
    result = subprocess.run(["dot", "-Tsvg"], input=graph(capsys, "--format", "dot"),
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_quotes_and_hashes_in_a_message_are_escaped(capsys, edited_menus):
    folder = edited_menus()
    add_card_key_3(folder, '{say: {ja: "「#」は\\"シャープ\\"です"}}')
    mermaid = graph(capsys, menus=folder)
    assert '    n19("say: 「#35;」は#quot;シャープ#quot;です")' in mermaid
    dot = graph(capsys, "--format", "dot", menus=folder)
    assert 'label="say: 「#」は\\"シャープ\\"です"' in dot


def test_a_long_message_is_cut(capsys, edited_menus):
    folder = edited_menus()
    add_card_key_3(folder, "{say: {ja: " + "あ" * 30 + "}}")
    assert '("say: ' + "あ" * 23 + '…")' in graph(capsys, menus=folder)
