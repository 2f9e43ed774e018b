"""How `gunicorn app:app` serves the IVR in production; gunicorn reads this file by itself.

Command-line flags still win (`--bind 0.0.0.0:8000`, `--workers 4`), and so does the
GUNICORN_CMD_ARGS environment variable.
"""
import multiprocessing
import os

# Load the app, and so check the menus, once in the master before any worker exists: broken
# menus stop the server at once with the loader's file:line:column message and exit status 1,
# instead of workers that fail to boot and are started again and again. The master then keeps
# watching the menus as the workers do, so a worker started later (after a crash or a timeout)
# is a copy of the last good menus, even while a bad edit sits on disk.
preload_app = True

# Threads, so that a client that sends its request slowly holds one thread, not a worker.
# The IVR is CPU-bound: one worker per core does the work; the threads only wait for input.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = 8

# Twilio waits 15 s for an answer; a worker silent for twice that is stuck and is replaced.
timeout = 30
graceful_timeout = 10
# Twilio reuses its connections; keep them a little longer than gunicorn's default 2 s.
keepalive = 5

# What Twilio sends fits well within these: a GET with every parameter in its query is under
# 2 KB. Anything larger is refused by gunicorn before the app sees it.
limit_request_line = 8190
limit_request_fields = 64
limit_request_field_size = 8190

# Logs to stderr, where the IVR's own JSON lines go. No access log: each call step is logged
# by the app with its decision; set accesslog = "-" to have gunicorn's too.
errorlog = "-"
loglevel = "info"

# No runtime control socket: the IVR needs none, and two servers on one machine (a staging and
# a live line, or tests) would otherwise share one in the home folder.
control_socket_disable = True


def _watch_menus(app):
    store = getattr(app, "extensions", {}).get("ivr")
    if store is not None:
        store.watch()


def when_ready(server):
    """The master watches the menus too, so that the workers it starts later begin current."""
    _watch_menus(server.app.wsgi())


def post_worker_init(worker):
    """A new worker looks at the menus at once, not at its first call, and keeps watching."""
    _watch_menus(worker.wsgi)


def worker_exit(server, worker):
    """A worker that stops gracefully writes the call records it still holds, and says how
    often its kept answers served (one "answer cache" line)."""
    extensions = getattr(worker.wsgi, "extensions", {})
    writer = extensions.get("ivr.records")
    if writer is not None:
        writer.close()
    answers = extensions.get("ivr.answers")
    if answers is not None:
        from ivr.web import logs

        logs.CALLS.info("answer cache", extra={"fields": {**answers.stats(), "pid": worker.pid}})
