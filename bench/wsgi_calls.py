"""Call a WSGI app directly with prepared requests: the app's own cost, without an HTTP server
or a test client around it (used for the in-process per-request figures)."""
from __future__ import annotations

import io
import time
from typing import Any
from urllib.parse import urlencode

from werkzeug.test import EnvironBuilder


def prepare(requests, base: str = "http://localhost", signer=None) -> list[tuple[dict, bytes]]:
    """A WSGI environ (and body) per request of bench/mix.py, signed when `signer` is given."""
    prepared = []
    for r in requests:
        headers: dict[str, str] = {}
        if signer is not None:
            headers["X-Twilio-Signature"] = signer.compute_signature(base + r.path, r.params)
        body = urlencode(r.params).encode()
        environ = EnvironBuilder(path=r.path, base_url=base, method=r.method, data=body,
                                 content_type="application/x-www-form-urlencoded",
                                 headers=list(headers.items())).get_environ()
        prepared.append((environ, body))
    return prepared


def call(app, environ: dict, body: bytes) -> tuple[str, dict, bytes]:
    """One request: the status line, the headers and the body."""
    answer: dict[str, Any] = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))

    environ = {**environ, "wsgi.input": io.BytesIO(body)}
    chunks = app(environ, start_response)
    data = b"".join(chunks)
    getattr(chunks, "close", lambda: None)()
    return answer["status"], answer["headers"], data


def per_request_us(app, prepared, passes: int) -> float:
    """Mean µs per request over `passes` passes through all of `prepared`."""
    start = time.perf_counter()
    for _ in range(passes):
        for environ, body in prepared:
            call(app, environ, body)
    return (time.perf_counter() - start) * 1e6 / (passes * len(prepared))
