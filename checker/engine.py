"""Run the selected rules over units of work and return their findings, sorted.

A unit of work is a document (the copy rules) or a pair (the pair rules, over a source and
its translation). `selected_rules` picks a kind's rules from the one registry, and
`run_rules` is the one loop that runs them over a unit's analysis; `Checker` checks
documents with it, `checker.headline.check.HeadlineChecker` pairs."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from checker.analysis import DocumentAnalysis
from checker.dates import story_date
from checker.document import Document, Segment, SegmentKind
from checker.errors import UsageError
from checker.glossary.model import Glossary
from checker.match.index import TermIndex
from checker.model import Finding, Severity
from checker.readers import reader_for
from checker.rules import REGISTRY, DocumentRule, Rule
from checker.rules.base import Reporter
from checker.source import SourceFile, decode, read_source
from checker.style import StyleProfile
from checker.suppress import apply_suppressions


def known_code(code: str) -> bool:
    """A registered rule code, a prefix of one, or ALL."""
    key = code.strip().upper()
    return key == "ALL" or (bool(key) and any(c.startswith(key) for c in REGISTRY))


@dataclass(frozen=True)
class FileIgnore:
    """Codes or prefixes ignored in the files that match a glob. The glob is read relative
    to `root` (the folder of the configuration file): `*` and `?` stay inside one folder,
    `**` crosses folders; a glob without a slash matches a file name in any folder below."""

    pattern: str
    codes: tuple[str, ...]
    root: Path

    @cached_property
    def _regex(self) -> re.Pattern[str]:
        return re.compile(_glob_regex(self.pattern.strip("/")))

    def matches(self, path: str | Path) -> bool:
        absolute = Path(os.path.realpath(path))
        try:
            relative = absolute.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return False
        if "/" not in self.pattern.strip("/"):
            return bool(self._regex.fullmatch(absolute.name))
        return bool(self._regex.fullmatch(relative))


def _glob_regex(pattern: str) -> str:
    parts = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            parts.append(".*")
            i += 2
        elif pattern[i] == "*":
            parts.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            parts.append("[^/]")
            i += 1
        else:
            parts.append(re.escape(pattern[i]))
            i += 1
    return "".join(parts)


@dataclass(frozen=True)
class Selection:
    """Which rules run, and at what severity. Codes or prefixes; the longest prefix wins.
    Per-file ignores drop a rule's findings in the files they match, whatever is selected."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: tuple[FileIgnore, ...] = ()

    def __post_init__(self) -> None:
        listed = (*self.select, *self.ignore, *self.severities)
        for code in (*listed, *(c for fi in self.per_file_ignores for c in fi.codes)):
            if not known_code(code):
                raise UsageError(f"unknown rule code or prefix {code!r} (see 'termcheck rules')")

    def enabled(self, code: str) -> bool:
        chosen = _longest(code, self.select) if self.select else 0
        dropped = _longest(code, self.ignore)
        if self.select and chosen < 0:
            return False
        return dropped < 0 or chosen > dropped

    def disabled_in(self, path: str) -> frozenset[str]:
        """The registered codes that do not apply to this file: not enabled, or ignored in
        it by a per-file ignore."""
        if not self.per_file_ignores:
            return self._disabled_everywhere
        file_codes = tuple(c for fi in self.per_file_ignores if fi.matches(path) for c in fi.codes)
        return frozenset(
            code for code in REGISTRY if not self.enabled(code) or _longest(code, file_codes) >= 0
        )

    @cached_property
    def _disabled_everywhere(self) -> frozenset[str]:
        return frozenset(code for code in REGISTRY if not self.enabled(code))

    def severity(self, rule: type[Rule]) -> Severity:
        return self.severities.get(rule.code, rule.default_severity)


def _longest(code: str, prefixes: Sequence[str]) -> int:
    lengths = [len(p) for p in prefixes if p.upper() == "ALL" or code.startswith(p.upper())]
    return max(lengths, default=-1)


class UnitRule(Protocol):
    """A rule of some kind: its code, and its check over one unit's analysis."""

    @property
    def code(self) -> str: ...

    def check(self, analysis: Any, report: Any) -> None: ...


# The reporter one rule reports a unit's findings to: (rule, severity, where they go).
ReporterFor = Callable[[Any, Severity, list[Finding]], Any]


def selected_rules(selection: Selection, kind: type[Any]) -> list[tuple[UnitRule, Severity]]:
    """The registered rules of a kind (copy or pair rules) the selection enables, in code
    order, each with its configured severity."""
    chosen: list[type[Any]] = [
        cls for code, cls in sorted(REGISTRY.items()) if selection.enabled(code)
    ]
    return [(cls(), selection.severity(cls)) for cls in chosen if issubclass(cls, kind)]


def run_rules(
    rules: Iterable[tuple[UnitRule, Severity]],
    analysis: object,
    reporter: ReporterFor,
    skip: Container[str] = frozenset(),
) -> list[Finding]:
    """The engine loop: each rule (but those in `skip`) over one unit of work's analysis;
    the findings they report to their reporters, rule by rule (in one list)."""
    found: list[Finding] = []
    for rule, severity in rules:
        if rule.code not in skip:
            rule.check(analysis, reporter(rule, severity, found))
    return found


# A check over a whole document beyond the copy rules (quoted headlines against their
# sources): it returns the result with its findings merged in.
DocumentCheck = Callable[[Document, "Result"], "Result"]


@dataclass(frozen=True)
class Result:
    path: str
    findings: tuple[Finding, ...]
    date: dt.date
    date_origin: str
    source: SourceFile
    warnings: tuple[str, ...] = ()
    segments: tuple[Segment, ...] = ()  # the text the checks saw, for reports that show it


class Checker:
    """A glossary compiled once, a style profile and a rule selection, ready to check."""

    def __init__(
        self,
        glossary: Glossary,
        style: StyleProfile,
        selection: Selection | None = None,
        date: dt.date | None = None,
        index: TermIndex | None = None,
        document_checks: Sequence[DocumentCheck] = (),
    ) -> None:
        self.glossary = glossary
        self.document_checks = tuple(document_checks)
        self.index = index or TermIndex(glossary)
        self.style = style
        self.selection = selection or Selection()
        self.date = date
        self.rules = selected_rules(self.selection, DocumentRule)

    def story_date(self, document: Document) -> tuple[dt.date, str]:
        if self.date is not None:
            return self.date, "--date"
        body = (s.text for s in document.segments if s.kind is SegmentKind.BODY)
        return story_date(document.date, document.date_origin, "\n".join(islice(body, 3)))

    def check_document(self, document: Document) -> Result:
        date, origin = self.story_date(document)
        analysis = DocumentAnalysis(document, self.index, self.style, date)
        ignored = self.selection.disabled_in(document.path)
        found = run_rules(
            self.rules,
            analysis,
            lambda rule, severity, out: Reporter(rule, document.path, severity, out, document),
            ignored,
        )
        findings = apply_suppressions(
            document,
            found,
            active=lambda code: code not in ignored,
            severity=self.selection.severity,
        )
        findings.sort(key=Finding.sort_key)
        result = Result(
            document.path,
            tuple(_dedupe(findings)),
            date,
            origin,
            document.source,
            document.warnings,
            document.segments,
        )
        for extra in self.document_checks:
            result = extra(document, result)
        return result

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
