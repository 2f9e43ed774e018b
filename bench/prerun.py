"""Pre-run: send the mix once, in order, to a live server; count X-IVR-Decision values and statuses.

Usage: python bench/prerun.py BASE_URL REQUESTS.tsv OUT.json
It also gives the mean answer size, which the ceiling app copies.
"""
from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ivr.web.protocol import read_decision_header  # noqa: E402


def send(base: str, method: str, path: str, body: str, signature: str):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature:
        headers["X-Twilio-Signature"] = signature
    request = urllib.request.Request(base + path, data=body.encode(), method=method,
                                     headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("X-IVR-Decision"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-IVR-Decision"), error.read()


def main(base: str, tsv: str, out: str) -> None:
    decisions: Counter[str] = Counter()
    statuses: Counter[int] = Counter()
    by_row: dict[str, str] = {}
    sizes: list[int] = []
    for line in Path(tsv).read_text(encoding="utf-8").splitlines():
        method, path, body, signature, row = line.split("\t")
        status, header, data = send(base, method, path, body, signature)
        fields = read_decision_header(header) or {}
        decision = fields.get("decision", "(no X-IVR-Decision: error apology?)")
        if fields.get("reason"):
            decision += f" ({fields['reason']})"
        decisions[decision] += 1
        statuses[status] += 1
        by_row[row] = decision
        sizes.append(len(data))
    Path(out).write_text(json.dumps({
        "requests": len(sizes), "decisions": dict(decisions.most_common()),
        "statuses": {str(k): v for k, v in statuses.items()}, "by_row": by_row,
        "mean_bytes": round(sum(sizes) / len(sizes))}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(*sys.argv[1:4])
