"""Bad input a command explains in one line, `error: …` on stderr, and the exit status it earns."""
from __future__ import annotations


class CommandError(Exception):
    """Something the person running the command can put right; the message says how."""

    status = 1


class MenusUnreadable(CommandError):
    """The menus named cannot be read (no such folder, not a YAML file): exit status 1."""

    status = 1


class UsageError(CommandError):
    """A bad argument value (instant, month, line, language, keys) or setting: exit status 2."""

    status = 2
