"""One JSON line per call step, so an operator can follow what a caller went through."""
from __future__ import annotations

import functools
import json
import logging
import sys
import time

from ivr.calls.navigator import Step

CALLS = logging.getLogger("ivr.calls")
# Longest text a field keeps: a CallSid is 34 characters, but a request may carry megabytes.
MAX_FIELD = 500


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json_line(record.created, record.levelname.lower(), record.getMessage(),
                         getattr(record, "fields", {}),
                         self.formatException(record.exc_info) if record.exc_info else None)


def json_line(created: float, level: str, event: str, fields: dict,
              error: str | None = None) -> str:
    """The JSON line of an event at the time.time() `created`."""
    entry = {"time": _local_time(int(created)), "level": level, "event": event,
             **{name: _short(value) for name, value in fields.items()}}
    if error is not None:
        entry["error"] = error
    return json.dumps(entry, ensure_ascii=False)


@functools.lru_cache(maxsize=4)  # a busy second's lines share one
def _local_time(second: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(second))


def _short(value: object) -> object:
    """A field cut to MAX_FIELD characters (each item of a list too), saying how long it was."""
    if isinstance(value, (list, tuple)):
        return [_short(item) for item in value]
    if isinstance(value, str) and len(value) > MAX_FIELD:
        return f"{value[:MAX_FIELD]}… ({len(value)} characters)"
    return value


_IVR = logging.getLogger("ivr")
# The handler configure() gave ivr.* logs, while it is the only one that hears them.
_own: list[logging.StreamHandler] = []


def configure() -> None:
    """Send ivr.* logs to stderr as JSON lines, once."""
    if not _IVR.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        _IVR.addHandler(handler)
        _IVR.setLevel(logging.INFO)
        _own[:] = [handler]


def step_fields(line: str | None, menu: str | None, step: Step) -> dict:
    """What the step line says of `step`, asked for at `line` and `menu`; the call's id aside."""
    state = step.state
    return {"line": state.line if state else line,
            "menu": state.menu if state else menu, "key": step.key,
            "decision": step.decision, "reason": step.reason}


def log_step(fields: dict) -> None:
    """The step line: written straight to the stream when configure()'s handler alone would
    write it, the same line at a fraction of the logging machinery's cost (a record, the
    caller's frame, locks, handlers up the tree); else logged, for whoever listens."""
    handler = _sole_handler()
    if handler is None:
        CALLS.info("step", extra={"fields": fields})
        return
    line = json_line(time.time(), "info", "step", fields) + "\n"
    handler.acquire()  # as the handler would: whole lines, whatever the threads
    try:
        handler.stream.write(line)
        handler.stream.flush()
    finally:
        handler.release()


def _sole_handler() -> logging.StreamHandler | None:
    """configure()'s handler, if a step line would reach it and nothing else."""
    if not _own or _IVR.handlers != _own or CALLS.handlers or logging.root.handlers \
            or CALLS.filters or _IVR.filters or not CALLS.isEnabledFor(logging.INFO):
        return None
    return _own[0]


def log_error(message: str, **fields: object) -> None:
    """Log an error; inside an `except` or error handler the traceback comes with it."""
    CALLS.error(message, exc_info=sys.exc_info()[0] is not None, extra={"fields": fields})
