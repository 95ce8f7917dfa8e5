"""Errors that end a command with a one-line message and a documented exit code."""

from __future__ import annotations

from checker.printable import printable

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class TermcheckError(Exception):
    """A problem with the user's input, glossary or options: one line, exit code 2."""

    exit_code = EXIT_ERROR

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return printable(f"{where}{self.message}")


class InputError(TermcheckError):
    """A document that cannot be read or decoded."""


class GlossaryError(TermcheckError):
    """A glossary or style profile that cannot be loaded."""


class UsageError(TermcheckError):
    """Options that do not fit together."""


class GlossaryWarning(UserWarning):
    """Something a person should know about a glossary that does not stop the run; the
    command line prints each once."""
