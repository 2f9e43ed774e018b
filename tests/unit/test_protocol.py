"""The wire protocol: the decision header, always plain ASCII and read back as written; the
call's state in its follow-up URLs, written and read back, leniently."""
from urllib.parse import parse_qsl, urlsplit

import pytest

from ivr import load_menus
from ivr.calls.steps import CallState, Return
from ivr.web.protocol import (
    MAX_VALUE,
    FollowUps,
    decision_header,
    read_count,
    read_decision_header,
    read_state,
)
from tests.helpers import HOTLINE


@pytest.mark.parametrize("said", ["えーと", "🙂", "a; b=c", "100%", "line\r\nX-Evil: 1", "३", ""])
def test_any_value_is_plain_ascii_and_reads_back(said):
    header = decision_header({"decision": "invalid", "reason": f"heard {said!r}"})
    assert header.isascii() and "\r" not in header and "\n" not in header
    assert read_decision_header(header) == {"decision": "invalid", "reason": f"heard {said!r}"}


def test_printable_ascii_stays_readable():
    assert decision_header({"line": "mynumber", "key": "*", "decision": "closed",
                            "reason": "year-end", "menu": None}) == \
        "line=mynumber; key=*; decision=closed; reason=year-end"


def test_a_long_value_is_cut_with_an_ellipsis():
    header = decision_header({"reason": "x" * 10_000})
    assert read_decision_header(header) == {"reason": "x" * (MAX_VALUE - 1) + "…"}


def test_a_value_of_the_longest_length_is_kept_whole():
    assert read_decision_header(decision_header({"reason": "x" * MAX_VALUE})) == {
        "reason": "x" * MAX_VALUE}


def test_no_header_reads_as_none():
    assert read_decision_header(None) is None


# --- the call's state in its follow-up URLs ---------------------------------------------------

MENUS = load_menus(HOTLINE)


def test_a_state_written_into_a_url_reads_back_the_same():
    state = CallState("foreign", "topics", "th", 2, Return("mynumber", "main", "ja"))
    url = FollowUps("8a48a01a040d").menu(state)
    assert url == "/voice/foreign/topics?lang=th&fails=2&back=mynumber/main/ja&v=8a48a01a040d"
    query = dict(parse_qsl(urlsplit(url).query))
    assert read_state("foreign", "topics", query, MENUS) == state


def test_a_transfer_url_names_the_key_and_attempt_below_the_apps_prefix():
    url = FollowUps("v1", root="/ivr").dial(CallState("mynumber", "main", "ja"), "#", 1)
    assert url == "/ivr/voice/mynumber/main/dial/%23?lang=ja&attempt=1&v=v1"


@pytest.mark.parametrize("query, lang, fails, back", [
    ({"lang": "xx"}, "ja", 0, None),  # a language the line lacks: its first
    ({"lang": "ja", "fails": "x"}, "ja", 0, None),
    ({"fails": "-5"}, "ja", 0, None),
    ({"fails": "３"}, "ja", 0, None),  # a full-width digit is not a count
    ({"fails": "99999999999999999999"}, "ja", 10, None),
    ({"back": "mynumber/main"}, "ja", 0, None),  # malformed
    ({"back": "a/b/c/d"}, "ja", 0, None),
    ({"back": "card-center/gone/ja"}, "ja", 0, None),  # a menu no longer there
    ({"back": "nowhere/main/ja"}, "ja", 0, None),
    ({"back": "foreign/topics/xx"}, "ja", 0, Return("foreign", "topics", "en")),
])
def test_a_mangled_or_stale_state_is_read_as_one_the_navigator_can_use(query, lang, fails, back):
    assert read_state("mynumber", "main", query, MENUS) == CallState("mynumber", "main", lang,
                                                                     fails, back)


def test_an_unknown_line_keeps_what_the_url_says_for_the_navigator_to_decide():
    assert read_state("gone", "main", {"lang": "xx"}, MENUS) == CallState("gone", "main", "xx")


@pytest.mark.parametrize("text, count", [("1", 1), ("7", 1), ("-1", 0), ("", 0), ("x", 0)])
def test_a_count_is_a_small_whole_number(text, count):
    assert read_count({"attempt": text}, "attempt", 1) == count
