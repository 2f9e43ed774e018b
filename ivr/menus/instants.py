"""Reading a date and time as operators, testers and simulators write it: the one reader of
instants typed by a person (a command's --at, a simulator's pretend time, Caller(at=...))."""
from __future__ import annotations

from datetime import datetime, tzinfo

# The years a person may pretend it is: far wider than any use, and far enough from datetime's
# own ends (years 1 and 9999) that a year of searching for the next opening cannot fall off.
YEARS = range(1900, 3000)


class OutOfRange(ValueError):
    """A date and time that reads, but outside YEARS (or off datetime's years in the zone)."""


def read_instant(text: str, zone: tzinfo | None) -> datetime:
    """ISO 8601 ("2026-12-30T10:00+09:00", or "2026-12-30 10:00"); without an offset it is read
    in `zone`, and with no zone an offset is required.

    The result is aware (in `zone` when given); raises ValueError for anything else, with a
    message that says what to write instead (OutOfRange for a year outside YEARS).
    """
    name = getattr(zone, "key", None) or str(zone)
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        local = f", or 2026-12-30T10:00 for {name} time" if zone is not None else ""
        raise ValueError(f"{text!r} is not a date and time — write ISO 8601, e.g. "
                         f"2026-12-30T10:00+09:00{local}") from None
    if moment.tzinfo is None:
        if zone is None:
            raise ValueError(f"{text!r} has no UTC offset — write e.g. 2026-12-30T10:00+09:00")
        moment = moment.replace(tzinfo=zone)
    elif zone is not None and moment.year in YEARS:
        moment = moment.astimezone(zone)
    if moment.year not in YEARS:
        raise OutOfRange(f"{text!r} is out of range — write a date in the years {YEARS[0]} to "
                         f"{YEARS[-1]}, e.g. 2026-12-30T10:00")
    return moment
