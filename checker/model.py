"""Findings and fixes: immutable values with spans in code points of the source text."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, word: str) -> Severity:
        try:
            return cls[word.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {word!r} (use info, warning or error)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class Applicability(enum.IntEnum):
    """How safe a fix is: only SAFE fixes are applied by --fix."""

    DISPLAY_ONLY = 0
    UNSAFE = 1
    SAFE = 2


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open range [start, end) of code-point offsets into a source text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Edit:
    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability


@dataclass(frozen=True, slots=True)
class Related:
    """The glossary fact behind a finding: entry id, where it is defined, and its source."""

    entry: str
    glossary: str | None = None
    line: int | None = None
    source: str | None = None
    status: str = "confirmed"


EMPTY_DATA: Mapping[str, object] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    rule: str
    severity: Severity
    path: str
    span: Span
    message: str
    segment: str | None = None
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    data: Mapping[str, object] = field(default_factory=lambda: EMPTY_DATA)

    @property
    def replacement(self) -> str | None:
        if self.fix is None or len(self.fix.edits) != 1:
            return None
        return self.fix.edits[0].replacement

    @property
    def entry(self) -> str | None:
        return self.related[0].entry if self.related else None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.start, self.span.end, self.code)
