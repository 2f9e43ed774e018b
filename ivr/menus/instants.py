"""Reading a date and time as operators and testers write it."""
from __future__ import annotations

from datetime import datetime, tzinfo


class OutOfRange(ValueError):
    """A date and time that reads, but not in the zone: there it falls off years 1 to 9999."""


def read_instant(text: str, zone: tzinfo) -> datetime:
    """ISO 8601 ("2026-12-30T10:00+09:00", or "2026-12-30 10:00"); without an offset, in `zone`.

    The result is aware and expressed in `zone`; raises ValueError for anything else, with a
    message that says what to write instead (OutOfRange when it falls off datetime's years).
    """
    name = getattr(zone, "key", None) or str(zone)
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date and time — write ISO 8601, e.g. "
                         f"2026-12-30T10:00+09:00, or 2026-12-30T10:00 for {name} time") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    try:
        return moment.astimezone(zone)
    except OverflowError:  # 9999-12-31T23:00-05:00 is in year 10000 in Tokyo
        raise OutOfRange(f"{text!r} is out of range: in {name} time it falls before year 1 or "
                         "after year 9999 — write a date and time nearer today, "
                         "e.g. 2026-12-30T10:00") from None
