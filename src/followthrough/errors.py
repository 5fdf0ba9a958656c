"""One error family: every failure a user can cause names its input and the reason."""

from __future__ import annotations


class FollowthroughError(Exception):
    """Base class for errors the CLI reports as one line instead of a traceback."""

    exit_code = 1


class InputError(FollowthroughError):
    """An input (file, stdin, URL, JSON record) could not be turned into documents."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UsageError(FollowthroughError):
    """A setting or argument the user gave is not usable (bad date, bad database URL)."""

    exit_code = 2


class NotFoundError(FollowthroughError):
    """A requested stored object does not exist."""


class StoreError(FollowthroughError):
    """The database cannot be used: unreadable, read-only, corrupt, foreign, or from a newer version."""

    exit_code = 3
