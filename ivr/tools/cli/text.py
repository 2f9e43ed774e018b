"""Plain text for a terminal: columns aligned by display width (a kanji takes two), lines kept
narrow."""
from __future__ import annotations

import unicodedata
from datetime import datetime

WIDTH = 100  # the widest line a command prints
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def table(rows: list[list[str]], indent: str = "") -> list[str]:
    """Rows aligned in columns; a last cell too wide for WIDTH goes on below itself, cut at "; "."""
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        head = indent + "".join(pad(cell, w + 2) for cell, w in zip(row, widths, strict=False))
        lines += joined(row[-1].split("; "), head, " " * width(head), "; ")
    return lines


def joined(parts: list[str], first: str, indent: str, separator: str) -> list[str]:
    """`first` then `parts` with `separator` between them, a new line at `indent` when too wide."""
    lines, line = [], first + parts[0]
    for part in parts[1:]:
        if width(line + separator + part) > WIDTH:
            lines.append(line + separator.rstrip())
            line = indent + part
        else:
            line += separator + part
    return lines + [line.rstrip()]


def moment(instant: datetime) -> str:
    """e.g. Mon 2027-01-04 09:30, in the instant's own zone."""
    return f"{DAYS[instant.weekday()]} {instant:%Y-%m-%d %H:%M}"


def clock(instant: datetime, midnight: datetime) -> str:
    """HH:MM of `instant`, or 24:00 when it is the `midnight` that ends the day."""
    return "24:00" if instant == midnight else f"{instant:%H:%M}"
