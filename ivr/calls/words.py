"""Understanding a caller who says an option instead of pressing its key.

What Twilio heard matches an option when it contains one of the option's words in the caller's
language, both written alike first: case, width (ＡＢＣ, ｶｰﾄﾞ), accents of Latin letters
(Español, Tiếng Việt), katakana and hiragana, punctuation and, in Japanese, politeness
(なくした and なくしました) aside. Words in scripts written without spaces (日本語, 中文, ภาษาไทย)
match anywhere; words in Latin letters as whole words, so "lost" is not heard in "lobster".
"""
from __future__ import annotations

import unicodedata

from ivr.menus.model import Menu

# Katakana that has a hiragana twin, and the distance between them.
_KATAKANA, _TO_HIRAGANA = range(ord("ァ"), ord("ヶ") + 1), ord("ァ") - ord("ぁ")
# A Japanese past tense said plainly and politely: 盗まれた and 盗まれました.
_PLAIN_PAST, _POLITE_PAST = "た", "ました"


def normalise(text: str) -> str:
    """Written alike: 'Español!' and 'espanol', 'カード' and 'かーど', 'ＡＢＣ' and 'abc'."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("đ", "d")
    kept, base = [], ""
    for char in unicodedata.normalize("NFD", folded):
        if unicodedata.combining(char) and unicodedata.name(base, "").startswith("LATIN"):
            continue  # an accent on a Latin letter; Devanagari or Thai marks are letters' parts
        base = char if not unicodedata.combining(char) else base
        if ord(char) in _KATAKANA:
            char = chr(ord(char) - _TO_HIRAGANA)
        kept.append(char if unicodedata.category(char)[0] in "LNM" else " ")
    return " ".join(unicodedata.normalize("NFC", "".join(kept)).split())


def match_words(heard: str | None, menu: Menu, language: str) -> str | None:
    """The key of the option whose words in `language` the caller said, if exactly one option's
    words are in what was heard."""
    if not heard:
        return None
    said = normalise(heard)
    keys = {key for key, option in menu.options.items()
            if any(_contains(said, form) for word in option.words_in(language)
                   for form in _forms(normalise(word)))}
    return keys.pop() if len(keys) == 1 else None


def _forms(word: str) -> set[str]:
    """The word, and its plain or polite twin when it is a Japanese past tense."""
    if word.endswith(_POLITE_PAST):
        return {word, word.removesuffix(_POLITE_PAST) + _PLAIN_PAST}
    if word.endswith(_PLAIN_PAST):
        return {word, word.removesuffix(_PLAIN_PAST) + _POLITE_PAST}
    return {word}


def _contains(said: str, word: str) -> bool:
    if not word:  # only punctuation: nothing to listen for
        return False
    if not word.isascii():
        return word.replace(" ", "") in said.replace(" ", "")
    return f" {word} " in f" {said} "
