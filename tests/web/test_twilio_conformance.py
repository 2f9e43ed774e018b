"""Every answer the shipped menus give is one Twilio takes: each attribute a value of Twilio's
own TwiML types (vendored from the npm package twilio), each <Say> within its voice's length in
UTF-8 bytes, each document within 64 KB."""
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime

import pytest

from ivr.calls.navigator import Navigator
from ivr.calls.steps import CallState, Return, Step
from ivr.menus.loader import load_menus
from ivr.menus.options import TransferOption
from ivr.menus.twiml_types import MAX_DOCUMENT_BYTES, attribute_problem, say_limit
from ivr.tools import tree
from ivr.web.protocol import FollowUps
from ivr.web.twiml import render
from tests.helpers import SHIPPED_MENUS

MENUS = load_menus(SHIPPED_MENUS)
# Open, outside hours, a Saturday evening, a public holiday (国民の休日), the year end.
INSTANTS = [datetime.fromisoformat(at) for at in (
    "2026-12-01T10:00+09:00", "2026-12-01T22:00+09:00", "2026-12-05T18:00+09:00",
    "2026-09-22T10:00+09:00", "2026-12-30T10:00+09:00")]


def steps() -> Iterator[tuple[str, Step]]:
    """(what, step) for every kind of answer of every menu, in every language it is said in."""
    nav = Navigator(MENUS)
    for line_name, line in MENUS.lines.items():
        yield f"{line_name} greeting", nav.start(line_name)
        entries = tree.entries(MENUS.lines, line_name)
        back = Return(entries[0].line, entries[0].menu, "ja") if entries else None
        for menu_name in tree.reachable_menus(line):
            menu = line.menus[menu_name]
            for code in line.languages:
                state = CallState(line_name, menu_name, code, back=back)
                where = f"{line_name}/{menu_name} in {code}"
                yield f"{where}: *", nav.choose(state, "*", None, INSTANTS[0])
                yield f"{where}: goodbye", nav.choose(CallState(line_name, menu_name, code, 2),
                                                      None, None, INSTANTS[0])
                for key, option in menu.options.items():
                    for at in INSTANTS:
                        yield f"{where}: {key} at {at}", nav.choose(state, key, None, at)
                    if isinstance(option, TransferOption):
                        yield f"{where}: {key} fallback", nav.dial_outcome(state, key, 0, "busy")
                        yield f"{where}: {key} failed", nav.dial_outcome(state, key, 1, "failed")


STEPS = list(steps())


def test_the_walk_meets_every_kind_of_answer():
    decisions = {step.decision for _, step in STEPS}
    assert {"greeting", "repeat", "goodbye", "closed", "transfer", "fallback", "transfer-failed",
            "submenu", "line", "back"} <= decisions


@pytest.mark.parametrize("what, step", STEPS, ids=[what for what, _ in STEPS])
def test_every_shipped_answer_is_one_twilio_takes(what, step):
    document = render(step, FollowUps("0123456789ab"))
    assert len(document.encode("utf-8")) <= MAX_DOCUMENT_BYTES
    for element in ET.fromstring(document).iter():
        if element.tag == "Response":
            continue
        for name, value in element.attrib.items():
            assert attribute_problem(element.tag, name, value) is None, (element.tag, name, value)
        if element.tag == "Say":
            assert len((element.text or "").encode("utf-8")) <= say_limit(element.get("voice", ""))
