"""The dashboard's bar charts, drawn on the server as SVG: no script, no library, nothing fetched.

Each function takes the report's figures (ivr.records.figures) and returns an <svg> element as
Markup; every text in it is escaped, since line and menu names come from the operators' YAML and
the URLs callers' requests named.
"""
from __future__ import annotations

from datetime import date, timedelta

from markupsafe import Markup, escape

from ivr.records.endings import ENDINGS

# One colour per ending, the same in every chart and legend; distinct in colour-blind eyes too.
COLOURS = {"connected": "#1b7837", "transfer-failed": "#c51b7d", "closed": "#5e3c99",
           "gave-up": "#e08214", "abandoned": "#7f8c8d"}
FONT = 'font-family="system-ui, sans-serif" font-size="12"'
WIDTH = 880


def bars(counts: dict[str, float], unit: str = "", notes: dict[str, str] | None = None,
         colour: str = "#2166ac", most: float | None = None) -> Markup:
    """Horizontal bars, one per key, longest first as given; `notes` follow each value."""
    if not counts:
        return Markup('<p class="none">none in this period</p>')
    label_width = min(320, 12 + 7 * max(len(name) for name in counts))
    top = most or max(counts.values()) or 1
    room = WIDTH - label_width - 190
    rows = []
    for index, (name, value) in enumerate(counts.items()):
        y = 6 + index * 24
        length = room * value / top
        shown = f"{value:.0%}" if unit == "%" else f"{value:g}"
        note = f" {notes[name]}" if notes and name in notes else ""
        rows.append(
            f'<text x="{label_width - 8}" y="{y + 13}" text-anchor="end">{escape(name)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="18" fill="{colour}">'
            f"<title>{escape(name)}: {shown}{escape(note)}</title></rect>"
            f'<text x="{label_width + length + 6:.1f}" y="{y + 13}">{shown}'
            f'<tspan class="note">{escape(note)}</tspan></text>')
    return _svg(WIDTH, 12 + 24 * len(counts), "".join(rows))


def endings_over_days(by_day: dict[str, dict[str, int]]) -> Markup:
    """One stacked bar a day, every day of the period, each ending in its colour."""
    if not by_day:
        return Markup('<p class="none">no calls in this period</p>')
    first, last = date.fromisoformat(min(by_day)), date.fromisoformat(max(by_day))
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    top = max(sum(counts.values()) for counts in by_day.values())
    left, height, plot = 40, 220, WIDTH - 60
    step = plot / len(days)
    parts = [f'<line x1="{left}" y1="{height}" x2="{left + plot}" y2="{height}" stroke="#999"/>',
             f'<text x="{left - 6}" y="{height - 186}" text-anchor="end">{top}</text>',
             f'<text x="{left - 6}" y="{height}" text-anchor="end">0</text>']
    for index, day in enumerate(days):
        counts = by_day.get(day.isoformat(), {})
        x, y = left + index * step, float(height)
        for ending in ENDINGS:
            size = 190 * counts.get(ending, 0) / top
            if size:
                y -= size
                parts.append(f'<rect x="{x + step * 0.1:.1f}" y="{y:.1f}" '
                             f'width="{max(step * 0.8, 1):.1f}" height="{size:.1f}" '
                             f'fill="{COLOURS[ending]}"><title>{day} {ending}: '
                             f"{counts[ending]}</title></rect>")
        if index % max(1, len(days) // 8) == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{height + 16}" '
                         f'text-anchor="middle">{day:%m-%d}</text>')
    return _svg(WIDTH, height + 24, "".join(parts))


def legend() -> Markup:
    """The endings' colours, in the order the bars stack them (bottom first)."""
    items = "".join(f'<span class="key"><i style="background:{COLOURS[e]}"></i>{e}</span>'
                    for e in ENDINGS)
    return Markup(f'<div class="legend">{items}</div>')


def _svg(width: float, height: float, body: str) -> Markup:
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" '
                  f'width="{width}" height="{height:.0f}" {FONT} role="img">{body}</svg>')
