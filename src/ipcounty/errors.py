"""The one family of expected failures. The CLI catches these at its boundary and prints
one line; anything else is a bug and shows a traceback only with ``--debug``."""

from __future__ import annotations

from collections.abc import Sequence


class IpcountyError(Exception):
    """An expected failure with a message (already in the user's language) that says the fix."""

    exit_code = 1


class UsageError(IpcountyError):
    """The command line asked for something impossible (bad year, missing folder, ...)."""

    exit_code = 2


class PlanError(IpcountyError):
    """The plan file cannot be used; ``problems`` holds every problem found, not just the first."""

    def __init__(self, message: str, problems: Sequence[object] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class OutputError(IpcountyError):
    """An output file cannot be written (folder not writable, would overwrite an input)."""

    exit_code = 2
