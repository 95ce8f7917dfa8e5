"""SARIF 2.1.0 for code-scanning tools: every registered rule described from its docstring,
one result per finding with its region in Unicode code points (`columnKind`), the fix as
replacements, and the glossary facts behind a finding as related locations. Results are
written as they come; warnings about files close the run as tool notifications."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from checker import __version__
from checker.engine import Result
from checker.explain import explain_text
from checker.model import Applicability, Edit, Finding, Related, Severity
from checker.printable import encodable
from checker.reporters.common import finding_text, position
from checker.rules import Rule, doc_sections, iter_rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def write_sarif(results: Iterable[Result], out: TextIO) -> None:
    rules = list(iter_rules())
    index = {rule.code: i for i, rule in enumerate(rules)}
    tool = {
        "driver": {
            "name": "termcheck",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_rule_descriptor(rule) for rule in rules],
        }
    }
    out.write(f'{{\n"$schema": {json.dumps(SCHEMA)},\n"version": "{VERSION}",\n"runs": [\n{{\n')
    out.write(f'"tool": {json.dumps(tool, ensure_ascii=False)},\n')
    out.write('"columnKind": "unicodeCodePoints",\n"results": [')
    notifications: list[dict[str, Any]] = []
    separator = "\n"
    for result in results:
        notifications.extend(_notification(result.path, w) for w in result.warnings)
        for finding in result.findings:
            record = _result(result, finding, index[finding.code])
            out.write(separator + json.dumps(record, ensure_ascii=False))
            separator = ",\n"
    invocation = {"executionSuccessful": True, "toolExecutionNotifications": notifications}
    out.write(f'\n],\n"invocations": [{json.dumps(invocation, ensure_ascii=False)}]\n}}\n]\n}}\n')


def artifact_uri(path: str) -> str:
    """A path as a SARIF artifact URI: relative paths stay relative (to the checkout)."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(os.fsencode(pure.as_posix()))  # a name that is not UTF-8 keeps its bytes


def _rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    sections = doc_sections(rule)
    summary = sections["summary"]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary.splitlines()[0] if summary else rule.name},
        "fullDescription": {"text": summary or rule.name},
        "help": {
            "text": explain_text(rule.code),
            "markdown": explain_text(rule.code, markdown=True),
        },
        "defaultConfiguration": {"level": _LEVELS[rule.default_severity]},
        "properties": {"tags": [rule.code[:2]]},
    }


def _result(result: Result, finding: Finding, rule_index: int) -> dict[str, Any]:
    pos = position(result, finding)
    region = {
        "startLine": pos.line,
        "startColumn": pos.column,
        "endLine": pos.end_line,
        "endColumn": pos.end_column,
        "snippet": {"text": finding_text(result, finding)},
    }
    record: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(finding.path)},
                    "region": region,
                }
            }
        ],
    }
    if finding.fix is not None and finding.fix.applicability > Applicability.DISPLAY_ONLY:
        record["fixes"] = [
            {
                "description": {"text": finding.fix.title},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": artifact_uri(finding.path)},
                        "replacements": [_replacement(result, e) for e in finding.fix.edits],
                    }
                ],
                "properties": {"applicability": finding.fix.applicability.name.lower()},
            }
        ]
    if finding.related:
        record["relatedLocations"] = [_fact(i, r) for i, r in enumerate(finding.related)]
    properties = {"rule": finding.rule, "entry": finding.entry, "segment": finding.segment}
    record["properties"] = {k: v for k, v in properties.items() if v is not None}
    return record


def _replacement(result: Result, edit: Edit) -> dict[str, Any]:
    lines = result.source.lines
    start_line, start_column = lines.line_col(edit.span.start)
    end_line, end_column = lines.line_col(edit.span.end)
    return {
        "deletedRegion": {
            "startLine": start_line,
            "startColumn": start_column,
            "endLine": end_line,
            "endColumn": end_column,
        },
        "insertedContent": {"text": edit.replacement},
    }


def _fact(number: int, fact: Related) -> dict[str, Any]:
    text = f"glossary entry '{fact.entry}'"
    if fact.status != "confirmed":
        text += f" ({fact.status})"
    if fact.source:
        text += f"; source: {fact.source}"
    location: dict[str, Any] = {"id": number, "message": {"text": text}}
    if fact.glossary:
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(fact.glossary)}}
        if fact.line:
            physical["region"] = {"startLine": fact.line}
        location["physicalLocation"] = physical
    return location


def _notification(path: str, warning: str) -> dict[str, Any]:
    return {
        "level": "warning",
        "message": {"text": encodable(warning)},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}],
    }
