"""Words said instead of keys: what Twilio heard is written alike before it is compared, and
matches when it holds one option's words in the caller's language."""
import pytest

from ivr.calls.words import match_words, normalise
from ivr.menus.model import Menu


@pytest.mark.parametrize("heard, written", [
    ("Español!", "espanol"),
    ("Tiếng Việt", "tieng viet"),
    ("Đánh cắp", "danh cap"),
    ("ＥＮＧＬＩＳＨ", "english"),
    ("ｶｰﾄﾞ", "かーど"),           # half-width katakana, then hiragana
    ("カード", "かーど"),
    ("ガス", "がす"),              # the voiced mark stays: が is not か
    ("ภาษาไทย", "ภาษาไทย"),       # Thai vowel and tone marks are kept
    ("नेपाली।", "नेपाली"),          # Devanagari vowel signs kept, the danda is punctuation
    ("분실했어요", "분실했어요"),
])
def test_what_was_heard_is_written_alike(heard, written):
    assert normalise(heard) == written


MENU = Menu.model_validate({"prompt": {"ja": "ご用件は", "en": "Your topic?"}, "options": {
    "1": {"words": {"ja": ["通知カード"], "en": ["notice"]}, "say": {"ja": "1", "en": "1"}},
    "2": {"words": {"ja": ["なくした", "盗難"], "en": ["lost"]}, "say": {"ja": "2", "en": "2"}},
    "3": {"words": ["English"], "say": {"ja": "3", "en": "3"}},
}})


@pytest.mark.parametrize("heard, language, key", [
    ("カードをなくしました", "ja", "2"),     # polite for plain なくした
    ("カードを無くしました", "ja", None),     # a kanji spelling the words do not list
    ("盗難にあいました", "ja", "2"),
    ("つうちカード", "ja", None),            # kana for kanji is another word
    ("通知ｶｰﾄﾞをなくした", "ja", None),      # two options: not understood
    ("I lost my card", "en", "2"),
    ("a lobster", "en", None),              # Latin words match whole
    ("lost", "ja", None),                   # the words of another language are not listened for
    ("english please", "ja", "3"),          # words of every language
    ("", "en", None),
    (None, "en", None),
])
def test_one_options_words_in_the_callers_language_choose_it(heard, language, key):
    assert match_words(heard, MENU, language) == key


def test_a_menu_listens_in_a_language_only_where_its_options_have_words():
    assert MENU.words_in("ja") == ("通知カード", "なくした", "盗難", "English")
    assert MENU.words_in("fr") == ("English",)


def test_a_word_written_politely_is_heard_said_plainly_and_politely():
    menu = Menu.model_validate({"prompt": {"ja": "ご用件は"}, "options": {
        "2": {"words": {"ja": ["盗まれました"]}, "say": {"ja": "2"}}}})
    assert match_words("カードを盗まれた", menu, "ja") == "2"
    assert match_words("カードを盗まれました", menu, "ja") == "2"
    assert match_words("カードを盗む", menu, "ja") is None


def test_a_word_of_punctuation_alone_is_not_listened_for():
    menu = Menu.model_validate({"prompt": {"en": "Your topic?"}, "options": {
        "1": {"words": {"en": ["?!"]}, "say": {"en": "1"}},
        "2": {"words": {"en": ["lost"]}, "say": {"en": "2"}}}})
    assert match_words("I lost my card?!", menu, "en") == "2"
    assert match_words("hello", menu, "en") is None
