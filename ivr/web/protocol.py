"""What travels over HTTP beside the TwiML: the X-IVR-Decision header, written and read here only.

The header names each answer's decision for simulators, benchmarks and proxies' logs, e.g.
`line=mynumber; menu=main; key=3; decision=closed; reason=year-end`. Its values may hold what
a caller said or pressed (「えーと」, a full-width ３), and an HTTP header must be Latin-1 —
gunicorn refuses the whole response otherwise — so every value is percent-encoded UTF-8 outside
printable ASCII, and cut short: the JSON log line keeps the whole of it.
"""
from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote, unquote

DECISION_HEADER = "X-IVR-Decision"
# A value longer than this is cut, with "…" at its end (a caller may say a paragraph).
MAX_VALUE = 100
# Printable ASCII stays as it is, so the header reads plainly; ";" and "=" separate the pairs
# and "%" starts an escape, so those three are encoded too.
_PLAIN = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in ";=%")


def decision_header(fields: Mapping[str, object]) -> str:
    """`key=value; …` of the fields that have a value, each value safe for an HTTP header."""
    return "; ".join(f"{name}={_encode(str(value))}" for name, value in fields.items()
                     if value is not None)


def read_decision_header(header: str | None) -> dict[str, str] | None:
    """The fields of a decision header as a dict; None when there was no header."""
    if header is None:
        return None
    pairs = (part.partition("=") for part in header.split(";") if "=" in part)
    return {name.strip(): unquote(value.strip()) for name, _, value in pairs}


def _encode(value: str) -> str:
    if len(value) > MAX_VALUE:
        value = value[:MAX_VALUE - 1] + "…"
    return quote(value, safe=_PLAIN)
