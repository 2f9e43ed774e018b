"""The shipped scenarios (menus/scenarios.yaml): the shipped menus pass every one, and each means
the same through the simulated caller — the webhook, its TwiML, Twilio's way of running it — as
on the navigator, where `check`, the start of the IVR and every reload play them."""
from __future__ import annotations

import pytest

from ivr import create_app
from ivr.calls.navigator import Navigator
from ivr.calls.scenario_runner import play, scenarios
from ivr.menus.instants import read_instant
from ivr.menus.loader import load_with_sources
from ivr.menus.scenarios import Outcome, Scenario, judge
from ivr.simulator import Caller
from ivr.tools.cli import main
from tests.helpers import SHIPPED_MENUS

MENUS, SOURCES = load_with_sources(SHIPPED_MENUS)
SHIPPED = scenarios(MENUS, SOURCES)


def test_the_shipped_menus_are_sound_and_pass_their_scenarios(capsys):
    assert main(["check", "--strict", str(SHIPPED_MENUS)]) == 0
    summary, = capsys.readouterr().out.splitlines()
    assert summary.endswith(f", {len(SHIPPED)} scenarios passed; no warnings")


@pytest.fixture(scope="module")
def app():
    return create_app({"IVR_MENUS": str(SHIPPED_MENUS), "TWILIO_AUTH_TOKEN": "",
                       "IVR_DIAL_OVERRIDE": "", "IVR_RELOAD": "0"})


def through_the_simulator(app, scenario: Scenario) -> Outcome:
    caller = Caller.for_app(app).dial(scenario.line, at=read_instant(scenario.at, MENUS.zone))
    dialled = 0
    for item in scenario.keys:
        dialled = len(caller.dialled)
        caller.act(item)
    decision = caller.decision
    new = caller.dialled[dialled:]
    return Outcome(decision["decision"], decision.get("reason"), new[-1] if new else None,
                   tuple(utterance.text for utterance in caller.heard))


@pytest.mark.parametrize("scenario", SHIPPED, ids=[s.name for s in SHIPPED])
def test_a_shipped_scenario_means_the_same_through_the_simulator(app, scenario):
    simulated = through_the_simulator(app, scenario)
    assert simulated == play(Navigator(MENUS), scenario)
    assert judge(scenario.expect, simulated) == []
