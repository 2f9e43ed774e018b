"""A call, in pure Python (no Flask, no XML): whether a desk is open and why, what the caller
hears in their language, and the navigator that turns each key into the next step."""
