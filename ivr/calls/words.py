"""Understanding a caller who says an option instead of pressing its key."""
from __future__ import annotations

import unicodedata

from ivr.menus.model import Menu


def normalise(text: str) -> str:
    """Lower case, accents and punctuation gone: 'Español!' and 'espanol' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = (c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in kept).split())


def match_words(heard: str | None, menu: Menu) -> str | None:
    """The key of the option whose words the caller said, if exactly one option matches."""
    if not heard:
        return None
    said = normalise(heard)
    keys = {key for key, option in menu.options.items()
            if any(_contains(said, normalise(word)) for word in option.words)}
    return keys.pop() if len(keys) == 1 else None


def _contains(said: str, word: str) -> bool:
    # Scripts written without spaces (中文, ภาษาไทย) match anywhere; others as whole words.
    if not word.isascii():
        return word in said
    return f" {word} " in f" {said} "
