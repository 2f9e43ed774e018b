"""The production command, `gunicorn app:app` with the shipped gunicorn.conf.py, on a loopback port."""
from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from twilio.request_validator import RequestValidator

from tests.helpers import ROOT

TOKEN = "live-test-token"
PUBLIC_URL = "https://ivr.example.org"
START_SECONDS = 20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running gunicorn: where it listens, its process, and everything it printed."""

    base: str
    process: subprocess.Popen
    log_path: Path
    token: str | None = None
    public_url: str | None = None

    @property
    def port(self) -> int:
        return int(urlsplit(self.base).port or 80)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def sign(self, path: str, params: dict[str, str] | None = None) -> str:
        """X-Twilio-Signature as Twilio computes it for `path` on the public URL."""
        assert self.token, "this server does not check signatures"
        return RequestValidator(self.token).compute_signature(
            (self.public_url or self.base) + path, params or {})

    def request(self, method: str, path: str, body: Any = None,
                headers: dict[str, str] | None = None, timeout: float = 10,
                encode_chunked: bool = False) -> Reply:
        """One HTTP request (no signature unless given in `headers`)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            data = body.encode() if isinstance(body, str) else body
            connection.request(method, path, body=data, headers=headers or {},
                               encode_chunked=encode_chunked)
            response = connection.getresponse()
            return Reply(response.status, response.getheader("Content-Type", ""),
                         dict(response.getheaders()), response.read())
        finally:
            connection.close()


def exchange(port: int, raw: bytes, timeout: float = 5) -> bytes:
    """Send raw bytes, as no HTTP library would, and read the whole answer (head and body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(raw)
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += sock.recv(65536) or b"\r\n\r\n"
        head, _, body = answer.partition(b"\r\n\r\n")
        length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), 0)
        while len(body) < length:
            body += sock.recv(65536) or b" " * (length - len(body))
        return head + b"\r\n\r\n" + body


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    headers: dict[str, str]
    body: bytes


@contextmanager
def gunicorn(env: dict[str, str], log_dir: Path, workers: int = 2) -> Iterator[Server]:
    """`gunicorn app:app` from the repository's root, as deployed; stopped (SIGTERM) after."""
    port = free_port()
    log_path = log_dir / f"gunicorn-{port}.log"
    settings = {"TWILIO_AUTH_TOKEN": "", "IVR_DIAL_OVERRIDE": "", **env}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "app:app", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers)],
            cwd=ROOT, env={**os.environ, **settings}, stdout=log, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process, log_path,
                    token=settings["TWILIO_AUTH_TOKEN"] or None,
                    public_url=settings.get("IVR_PUBLIC_URL"))
    try:
        _wait_until_serving(server)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(server: Server) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            server.request("GET", "/voice/fallback", timeout=2)
            return
        except OSError:
            if server.process.poll() is not None:
                raise AssertionError(f"gunicorn exited {server.process.returncode}:\n"
                                     f"{server.log()}") from None
            if time.monotonic() > deadline:
                raise AssertionError(f"gunicorn did not answer within {START_SECONDS} s:\n"
                                     f"{server.log()}") from None
            time.sleep(0.1)


def worker_pids(server: Server) -> set[int]:
    """The pids of the master's worker processes, from /proc."""
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    return {int(pid) for pid in children.read_text().split()}
