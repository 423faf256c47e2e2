"""Provides the errors every layer raises and the front ends turn into one line."""

from __future__ import annotations


class TrackerError(Exception):
    """A user-facing failure: bad data, a missing thing, a refused store.

    ``exit_code`` follows the spec: 1 for bad data, 2 for bad usage.
    """

    exit_code = 1

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ValidationError(TrackerError):
    """A value a user gave is not acceptable; ``where`` names the field."""


class NotFound(TrackerError):
    """The thing named does not exist."""


class Conflict(TrackerError):
    """Someone else changed the item since it was read; nothing was written."""

    @classmethod
    def stale(cls, key: str) -> Conflict:
        return cls(f"{key} was changed by someone else since you read it; reload and try again")


class StoreError(TrackerError):
    """The file is not a store we can open (foreign, newer, corrupt)."""


class NoStore(StoreError):
    """No store where one was named, for a command that only reads: a mistyped
    ``--db`` in CI must not pass as an empty plan with nothing in collision."""

    exit_code = 2


class UsageError(TrackerError):
    """The request itself is malformed."""

    exit_code = 2


class ImportFailed(TrackerError):
    """An import found errors; nothing was written.  Carries every error line."""

    def __init__(self, errors: list[str], total: int, unshown: dict[str, int] | None = None) -> None:
        super().__init__(f"{total} error(s); nothing was imported")
        self.errors = errors
        self.total = total
        self.unshown = unshown or {}
        """Field → how many of the errors past those shown are about it, most first:
        a file whose every row lacks a title must not hide it behind its first 20 kind errors."""


class StoreFailure(Exception):
    """The store's engine failed past our checks (busy past the timeout, disk full,
    a read-only file it did not expect to write): the one engine error that leaves
    the store, so no layer above names the engine's own.

    Not a ``TrackerError``: those are failures we foresaw and worded, while this
    one is told as "the store could not be used: ..." with the engine's words,
    and a handler of ``TrackerError`` earlier in a chain must not take it.
    ``read_only``: the engine refused a write because the file, its folder or
    its mount cannot be written.
    """

    def __init__(self, message: str, *, read_only: bool = False, code: int = 0) -> None:
        super().__init__(message)
        self.read_only = read_only
        self.code = code
        """The engine's primary result code, for the store's own checks."""
