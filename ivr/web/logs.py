"""One JSON line per call step, so an operator can follow what a caller went through."""
from __future__ import annotations

import json
import logging
import sys

from ivr.calls.navigator import Step

CALLS = logging.getLogger("ivr.calls")
# Longest text a field keeps: a CallSid is 34 characters, but a request may carry megabytes.
MAX_FIELD = 500


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = {name: _short(value) for name, value in getattr(record, "fields", {}).items()}
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
                 "level": record.levelname.lower(), "event": record.getMessage(), **fields}
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def _short(value: object) -> object:
    """A field cut to MAX_FIELD characters (each item of a list too), saying how long it was."""
    if isinstance(value, (list, tuple)):
        return [_short(item) for item in value]
    if isinstance(value, str) and len(value) > MAX_FIELD:
        return f"{value[:MAX_FIELD]}… ({len(value)} characters)"
    return value


def configure() -> None:
    """Send ivr.* logs to stderr as JSON lines, once."""
    root = logging.getLogger("ivr")
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
        root.setLevel(logging.INFO)


def step_fields(line: str | None, menu: str | None, step: Step) -> dict:
    """What the step line says of `step`, asked for at `line` and `menu`; the call's id aside."""
    state = step.state
    return {"line": state.line if state else line,
            "menu": state.menu if state else menu, "key": step.key,
            "decision": step.decision, "reason": step.reason}


def log_step(fields: dict) -> None:
    CALLS.info("step", extra={"fields": fields})


def log_error(message: str, **fields: object) -> None:
    """Log an error; inside an `except` or error handler the traceback comes with it."""
    CALLS.error(message, exc_info=sys.exc_info()[0] is not None, extra={"fields": fields})
