"""Hours said as each language joins them: no conjunction said twice in one list of lists, Thai
spaced as Thai is written, one style of time per language, and every number a Nepali caller
hears written as a Nepali word."""
import re
from datetime import datetime, timedelta

import pytest

from ivr.calls.phrasing import hours_text, moment_text
from ivr.menus.lists import ListPattern
from ivr.menus.loader import load_menus
from ivr.menus.options import TransferOption
from tests.conftest import HOTLINE

MENUS = load_menus(HOTLINE)
# Each language's "and": said once in the hours at most, but after a comma (", and on
# Saturdays …") it starts a clause and may come again.
AND = {"en": " and ", "zh": "和", "ko": "및", "es": " y ", "pt": " e ", "vi": " và ",
       "th": "และ", "id": " dan ", "tl": " at ", "ne": " र "}


@pytest.mark.parametrize("pattern, said", [
    (ListPattern(between=", "), ["a", "a, b", "a, b, c"]),
    (ListPattern(between=", ", last=", and "), ["a", "a, and b", "a, b, and c"]),
    (ListPattern(between=", ", last=", and ", two=" and "), ["a", "a and b", "a, b, and c"]),
    (ListPattern(between=" "), ["a", "a b", "a b c"]),
])
def test_a_list_pattern_joins_one_two_or_three_items(pattern, said):
    assert [pattern.join(list("abc"[:n])) for n in (1, 2, 3)] == said


def test_separators_keep_their_spaces_though_texts_are_trimmed():
    assert MENUS.languages["th"].messages.lists.day_groups == ListPattern(between=" ")
    assert MENUS.languages["en"].messages.lists.sentences == ListPattern(between=". ")


@pytest.mark.parametrize("lang", sorted(AND))
@pytest.mark.parametrize("name", sorted(MENUS.schedules))
def test_the_hours_never_say_a_conjunction_twice(lang, name):
    schedule = MENUS.schedules[name].model_copy(update={"closures": ()})
    said = hours_text(MENUS.languages[lang], schedule)
    word = AND[lang]
    assert said.count(word) - said.count("," + word) <= 1, said


@pytest.mark.parametrize("lang, said", [
    ("zh", "受理时间为工作日上午9点30分至晚上8点，周六、周日及节假日上午9点30分至下午5点30分。"
           "年末年初（12月29日至1月3日）休息。"),
    ("ko", "상담 시간은 평일 오전 9시 30분부터 오후 8시까지, 토요일·일요일·공휴일 오전 9시 30분부터 "
           "오후 5시 30분까지입니다. 연말연시(12월 29일부터 1월 3일까지)에는 휴무입니다"),
    ("th", "เวลาทำการคือ วันธรรมดา ตั้งแต่ 9 นาฬิกา 30 นาที ถึง 20 นาฬิกา วันเสาร์ วันอาทิตย์ "
           "และวันหยุดนักขัตฤกษ์ ตั้งแต่ 9 นาฬิกา 30 นาที ถึง 17 นาฬิกา 30 นาที "
           "และปิดทำการในช่วงวันหยุดสิ้นปีและปีใหม่ ตั้งแต่วันที่ 29 ธันวาคม ถึงวันที่ 3 มกราคม"),
    ("pt", "Atendemos em dias úteis, das 9h30 às 20h, e aos sábados, aos domingos e nos feriados, "
           "das 9h30 às 17h30. Não há atendimento durante as festas de fim de ano, de 29 de "
           "dezembro a 3 de janeiro"),
    ("ne", "यो सेवा कार्यदिनमा बिहान नौ बजेर तिस मिनेटदेखि बेलुकी आठ बजेसम्म, शनिबार, आइतबार र "
           "सार्वजनिक बिदामा बिहान नौ बजेर तिस मिनेटदेखि साँझ पाँच बजेर तिस मिनेटसम्म उपलब्ध हुन्छ। "
           "वर्षान्त तथा नयाँ वर्षको बिदामा, अर्थात् डिसेम्बर उनन्तिसदेखि जनवरी तिनसम्म, सेवा बन्द रहन्छ"),
])
def test_the_standard_hours_as_the_review_asks(lang, said):
    assert hours_text(MENUS.languages[lang], MENUS.schedules["standard"]) == said


@pytest.mark.parametrize("lang, morning, evening", [
    ("ko", "오전 9시 30분", "오후 8시"),   # 오전/오후 throughout, not 저녁; no 05분
    ("pt", "9h30", "20h"),
    ("ja", "午前9時30分", "午後8時"),
])
def test_times_are_in_one_style(lang, morning, evening):
    said = hours_text(MENUS.languages[lang], MENUS.schedules["standard"])
    assert morning in said and evening in said


@pytest.mark.parametrize("lang, said", [
    ("ja", "1月4日月曜日、午前9時30分"),      # no bracketed weekday for a voice to misread
    ("tl", "Lunes, Enero 4, nang 9:30 AM"),  # the linker before the time
    ("ne", "सोमबार, जनवरी चार तारिख, बिहान नौ बजेर तिस मिनेट"),
])
def test_a_next_opening_is_said_so_a_voice_reads_it_right(lang, said):
    assert moment_text(MENUS.languages[lang], datetime(2027, 1, 4, 9, 30)) == said


NEPALI = MENUS.languages["ne"]
DIGITS = re.compile(r"\d")  # any script's digits: ० to ९ too


def test_nepali_numbers_are_cldrs_nepali_words():
    words = NEPALI.messages.number_words
    assert len(words) >= 60 and not any(DIGITS.search(word) for word in words)
    # where a Hindi voice reading digits says another number: दो, छह, उनतीस, इकतीस
    assert (words[2], words[6], words[29], words[31]) == ("दुई", "छ", "उनन्तिस", "एकतिस")


@pytest.mark.parametrize("name", sorted(MENUS.schedules))
def test_no_nepali_hours_hold_a_digit(name):
    assert not DIGITS.search(hours_text(NEPALI, MENUS.schedules[name]))


def test_no_nepali_date_and_time_holds_a_digit():
    # Every date of a leap year, and every minute of a day: a date's numbers and a time's do not
    # depend on each other.
    first = datetime(2028, 1, 1)
    moments = [first + timedelta(days=n) for n in range(366)]
    moments += [first + timedelta(minutes=n) for n in range(24 * 60)]
    assert [m for m in moments if DIGITS.search(moment_text(NEPALI, m))] == []


def test_nothing_the_nepali_line_says_by_itself_holds_a_digit():
    messages = NEPALI.messages
    texts = [getattr(messages, field) for field, info in type(messages).model_fields.items()
             if info.annotation is str]
    texts += [*messages.reasons.values(), *messages.closure_names.values(),
              *messages.days.values()]
    foreign = MENUS.lines["foreign"].menus
    key_3, choice = foreign["topics"].options["3"], foreign["languages"].options["0"]
    assert isinstance(key_3, TransferOption)
    said = [foreign["topics"].prompt, foreign["topics"].intro, key_3.transfer.when_closed,
            choice.announce]
    texts += [str(texts_of["ne"]) for texts_of in said if texts_of]
    assert len(texts) == 19 + 8 + 4 and [text for text in texts if DIGITS.search(text)] == []


# "also" said of the yearly closure when nothing closed was said before it (the review's C5).
ALSO = {"en": " also ", "ko": "에도", "es": "Además", "pt": "Além disso", "vi": " cũng ",
        "id": " juga ", "tl": " rin ", "ne": "पनि", "ja": "も", "zh": "也"}


@pytest.mark.parametrize("lang", sorted(ALSO))
@pytest.mark.parametrize("name", ["standard", "card-weekdays"])
def test_the_year_end_is_said_without_an_also(lang, name):
    assert ALSO[lang] not in hours_text(MENUS.languages[lang], MENUS.schedules[name])


def test_a_number_past_the_words_stays_in_digits():
    # A date pattern with the year: 2028 has no word, so the voice reads its digits; and so
    # would the 31st with words to 30 only.
    words = NEPALI.messages.number_words
    messages = NEPALI.messages.model_copy(update={"date_format": "y MMMM d",
                                                  "number_words": words[:31]})
    said = moment_text(NEPALI.model_copy(update={"messages": messages}),
                       datetime(2028, 1, 31, 9, 30))
    assert said.startswith("2028 ") and said.count("31") == 1
    assert words[30] in said and words[9] in said and DIGITS.findall(said) == list("202831")
