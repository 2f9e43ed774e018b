"""The simulated caller's public name: `from ivr.simulator import Caller` (see ivr.tools.simulator)."""
from ivr.tools.simulator import Caller, SimulatorError, Utterance

__all__ = ["Caller", "SimulatorError", "Utterance"]
