"""The request mix: one table of Twilio requests, resolved against the app itself.

Each row is a short call made with `ivr.simulator.Caller` on the app in-process; the request
its last input makes (method, URL the app itself answered with, Twilio's parameters) is the
row's request. So URLs are never written here by hand, and keys are chosen by what they do
(`key:always` = the key whose desk has schedule `always`), not by their number.

A tree with lines the rows do not name (bench/large_tree.py's generated ones) gets them called
too: each copy of the mix plays the rows of the default line (and of /voice, routed there by the
line's number) on one of those lines in turn, so that the requests cover the tree, not only the
shipped lines inside it. A row whose key that line lacks stays on the default line for it.

Usage: python bench/mix.py MENUS COPIES OUT.tsv BASE_URL AUTH_TOKEN [OUT.tsv BASE_URL AUTH_TOKEN]...
One resolution, written once for each server: its URL and its token ("" = unsigned); each
OUT.tsv gets an OUT.json beside it describing the rows.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

# what, weight, line (None: POST /voice, routed by To), inputs: items of a caller's script, as
# `python -m ivr call --keys` and Caller.act read them ("*", "-" for silence, "busy", "answered",
# "no answer"…), or a key chosen by what it does: "key:<schedule>" (the first key transferring
# with it) | "key:invalid" | "key:first" | "key:menu" | "key:say" | "key:line".
# Add a row here; a row naming a line the menus lack, or a key kind its menu lacks, is skipped
# and reported.
MIX = [
    ("new call, POST /voice", 20, None, []),
    ("new call, card-center", 5, "card-center", []),
    ("key of an every-day desk (clock decides)", 8, "mynumber", ["key:every-day"]),
    ("key of the always-open desk (transfer)", 8, "mynumber", ["key:always"]),
    ("key of a standard desk (clock decides)", 12, "mynumber", ["key:standard"]),
    ("card-center: card-weekdays desk (clock)", 4, "card-center", ["key:card-weekdays"]),
    ("card-center: always-open desk", 2, "card-center", ["key:always"]),
    ("transfer busy (to fallback)", 4, "mynumber", ["key:always", "busy"]),
    ("fallback no-answer (transfer failed)", 2, "mynumber",
     ["key:always", "busy", "no answer"]),
    ("transfer completed (connected)", 10, "mynumber", ["key:always", "answered"]),
    ("invalid key", 5, "mynumber", ["key:invalid"]),
    ("silence", 4, "mynumber", ["-"]),
    ("third silence (goodbye)", 1, "mynumber", ["-", "-", "-"]),
    ("repeat (*)", 2, "mynumber", ["*"]),
    ("key to the foreign-language line", 2, "mynumber", ["key:line"]),
    ("new call, foreign", 5, "foreign", []),
    ("foreign: choose a language (first key)", 4, "foreign", ["key:first"]),
    ("foreign: first desk in that language", 4, "foreign", ["key:first", "key:first"]),
]


@dataclass(frozen=True)
class Request:
    row: int
    what: str
    method: str
    path: str  # path and query, as the app wrote it
    params: dict


class NoKey(Exception):
    """The menu has no key of the kind a row asks for."""


def resolve(app, rows=MIX) -> tuple[list[Request], list[str]]:
    """The request of each row on `app`, and the rows skipped (line or key not in these menus)."""
    done, skipped = _resolve(app, rows)
    return done, [f"{what} ({why})" for what, why in skipped]


def _resolve(app, rows=MIX, onto: str | None = None
             ) -> tuple[list[Request], list[tuple[str, str]]]:
    """The requests, and the rows skipped with why; onto: only the rows of the default line and
    of /voice, played on line `onto` instead (a new call to /voice routed there by the line's
    first number, as Twilio's would be)."""
    from ivr.simulator import Caller

    menus = app.extensions["ivr"].menus
    default = next((name for name, line in menus.lines.items() if line.default), None)
    done, skipped = [], []
    for index, (what, _, line, inputs) in enumerate(rows):
        to = None
        if onto is not None:
            if line is not None and line != default:
                continue
            numbers = menus.lines[onto].numbers
            line, to = (onto, None) if line is not None or not numbers else (None, numbers[0])
        if line is not None and line not in menus.lines:
            skipped.append((what, f"no line {line!r}"))
            continue
        caller = Caller.for_app(app)
        before = 0
        try:
            caller.dial(line, to=to)
            for step in inputs:
                before = len(caller.requests)
                caller.act(_key(menus, caller.decision, step[4:]) if step.startswith("key:")
                           else step)
        except NoKey as error:
            skipped.append((what, str(error)))
            continue
        except Exception as error:  # the app answered something a call cannot go on with
            raise SystemExit(f"bench/mix.py: row {what!r} failed: {error}\n"
                             f"{caller.transcript_text()}") from error
        method, url, params = caller.requests[before]
        parts = urlsplit(url)
        done.append(Request(index, what, method, parts.path + ("?" + parts.query if parts.query
                                                               else ""), dict(params)))
    return done, skipped


def spread_lines(menus, rows=MIX) -> list[str]:
    """The tree's lines that no row names (none in the shipped menus)."""
    named = {line for _, _, line, _ in rows if line is not None}
    return sorted(name for name in menus.lines if name not in named)


def _key(menus, decision: dict, kind: str) -> str:
    options = menus.lines[decision["line"]].menus[decision["menu"]].options
    keys = [k for k in "1234567890#" if k in options]
    where = f"{decision['line']}/{decision['menu']}"
    if kind == "invalid":
        unused = [k for k in "1234567890#" if k not in options]
        if not unused:
            raise NoKey(f"every key is taken in {where}")
        return unused[0]
    for key in keys:
        option, transfer = options[key], getattr(options[key], "transfer", None)
        schedule = getattr(transfer, "schedule", None)
        schedules = schedule.values() if isinstance(schedule, dict) else [schedule]
        if kind == "first" or getattr(option, kind, None) or kind in schedules:
            return key
    raise NoKey(f"no key:{kind} in {where}")


def weighted(requests: list[Request], rows=MIX) -> list[Request]:
    """Each request as many times as its row's weight, spread evenly through the list."""
    slots = [((i + 0.5) / rows[r.row][1], r.row, r) for r in requests
             for i in range(rows[r.row][1])]
    return [r for *_, r in sorted(slots, key=lambda s: s[:2])]


def quiet_app(menus: str, token: str = ""):
    """The app on `menus`, its JSON step logs formatted as in production but sent to /dev/null."""
    import logging
    import os

    from ivr import create_app
    from ivr.web import logs

    root = logging.getLogger("ivr")
    if not root.handlers:
        devnull = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (open for good)
        handler = logging.StreamHandler(devnull)
        handler.setFormatter(logs.JsonFormatter())
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    # In-process figures are the webhook's own: no call records (bench/run measures those live).
    return create_app({"IVR_MENUS": menus, "TWILIO_AUTH_TOKEN": token, "IVR_DIAL_OVERRIDE": "",
                       "IVR_DATABASE": "none"})


def main(menus: str, copies: str, *outputs: str) -> None:
    from twilio.request_validator import RequestValidator

    app = quiet_app(menus)
    requests, skipped = resolve(app)
    # On a tree with lines of its own, copy n plays the default line's rows on its line n.
    spread = spread_lines(app.extensions["ivr"].menus)
    lines = spread[:int(copies)]
    variants: list[dict[int, Request]] = []
    kept: dict[str, int] = {}
    for line in lines:
        moved, not_there = _resolve(app, onto=line)
        variants.append({r.row: r for r in moved})
        for what, _ in not_there:  # played on the default line by this copy
            kept[what] = kept.get(what, 0) + 1
    order = weighted(requests)
    for out, base, token in zip(outputs[0::3], outputs[1::3], outputs[2::3], strict=True):
        signer = RequestValidator(token) if token else None
        with open(out, "w", encoding="utf-8") as tsv:
            # The mix `copies` times, each copy's calls with CallSids of their own: a server
            # that records calls meets as many different calls as steps, as it would live.
            for copy in range(int(copies)):
                for shipped in order:
                    r = variants[copy % len(variants)].get(shipped.row, shipped) if variants \
                        else shipped
                    params = {**r.params, "CallSid": r.params["CallSid"][:-6] + f"{copy:06x}"}
                    signature = signer.compute_signature(base + r.path, params) if signer else ""
                    tsv.write(f"{r.method}\t{r.path}\t{urlencode(params)}\t{signature}\t"
                              f"{r.row}\n")
        Path(out).with_suffix(".json").write_text(json.dumps({
            "rows": [_described(r) for r in requests], "skipped": skipped,
            "spread": {"lines": lines, "of": len(spread),
                       "rows": [_described(r) for r in variants[0].values()] if variants else [],
                       "kept": kept}}, ensure_ascii=False, indent=1))


def _described(r: Request) -> dict:
    return {"row": r.row, "what": r.what, "weight": MIX[r.row][1], "method": r.method,
            "path": r.path, "to": r.params.get("To"), "digits": r.params.get("Digits"),
            "dial_status": r.params.get("DialCallStatus")}


if __name__ == "__main__":
    if len(sys.argv) < 6 or (len(sys.argv) - 3) % 3:
        sys.exit(__doc__.rsplit("Usage: ", 1)[1])
    main(*sys.argv[1:])
