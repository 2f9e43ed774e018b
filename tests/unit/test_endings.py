"""Each call has exactly one ending, decided by its steps whatever order they are written in."""
from __future__ import annotations

import itertools
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from ivr.records.endings import ENDINGS, StepFacts, Summary, summarize
from ivr.records.entries import KEY, NAME, status_entry, step_entry

AT = datetime(2026, 12, 30, 1, 0, tzinfo=UTC)
LOCAL = datetime(2026, 12, 30, 10, 0)


def steps(*decisions: str, line: str = "mynumber", menu: str = "main") -> list[StepFacts]:
    """A call's steps in order; `decision@menu` moves the caller to another menu."""
    made = []
    for seq, word in enumerate(decisions):
        decision, _, then = word.partition("@")
        made.append(StepFacts(seq, AT, LOCAL, line, menu, decision,
                              None if decision in ("goodbye", "connected") else line,
                              then or menu, "ja", "hash" if seq == 0 else None))
        menu = then or menu
    return made


CALLS = [  # (steps, ending, where the caller was last)
    (["greeting", "transfer", "connected"], "connected", "mynumber/main"),
    (["greeting", "transfer", "fallback", "connected"], "connected", "mynumber/main"),
    (["greeting", "transfer", "fallback", "transfer-failed"], "transfer-failed", "mynumber/main"),
    # the transfer failed, the caller wandered a little, then hung up: it was the transfer
    (["greeting", "transfer", "transfer-failed", "no-input", "submenu@other"], "transfer-failed",
     "mynumber/other"),
    # … unless they were then told a desk was closed, or tried another transfer
    (["greeting", "transfer", "transfer-failed", "closed"], "closed", "mynumber/main"),
    (["greeting", "transfer", "transfer-failed", "transfer"], "abandoned", "mynumber/main"),
    (["greeting", "closed"], "closed", "mynumber/main"),
    (["greeting", "closed", "repeat"], "abandoned", "mynumber/main"),
    (["greeting", "no-input", "no-input", "goodbye"], "gave-up", "mynumber/main"),
    (["greeting", "invalid", "closed", "invalid", "invalid", "goodbye"], "gave-up",
     "mynumber/main"),
    (["greeting"], "abandoned", "mynumber/main"),
    (["greeting", "submenu@topics"], "abandoned", "mynumber/topics"),
    (["greeting", "transfer"], "abandoned", "mynumber/main"),  # hung up while it rang
    ([], "abandoned", "None/None"),  # only Twilio's status callback came
]


@pytest.mark.parametrize("decisions, ending, where", CALLS)
def test_a_call_has_the_one_ending_its_steps_say(decisions, ending, where):
    summary = summarize(steps(*decisions))
    assert summary.ending == ending
    assert f"{summary.last_line}/{summary.last_menu}" == where
    assert ending in ENDINGS


@pytest.mark.parametrize("decisions, ending, where", [c for c in CALLS if len(c[0]) <= 5])
def test_the_order_steps_are_written_in_changes_nothing(decisions, ending, where):
    made = steps(*decisions)
    in_order = summarize(made)
    assert all(summarize(list(order)) == in_order for order in itertools.permutations(made))


def test_a_call_is_where_its_first_step_was_and_who_called():
    summary = summarize(steps("greeting", "line@topics", line="mynumber")[::-1])
    assert (summary.line, summary.caller, summary.steps) == ("mynumber", "hash", 2)
    assert summary.started_at == AT and summary.day == LOCAL.date()


def test_steps_at_one_instant_count_in_the_order_they_were_added():
    # A frozen clock gives every step the same seq: the one added later is the later step.
    tied = [StepFacts(7, AT, LOCAL, "mynumber", "main", decision, "mynumber", "main", "ja")
            for decision in ("closed", "no-input")]
    assert Summary().add(tied[0]).add(tied[1]).ending == "abandoned"
    assert Summary().add(tied[1]).add(tied[0]).ending == "closed"


def test_an_entry_keeps_no_speech_but_what_matched_an_option():
    zone = ZoneInfo("Asia/Tokyo")
    heard = step_entry("CA1", 1, AT, zone, ("mynumber", "main"), ("mynumber", "main"), None,
                       "invalid", "heard 'my card number is 1234'", "ja", "v1", None)
    assert heard.reason is None and heard.key is None
    closed = step_entry("CA1", 1, AT, zone, ("mynumber", "main"), ("mynumber", "main"), "3",
                        "closed", "year-end", "ja", "v1", None)
    assert closed.reason == "year-end"


def test_an_entry_fits_its_columns_whatever_the_request_held():
    zone = ZoneInfo("Asia/Tokyo")
    entry = step_entry("CA\x00" + "9" * 500, 1, AT, zone, ("x" * 500, "\x00"), (None, None),
                       "1" * 3000, "unknown-menu", "y" * 500, "z" * 50, "v" * 40, None)
    assert len(entry.call_sid) == 64 and "\x00" not in entry.call_sid
    assert (entry.line, entry.menu, entry.key) == ("x" * NAME, None, "1" * KEY)
    assert status_entry("CA1", AT, "completed", "12").duration == 12
    assert status_entry("CA1", AT, "completed", "-3").duration is None
    assert status_entry("CA1", AT, None, "９").duration is None
