"""Errors as RFC 9457 problem details: the same one-line message the command line prints,
with an HTTP status that says whose fault it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.errors import GlossaryError, InputError, TermcheckError, UsageError

PROBLEM_JSON = "application/problem+json"


@dataclass
class Problem(Exception):
    """An answer that is not the one asked for: its status, a short title naming the kind
    of problem and the one-line detail."""

    status: int
    kind: str
    title: str
    detail: str
    headers: tuple[tuple[str, str], ...] = ()

    def body(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": f"/api/v1/problems#{self.kind}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        return body


# The kinds of problem the API answers with, by their fragment in `type`.
KINDS: dict[str, tuple[int, str]] = {
    "usage": (400, "Bad options"),
    "bad-request": (400, "Bad request"),
    "unauthorized": (401, "Token required"),
    "not-found": (404, "Not found"),
    "method-not-allowed": (405, "Method not allowed"),
    "too-large": (413, "Upload too large"),
    "unsupported-media-type": (415, "Unsupported media type"),
    "input": (422, "Unreadable document"),
    "glossary": (422, "Glossary or style problem"),
    "internal": (500, "Internal error"),
    "timeout": (503, "Check took too long"),
}


def problem(kind: str, detail: str, headers: tuple[tuple[str, str], ...] = ()) -> Problem:
    status, title = KINDS[kind]
    return Problem(status, kind, title, detail, headers)


def from_error(error: TermcheckError) -> Problem:
    """A termcheck error as the problem a client is told about, its detail the CLI's line."""
    if isinstance(error, UsageError):
        return problem("usage", str(error))
    if isinstance(error, GlossaryError):
        return problem("glossary", str(error))
    if isinstance(error, InputError):
        return problem("input", str(error))
    return problem("bad-request", str(error))
