"""The simulated caller's public name: `from ivr.simulator import Caller`.

It lives in ivr.tools.simulator; this name is the one tests and README examples use.
"""
from ivr.tools.simulator import ActionError, Caller, Event, SimulatorError, Utterance

__all__ = ["ActionError", "Caller", "Event", "SimulatorError", "Utterance"]
