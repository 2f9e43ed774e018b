"""The step line written straight to the stream is the line logging would write, and logging
takes over as soon as anyone else listens (pytest's capture, another handler, a filter)."""
from __future__ import annotations

import io
import json
import logging

import pytest

from ivr.web import logs

FIELDS = {"call_sid": "CA" + "1" * 32, "line": "mynumber", "menu": "main", "key": "3",
          "decision": "closed", "reason": "outside-hours", "menus": "abc123",
          "heard": "え" * 600}


@pytest.fixture
def alone(monkeypatch):
    """The ivr logger with a handler of configure()'s kind on a string, and nobody else: the
    test calls it, as pytest's own capture joins the root logger only once the test runs."""
    handler = logging.StreamHandler(io.StringIO())
    handler.setFormatter(logs.JsonFormatter())
    monkeypatch.setattr(logging.getLogger("ivr"), "handlers", [handler])
    monkeypatch.setattr(logging.getLogger("ivr"), "level", logging.INFO)
    monkeypatch.setattr(logs, "_own", [handler])

    def hush() -> logging.StreamHandler:
        monkeypatch.setattr(logging.root, "handlers", [])
        assert logs._sole_handler() is handler
        return handler

    return hush


def lines(handler) -> list[dict]:
    return [json.loads(line) for line in handler.stream.getvalue().splitlines()]


def test_the_step_line_written_straight_is_the_logged_one(alone, monkeypatch):
    handler = alone()
    monkeypatch.setattr("time.time", lambda: 1_764_000_000.25)
    logs.log_step(FIELDS)
    logs.CALLS.info("step", extra={"fields": FIELDS})  # through the logging machinery
    direct, logged = handler.stream.getvalue().splitlines()
    assert direct == logged
    assert lines(handler)[0]["heard"].endswith("… (600 characters)")


def test_anyone_else_listening_gets_the_step_through_logging(alone, caplog):
    handler = alone()
    for listening in (lambda: logging.root.addHandler(caplog.handler),
                      lambda: logs.CALLS.addFilter(lambda record: True)):
        listening()
        logs.log_step(FIELDS)
        assert caplog.records[-1].fields == FIELDS
    assert len(lines(handler)) == 2  # and the stream still has each line, once

