"""Call records: what happened on each call, in a database (IVR_DATABASE), for the report and
the dashboard.

- `entries` — what the webhook hands over: a step, or Twilio's status callback;
- `writer` — each worker's buffer and the thread that writes it in batches, off the requests;
- `batch` — one batch in one transaction; `endings` — how a call ended, from its steps;
- `schema`, `database`, `migrations/` — the tables, the connection, their Alembic migrations;
- `privacy` — callers' numbers as keyed hashes; `figures` — the report's counts.

No web framework here: ivr.web hands entries in and shows the figures.
"""
