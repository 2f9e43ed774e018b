"""What people run beside the server: the simulated caller (the one reader of TwiML), the
commands of `python -m ivr` and what they show (check's warnings, hours, graph, script)."""
