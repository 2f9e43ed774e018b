"""The simulated caller's public name: `from ivr.simulator import Caller`.

It lives in ivr.tools.simulator; this name is the one tests and README examples use.
"""
from ivr.tools.simulator import Caller, SimulatorError, Utterance

__all__ = ["Caller", "SimulatorError", "Utterance"]
