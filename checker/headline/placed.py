"""Headline findings placed in their pair files, as the copy checks' reporters take them.

A pair finding's span is in its field: the source or the translation of one pair. Where
the field stands verbatim in the file, within its record, the span moves to the field's
offsets in the file, and so does its fix. A field the file stores escaped (JSON `\\u`
escapes, XML entities, CSV doubled quotes) has no such offsets: its findings are placed
at the start of the record's line, without their fix.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from checker.engine import Result
from checker.headline.check import HeadlineReport, PairResult
from checker.headline.pairs import PairFile
from checker.model import Edit, Finding, Fix, Span
from checker.source import SourceFile


def placed_results(report: HeadlineReport, date_origin: str) -> list[Result]:
    """One result a pair file: its findings at offsets in the file, its skipped records
    and warnings as the result's warnings."""
    by_path: dict[str, list[PairResult]] = {}
    for result in report.results:
        by_path.setdefault(result.pair.path, []).append(result)
    return [
        _file_result(f, by_path.get(f.path, []), report.date, date_origin) for f in report.files
    ]


def _file_result(
    pair_file: PairFile, results: Sequence[PairResult], date: dt.date, date_origin: str
) -> Result:
    source = pair_file.text or SourceFile(pair_file.path, "")
    starts = [_record_start(source, r.pair.line) for r in results]
    findings: list[Finding] = []
    for i, result in enumerate(results):
        later = [s for s in starts[i + 1 :] if s > starts[i]]
        end = later[0] if later else len(source.text)
        for finding in result.findings:
            field = finding.segment or "translation"
            text = result.analysis.field_text(field)
            found = source.text.find(text, starts[i], end) if text else -1
            findings.append(_moved(finding, found) if found >= 0 else _at(finding, starts[i]))
    findings.sort(key=Finding.sort_key)
    notes = [
        f"{k.path}: {k}" if k.path and k.path != pair_file.path else str(k)
        for k in pair_file.skipped
    ]
    return Result(
        pair_file.path,
        tuple(findings),
        date,
        date_origin,
        source,
        (*pair_file.warnings, *notes),
    )


def _record_start(source: SourceFile, line: int | None) -> int:
    if line is None or not 1 <= line <= source.lines.line_col(len(source.text))[0]:
        return 0
    return source.lines.bounds(line)[0]


def _moved(finding: Finding, base: int) -> Finding:
    fix = finding.fix
    if fix is not None:
        edits = tuple(Edit(_shifted(e.span, base), e.replacement) for e in fix.edits)
        fix = Fix(fix.title, edits, fix.applicability)
    return dataclasses.replace(finding, span=_shifted(finding.span, base), fix=fix)


def _shifted(span: Span, base: int) -> Span:
    return Span(span.start + base, span.end + base)


def _at(finding: Finding, offset: int) -> Finding:
    return dataclasses.replace(finding, span=Span(offset, offset), fix=None)
