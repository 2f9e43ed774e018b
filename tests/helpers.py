"""Helpers the tests of several layers share (fixtures live in conftest.py)."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from ivr.calls.steps import CallState, Step
from ivr.menus.fields import Prompt, Recording
from ivr.menus.options import Option, Transfer, TransferOption

T = TypeVar("T")


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
