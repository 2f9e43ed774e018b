"""The operators' scenarios (menus/scenarios.yaml) played on the navigator, the pure core that
answers every call: a check the loader makes of menus otherwise sound (`checks=`), so that
`check`, the start of the IVR and each reload refuse menus that fail one.

No Flask and no TwiML: a scenario is the navigator's steps, as the webhook would turn them into
TwiML and the simulated caller would read them back — keys typed ahead answer the menus that
follow, keys pressed while a transfer rings are dropped, silence is an empty answer — so a
scenario means the same here as through `Caller.act` (tests/web/test_shipped_scenarios.py
plays every shipped one both ways). A scenario takes under a millisecond, so reloads stay quick.
"""
from __future__ import annotations

from datetime import datetime

from ivr.calls.navigator import Navigator
from ivr.calls.steps import Ask, Dial, Step
from ivr.menus import phones
from ivr.menus.instants import read_instant
from ivr.menus.loader import Menus, Sources
from ivr.menus.problems import Problem
from ivr.menus.scenarios import ITEMS, Item, Outcome, Scenario, ScenariosFile, judge, read_item

_REFUSED = ("if the menus are right, write what they do now under expect:, else undo the "
            "edit: menus that fail a scenario are refused")


def scenarios(menus: Menus, sources: Sources) -> tuple[Scenario, ...]:
    """The scenarios of the folder `menus` were loaded from (validated by the loader)."""
    if sources.scenarios is None:
        return ()
    return ScenariosFile.model_validate(sources.scenarios.data, context={
        phones.REGION: menus.calendar.country}).scenarios


def check_scenarios(menus: Menus, sources: Sources) -> list[Problem]:
    """A problem for each scenario that fails, on the line of what it expected, saying what
    happened instead."""
    nav, problems = Navigator(menus), []
    for index, scenario in enumerate(scenarios(menus, sources)):
        assert sources.scenarios is not None  # there are scenarios
        doc, where = sources.scenarios, ("scenarios", index)
        outcome = play(nav, scenario)
        if outcome.unfit is not None:
            position, wrong = outcome.unfit
            problems.append(doc.problem(
                where + ("keys", position), f"scenario {scenario.name!r}: "
                f"{scenario.keys[position]!r} does not fit the call: {wrong}",
                "write what a caller can do there: " + ITEMS))
            continue
        missed = judge(scenario.expect, outcome)
        if missed:
            problems.append(doc.problem(where + ("expect", missed[0][0]),
                                        f"scenario {scenario.name!r} failed: "
                                        + "; ".join(what for _, what in missed), _REFUSED))
    return problems


def play(nav: Navigator, scenario: Scenario) -> Outcome:
    """The call `scenario` makes, as the navigator answers it: what the last item got."""
    at = read_instant(scenario.at, nav.menus.zone)
    answers = [nav.start(scenario.line, None, at)]  # the answers to the last item
    for index, text in enumerate(scenario.keys):
        item = read_item(text)  # the loader refused any text that is no item
        found = _act(nav, answers[-1], item, at) if item is not None else ITEMS
        if isinstance(found, str):
            return _outcome(answers, unfit=(index, found))
        if not found:  # hung up: the last answer stands, and nothing more is heard
            last = answers[-1]
            return Outcome(last.decision, last.reason, None, ())
        answers = found
    return _outcome(answers)


def _act(nav: Navigator, step: Step, item: Item, at: datetime) -> list[Step] | str:
    """The answers to `item` (none: the caller hung up), or why it does not fit the call."""
    action = step.action
    if not isinstance(action, Ask | Dial):
        return "the call has ended"
    if item.kind == "hangup":
        return []
    if isinstance(action, Dial):
        if item.kind != "outcome":
            return (f"a transfer to {action.number} is ringing: type answered, busy, no answer "
                    "or failed")
        return [nav.dial_outcome(action.state, action.key, action.attempt, item.value)]
    if item.kind == "outcome":
        return "no transfer is ringing; " + ITEMS
    if item.kind == "say" and action.listening is None:
        return "this menu listens for keys only, not for speech"
    if item.kind != "keys":
        return [nav.choose(action.state, None, item.value or None, at)]
    answers: list[Step] = []
    for key in item.value:  # keys typed ahead answer the menus that follow
        current = answers[-1].action if answers else action
        if not isinstance(current, Ask):
            break  # no menu listens any more: Twilio drops them
        answers.append(nav.choose(current.state, key, None, at))
    return answers


def _outcome(answers: list[Step], unfit: tuple[int, str] | None = None) -> Outcome:
    last = answers[-1]
    dials = [step.action.number for step in answers if isinstance(step.action, Dial)]
    said = tuple(speech.text for step in answers for speech in step.action.speech)
    return Outcome(last.decision, last.reason, dials[-1] if dials else None, said, unfit)
