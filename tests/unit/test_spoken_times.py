"""Each language says every time of day its own way: two different clock times are never said
alike, at any hour and minute (whatever words and patterns a language file chooses)."""
from __future__ import annotations

from datetime import datetime

import pytest

from ivr.calls.phrasing import moment_text
from ivr.menus.loader import load_menus
from tests.conftest import HOTLINE

MENUS = load_menus(HOTLINE)


@pytest.mark.parametrize("code", sorted(MENUS.languages))
def test_every_quarter_hour_of_a_day_is_said_differently(code):
    quarters = [datetime(2027, 1, 4, hour, minute) for hour in range(24)
                for minute in (0, 15, 30, 45)]
    said = [moment_text(MENUS.languages[code], quarter) for quarter in quarters]
    assert len(set(said)) == len(quarters)
