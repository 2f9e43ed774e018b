"""The app's clock: what time it is now, in the menus' zone. create_app takes another for tests."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

Clock = Callable[[ZoneInfo], datetime]


def real_clock(zone: ZoneInfo) -> datetime:
    """Now, aware, in `zone`. Read in UTC first, so that in the hour a zone repeats when its clocks
    go back, the second occurrence is told from the first (`fold`); freezegun sets it in tests."""
    return datetime.now(UTC).astimezone(zone)
