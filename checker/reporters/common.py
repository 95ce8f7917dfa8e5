"""What every reporter needs: positions as line and column, and a summary."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from checker.engine import Result
from checker.model import Finding


@dataclass(frozen=True)
class Position:
    line: int
    column: int
    end_line: int
    end_column: int


def position(result: Result, finding: Finding) -> Position:
    lines = result.source.lines
    line, column = lines.line_col(finding.span.start)
    end_line, end_column = lines.line_col(finding.span.end)
    return Position(line, column, end_line, end_column)


def finding_text(result: Result, finding: Finding) -> str:
    return result.source.text[finding.span.start : finding.span.end]


def fix_shown(result: Result, finding: Finding) -> str | None:
    """What the fix writes: the replacement where it replaces the finding's span; else
    each edit as "'old' → 'new'", since the fix of a title finding may rewrite the name
    beside the title ("President Hu Jintao": 'Hu Jintao' → 'Xi Jinping')."""
    if finding.fix is None:
        return None
    edits = finding.fix.edits
    if len(edits) == 1 and edits[0].span == finding.span:
        return repr(edits[0].replacement)
    text = result.source.text
    return "; ".join(f"{text[e.span.start : e.span.end]!r} → {e.replacement!r}" for e in edits)


def summary(results: Sequence[Result]) -> dict[str, object]:
    findings = [f for r in results for f in r.findings]
    by_severity = Counter(f.severity.label for f in findings)
    return {
        "files": len(results),
        "findings": len(findings),
        "by_severity": {k: by_severity.get(k, 0) for k in ("error", "warning", "info")},
        "by_rule": dict(sorted(Counter(f.code for f in findings).items())),
        "fixable": sum(1 for f in findings if f.fix is not None),
    }


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text an XML document can hold: characters XML 1.0 forbids become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)
