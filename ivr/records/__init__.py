"""Call records: what happened on each call, in a database (IVR_DATABASE), for the report and
the dashboard.

- `entries` — what the webhook hands over: a step, or Twilio's status callback;
- `writer` — each worker's buffer and the thread that writes it in batches, off the requests;
- `batch`, `bulk` — one batch in one transaction, in a few statements;
- `folding`, `endings` — steps summed up into their calls' rows, apart; how a call ended;
- `schema`, `database`, `migrations/` — the tables, the connection, their Alembic migrations;
- `privacy` — callers' numbers as keyed hashes; `figures` — the report's counts.

No web framework here: ivr.web hands entries in and shows the figures.
"""
