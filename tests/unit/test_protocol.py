"""The X-IVR-Decision header: always valid Latin-1 (ASCII, in fact), and read back as written."""
import pytest

from ivr.web.protocol import MAX_VALUE, decision_header, read_decision_header


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


def test_no_header_reads_as_none():
    assert read_decision_header(None) is None
