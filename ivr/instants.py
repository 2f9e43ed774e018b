"""Reading a date and time as operators and testers write it."""
from __future__ import annotations

from datetime import datetime, tzinfo


def read_instant(text: str, zone: tzinfo) -> datetime:
    """ISO 8601 ("2026-12-30T10:00+09:00", or "2026-12-30 10:00"); without an offset, in `zone`.

    The result is aware and expressed in `zone`; raises ValueError for anything else.
    """
    moment = datetime.fromisoformat(text.strip())
    return moment.astimezone(zone) if moment.tzinfo else moment.replace(tzinfo=zone)
