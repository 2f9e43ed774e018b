"""Callers' numbers are never stored: only a keyed hash, the same for every call from one number.

HMAC-SHA256 with a secret key, so that the hash cannot be reversed by hashing every possible
phone number (there are only billions): without the key, no one can tell whose calls they are,
yet repeat callers can be counted. The key is IVR_HASH_KEY; when unset, one is generated once
into the instance folder, readable by its owner only. Several machines recording into one
database must share one IVR_HASH_KEY, or each counts the same caller as another.
"""
from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

KEY_FILE = "hash-key"


def hash_key(configured: str | None, instance: Path) -> bytes:
    """IVR_HASH_KEY, else the instance folder's key, generated at first use."""
    if configured:
        return configured.encode()
    path = instance / KEY_FILE
    instance.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Written aside, then linked into place: another process starting at the same moment
        # finds the whole key or none, and if both make one, the first link wins for both.
        aside = instance / f".{KEY_FILE}.{os.getpid()}"
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        with os.fdopen(os.open(aside, flags, 0o600), "wb") as file:
            file.write(secrets.token_hex(32).encode() + b"\n")
        try:
            os.link(aside, path)
        except FileExistsError:
            pass
        finally:
            aside.unlink()
    key = path.read_bytes().strip()
    if not key:
        raise ValueError(f"{path} is empty — delete it to have a new key made, or set "
                         "IVR_HASH_KEY")
    return key


def caller_hash(key: bytes, number: str | None) -> str | None:
    """The number's keyed hash, hex; None for a call without one."""
    if not number:
        return None
    return hmac.digest(key, number.strip().encode(), "sha256").hex()  # one call, in C
