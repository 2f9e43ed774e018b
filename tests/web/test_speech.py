"""Callers may say their topic instead of pressing its key, in their own language: a phrase that
holds one topic's words reaches it; one that holds none, or the words of two topics, is a key
that means nothing (told so, and the menu again)."""
import pytest

from ivr.menus.loader import load_menus
from tests.conftest import HOTLINE

MENUS = load_menus(HOTLINE)
FOREIGN = MENUS.lines["foreign"]
KEY_OF = {option.switches_to: key for key, option in FOREIGN.menus["languages"].options.items()
          if option.switches_to}
OPEN = "2026-12-01T10:00+09:00"  # every desk is open: a Tuesday morning

# language → (a phrase for the suspension of a lost card, key 3; one that names no topic; one
# that names two, the notice of key 1 and the loss of key 3)
PHRASES = {
    "en": ("I lost my card", "Hello, is anybody there?", "I lost my notification card"),
    "zh": ("我的卡丢了", "你好", "我的通知卡丢了"),
    "ko": ("카드를 분실했어요", "안녕하세요", "통지서를 분실했어요"),
    "es": ("Perdí mi tarjeta", "Hola, buenos días", "Perdí la notificación"),
    "pt": ("Perdi meu cartão", "Olá, bom dia", "Perdi a notificação"),
    "vi": ("Tôi bị mất thẻ", "Xin chào", "Tôi bị mất giấy thông báo"),
    "th": ("บัตรหายค่ะ", "สวัสดีค่ะ", "หนังสือแจ้งหายค่ะ"),
    "id": ("Kartu saya hilang", "Halo, selamat pagi", "Surat pemberitahuan saya hilang"),
    "tl": ("Nawala ang card ko", "Magandang umaga po", "Nawala ang notice ko"),
    "ne": ("मेरो कार्ड हरायो", "नमस्ते", "मेरो सूचना पत्र हरायो"),
}


def topics(caller, lang: str):
    return caller.dial("foreign", at=OPEN).press(KEY_OF[lang])


@pytest.mark.parametrize("lang", PHRASES)
def test_the_topic_menu_listens_in_the_callers_language_with_its_words_as_hints(caller, lang):
    topics(caller, lang)
    assert caller.gather["input"] == "dtmf speech"
    assert caller.gather["language"] == MENUS.languages[lang].listen
    hints = caller.gather["hints"].split(", ")
    for key in "123":
        assert set(FOREIGN.menus["topics"].options[key].words_in(lang)) <= set(hints)


@pytest.mark.parametrize("lang", PHRASES)
def test_saying_a_topic_reaches_it(caller, lang):
    topics(caller, lang).say(PHRASES[lang][0])
    assert caller.decision["decision"] == "transfer" and caller.decision["key"] == "3"
    assert caller.dialled == ["+81120017827"]
    assert caller.heard_text == MENUS.languages[lang].messages.connecting


@pytest.mark.parametrize("lang", PHRASES)
@pytest.mark.parametrize("which", [1, 2], ids=["no-topic", "two-topics"])
def test_a_phrase_naming_no_topic_or_two_is_a_key_that_means_nothing(caller, lang, which):
    topics(caller, lang).say(PHRASES[lang][which])
    assert caller.decision["decision"] == "invalid"
    assert caller.decision["reason"] == f"heard {PHRASES[lang][which]!r}"
    assert caller.heard[0].text == MENUS.languages[lang].messages.invalid
    assert caller.heard[1].text == (FOREIGN.menus["topics"].prompt or {})[lang]
    assert caller.dialled == []


@pytest.mark.parametrize("said, key", [
    ("カードをなくしました", "2"),      # the polite past of なくした
    ("スマホを落としてしまって", "2"),
    ("ｺﾝﾋﾞﾆで証明書を取りたい", "1"),   # half-width katakana
    ("保険証のことで", "5"),
    ("ＥＮＧＬＩＳＨ ｐｌｅａｓｅ", "9"),  # full-width letters
])
def test_the_japanese_main_menu_understands_a_topic_said_in_japanese(caller, said, key):
    caller.dial("mynumber", at=OPEN)
    assert caller.gather["language"] == "ja-JP"
    caller.say(said)
    assert caller.decision["key"] == key, caller.transcript_text()


def test_a_japanese_phrase_naming_two_topics_is_not_understood(caller):
    caller.dial("mynumber", at=OPEN).say("保険証と口座のことで")
    assert caller.decision["decision"] == "invalid"


def test_what_was_heard_reaches_the_decision_header_as_ascii(client):
    answer = client.post("/voice/foreign/topics?lang=th", data={"SpeechResult": "สวัสดีค่ะ"})
    header = answer.headers["X-IVR-Decision"]
    assert header.isascii() and "decision=invalid" in header
    assert "%E0%B8%AA" in header  # ส, percent-encoded
