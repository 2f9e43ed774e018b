"""How a call travels over HTTP: its state in the follow-up URLs, its decision in a header, and —
in development — the instant it pretends to be.

The whole state of a call is in the URLs Twilio requests next, so any instance can answer any
turn: `/voice/<line>/<menu>?lang=ja&fails=0&back=mynumber/main/ja&v=8a48a01a040d` for a
menu's answer and `/voice/<line>/<menu>/dial/<key>?lang=ja&attempt=0&…` for a transfer's. What
comes back is read here, leniently and against the menus: a language the line lacks, a count
that is no number, a `back` that is malformed or leads nowhere any more become the line's first
language, 0 and none, so the navigator is always given a state it can use.

The X-IVR-Decision header names each answer's decision for simulators, benchmarks and logs,
e.g. `line=mynumber; menu=main; key=3; decision=closed; reason=year-end`. Its values may hold
what a caller said or pressed (「えーと」, a full-width ３), and an HTTP header must be Latin-1 —
gunicorn refuses the whole response otherwise — so every value is percent-encoded UTF-8
outside printable ASCII, and cut short: the JSON log line keeps the whole of it.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlencode

from ivr.calls.steps import CallState, Return
from ivr.menus.loader import Menus

DECISION_HEADER = "X-IVR-Decision"
# The simulators' pretend time (ISO 8601; no offset: the menus' zone), honoured in development.
PRETEND_TIME = "X-IVR-Pretend-Time"
# The same, set by code in the app's own process (the in-process simulator): no client can.
PRETEND_TIME_ENVIRON = "ivr.pretend_time"
# A value longer than this is cut, with "…" at its end (a caller may say a paragraph).
MAX_VALUE = 100
# More failures in a row than any menu allows; a larger count in a URL is read as this.
MAX_FAILS = 10
# Printable ASCII stays as it is, so the header reads plainly; ";" and "=" separate the pairs
# and "%" starts an escape, so those three are encoded too.
_PLAIN = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in ";=%")


@dataclass(frozen=True)
class FollowUps:
    """The URLs Twilio is to request next in a call answered by menus `version`."""

    version: str
    root: str = ""  # the app's path prefix when mounted below one (WSGI SCRIPT_NAME)

    def menu(self, state: CallState) -> str:
        return self._url(f"/voice/{_segment(state.line)}/{_segment(state.menu)}",
                         {"lang": state.lang, "fails": state.fails, "back": _back(state)})

    def dial(self, state: CallState, key: str, attempt: int) -> str:
        path = f"/voice/{_segment(state.line)}/{_segment(state.menu)}/dial/{_segment(key)}"
        return self._url(path, {"lang": state.lang, "attempt": attempt, "back": _back(state)})

    def _url(self, path: str, query: dict[str, object]) -> str:
        query["v"] = self.version
        kept = {name: value for name, value in query.items() if value is not None}
        return f"{self.root}{path}?{urlencode(kept, safe='/')}"


def read_state(line: str, menu: str, query: Mapping[str, str], menus: Menus) -> CallState:
    """The call's state from a follow-up URL's path and query, made usable with `menus`."""
    return CallState(line, menu, _language(line, query.get("lang", ""), menus),
                     read_count(query, "fails", MAX_FAILS), _read_back(query.get("back"), menus))


def read_count(query: Mapping[str, str], name: str, most: int) -> int:
    """A small count from the query (fails, attempt): 0 unless it is a number, at most `most`."""
    text = query.get(name, "")
    return min(int(text), most) if text.isascii() and text.isdigit() else 0


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


def _language(line: str, lang: str, menus: Menus) -> str:
    offered = menus.lines[line].languages if line in menus.lines else ()
    return lang if lang in offered or not offered else offered[0]


def _read_back(text: str | None, menus: Menus) -> Return | None:
    """`line/menu/lang` of a menu that still exists, in a language of its line; else None."""
    parts = (text or "").split("/")
    if len(parts) != 3:
        return None
    line, menu, lang = parts
    if line not in menus.lines or menu not in menus.lines[line].menus:
        return None
    return Return(line, menu, _language(line, lang, menus))


def _back(state: CallState) -> str | None:
    back = state.back
    return None if back is None else f"{back.line}/{back.menu}/{back.lang}"


def _segment(text: str) -> str:
    return quote(text, safe="")


def _encode(value: str) -> str:
    if len(value) > MAX_VALUE:
        value = value[:MAX_VALUE - 1] + "…"
    return quote(value, safe=_PLAIN)
