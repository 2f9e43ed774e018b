"""Helpers the tests of several layers share (fixtures live in conftest.py)."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from ivr.calls.steps import CallState, Step
from ivr.menus.fields import Prompt, Recording
from ivr.menus.options import Option, Transfer, TransferOption

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]
# The menus operators edit, and ship: only tests of what any sound menus must be (they load,
# check finds nothing, their own scenarios pass, Twilio takes their answers) read them.
SHIPPED_MENUS = ROOT / "menus"
# The hotline of the spec as the engine's tests know it: a copy of menus/ that tests pin word
# for word, so that an operator's correct edit of menus/ fails no test of the engine.
HOTLINE = ROOT / "tests" / "data" / "hotline"
LANGUAGES = sorted(p.stem for p in (HOTLINE / "languages").glob("*.yaml"))
# card-center's key 2 as the hotline fixture writes it: where tests add keys and menus.
CARD_KEY_2 = ('      "2":\n        transfer: {to: "+81570783578", fallback: "+815038181250", '
              'schedule: always}\n        words: {ja: [紛失, 盗難, なくした, 無くした, 失くした, 落とし, '
              '盗まれた, 止めたい, 停止]}\n')


def eventually(probe: Callable[[], T], seconds: float = 10.0, every: float = 0.05) -> T:
    """Call `probe` until it returns something true, and return that; fail after `seconds`
    with what it returned last. For what a running server does in its own time, such as
    taking up an edited menus file."""
    deadline = time.monotonic() + seconds
    while True:
        found = probe()
        if found or time.monotonic() > deadline:
            assert found, f"still {found!r} after {seconds} s"
            return found
        time.sleep(every)


def said(texts: Mapping[str, Prompt] | None, code: str) -> str:
    """The words of a prompt in language `code` (a recording's text), for tests that compare
    what a caller hears with what the menus say."""
    assert texts is not None, "no such prompt"
    prompt = texts[code]
    return prompt.text if isinstance(prompt, Recording) else prompt


def state_of(step: Step) -> CallState:
    """Where the call is after `step` (which must keep it going)."""
    assert step.state is not None, f"{step.decision}: the call has ended"
    return step.state


def transfer_of(option: Option) -> Transfer:
    """The transfer of an option that must be a transfer."""
    assert isinstance(option, TransferOption), f"not a transfer: {option!r}"
    return option.transfer


def log_fields(record: logging.LogRecord) -> dict[str, Any]:
    """The fields of one of the IVR's JSON log records (ivr.web.logs), as caplog caught it."""
    fields: dict[str, Any] = vars(record)["fields"]
    return fields


def line_of(text: str, needle: str) -> int:
    """The 1-based line on which `needle` starts; it must occur exactly once in `text`."""
    count = text.count(needle)
    assert count == 1, f"{needle!r} occurs {count} times, not once"
    return text[:text.index(needle)].count("\n") + 1


# --- edits to a copy of the menus ---------------------------------------------------------------

def edit(folder: Path, file: str, old: str, new: str) -> None:
    """Replace `old`, which must occur once, by `new` in `file` of the menus `folder`."""
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_card_menu(folder: Path, name: str, options: str) -> None:
    """One more menu in card-center.yaml, `name`, with `options` (YAML lines)."""
    edit(folder, "card-center.yaml", "menus:\n",
         f"menus:\n  {name}:\n    prompt: {{ja: {name}のご案内}}\n    options:\n{options}")


def add_card_key_3(folder: Path, option: str) -> None:
    """A key 3 in card-center's main menu doing `option` (YAML, e.g. "{menu: news}")."""
    edit(folder, "card-center.yaml", CARD_KEY_2, CARD_KEY_2 + f'      "3": {option}\n')


def write_changes(folder: Path, *changes: str) -> None:
    """temporary.yaml with `changes`, each a YAML list item in which {message} is a closure's
    message in every language."""
    message = "{" + ", ".join(f"{code}: 臨時休業" for code in LANGUAGES) + "}"
    (folder / "temporary.yaml").write_text(
        "changes:\n" + "".join(change.format(message=message) for change in changes),
        encoding="utf-8")
