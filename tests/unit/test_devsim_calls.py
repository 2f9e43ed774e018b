"""The browser simulator's calls in memory: bounded, least recently used first out, expiring."""
from ivr.simulator import Caller
from ivr.tools.devsim.calls import Calls


def caller() -> Caller:
    return Caller(client=object())  # never dials: only kept


def test_a_full_registry_forgets_the_least_recently_used_call():
    calls = Calls(limit=2)
    first_id, first = calls.add(caller())
    second_id, _ = calls.add(caller())
    assert calls.get(first_id) is first  # first is now the more recently used
    third_id, third = calls.add(caller())
    assert (calls.get(second_id), calls.get(first_id), calls.get(third_id), len(calls)) == (
        None, first, third, 2)


def test_a_call_unused_for_the_idle_time_is_forgotten():
    now = [0.0]
    calls = Calls(idle=60, clock=lambda: now[0])
    kept_id, kept = calls.add(caller())
    idle_id, _ = calls.add(caller())
    now[0] = 50
    assert calls.get(kept_id) is kept
    now[0] = 61  # the idle call was last used at 0, the kept one at 50
    assert (calls.get(idle_id), calls.get(kept_id), len(calls)) == (None, kept, 1)
    now[0] = 200
    assert (calls.get(kept_id), len(calls)) == (None, 0)
