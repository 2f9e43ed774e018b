"""Requesting a voice webhook as Twilio does, and judging its answer as Twilio would.

In-process through a Flask test client, or over HTTP to a live server; signed with the
account's auth token when one is given; at a pretend instant in-process only.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from twilio.request_validator import RequestValidator

from ivr.web.protocol import DECISION_HEADER, PRETEND_TIME_ENVIRON, read_decision_header

LIVE_TIMEOUT = 15  # seconds; Twilio's own webhook timeout
TWIML_TYPES = ("text/xml", "application/xml")


class SimulatorError(Exception):
    """The app answered something Twilio could not use, or the test did what a caller cannot."""


@dataclass(frozen=True)
class Answer:
    root: ET.Element  # the <Response>
    decision: dict[str, str] | None  # the app's X-IVR-Decision header, when it sent one


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # Treat a 3xx like the test client does (an error), so both modes judge an app alike.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class WebhookClient:
    """One webhook app, in-process (`client`, a Flask test client) or live at `base_url`."""

    def __init__(self, client: Any = None, base_url: str = "http://localhost",
                 auth_token: str | None = None) -> None:
        self._client, self.base_url = client, base_url.rstrip("/")
        # With the account's auth token, requests carry X-Twilio-Signature as Twilio's do.
        self._signer = RequestValidator(auth_token) if auth_token else None
        self._opener = urllib.request.build_opener(_NoRedirects)

    @property
    def live(self) -> bool:
        return self._client is None

    def request(self, method: str, url: str, params: dict[str, str],
                at: datetime | None = None) -> Answer:
        """Request `url` with Twilio's `params`; raise SimulatorError unless it answers TwiML."""
        method = method.upper()
        if method == "GET":  # Twilio appends its parameters to the URL's own query string
            url, body = url + ("&" if "?" in url else "?") + urllib.parse.urlencode(params), None
        else:
            body = params
        status, content_type, decision, text = self._send(method, url, body, at)
        return Answer(_twiml(method, url, status, content_type, text),
                      read_decision_header(decision))

    def _send(self, method: str, url: str, body: dict[str, str] | None,
              at: datetime | None) -> tuple[int, str, str | None, bytes]:
        headers = {}
        if self._signer is not None:
            headers["X-Twilio-Signature"] = self._signer.compute_signature(url, body or {})
        if self._client is not None:
            # In the app's own process the pretend time goes beside the request, where no
            # client on the network can put it; the app's clock reads it, signed or not.
            pretend = {PRETEND_TIME_ENVIRON: at.isoformat()} if at is not None else {}
            response = self._client.open(url, method=method, data=body, headers=headers,
                                         environ_overrides=pretend)
            return (response.status_code, response.content_type or "",
                    response.headers.get(DECISION_HEADER), response.get_data())
        data = urllib.parse.urlencode(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with self._opener.open(request, timeout=LIVE_TIMEOUT) as response:
                return (response.status, response.headers.get("Content-Type", ""),
                        response.headers.get(DECISION_HEADER), response.read())
        except urllib.error.HTTPError as error:
            return (error.code, error.headers.get("Content-Type", ""),
                    error.headers.get(DECISION_HEADER), error.read())


def _twiml(method: str, url: str, status: int, content_type: str, text: bytes) -> ET.Element:
    """The <Response> of an answer Twilio would accept; SimulatorError for any other."""
    root, problem = None, ""
    if status != 200:
        problem = "not HTTP 200"
    elif content_type.split(";")[0].strip().lower() not in TWIML_TYPES:
        problem = "not text/xml or application/xml"
    else:
        try:
            root = ET.fromstring(text)
            problem = "" if root.tag == "Response" else f"root <{root.tag}> is not <Response>"
        except ET.ParseError as error:
            problem = f"not well-formed XML ({error})"
    if problem or root is None:
        raise SimulatorError(f"{method} {url}: {problem}; status {status}, content type "
                             f"{content_type!r}, body: {text.decode(errors='replace')[:500]}")
    return root
