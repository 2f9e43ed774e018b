"""What the IVR says by itself fits what happens next, in every language: the goodbye after
repeated silence or wrong keys does not repeat the failure said just before it; after a failed
transfer the caller, kept in the menu, is not told to call again later; and a group B caller
told at night that key 3 is closed hears where suspension is open 24 hours."""
import pytest

from ivr.menus.loader import load_menus
from ivr.menus.options import TransferOption
from tests.conftest import HOTLINE

MENUS = load_menus(HOTLINE)
FOREIGN = MENUS.lines["foreign"]
KEY_OF = {option.switches_to: key for key, option in FOREIGN.menus["languages"].options.items()
          if option.switches_to}
TUESDAY_10, TUESDAY_22 = "2026-12-01T10:00+09:00", "2026-12-01T22:00+09:00"

# The reviewed texts, as a caller hears them.
GOODBYE = {
    "ja": "お電話を終了いたします。お手数ですが、もう一度おかけ直しください。お電話ありがとうございました。",
    "en": "We will now end this call. If you still need help, please call us again. Thank you for "
          "calling.",
    "zh": "本次通话即将结束。如需咨询，请重新拨打。感谢您的来电。",
    "ko": "통화를 종료합니다. 도움이 필요하시면 다시 걸어 주십시오. 전화해 주셔서 감사합니다.",
    "es": "Vamos a terminar la llamada. Si todavía necesita ayuda, por favor vuelva a llamar. "
          "Gracias por su llamada.",
    "pt": "Esta ligação será encerrada. Se ainda precisar de ajuda, ligue novamente. Agradecemos "
          "a sua ligação.",
    "vi": "Chúng tôi xin phép kết thúc cuộc gọi. Nếu vẫn cần hỗ trợ, xin vui lòng gọi lại. Cảm ơn "
          "quý vị đã gọi điện.",
    "th": "ระบบขอวางสายก่อนนะคะ หากยังต้องการความช่วยเหลือ กรุณาโทรมาใหม่อีกครั้ง ขอบคุณที่โทรมาค่ะ",
    "id": "Panggilan ini akan kami akhiri. Jika masih memerlukan bantuan, silakan hubungi kami "
          "kembali. Terima kasih atas panggilan Anda.",
    "tl": "Tatapusin na po namin ang tawag na ito. Kung kailangan pa ninyo ng tulong, mangyaring "
          "tumawag po ulit. Salamat po sa inyong pagtawag.",
    "ne": "यो कल अन्त्य गरिँदै छ। सहयोग चाहिएमा कृपया फेरि फोन गर्नुहोस्। फोन गर्नुभएकोमा धन्यवाद।",
}
TRANSFER_FAILED = {
    "ja": "申し訳ございません。ただいま担当窓口におつなぎできませんでした。恐れ入りますが、"
          "しばらくたってから、もう一度お試しください。",
    "en": "We're sorry, we could not connect your call. Please try again in a few minutes.",
    "zh": "非常抱歉，目前无法为您接通相关部门。请过几分钟再试。",
    "ko": "죄송합니다. 지금은 담당 창구에 연결할 수 없습니다. 잠시 후 다시 시도해 주십시오.",
    "es": "Lo sentimos, en este momento no fue posible transferir su llamada. Por favor, "
          "inténtelo de nuevo en unos minutos.",
    "pt": "Desculpe, no momento não foi possível transferir a sua ligação. Por favor, tente "
          "novamente em alguns minutos.",
    "vi": "Xin lỗi, hiện tại chúng tôi không thể kết nối cuộc gọi của quý vị. Xin vui lòng thử lại "
          "sau ít phút.",
    "th": "ขออภัยค่ะ ขณะนี้ไม่สามารถโอนสายได้ กรุณาลองใหม่อีกครั้งในอีกสักครู่ค่ะ",
    "id": "Mohon maaf, saat ini panggilan Anda tidak dapat disambungkan. Silakan coba kembali dalam "
          "beberapa menit.",
    "tl": "Paumanhin po, hindi namin kayo maikonekta sa ngayon. Mangyaring subukan po ulit "
          "pagkalipas ng ilang minuto.",
    "ne": "माफ गर्नुहोस्, अहिले तपाईंलाई जोड्न सकिएन। कृपया केही मिनेटपछि फेरि प्रयास गर्नुहोस्।",
}


def menu_of(caller, lang: str, at: str = TUESDAY_10):
    """A call in `lang`, in its topic menu (Japanese: mynumber's main menu)."""
    if lang == "ja":
        return caller.dial("mynumber", at=at)
    return caller.dial("foreign", at=at).press(KEY_OF[lang])


@pytest.mark.parametrize("lang", GOODBYE)
@pytest.mark.parametrize("failure", ["silence", "wrong key"])
def test_the_goodbye_follows_the_last_failure_without_repeating_it(caller, lang, failure):
    messages = MENUS.languages[lang].messages
    menu_of(caller, lang)
    for _ in range(3):
        caller.silence() if failure == "silence" else caller.press("8")
    said = messages.no_input if failure == "silence" else messages.invalid
    assert [u.text for u in caller.heard] == [said, GOODBYE[lang]]
    assert caller.ended
    assert messages.goodbye == GOODBYE[lang]


@pytest.mark.parametrize("lang", TRANSFER_FAILED)
def test_a_failed_transfer_is_told_and_the_menu_follows_with_no_call_again(caller, lang):
    # Key 2 has no fallback on the foreign line; mynumber's key 3 has one, which fails too.
    menu_of(caller, lang).press("3" if lang == "ja" else "2").transfer("busy")
    if lang == "ja":
        caller.transfer("failed")
    first, *menu = caller.heard
    assert first.text == TRANSFER_FAILED[lang]
    assert menu and caller.waiting_for == "keys"
    assert "call again" not in first.text and "おかけ直し" not in first.text


GROUP_B = ("vi", "th", "id", "tl", "ne")


@pytest.mark.parametrize("lang", GROUP_B)
def test_group_b_told_at_night_that_key_3_is_closed_hears_where_suspension_is_24_hours(caller,
                                                                                        lang):
    key_3 = FOREIGN.menus["topics"].options["3"]
    assert isinstance(key_3, TransferOption) and key_3.transfer.when_closed
    menu_of(caller, lang, at=TUESDAY_22).press("3")
    assert caller.closed
    closed, note, prompt = caller.heard
    assert note.text == key_3.transfer.when_closed[lang]
    assert (prompt.text, prompt.language) == ((FOREIGN.menus["topics"].prompt or {})[lang],
                                              MENUS.languages[lang].say)
    # Pressing # and choosing English reaches the 24-hour suspension at once.
    caller.press("#").press(KEY_OF["en"]).press("3")
    assert not caller.closed and caller.dialled == ["+81120017827"]
