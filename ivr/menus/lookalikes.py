"""Characters that look like the digits, colons and hyphens of times, dates and numbers but are
others: full-width ０９：３０ typed in Japanese input mode, a letter O for a zero, an en dash or a
wave dash for the hyphen of "09:30-20:00".

A validator that refuses a value asks `retyped`: when the value with those characters retyped is
one it accepts, the message names the first character to retype, where it is, and what to write.
"""
from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Dashes and marks written where a hyphen is meant, with the name the message gives them.
_DASHES = {
    "\u2010": "a Unicode hyphen (‐)", "\u2011": "a non-breaking hyphen (‑)",
    "\u2012": "a figure dash (‒)", "\u2013": "an en dash (–)", "\u2014": "an em dash (—)",
    "\u2015": "a horizontal bar (―)", "\u2212": "a minus sign (−)",
    "\u30fc": "a long-vowel mark (ー)", "\uff70": "a long-vowel mark (ｰ)",
    "\u301c": "a wave dash (〜)", "\uff5e": "a full-width tilde (～)", "~": "a tilde (~)",
}
_ZEROS = "Oo"


def _plain(char: str) -> str:
    """The ASCII character `char` stands for, or `char` itself."""
    if char in _DASHES:
        return "-"
    if char in _ZEROS:
        return "0"
    folded = unicodedata.normalize("NFKC", char)  # full-width ０ → 0, ： → :, － → -
    return folded if len(folded) == 1 and folded.isascii() else char


def _name(char: str) -> str:
    if char in _DASHES:
        return _DASHES[char]
    if char in _ZEROS:
        return f"the letter {char}"
    if unicodedata.east_asian_width(char) == "F":
        return f"a full-width {char}"
    return f"{char} (U+{ord(char):04X})"


def retyped(text: str, accepts: Callable[[str], bool]) -> str | None:
    """What to retype in `text`, e.g. "'０９：３０-20:00' has a full-width ０ at position 1 … —
    write '09:30-20:00' …", when `accepts` the text so retyped; else None."""
    fixed = "".join(_plain(char) for char in text)
    if fixed == text or not accepts(fixed):
        return None
    odd = [(position, char) for position, (char, plain)
           in enumerate(zip(text, fixed, strict=True), 1) if char != plain]
    position, char = odd[0]
    more = len(odd) - 1
    others = f" and {more} more character{'s' if more > 1 else ''} to retype" if more else ""
    return (f"{text!r} has {_name(char)} at position {position}{others} — write {fixed!r}, "
            "in half-width (ASCII) characters")


def or_retyped(check: Callable[[str], T]) -> Callable[[str], T]:
    """`check` (a validator that raises ValueError), saying what to retype when the value it
    refuses has look-alike characters and would be accepted without them."""

    def accepts(text: str) -> bool:
        try:
            check(text)
        except ValueError:
            return False
        return True

    @functools.wraps(check)
    def checked(value: str) -> T:
        try:
            return check(value)
        except ValueError:
            said = retyped(value, accepts) if isinstance(value, str) else None
            if said is None:
                raise
            raise ValueError(said) from None

    return checked
