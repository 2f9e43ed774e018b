"""Twilio request signatures (X-Twilio-Signature), also behind a TLS-terminating proxy."""
from __future__ import annotations

import hmac
from urllib.parse import urlsplit, urlunsplit

from flask import Request
from werkzeug.datastructures import MultiDict
from twilio.request_validator import RequestValidator


def public_urls(request: Request) -> list[str]:
    """The URL as this server saw it, and as the client saw it in front of a proxy.

    Twilio signs the URL it called (https://public-host/...); a proxy that terminates TLS
    forwards http://internal-host/... and says what the original was in X-Forwarded-*.
    """
    urls = [request.url]
    proto = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip()
    host = request.headers.get("X-Forwarded-Host", "").split(",")[0].strip()
    if proto or host:
        parts = urlsplit(request.url)
        urls.append(urlunsplit(parts._replace(scheme=proto or parts.scheme,
                                              netloc=host or parts.netloc)))
    return urls


def is_signed(request: Request, validator: RequestValidator) -> bool:
    """True when X-Twilio-Signature matches one of the request's public URLs."""
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature:
        return False
    params = _Form(request.form) if request.method == "POST" else {}
    urls = public_urls(request)
    # The URL as Twilio wrote it nearly always matches: one HMAC. Only when it does not, let
    # Twilio's validator try its variants (with and without the port), two HMACs each.
    if any(hmac.compare_digest(validator.compute_signature(url, params), signature)
           for url in urls):
        return True
    return any(validator.validate(url, params, signature) for url in urls)


class _Form(dict):
    """The form as Twilio's validator reads it best: getall() gives a parameter's values."""

    def __init__(self, form: MultiDict) -> None:
        super().__init__(form)
        self.getall = form.getlist
