"""Run the selected rules over documents and return their findings, sorted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker.analysis import DocumentAnalysis
from checker.document import Document
from checker.errors import UsageError
from checker.glossary.model import Glossary
from checker.match.index import TermIndex
from checker.model import Finding, Severity
from checker.readers import reader_for
from checker.rules import REGISTRY, DocumentRule, Rule
from checker.rules.base import Reporter
from checker.source import SourceFile, decode, read_source
from checker.style import StyleProfile


@dataclass(frozen=True)
class Selection:
    """Which rules run, and at what severity. Codes or prefixes; the longest prefix wins."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: dict[str, Severity] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for code in (*self.select, *self.ignore, *self.severities):
            if not any(c.startswith(code.upper()) for c in REGISTRY) and code.upper() != "ALL":
                raise UsageError(f"unknown rule code or prefix {code!r} (see 'termcheck rules')")

    def enabled(self, code: str) -> bool:
        chosen = _longest(code, self.select) if self.select else 0
        dropped = _longest(code, self.ignore)
        if self.select and chosen < 0:
            return False
        return dropped < 0 or chosen > dropped

    def severity(self, rule: type[Rule]) -> Severity:
        return self.severities.get(rule.code, rule.default_severity)


def _longest(code: str, prefixes: Sequence[str]) -> int:
    lengths = [len(p) for p in prefixes if p.upper() == "ALL" or code.startswith(p.upper())]
    return max(lengths, default=-1)


@dataclass(frozen=True)
class Result:
    path: str
    findings: tuple[Finding, ...]
    date: dt.date
    date_origin: str
    source: SourceFile
    warnings: tuple[str, ...] = ()


class Checker:
    """A glossary compiled once, a style profile and a rule selection, ready to check."""

    def __init__(
        self,
        glossary: Glossary,
        style: StyleProfile,
        selection: Selection | None = None,
        date: dt.date | None = None,
        index: TermIndex | None = None,
    ) -> None:
        self.glossary = glossary
        self.index = index or TermIndex(glossary)
        self.style = style
        self.selection = selection or Selection()
        self.date = date
        self.rules: list[tuple[DocumentRule, Severity]] = [
            (cls(), self.selection.severity(cls))
            for code, cls in sorted(REGISTRY.items())
            if issubclass(cls, DocumentRule) and self.selection.enabled(code)
        ]

    def story_date(self, document: Document) -> tuple[dt.date, str]:
        if self.date is not None:
            return self.date, "--date"
        if document.date is not None:
            return document.date, document.date_origin or "document"
        return dt.date.today(), "today (no --date and no date in the document)"

    def check_document(self, document: Document) -> Result:
        date, origin = self.story_date(document)
        analysis = DocumentAnalysis(document, self.index, self.style, date)
        findings: list[Finding] = []
        for rule, severity in self.rules:
            rule.check(analysis, Reporter(rule, document.path, severity, findings))
        findings.sort(key=Finding.sort_key)
        return Result(
            document.path,
            tuple(_dedupe(findings)),
            date,
            origin,
            document.source,
            document.warnings,
        )

    def check_source(self, source: SourceFile) -> Result:
        return self.check_document(reader_for(source.path)(source))

    def check_path(self, path: str | Path, encoding: str | None = None) -> Result:
        return self.check_source(read_source(path, encoding))

    def check_text(self, text: str, path: str = "<text>") -> Result:
        return self.check_source(decode(text.encode("utf-8"), path))


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[tuple[str, int, int]] = set()
    result = []
    for finding in findings:
        key = (finding.code, finding.span.start, finding.span.end)
        if key not in seen:
            seen.add(key)
            result.append(finding)
    return result
