"""Twilio request signatures (X-Twilio-Signature), checked by Twilio's own documented rules.

Twilio signs the URL it requested (and, for a form POST, the form's parameters) with the
account's auth token. In production the URL's scheme and host are the public ones set in
IVR_PUBLIC_URL, and nothing the client says about its host counts; without it (a laptop
behind a tunnel) they are read from the request and the X-Forwarded-* headers a proxy sets.
"""
from __future__ import annotations

import hashlib
import hmac
import re
from urllib.parse import SplitResult, urlsplit, urlunsplit

from flask import Request
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

SIGNATURE_HEADER = "X-Twilio-Signature"
# Base64 of an HMAC-SHA1: 28 characters. Anything else cannot match, whatever it holds.
_SIGNATURE = re.compile(r"[A-Za-z0-9+/]{27}=")
# Twilio's webhooks with a JSON body carry the body's SHA-256 in the query and sign the URL only.
_BODY_HASH = "bodySHA256"


def has_signature(request: Request) -> bool:
    """Whether the request carries something shaped like a signature (no body is read)."""
    return bool(_SIGNATURE.fullmatch(request.headers.get(SIGNATURE_HEADER, "")))


def signed_urls(request: Request, public_url: str | None) -> list[str]:
    """The URLs Twilio may have signed for this request.

    With `public_url`, only that base with the request's path and query. Without it, the URL
    as this server saw it, and as the client saw it in front of a proxy that terminates TLS
    (X-Forwarded-Proto and X-Forwarded-Host) — trusting those headers, which is why production
    sets IVR_PUBLIC_URL.
    """
    # The path and query exactly as the client sent them (gunicorn's RAW_URI, the WSGI
    # servers' REQUEST_URI): Twilio signs what it requested, not a re-encoding of it. (Without
    # either, the URL as Werkzeug rebuilds it, which costs more.)
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    if raw:
        sent = urlsplit(raw)
        parts = SplitResult(request.scheme, request.host, sent.path, sent.query, "")
    else:
        parts = urlsplit(request.url)
    if public_url:
        base = urlsplit(public_url)
        return [urlunsplit(parts._replace(scheme=base.scheme, netloc=base.netloc,
                                          path=base.path + parts.path))]
    urls = [urlunsplit(parts)]
    proto = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip()
    host = request.headers.get("X-Forwarded-Host", "").split(",")[0].strip()
    if proto or host:
        urls.append(urlunsplit(parts._replace(scheme=proto or parts.scheme,
                                              netloc=host or parts.netloc)))
    return urls


def is_signed(request: Request, validator: RequestValidator, public_url: str | None) -> bool:
    """True when X-Twilio-Signature matches the request, by Twilio's rules.

    Only a form POST's body is signed; GET and HEAD are signed over the URL alone, and their
    body is never read. A URL with `bodySHA256` is signed alone and the body must hash to it.
    """
    if not has_signature(request):
        return False
    signature = request.headers[SIGNATURE_HEADER]
    urls = signed_urls(request, public_url)
    params: dict | _Form = {}
    if _BODY_HASH in request.args:
        body = request.get_data() if request.method == "POST" else b""
        if not hmac.compare_digest(hashlib.sha256(body).hexdigest().encode(),
                                   request.args[_BODY_HASH].encode()):
            return False
    elif request.method == "POST":
        params = _Form(request.form)
    # The URL as Twilio wrote it nearly always matches: one HMAC. Only when it does not, let
    # Twilio's validator try its variants (with and without the default port), two HMACs each.
    if any(hmac.compare_digest(validator.compute_signature(url, params), signature)
           for url in urls):
        return True
    return any(validator.validate(url, params, signature) for url in urls)


class _Form(dict):
    """The form as Twilio's validator reads it best: getall() gives a parameter's values."""

    def __init__(self, form: MultiDict) -> None:
        super().__init__(form)
        self.getall = form.getlist
