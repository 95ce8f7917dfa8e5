"""The headline report as text for a person at a terminal, or as JSON.

JSON: `pairs` (one object per pair: `id`, `findings` with positions in the field they are
in and the field's name, `scores`, `terms` with `expected`, `found`, `missing`, `wrong`)
and `summary` (corpus `bleu`, `chrf`, `chrf_pp`, `ter`, `spbleu` on sacrebleu's 0–100
scale, `term_exact_match` and `term_success_rate` as fractions, and the signatures).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any, TextIO

from rich.cells import cell_len

from checker.bundled import display_path
from checker.headline.analysis import PairAnalysis
from checker.headline.check import HeadlineReport, PairResult
from checker.headline.metrics import LEFT_OUT, PER_LINE, SCORE_LABELS, SCORE_NAMES
from checker.headline.source_terms import approved_renderings
from checker.model import Finding
from checker.printable import printable
from checker.reporters.text import STYLE, Lines, excerpt_window
from checker.source import LineIndex

# -- JSON -------------------------------------------------------------------------------------


def report_object(report: HeadlineReport) -> dict[str, Any]:
    return {
        "version": 1,
        "date": report.date.isoformat(),
        "files": [
            {
                "path": f.path,
                "format": f.format,
                "pairs": len(f.pairs),
                "warnings": list(f.warnings),
                "skipped": [
                    {"path": k.path or f.path, "line": k.line, "message": k.message}
                    for k in f.skipped
                ],
            }
            for f in report.files
        ],
        "pairs": [_pair_object(r) for r in report.results],
        "summary": _summary(report),
    }


def write_json(report: HeadlineReport, out: TextIO) -> None:
    json.dump(report_object(report), out, ensure_ascii=False, indent=2)
    out.write("\n")


def _pair_object(result: PairResult) -> dict[str, Any]:
    pair = result.pair
    scores = result.analysis.scores
    return {
        "id": pair.id,
        "path": pair.path,
        "line": pair.line,
        "source_lang": pair.source_lang,
        "source_lang_origin": pair.lang_origin,
        "state": pair.state,
        "source": pair.source,
        "translation": pair.translation,
        "references": list(pair.references),
        "note": pair.note,
        "findings": [_finding_object(result.analysis, f) for f in result.findings],
        "scores": {
            **{n: scores.get(n) for n in SCORE_NAMES},
            "nrefs": scores.nrefs,
            "notes": scores.notes,
        },
        "terms": _terms_object(result.analysis),
    }


def _finding_object(analysis: PairAnalysis, finding: Finding) -> dict[str, Any]:
    field = finding.segment or "translation"
    text = analysis.field_text(field)
    lines = LineIndex(text)
    line, column = lines.line_col(finding.span.start)
    end_line, end_column = lines.line_col(finding.span.end)
    fix = finding.fix
    return {
        "code": finding.code,
        "rule": finding.rule,
        "severity": finding.severity.label,
        "field": field,
        "start": finding.span.start,
        "end": finding.span.end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "text": text[finding.span.start : finding.span.end],
        "message": finding.message,
        "replacement": finding.replacement,
        "fix_applicability": fix.applicability.name.lower() if fix else None,
        "entry": finding.entry,
        "facts": [
            {"entry": r.entry, "glossary": r.glossary, "line": r.line, "source": r.source}
            for r in finding.related
        ],
        "data": {k: v for k, v in finding.data.items() if k != "pair"},
    }


def _terms_object(analysis: PairAnalysis) -> dict[str, list[dict[str, Any]]]:
    alignment = analysis.alignment
    expected, found, wrong = [], [], []
    for term, rendering, mistake in zip(
        alignment.terms, alignment.renderings, alignment.wrong, strict=True
    ):
        where = {"source": term.surface, "start": term.start, "end": term.end}
        renderings = [f.text for f in approved_renderings(term.entry)]
        expected.append({**where, "entry": term.entry.id, "renderings": renderings})
        if rendering is not None:
            found.append(
                {
                    **where,
                    "entry": rendering.entry.id,
                    "text": rendering.surface,
                    "translation_start": rendering.start,
                    "translation_end": rendering.end,
                    "exact_case": rendering.exact,
                }
            )
        if mistake is not None:
            wrong.append(
                {
                    **where,
                    "entry": term.entry.id,
                    "text": mistake.surface,
                    "translation_start": mistake.start,
                    "translation_end": mistake.end,
                    "names": [e.id for e in mistake.named],
                    "reason": mistake.reason,
                }
            )
    missing = [{**expected[i], "partial": analysis.partial.get(i)} for i in alignment.missing()]
    return {"expected": expected, "found": found, "missing": missing, "wrong": wrong}


def _summary(report: HeadlineReport) -> dict[str, Any]:
    findings = report.findings
    by_severity = Counter(f.severity.label for f in findings)
    corpus = report.corpus
    model = report.subword
    return {
        "pairs": len(report.results),
        "pairs_with_references": corpus.pairs_scored,
        "findings": len(findings),
        "by_severity": {k: by_severity.get(k, 0) for k in ("error", "warning", "info")},
        "by_rule": dict(sorted(Counter(f.code for f in findings).items())),
        **{name: corpus.values.get(name) for name in SCORE_NAMES},
        "term_exact_match": report.terms.exact_match,
        "term_success_rate": report.terms.success_rate,
        "term_instances": report.terms.instances,
        "term_exact_matched": report.terms.exact_matched,
        "term_success_valid": report.terms.success_valid,
        "signatures": corpus.signatures,
        "sentence_signatures": corpus.sentence_signatures,
        "spm_model": None
        if model is None
        else {
            "origin": model.origin,
            "sha256": model.sha256,
            "path": model.path,
            "signature": model.signature,
        },
    }


# -- text -------------------------------------------------------------------------------------


def write_text(report: HeadlineReport, out: TextIO) -> None:
    line = Lines(out)
    for pair_file in report.files:
        path = printable(pair_file.path)
        for warning in pair_file.warnings:
            line((f"{path}: ", ""), ("warning", "yellow"), (f": {printable(warning)}", ""))
        for skipped in pair_file.skipped:
            where = printable(skipped.path or pair_file.path) + (
                f":{skipped.line}" if skipped.line is not None else ""
            )
            line((f"{where}: ", ""), ("skipped", "yellow"), (f": {printable(skipped.message)}", ""))
    for result in report.results:
        if result.findings:
            _print_pair(line, result)
    _print_summary(line, report)


def _print_pair(line: Lines, result: PairResult) -> None:
    pair = result.pair
    where = f"{pair.path}:{pair.line}" if pair.line else pair.path
    state = f", {pair.state}" if pair.state else ""
    line(
        (printable(where), "bold"),
        (": pair ", ""),
        (printable(pair.id), "bold"),
        (f" ({pair.source_lang or 'unknown language'}{printable(state)})", ""),
    )
    for finding in result.findings:
        field = finding.segment or "translation"
        text = result.analysis.field_text(field)
        lines = LineIndex(text)
        line_number, column = lines.line_col(finding.span.start)
        end_line, end_column = lines.line_col(finding.span.end)
        style = STYLE[finding.severity.label]
        line(
            (f"  {field}:{line_number}:{column}: ", ""),
            (finding.code, style),
            (f" {printable(finding.message)} ", ""),
            (f"[{finding.rule}]", "dim"),
        )
        row = lines.line_text(line_number)
        end = end_column if end_line == line_number else len(row) + 1
        excerpt, at = excerpt_window(row, column - 1, end - 1)
        marked = printable(excerpt[at : at + end - column])
        line((f"      {printable(excerpt)}", ""))
        line(
            ("      " + " " * cell_len(printable(excerpt[:at])), ""),
            ("^" * max(1, cell_len(marked)), style),
        )
        if finding.fix is not None:
            safety = finding.fix.applicability.name.lower().replace("_", "-")
            replacement = printable(repr(finding.fix.edits[0].replacement))
            line(("      ", ""), (f"fix ({safety}):", "green"), (f" {replacement}", ""))
        for fact in finding.related[:1]:
            source = f" — {fact.source}" if fact.source else ""
            where = display_path(fact.glossary or "")
            line(
                ("      ", ""),
                (printable(f"glossary: {fact.entry} ({where}:{fact.line}){source}"), "dim"),
            )
    scores = result.analysis.scores
    if scores.nrefs:
        shown = " · ".join(
            f"{SCORE_LABELS[n]} {scores.get(n):.1f}"
            for n in SCORE_NAMES
            if scores.get(n) is not None
        )
        plural = "s" if scores.nrefs != 1 else ""
        notes = "".join(f"; {SCORE_LABELS[n]} {_NOTES[note]}" for n, note in scores.notes.items())
        line((f"  scores: {shown} ({scores.nrefs} reference{plural}{notes})", "dim"))


_NOTES = {
    PER_LINE: "per aligned line (the pair is longer than TER's word limit)",
    LEFT_OUT: "left out (longer than TER's word limit, without aligned lines)",
}


def _print_summary(line: Lines, report: HeadlineReport) -> None:
    corpus = report.corpus
    files = len(report.files)
    line(
        (
            f"Batch: {len(report.results)} pair{'s' if len(report.results) != 1 else ''} in "
            f"{files} file{'s' if files != 1 else ''}, {corpus.pairs_scored} with references",
            "",
        )
    )
    for name in SCORE_NAMES:
        value = corpus.values.get(name)
        if value is not None:
            line(
                (f"  {SCORE_LABELS[name]:<7} {value:6.2f}  ", ""), (corpus.signatures[name], "dim")
            )
        elif name in corpus.signatures:
            line((f"  {SCORE_LABELS[name]:<7}    n/a  ", ""), (corpus.signatures[name], "dim"))
    if report.subword is not None:
        model = report.subword
        made = "trained locally" if model.origin == "trained" else f"from {model.path}"
        line((f"  sentencepiece model {printable(made)}, sha256 {model.sha256[:12]}", "dim"))
    terms = report.terms
    if terms.exact_match is not None:
        line(
            (
                f"  term exact match {terms.exact_match:.3f} ({terms.exact_matched} of "
                f"{terms.instances} term instances; WMT21, surface only)",
                "",
            )
        )
    if terms.success_rate is not None:
        line(
            (
                f"  term success rate {terms.success_rate:.3f} ({terms.success_valid} terms with a "
                "rendering in a reference; WMT25)",
                "",
            )
        )
    findings = report.findings
    if not findings:
        line(("No findings.", ""))
        return
    counts = Counter(f.severity.label for f in findings)
    parts = ", ".join(f"{counts[k]} {k}" for k in ("error", "warning", "info") if counts[k])
    flagged = sum(1 for r in report.results if r.findings)
    fixable = sum(1 for f in findings if f.fix is not None)
    line(
        (
            f"Found {len(findings)} finding{'s' if len(findings) != 1 else ''} ({parts}) in "
            f"{flagged} of {len(report.results)} pairs; {fixable} with a suggested fix.",
            "",
        )
    )


def _write_html(report: HeadlineReport, out: TextIO) -> None:
    from checker.headline.html_report import write_html  # lxml, only when asked for

    write_html(report, out)


# The headline report's own formats (with scores); the others are the copy checks'.
HEADLINE_WRITERS: dict[str, Callable[[HeadlineReport, TextIO], None]] = {
    "text": write_text,
    "json": write_json,
    "html": _write_html,
}
