"""Closed-desk demand as a weekday × hour heat map per desk, with the desk's opening hours (from
the menus now serving) outlined on it: calls that came while the desk was closed, and when.

Each row is a day of the week in the menus' zone, each column an hour. The outline is the
week's usual hours (the weekday hours on Monday to Friday, Saturday's, Sunday's); a public
holiday or a yearly closure closes the desk inside them, which is why calls may sit there.
A desk with hours per caller language has one outline per schedule, each dashed its own way.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from ivr.menus.loader import Menus
from ivr.menus.options import TransferOption
from ivr.menus.schedule import MINUTES_PER_DAY, DayType, Schedule
from ivr.records.figures import WEEKDAYS
from ivr.web.dashboard.charts import FONT

CELL_W, CELL_H, LEFT, TOP = 32, 22, 40, 18
DAY_TYPES = (*[DayType.WEEKDAY] * 5, DayType.SATURDAY, DayType.SUNDAY)
# A sequential palette (ColorBrewer OrRd): more closed-desk calls, a darker cell.
SHADES = ("#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000")
EMPTY, OUTLINE = "#f4f4f4", "#1a6faf"
DASHES = ("none", "7 4", "2 3", "10 3 2 3")

Hours = tuple[str, tuple[str, ...], Schedule]  # a schedule's name, its languages, the schedule


def desk_hours(menus: Menus, desk: str) -> list[Hours]:
    """The schedules the desk `line/menu/key` follows now; none when the menus no longer have it."""
    line, _, rest = desk.partition("/")
    menu, _, key = rest.partition("/")
    found = menus.lines.get(line)
    option = found.menus[menu].options.get(key) if found and menu in found.menus else None
    if not isinstance(option, TransferOption):
        return []
    schedule = option.transfer.schedule
    if isinstance(schedule, str):
        return [(schedule, (), menus.schedules[schedule])]
    languages: dict[str, tuple[str, ...]] = {}
    for language, name in schedule.items():
        languages[name] = (*languages.get(name, ()), language)
    return [(name, codes, menus.schedules[name]) for name, codes in languages.items()]


def heat_map(week: dict[str, list[int]], hours: list[Hours]) -> Markup:
    """The SVG heat map of one desk's closed-desk calls, its hours outlined."""
    top = max(max(counts) for counts in week.values()) or 1
    parts = [f'<text x="{LEFT + hour * CELL_W + CELL_W / 2}" y="{TOP - 5}" '
             f'text-anchor="middle" class="note">{hour}</text>' for hour in range(24)]
    for row, day in enumerate(WEEKDAYS):
        y = TOP + row * CELL_H
        parts.append(f'<text x="{LEFT - 6}" y="{y + 15}" text-anchor="end">{day}</text>')
        for hour, count in enumerate(week[day]):
            shade = SHADES[min(len(SHADES) - 1, int(len(SHADES) * count / (top + 1)))] \
                if count else EMPTY
            x = LEFT + hour * CELL_W
            parts.append(f'<rect x="{x}" y="{y}" width="{CELL_W - 1}" height="{CELL_H - 1}" '
                         f'fill="{shade}"><title>{day} {hour:02}:00-{hour + 1:02}:00: {count} '
                         "closed</title></rect>")
            if count:
                ink = "#fff" if shade in SHADES[4:] else "#222"
                parts.append(f'<text x="{x + CELL_W / 2 - 0.5}" y="{y + 15}" fill="{ink}" '
                             f'text-anchor="middle">{count}</text>')
    for index, (_, _, schedule) in enumerate(hours):
        parts += _outline(schedule, DASHES[index % len(DASHES)])
    height = TOP + 7 * CELL_H + 4
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEFT + 24 * CELL_W + 4} '
                  f'{height}" width="{LEFT + 24 * CELL_W + 4}" height="{height}" {FONT} '
                  f'role="img">{"".join(parts)}</svg>')


def hours_legend(hours: list[Hours]) -> Markup:
    """What each outline is: the schedule, and for which caller languages."""
    if not hours:
        return Markup('<p class="note">not a desk of the menus now serving: no hours drawn</p>')
    items = []
    for index, (name, languages, _) in enumerate(hours):
        dash = DASHES[index % len(DASHES)]
        sample = (f'<svg width="28" height="10"><line x1="0" y1="5" x2="28" y2="5" '
                  f'stroke="{OUTLINE}" stroke-width="2.5" stroke-dasharray="{dash}"/></svg>')
        who = f" ({', '.join(languages)})" if languages else ""
        items.append(f'<span class="key">{sample} open hours: {escape(name)}{escape(who)}</span>')
    return Markup(f'<div class="legend">{"".join(items)}</div>')


def _outline(schedule: Schedule, dash: str) -> list[str]:
    """A box around each opening interval of each day of the week."""
    boxes = []
    for row, day_type in enumerate(DAY_TYPES):
        spans = [(0, MINUTES_PER_DAY)] if schedule.always else \
            [(i.start, i.end) for i in schedule.intervals(day_type)]
        for start, end in spans:
            boxes.append(f'<rect x="{LEFT + start * CELL_W / 60:.1f}" y="{TOP + row * CELL_H}" '
                         f'width="{(end - start) * CELL_W / 60 - 1:.1f}" height="{CELL_H - 1}" '
                         f'fill="none" stroke="{OUTLINE}" stroke-width="2.5" '
                         f'stroke-dasharray="{dash}"><title>open</title></rect>')
    return boxes
