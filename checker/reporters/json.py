"""JSON: one object with every finding and a summary (schema in the README)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from checker.engine import Result
from checker.model import Finding
from checker.printable import encodable
from checker.reporters.common import finding_text, position, summary


def finding_record(result: Result, finding: Finding) -> dict[str, Any]:
    pos = position(result, finding)
    fix = finding.fix
    return {
        "path": encodable(finding.path),
        "line": pos.line,
        "column": pos.column,
        "end_line": pos.end_line,
        "end_column": pos.end_column,
        "offset": finding.span.start,
        "end_offset": finding.span.end,
        "code": finding.code,
        "rule": finding.rule,
        "severity": finding.severity.label,
        "message": finding.message,
        "text": finding_text(result, finding),
        "replacement": finding.replacement,
        "fix_applicability": fix.applicability.name.lower() if fix else None,
        "entry": finding.entry,
        "facts": [
            {
                "entry": r.entry,
                "glossary": encodable(r.glossary) if r.glossary else r.glossary,
                "line": r.line,
                "source": r.source,
                "status": r.status,
            }
            for r in finding.related
        ],
        "segment": finding.segment,
    }


def report_object(results: Sequence[Result]) -> dict[str, Any]:
    return {
        "version": 1,
        "files": [
            {
                "path": encodable(r.path),
                "date": r.date.isoformat(),
                "date_origin": r.date_origin,
                "encoding": r.source.encoding,
                "warnings": [encodable(w) for w in r.warnings],
            }
            for r in results
        ],
        "findings": [finding_record(r, f) for r in results for f in r.findings],
        "summary": summary(results),
    }


def write_json(results: Iterable[Result], out: TextIO) -> None:
    json.dump(report_object(list(results)), out, ensure_ascii=False, indent=2)
    out.write("\n")
