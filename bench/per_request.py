"""Per-request cost in-process: the mix on the shipped menus vs on a generated large tree.

Usage: python bench/per_request.py MENUS ROUNDS PASSES OUT.json
Both apps get the same rows of bench/mix.py, resolved on each (the large tree holds the shipped
lines as they are), called as WSGI apps directly (bench/wsgi_calls.py), unsigned. Rounds
alternate the two apps; the best round is reported (other processes on the machine only ever
add time), in µs per request, overall and per row, with the median round beside it.
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

from bench.large_tree import generate
from bench.mix import quiet_app, resolve, weighted
from bench.wsgi_calls import call, per_request_us, prepare


def decision(app, prepared) -> str:
    header = call(app, *prepared)[1].get("X-IVR-Decision", "")
    fields = dict(p.strip().partition("=")[::2] for p in header.split(";") if "=" in p)
    return fields.get("decision", "(none)")


def main(menus: str, rounds: str, passes: str, out: str) -> None:
    with tempfile.TemporaryDirectory(prefix="ivr-large-") as tmp:
        tree = generate(Path(tmp) / "menus", Path(menus))
        apps = {"shipped": quiet_app(menus), "large": quiet_app(tree["folder"])}
        rows = {name: resolve(app)[0] for name, app in apps.items()}
        mixes = {name: prepare(weighted(resolved)) for name, resolved in rows.items()}
        for name, app in apps.items():  # warm both before timing
            per_request_us(app, mixes[name], 2)
        overall: dict[str, list[float]] = {name: [] for name in apps}
        for n in range(int(rounds)):
            for name in (list(apps) if n % 2 == 0 else list(apps)[::-1]):
                overall[name].append(per_request_us(apps[name], mixes[name], int(passes)))
        pairs = [{"shipped": small, "large": large}
                 for small, large in zip(rows["shipped"], rows["large"], strict=True)]
        one = [{name: prepare([r])[0] for name, r in pair.items()} for pair in pairs]
        times: list[dict[str, list[float]]] = [{name: [] for name in apps} for _ in pairs]
        for n in range(int(rounds)):  # rounds outermost: a burst of noise hits one round only
            for i, calls in enumerate(one):
                for name in (list(apps) if n % 2 == 0 else list(apps)[::-1]):
                    times[i][name].append(per_request_us(apps[name], [calls[name]],
                                                         int(passes) * 3))
        by_row = [{"what": pair["shipped"].what,
                   "shipped_us": min(t["shipped"]), "large_us": min(t["large"]),
                   "shipped_decision": decision(apps["shipped"], calls["shipped"]),
                   "large_decision": decision(apps["large"], calls["large"])}
                  for pair, calls, t in zip(pairs, one, times, strict=True)]
    result: dict[str, object] = {name: min(values) for name, values in overall.items()}
    result["median"] = {name: statistics.median(values) for name, values in overall.items()}
    result.update(rounds=int(rounds), passes=int(passes), requests_per_pass=len(mixes["shipped"]),
                  by_row=by_row, tree={k: v for k, v in tree.items() if k != "folder"})
    Path(out).write_text(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(*sys.argv[1:5])
