"""Rules: a code, a name, a default severity, a documented docstring, and a check."""

from __future__ import annotations

import abc
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from checker.analysis import DocumentAnalysis
from checker.document import Segment
from checker.glossary.model import Entry, Form
from checker.model import Applicability, Edit, Finding, Fix, Related, Severity, Span

CODE_PATTERN = re.compile(r"^[A-Z]{2}\d{3}$")


class Rule(abc.ABC):
    """Base class of every rule family. The docstring is the rule's documentation, with
    the sections ## Why, ## Bad, ## Good and ## Fix safety (tests run the Bad and Good
    examples)."""

    code: ClassVar[str]
    name: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.WARNING
    # The story date the Bad/Good examples are checked on.
    example_date: ClassVar[str] = "2025-11-19"


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
    ) -> None:
        span = segment.to_source(Span(start, end))
        fix = None
        # The fix replaces the reported span, or another span of the same segment (a
        # title finding may offer the name to change).
        fix_start, fix_end = replace_at or (start, end)
        if replacement is not None and replacement != segment.text[fix_start:fix_end]:
            if not segment.is_literal(Span(fix_start, fix_end)):
                applicability = Applicability.DISPLAY_ONLY
            edit = Edit(segment.to_source(Span(fix_start, fix_end)), replacement)
            fix = Fix(f"Replace with '{replacement}'", (edit,), applicability)
        if entry is not None:
            related = (related_fact(entry, form), *related)
        self.findings.append(
            Finding(
                code=self.rule.code,
                rule=self.rule.name,
                severity=self.severity,
                path=self.path,
                span=span,
                message=message,
                segment=segment.name,
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
