"""Rules: a code, a name, a default severity, a documented docstring, and a check."""

from __future__ import annotations

import abc
import enum
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from checker.analysis import DocumentAnalysis
from checker.document import Document, Segment
from checker.fit import changes_number, doubles_a_word, fit_replacement, only_case_or_space
from checker.glossary.model import Entry, Form
from checker.model import Applicability, Edit, Finding, Fix, Related, Severity, Span

CODE_PATTERN = re.compile(r"^[A-Z]{2}\d{3}$")


class InQuotation(enum.Enum):
    """What a rule's finding becomes inside quoted speech."""

    REPORT = "report"  # reported; a fix that changes more than case or white space is dropped
    NAME = "name"  # reported with its fix: it corrects how a name is spelt
    INFO = "info"  # an info note, without a fix
    SILENT = "silent"  # not reported: the rule describes the writer's style


class Rule(abc.ABC):
    """Base class of every rule family. The docstring is the rule's documentation, with
    the sections ## Why, ## Bad, ## Good and ## Fix safety (tests run the Bad and Good
    examples)."""

    code: ClassVar[str]
    name: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.WARNING
    # The story date the Bad/Good examples are checked on.
    example_date: ClassVar[str] = "2025-11-19"
    # Inside quoted speech; None: silent for house style (ST), reported for the rest.
    in_quotation: ClassVar[InQuotation | None] = None


def quotation_policy(rule: type[Rule] | Rule) -> InQuotation:
    if rule.in_quotation is not None:
        return rule.in_quotation
    return InQuotation.SILENT if rule.code.startswith("ST") else InQuotation.REPORT


class DocumentRule(Rule):
    """A rule over one English document (copy checks)."""

    @abc.abstractmethod
    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        """Report every finding of this rule in the analysed document."""


@dataclass
class Reporter:
    """Collects one rule's findings on one document, mapping spans to the source."""

    rule: DocumentRule
    path: str
    severity: Severity
    findings: list[Finding]
    document: Document | None = None  # its quotations are worked out at the first finding

    def __call__(
        self,
        segment: Segment,
        start: int,
        end: int,
        message: str,
        *,
        replacement: str | None = None,
        replace_at: tuple[int, int] | None = None,
        applicability: Applicability = Applicability.SAFE,
        entry: Entry | None = None,
        form: Form | None = None,
        related: tuple[Related, ...] = (),
        data: dict[str, object] | None = None,
        severity: Severity | None = None,
        in_quotation: InQuotation | None = None,
    ) -> None:
        """Report a finding on [start, end) of the segment. `severity` lowers the rule's
        for this finding (a hint); `in_quotation` overrides the rule's policy for it."""
        span = segment.to_source(Span(start, end))
        level = self.severity if severity is None else min(self.severity, severity)
        quotations = self.document.quotations if self.document is not None else None
        quoted = quotations is not None and quotations.containing(span) is not None
        policy = in_quotation or quotation_policy(self.rule)
        if quoted and policy is InQuotation.SILENT:
            return
        if quoted and policy is InQuotation.INFO:
            level, replacement = Severity.INFO, None
        fix = None
        # The fix replaces the reported span, or another span of the same segment (a
        # title finding may offer the name to change).
        fix_start, fix_end = replace_at or (start, end)
        surface = segment.text[fix_start:fix_end]
        if replacement is not None:
            replacement = fit_replacement(surface, replacement)
            fix_span = segment.to_source(Span(fix_start, fix_end))
            touches_quote = quotations is not None and quotations.overlapping(fix_span)
            if (
                touches_quote
                and policy is not InQuotation.NAME
                and not only_case_or_space(surface, replacement)
            ):
                replacement = None  # no fix changes the words of a quotation
        if replacement is not None and replacement != surface:
            if not segment.is_literal(Span(fix_start, fix_end)):
                applicability = Applicability.DISPLAY_ONLY
            elif applicability is Applicability.SAFE and (
                changes_number(surface, replacement)
                or doubles_a_word(segment.text, fix_start, fix_end, replacement)
            ):
                applicability = Applicability.UNSAFE
            edit = Edit(segment.to_source(Span(fix_start, fix_end)), replacement)
            fix = Fix(f"Replace with '{replacement}'", (edit,), applicability)
        if entry is not None:
            related = (related_fact(entry, form), *related)
        self.findings.append(
            Finding(
                code=self.rule.code,
                rule=self.rule.name,
                severity=level,
                path=self.path,
                span=span,
                message=message,
                segment=segment.name_at(start),
                fix=fix,
                related=related,
                data=data or {},
            )
        )


def related_fact(entry: Entry, form: Form | None = None) -> Related:
    source = (form.source if form and form.source else None) or entry.source
    status = form.status if form is not None else entry.status
    line = form.line if form is not None and form.line else entry.line
    return Related(entry.id, entry.path, line, source, status)


REGISTRY: dict[str, type[Rule]] = {}
_NAMES: dict[str, str] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if not CODE_PATTERN.match(cls.code):
        raise ValueError(f"bad rule code {cls.code!r}")
    if cls.code in REGISTRY or cls.name in _NAMES:
        raise ValueError(f"duplicate rule {cls.code} {cls.name}")
    REGISTRY[cls.code] = cls
    _NAMES[cls.name] = cls.code
    return cls


def code_for(name_or_code: str) -> str | None:
    key = name_or_code.strip()
    if key.upper() in REGISTRY:
        return key.upper()
    return _NAMES.get(key)


def doc_sections(rule: type[Rule]) -> dict[str, str]:
    """The docstring's summary and its '## Section' bodies."""
    doc = (rule.__doc__ or "").strip("\n")
    lines = [line[4:] if line.startswith("    ") else line for line in doc.splitlines()]
    sections: dict[str, list[str]] = {"summary": []}
    current = "summary"
    for line in lines:
        if line.startswith("## "):
            current = line[3:].strip().lower()
            sections[current] = []
        else:
            sections[current].append(line)
    return {k: textwrap.dedent("\n".join(v)).strip() for k, v in sections.items()}


def examples(rule: type[Rule], section: str) -> list[str]:
    """Example texts of a section: each indented block is one example."""
    body = doc_sections(rule).get(section, "")
    return [b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()]


def iter_rules() -> Iterator[type[Rule]]:
    return iter(sorted(REGISTRY.values(), key=lambda r: r.code))
