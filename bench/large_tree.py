"""Write a large, valid menus folder: LINES lines × MENUS menus, in every shipped language.

It copies the shipped schedules.yaml, every languages/*.yaml and the shipped lines as they are
(so bench/mix.py's rows resolve on it exactly as on the shipped menus), then adds LINES
generated lines line-NN. Each generated menu has 10 keys: transfers across every shipped
schedule, two sub-menus, a message; every prompt, greeting and message is in every language.

Usage: python bench/large_tree.py DEST [SOURCE_MENUS] [LINES] [MENUS]   (prints a JSON summary)
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import yaml

from ivr.menus.loader import CHANGES_FILE, SCENARIOS_FILE, SCHEDULES_FILE

KEYS = "1234567890#"


# The menus folder's files that are not lines.
NOT_LINES = {SCHEDULES_FILE, CHANGES_FILE, SCENARIOS_FILE}


def generate(dest: Path, source: Path, lines: int = 50, menus: int = 20) -> dict:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source / "languages", dest / "languages", dirs_exist_ok=True)
    codes = sorted(p.stem for p in (dest / "languages").glob("*.yaml"))
    schedules = list(yaml.safe_load((source / "schedules.yaml").read_text("utf-8"))["schedules"])
    for shipped in source.glob("*.yaml"):  # schedules.yaml and the shipped lines
        shutil.copy(shipped, dest / shipped.name)
    menu_names = ["main"] + [f"menu-{m:02}" for m in range(1, menus)]
    size = 0
    for n in range(lines):
        name = f"line-{n:02}"
        doc = {"numbers": [f"+8150900{n:05}"], "languages": codes,
               "greeting": _texts(codes, f"{name} へようこそ。", 3), "start": "main",
               "menus": {m: _menu(codes, menu_names, i, schedules, n) for i, m in
                         enumerate(menu_names)}}
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)
        (dest / f"{name}.yaml").write_text(text, encoding="utf-8")
        size += len(text.encode())
    return {"folder": str(dest), "lines": lines, "menus_per_line": len(menu_names),
            "languages": codes, "options": lines * len(menu_names) * 10, "line_yaml_bytes": size,
            "shipped_lines": sorted(p.stem for p in source.glob("*.yaml")
                                    if p.name not in NOT_LINES)}


def _menu(codes, menu_names, i, schedules, n) -> dict:
    options = {}
    for k, key in enumerate(KEYS[:7]):
        schedule = schedules[k % len(schedules)]
        options[key] = {"transfer": {"to": f"+8112095{n:02}{k:02}",
                                     "fallback": f"+8150381{n:02}{k:02}", "schedule": schedule}}
    options[KEYS[7]] = {"menu": menu_names[(i + 1) % len(menu_names)]}
    options[KEYS[8]] = {"menu": menu_names[(i + 2) % len(menu_names)]}
    options[KEYS[9]] = {"say": _texts(codes, f"メニュー{i}のお知らせです。", 2)}
    return {"prompt": _texts(codes, f"メニュー{i}: ご用件の番号を押してください。", 12),
            "options": options}


def _texts(codes, sentence: str, repeat: int) -> dict:
    """A text per language, about as long as the shipped prompts (~40 characters per repeat)."""
    return {code: f"[{code}] " + " ".join(f"{sentence}{r + 1}番のご案内。" for r in range(repeat))
            for code in codes}


if __name__ == "__main__":
    args = sys.argv[1:]
    result = generate(Path(args[0]), Path(args[1] if len(args) > 1 else "menus"),
                      *(int(a) for a in args[2:4]))
    print(json.dumps(result, ensure_ascii=False))
