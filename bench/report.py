"""Print the benchmark report from the result files bench/run left in one folder.

Usage: python bench/report.py RESULTS_DIR
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

D = Path(sys.argv[1])
META = dict(line.split("=", 1) for line in (D / "meta.txt").read_text().splitlines() if "=" in line)
COUNTS = META["connections"].split()
JUDGED = COUNTS[0]  # every server is measured there, and the targets are judged there
IVRS = ("ivr", "ivr-signed", "ivr-off", "ivr-large")
ERRORS = {k: int(v) for k, v in (p.split(":") for p in META["app_errors"].split())}
SERVERS = {
    "ceiling": "bare Flask app, constant TwiML of the IVR's mean answer size (bench/ceiling.py)",
    "ceiling-unsigned": "the same server, driven with the unsigned mix",
    "floor": "the ceiling that also parses Twilio's form, checks X-Twilio-Signature and logs\n"
             "                    the JSON step line: what every IVR answer must do",
    "ivr": "THE HEADLINE: the IVR as in production, signed requests with X-Twilio-Signature\n"
           "                    checked, every call recorded (IVR_DATABASE=sqlite)",
    "ivr-signed": "the IVR, signatures checked, recording off (IVR_DATABASE=none)",
    "ivr-off": "the IVR, signatures and recording off, unsigned requests",
    "ivr-large": "as ivr, on the generated large tree, with its own mix",
}
TARGET_RPS, TARGET_P99 = 0.8, 1.5
# Cores other processes kept busy during a run beyond which its figures are not comparable.
NOISE = 0.5


def load(name: str):
    return json.loads((D / name).read_text())


def wrk(load_: str, conns: str) -> dict | None:
    """The run with the best throughput of this load at `conns`, and every run's errors."""
    runs = [load(p.name) for p in sorted(D.glob(f"wrk-{load_}-{conns}-*.json"))]
    if not runs:
        return None
    best = dict(max(runs, key=lambda w: w["rps"]))
    best["status"] = sum(w["status"] for w in runs)
    best["socket"] = sum(w["connect"] + w["read"] + w["write"] + w["timeout"] for w in runs)
    best["all_rps"] = [w["rps"] for w in runs]
    return best


def errors(load_: str, conns: str) -> int:
    """wrk's non-2xx and socket errors over every run of this load at `conns`, and the errors
    its app logged during all the runs."""
    w = wrk(load_, conns)
    return (w["status"] + w["socket"] if w else 0) + ERRORS.get(load_, 0)


def mark(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def header() -> None:
    print(f"IVR benchmark — {META['when']} (the servers' clock in Asia/Tokyo: {META['tokyo']})")
    print(f"code: {META['commit']}" + (f"\n  + uncommitted changes in: {META['dirty']}"
                                       if META["dirty"].strip() else ""))
    worker_class, threads = META["conf"].split()
    used = {k: v for k, v in (p.split(":", 1) for p in META["used"].split())}
    print(f"machine: {META['cores']} cores, load average {META['loadavg']} before the runs, "
          f"{META['loadavg_after']} after;\n"
          f"  gunicorn {META['gunicorn']} with gunicorn.conf.py, the IVRs and the ceilings alike: "
          f"{worker_class} workers\n  × {threads} threads, {META['workers']} workers a server;\n"
          f"  {META['wrk']}, {META['threads']} threads, {META['duration']} s a run, no warm-up;\n"
          f"  {META['repeat']} runs a server at {JUDGED} connections, {META['scale_repeat']} at "
          f"{', '.join(COUNTS[1:]) or '(none)'}, alternating the servers (best shown);\n"
          f"  {META['load_seconds']} s of load in all")
    odd = {k: v for k, v in used.items() if v != worker_class}
    if odd:
        print(f"  WARNING: servers not on {worker_class} workers (their logs): "
              + ", ".join(f"{k} {v or '?'}" for k, v in odd.items()))


def headline() -> None:
    r = ratio("ivr", "ceiling")
    if r is None:
        return
    print(f"\nHEADLINE — {JUDGED} connections, the realistic mix: the IVR with signatures and call "
          f"recording on,\n  against the bare-Flask ceiling:\n"
          f"  throughput {r[0]:.2f} × (target ≥ {TARGET_RPS}: {mark(r[0] >= TARGET_RPS)}), "
          f"p99 {r[1]:.2f} × (target ≤ {TARGET_P99}: {mark(r[1] <= TARGET_P99)})")
    if noisy("ivr", "ceiling"):
        print(f"  {noisy('ivr', 'ceiling')}")


def rows_of(mix: dict, pre: dict, rows: list) -> None:
    for row in rows:
        extra = (f" Digits={row['digits']}" if row["digits"] is not None else
                 f" DialCallStatus={row['dial_status']}" if row["dial_status"] else "")
        if row["path"] == "/voice" and row.get("to") and row["to"] != "+815000000000":
            extra += f" To={row['to']}"
        print(f"  {row['weight']:>3}× {row['what']:<42} → "
              f"{pre['by_row'].get(str(row['row']), '?')}\n"
              f"       {row['method']} {row['path']}{extra}")
    for skipped in mix["skipped"]:
        print(f"  skipped: {skipped}")


def prerun_summary(pre: dict) -> None:
    decisions = ", ".join(f"{k} {v}" for k, v in pre["decisions"].items())
    print(f"  decisions in the pre-run: {decisions}")
    print("  statuses in the pre-run: " + ", ".join(f"{k}: {v}" for k, v in pre["statuses"].items())
          + f"; mean answer {pre['mean_bytes']} bytes")


def the_mix() -> None:
    mix, pre = load("requests-ivr.json"), load("prerun-ivr-signed.json")
    print(f"\nTHE MIX — {pre['requests']} requests a cycle, URLs taken from the app's own answers "
          f"(bench/mix.py),\n  sent in {META['copies']} copies, each with CallSids of its own")
    rows_of(mix, pre, mix["rows"])
    prerun_summary(pre)
    print("  (the ceiling answers a constant document of that size)")


def the_large_mix() -> None:
    mix, pre, tree = (load("requests-ivr-large.json"), load("prerun-ivr-large.json"),
                      load("large-tree.json"))
    spread = mix["spread"]
    print(f"\nTHE LARGE TREE'S MIX — the same rows and weights, resolved on the tree "
          f"bench/large_tree.py wrote:\n  {tree['lines']} generated lines × "
          f"{tree['menus_per_line']} menus × {len(tree['languages'])} languages, "
          f"{tree['options']} options, {tree['line_yaml_bytes'] / 1e6:.1f} MB, plus the "
          f"shipped lines")
    if spread["lines"]:
        print(f"  each copy of the mix plays the default line's rows on a generated line of its "
              f"own\n  ({len(spread['lines'])} of the {spread['of']} lines: {spread['lines'][0]} … "
              f"{spread['lines'][-1]}); the other rows stay on their shipped lines.\n"
              f"  The moved rows, as on {spread['lines'][0]} (the pre-run's copy):")
        by_row = {r["row"]: r for r in mix["rows"]}
        rows_of({"skipped": []}, pre, spread["rows"])
        others = [by_row[r] for r in sorted(set(by_row) - {r["row"] for r in spread["rows"]})]
        print("  on their shipped lines, as in the shipped mix:")
        for r in others:
            print(f"  {r['weight']:>3}× {r['what']:<42} → {pre['by_row'].get(str(r['row']), '?')}")
        for what, lines in spread["kept"].items():
            print(f"  kept on its shipped line by {lines} of the {len(spread['lines'])} lines "
                  f"(no such key there):\n    {what}")
    else:
        print("  WARNING: the tree has no lines of its own: the mix is the shipped one")
        rows_of(mix, pre, mix["rows"])
    for skipped in mix["skipped"]:
        print(f"  skipped: {skipped}")
    prerun_summary(pre)


def under_load() -> None:
    print(f"\nUNDER LOAD — {JUDGED} connections, gunicorn + wrk on 127.0.0.1")
    for name, what in SERVERS.items():
        print(f"  {name:<17} {what}")
    print(f"\n  {'server':<17} {'req/s':>6} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} "
          f"{'non-2xx':>7} {'socket':>6} {'CPU µs/req':>10} {'others':>6}  req/s of every run")
    for name in SERVERS:
        w = wrk(name, JUDGED)
        if w is None:
            continue
        print(f"  {name:<17} {w['rps']:>6.0f} {w['p50_us'] / 1000:>7.2f} "
              f"{w['p90_us'] / 1000:>7.2f} {w['p99_us'] / 1000:>7.2f} {w['status']:>7} "
              f"{w['socket']:>6} {w['worker_cpu_us']:>10.0f} {w['other_cores']:>6.2f}  "
              + " ".join(f"{r:.0f}" for r in w["all_rps"]))
    print("  non-2xx and socket errors are summed over all runs;"
          "\n  non-2xx: wrk's count of 4xx/5xx (the pre-runs checked every request of the mixes"
          " is 200);\n  socket: connect/read/write errors and timeouts; CPU µs/req: the workers'"
          " CPU time per\n  request; others: cores busy with other processes meanwhile (noise"
          f" when well above 0; above {NOISE},\n  a comparison is marked NOISY)")
    print("  IVR errors logged by the apps during the runs (answered 200 with an apology):\n    "
          + ", ".join(f"{k} {v}" for k, v in ERRORS.items()))


def ratio(a: str, b: str, conns: str = JUDGED) -> tuple[float, float, float] | None:
    x, y = wrk(a, conns), wrk(b, conns)
    if x is None or y is None:
        return None
    return x["rps"] / y["rps"], x["p99_us"] / y["p99_us"], x["worker_cpu_us"] / y["worker_cpu_us"]


def noisy(a: str, b: str, conns: str = JUDGED) -> str:
    """A warning when other processes took cores during the best run of a or b, else ""."""
    busy = [(name, w["other_cores"]) for name in (a, b)
            if (w := wrk(name, conns)) is not None and w["other_cores"] > NOISE]
    return ("NOISY: cores other processes kept busy during the best run of "
            + ", ".join(f"{n} {c:.2f}" for n, c in busy) if busy else "")


def comparisons() -> dict:
    print(f"\nCOMPARISONS — {JUDGED} connections, same run; throughput and p99 as ratios\n"
          f"  (the targets, against a ceiling: throughput ≥ {TARGET_RPS} ×, p99 ≤ {TARGET_P99} ×)")
    judged = {}
    for a, b, what, targets in [
        ("ivr", "ceiling", "HEADLINE: signatures + recording on, against the ceiling", True),
        ("ivr-off", "ceiling-unsigned", "signatures + recording off, against the ceiling "
         "(unsigned)", True),
        ("ivr", "floor", "the headline against the floor", True),
        ("ivr-large", "ivr", "the large tree against the shipped menus (both as ivr)", False),
        ("ivr", "ivr-signed", "recording's cost: on against off (both signed)", False),
        ("ivr-signed", "ivr-off", "signatures' cost: checked against unsigned (no recording)",
         False),
    ]:
        r = ratio(a, b)
        if r is None:
            continue
        judged[(a, b)] = r
        print(f"  {a} / {b}: {what}")
        line = (f"    throughput {r[0]:.2f} ×, p99 {r[1]:.2f} ×, CPU per request {r[2]:.2f} ×")
        if targets:
            line += (f"   throughput {mark(r[0] >= TARGET_RPS)}, p99 {mark(r[1] <= TARGET_P99)}")
        print(line)
        if noisy(a, b):
            print(f"    {noisy(a, b)}")
    return judged


def scale() -> None:
    print("\nSCALE WITH CONNECTIONS — the ceiling and the headline IVR at each count")
    print(f"  {'conns':>5} {'server':<8} {'req/s':>6} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
          f"{'others':>6}   ivr / ceiling")
    for conns in sorted(COUNTS, key=int):
        for name in ("ceiling", "ivr"):
            w = wrk(name, conns)
            if w is None:
                continue
            r = ratio("ivr", "ceiling", conns) if name == "ivr" else None
            print(f"  {conns:>5} {name:<8} {w['rps']:>6.0f} {w['p50_us'] / 1000:>7.2f} "
                  f"{w['p99_us'] / 1000:>7.2f} {w['status'] + w['socket']:>6} "
                  f"{w['other_cores']:>6.2f}"
                  + (f"   throughput {r[0]:.2f} ×, p99 {r[1]:.2f} ×" if r else "")
                  + ("  (noisy)" if r and noisy("ivr", "ceiling", conns) else ""))
    print(f"  (best of {META['repeat']} runs at {JUDGED}, of {META['scale_repeat']} at the others)")


def memory() -> None:
    print("\nMEMORY — each gunicorn worker's RSS after the runs (peak), MiB")
    for name in ("ceiling", "floor", *IVRS):
        m = load(f"memory-{name}.json")
        workers = ", ".join(f"{w['VmRSS']:.1f} ({w['VmHWM']:.1f})" for w in m["workers"])
        print(f"  {name:<11} {workers};  master {m['master']['VmRSS']:.1f}")


def answer_cache() -> None:
    print("\nANSWER CACHE — from each worker's line at its graceful stop; all requests, "
          "pre-run included")
    for name in IVRS:
        c = load(f"cache-{name}.json")
        if not c["reported"]:
            print(f"  {name:<11} answer cache: not reported by this server")
            continue
        rate = f"{c['hit_rate'] * 100:.1f} %" if c["hit_rate"] is not None else "-"
        print(f"  {name:<11} hit rate {rate} ({c['hits']} hits, {c['misses']} misses, "
              f"{len(c['workers'])} workers); a worker: entries "
              + ", ".join(str(w["entries"]) for w in c["workers"]) + "; bytes "
              + ", ".join(str(w["bytes"]) for w in c["workers"]))


def recording() -> None:
    counts = load("records.json")
    answered = sum(load(p.name)["requests"] for p in sorted(D.glob("wrk-ivr-[0-9]*-*.json")))
    print("\nCALL RECORDS — the headline ivr's, after its graceful stop")
    print(f"  {counts['steps']} steps of {counts['calls']} calls written for {answered} requests "
          f"answered (wrk's count, all runs,\n  pre-run excluded: a request still in flight "
          f"when a run ends is written but not counted);\n  the writer warned: "
          f"{counts['waiting']} outages, {counts['dropped']} full buffers, {counts['lost']} "
          f"losses at the stop, {counts['refused']} refused")


def loading() -> dict:
    lt = load("load.json")
    tree = lt["tree"]
    print("\nLOADING AND VALIDATING THE MENUS — ivr.load_menus, in-process")
    print(f"  shipped menus/: median {lt['shipped']['median_ms']:.1f} ms of "
          f"{lt['shipped']['runs']}, "
          f"best {lt['shipped']['min_ms']:.1f} ms (the first load in the process: "
          f"{lt['shipped']['cold_ms']:.1f} ms)")
    print(f"  large tree (bench/large_tree.py): {tree['lines']} lines × {tree['menus_per_line']} "
          f"menus × {len(tree['languages'])} languages ({' '.join(tree['languages'])}),\n"
          f"    {tree['options']} options, {tree['line_yaml_bytes'] / 1e6:.1f} MB of YAML, "
          "plus the "
          f"shipped lines ({', '.join(tree['shipped_lines'])}):\n"
          f"    median {lt['large']['median_ms']:.0f} ms of {lt['large']['runs']}, best "
          f"{lt['large']['min_ms']:.0f} ms (first {lt['large']['cold_ms']:.0f} ms)")
    return lt


def per_request() -> float:
    pr = load("per_request.json")
    cost = pr["large"] / pr["shipped"]
    print("\nPER-REQUEST COST, SHIPPED vs LARGE TREE — in-process, WSGI calls, the shipped mix "
          "resolved on "
          f"each;\n  best of {pr['rounds']} alternating rounds of {pr['passes']} passes")
    print(f"  shipped {pr['shipped']:.0f} µs/request, large tree {pr['large']:.0f} µs/request: "
          f"ratio {cost:.2f} (median rounds: {pr['median']['shipped']:.0f} and "
          f"{pr['median']['large']:.0f} µs)")
    for row in pr["by_row"]:
        same = "" if row["shipped_decision"] == row["large_decision"] else \
            f"  (large: {row['large_decision']})"
        print(f"    {row['what']:<42} {row['shipped_us']:>5.0f} → {row['large_us']:>5.0f} µs  "
              f"{row['shipped_decision']}{same}")
    return cost


def targets(judged: dict, lt: dict, cost: float) -> None:
    print(f"\nTARGETS — at {JUDGED} connections")
    rows = []
    for a, b, what in [("ivr", "ceiling", "headline, ivr"),
                       ("ivr-off", "ceiling-unsigned", "all off, ivr-off")]:
        if (a, b) not in judged:
            continue
        throughput, p99, _ = judged[(a, b)]
        errs = errors(a, JUDGED)
        rows += [(f"{what}: throughput ≥ {TARGET_RPS} × ceiling", f"{throughput:.2f} ×",
                  throughput >= TARGET_RPS, noisy(a, b)),
                 (f"{what}: p99 ≤ {TARGET_P99} × ceiling's, no errors",
                  f"{p99:.2f} ×, {errs} errors", p99 <= TARGET_P99 and errs == 0, noisy(a, b))]
    rows += [
        ("large-tree per-request cost within 10% of shipped", f"{cost:.2f} ×", cost <= 1.10, ""),
        ("shipped menus load < 200 ms", f"{lt['shipped']['median_ms']:.1f} ms",
         lt["shipped"]["median_ms"] < 200, ""),
        ("large tree load < 2 s", f"{lt['large']['median_ms'] / 1000:.2f} s",
         lt["large"]["median_ms"] < 2000, ""),
    ]
    if ("ivr", "ivr-signed") in judged:
        on_throughput, on_p99, _ = judged[("ivr", "ivr-signed")]
        rows += [("recording on: throughput ≥ 0.95 × off (ivr / ivr-signed)",
                  f"{on_throughput:.3f} ×", on_throughput >= 0.95, noisy("ivr", "ivr-signed")),
                 ("recording on: p99 ≤ 1.10 × off (ivr / ivr-signed)", f"{on_p99:.3f} ×",
                  on_p99 <= 1.10, noisy("ivr", "ivr-signed"))]
    for what, figure, ok, noise in rows:
        print(f"  {what:<58} {figure:<17} {mark(ok)}" + ("  (noisy, see above)" if noise else ""))


header()
headline()
the_mix()
the_large_mix()
under_load()
judged = comparisons()
scale()
memory()
answer_cache()
recording()
lt = loading()
cost = per_request()
targets(judged, lt, cost)
