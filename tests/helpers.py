"""Helpers the tests of several layers share (fixtures live in conftest.py)."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

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
