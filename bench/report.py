"""Print the benchmark report from the result files bench/run left in one folder.

Usage: python bench/report.py RESULTS_DIR
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

D = Path(sys.argv[1])
META = dict(line.split("=", 1) for line in (D / "meta.txt").read_text().splitlines() if "=" in line)


def load(name: str):
    return json.loads((D / name).read_text())


def wrk(server: str, conns: str) -> dict:
    """The run with the best throughput of this server at `conns`, and every run's errors."""
    runs = [load(p.name) for p in sorted(D.glob(f"wrk-{server}-{conns}-*.json"))]
    best = dict(max(runs, key=lambda w: w["rps"]))
    best["status"] = sum(w["status"] for w in runs)
    best["socket"] = sum(w["connect"] + w["read"] + w["write"] + w["timeout"] for w in runs)
    best["all_rps"] = [w["rps"] for w in runs]
    return best


def header() -> None:
    print(f"IVR benchmark — {META['when']} (the servers' clock in Asia/Tokyo: {META['tokyo']})")
    print(f"code: {META['commit']}" + (f"\n  + uncommitted changes in: {META['dirty']}"
                                       if META["dirty"].strip() else ""))
    signed = "signed, X-Twilio-Signature checked" if META["signed"] == "1" else "unsigned"
    worker_class, threads = META["conf"].split()
    print(f"machine: {META['cores']} cores, load average before the runs {META['loadavg']}; "
          f"gunicorn {META['gunicorn']} with gunicorn.conf.py: {worker_class} workers × "
          f"{threads} threads (logged: {META['used'].strip()}), {META['workers']} workers a "
          "server;\n"
          f"  {META['wrk']}, {META['threads']} threads, {META['duration']} s a run, no warm-up, "
          f"{META['repeat']} runs a server and connection count (best shown); "
          f"requests {signed}")
    if META["ceiling"] == "floor":
        print("EXPERIMENT: the ceiling is the 'floor': it also parses the form, checks the "
              "signature and logs a step line")


def the_mix() -> None:
    mix, pre = load("requests-ivr.json"), load("prerun.json")
    print(f"\nTHE MIX — {pre['requests']} requests a cycle, URLs taken from the app's own answers "
          "(bench/mix.py)")
    for row in mix["rows"]:
        extra = (f" Digits={row['digits']}" if row["digits"] is not None else
                 f" DialCallStatus={row['dial_status']}" if row["dial_status"] else "")
        print(f"  {row['weight']:>3}× {row['what']:<42} → "
              f"{pre['by_row'].get(str(row['row']), '?')}\n"
              f"       {row['method']} {row['path']}{extra}")
    for skipped in mix["skipped"]:
        print(f"  skipped: {skipped}")
    decisions = ", ".join(f"{k} {v}" for k, v in pre["decisions"].items())
    print(f"  decisions in the pre-run: {decisions}")
    print("  statuses in the pre-run: " + ", ".join(f"{k}: {v}" for k, v in pre["statuses"].items())
          + f"; mean answer {pre['mean_bytes']} bytes (the ceiling answers a constant document "
          "of that size)")


def under_load() -> tuple[dict, dict]:
    kind = ("the floor: Flask app, form + signature + step log, constant TwiML"
            if META["ceiling"] == "floor" else "bare Flask app, constant TwiML")
    print(f"\nUNDER LOAD — gunicorn + wrk on 127.0.0.1; ceiling = {kind}")
    print(f"  {'conns':>5} {'server':<8} {'req/s':>6} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} "
          f"{'non-2xx':>7} {'socket':>6} {'CPU µs/req':>10} {'others':>6}  RSS MiB a worker (peak)")
    ratios, recorded = {}, {}
    for conns in META["connections"].split():
        results = {s: wrk(s, conns) for s in ("ceiling", "ivr", "records")}
        for server, w in results.items():
            rss = ", ".join(f"{x['VmRSS']:.1f} ({x['VmHWM']:.1f})" for x in w["workers"])
            print(f"  {conns:>5} {server:<8} {w['rps']:>6.0f} {w['p50_us'] / 1000:>7.2f} "
                  f"{w['p90_us'] / 1000:>7.2f} {w['p99_us'] / 1000:>7.2f} {w['status']:>7} "
                  f"{w['socket']:>6} {w['worker_cpu_us']:>10.0f} {w['other_cores']:>6.2f}  {rss}")
        ivr_run, ceiling, records = results["ivr"], results["ceiling"], results["records"]
        ratios[conns] = (ivr_run["rps"] / ceiling["rps"], ivr_run["p99_us"] / ceiling["p99_us"],
                         ivr_run)
        recorded[conns] = (records["rps"] / ivr_run["rps"], records["p99_us"] / ivr_run["p99_us"],
                           records)
        runs = "; ".join(f"{s} " + " ".join(f"{r:.0f}" for r in w["all_rps"])
                         for s, w in results.items())
        print(f"  {'':>5} IVR/ceiling: throughput {ratios[conns][0]:.2f}, "
              f"p99 {ratios[conns][1]:.2f}, "
              f"CPU per request {ivr_run['worker_cpu_us'] / ceiling['worker_cpu_us']:.2f}"
              f"   (req/s of every run: {runs})")
    print("  non-2xx and socket errors are summed over all runs;"
          "\n  non-2xx: wrk's count of 4xx/5xx (the pre-run checked every request of the mix"
          " is 200);\n  socket: connect/read/write errors and timeouts; CPU µs/req: the workers'"
          " CPU time per\n  request; others: cores busy with other processes meanwhile (noise"
          " when well above 0)")
    print(f"  IVR errors logged by the app during the runs (answered 200 with an apology): "
          f"{META['app_errors']}")
    print("  servers: ceiling; ivr = the IVR with call records off (IVR_DATABASE=none); records ="
          "\n  the same IVR recording every call into SQLite (the default)")
    return ratios, recorded


def recording(recorded: dict) -> None:
    counts = load("records.json")
    answered = sum(load(p.name)["requests"] for p in sorted(D.glob("wrk-records-*.json")))
    print(f"\nCALL RECORDS — recording on (SQLite) against off, same run; the mix in "
          f"{META['copies']} copies, each with CallSids of its own")
    for conns, (throughput, p99, records) in recorded.items():
        print(f"  {conns:>3} connections: throughput {throughput:.3f} × off, p99 {p99:.3f} × off "
              f"({records['rps']:.0f} req/s, p99 {records['p99_us'] / 1000:.2f} ms)")
    print(f"  after a graceful stop: {counts['steps']} steps of {counts['calls']} calls written "
          f"for {answered} requests answered\n  (wrk's count, all runs; a request still in "
          f"flight when a run ends is written but not counted); the writer warned: "
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
    print("\nPER-REQUEST COST, SHIPPED vs LARGE TREE — in-process, WSGI calls, the mix "
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


def targets(ratios: dict, recorded: dict, lt: dict, cost: float) -> None:
    throughput, p99, ivr = ratios["32"] if "32" in ratios else next(iter(ratios.values()))
    on_throughput, on_p99, _ = recorded["32"] if "32" in recorded else next(iter(recorded.values()))
    errors = ivr["status"] + ivr["socket"] + int(META["app_errors"])
    print("\nTARGETS")
    for what, figure, ok in [
        ("throughput ≥ 0.8 × ceiling (32 connections)", f"{throughput:.2f} × ceiling",
         throughput >= 0.8),
        ("p99 ≤ 1.5 × ceiling's p99, no errors (32 conns)", f"{p99:.2f} ×, {errors} errors",
         p99 <= 1.5 and errors == 0),
        ("large-tree per-request cost within 10% of shipped", f"{cost:.2f} ×", cost <= 1.10),
        ("shipped menus load < 200 ms", f"{lt['shipped']['median_ms']:.1f} ms",
         lt["shipped"]["median_ms"] < 200),
        ("large tree load < 2 s", f"{lt['large']['median_ms'] / 1000:.2f} s",
         lt["large"]["median_ms"] < 2000),
        ("recording on: throughput ≥ 0.95 × off (32 conns)", f"{on_throughput:.3f} ×",
         on_throughput >= 0.95),
        ("recording on: p99 ≤ 1.10 × off (32 conns)", f"{on_p99:.3f} ×", on_p99 <= 1.10),
    ]:
        print(f"  {what:<50} {figure:<18} {'met' if ok else 'NOT MET'}")


header()
the_mix()
ratios, recorded = under_load()
recording(recorded)
lt = loading()
cost = per_request()
targets(ratios, recorded, lt, cost)
