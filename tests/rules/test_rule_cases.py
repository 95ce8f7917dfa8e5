"""One YAML case file per rule code: the input, the expected findings at exact positions,
their fixes.

A copy rule's case is a `text`, its findings written `line:col CODE text`. A pair rule's
case is a pair (`source`, `translation`, optional `reference`, `terms`, `date`), checked
by `HeadlineChecker.check_pair`; its findings are written `field start:end CODE text`
(offsets in code points of that field), followed by `(source start:end text)` where the
finding also names a span of the source; `every_pair_rule` lists the findings of all the
pair rules together (empty: a professional translation that gives nothing). A
quoted-headline case is a `story` and its `pairs`, checked as `termcheck check
--headlines` checks a story.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.engine import Checker, Result
from checker.glossary.loader import load_glossaries, run_glossaries
from checker.headline.check import HeadlineChecker, PairResult
from checker.headline.pairs import HeadlinePair, new_pair, parse_terms
from checker.headline.quoted import QuotedHeadlines
from checker.headline.rules import PairRule
from checker.model import Applicability, Finding
from checker.rules import REGISTRY
from checker.style import load_style
from tests.conftest import (
    FAMILY_FIRST_STYLE,
    FIXTURES,
    MINI_GLOSSARY,
    NEWS_STYLE,
    described,
    make_checker,
)

CASES = Path(__file__).parent / "cases"
# The pair cases' glossaries: the headline tests' fixture (the default), or the bundled
# glossaries with the news-agency style, for real professional translations.
PAIR_FIXTURES = FIXTURES.parent / "headline" / "fixtures"
PAIR_DATE = "2025-11-18"
PAIR_CODES = frozenset(code for code, rule in REGISTRY.items() if issubclass(rule, PairRule))


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in data["cases"].items():
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{name}"))
    return params


@pytest.mark.parametrize(("code", "case"), _load())
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    if "story" in case:
        result = _quoted_headline_result(case)
        findings: list[Finding] = list(result.findings)
        assert described(result, code) == case["findings"]
    elif "source" in case:
        pair_result = _pair_checker(
            case.get("glossary", "fixture"), str(case.get("date", PAIR_DATE))
        ).check_pair(_pair(case))
        findings = list(pair_result.findings)
        assert _pair_described(pair_result, code) == case["findings"]
        if "every_pair_rule" in case:
            assert _pair_described(pair_result, PAIR_CODES) == case["every_pair_rule"]
    else:
        result = _copy_result(case)
        findings = list(result.findings)
        assert described(result, code) == case["findings"]
    _check_details(case, [f for f in findings if f.code == code])


def _copy_result(case: dict[str, Any]) -> Result:
    style = FAMILY_FIRST_STYLE if case.get("style") == "family-first" else NEWS_STYLE
    glossary = FIXTURES / f"{case['glossary']}-glossary.yaml" if "glossary" in case else None
    checker = make_checker(
        date=str(case.get("date", "2025-11-19")), style=style, glossary=glossary or MINI_GLOSSARY
    )
    return checker.check_text(case["text"], case.get("path", "<text>"))


@functools.cache
def _pair_checker(glossary: str, date: str) -> HeadlineChecker:
    """A pair checker over the headline fixture glossary (`fixture`) or the bundled ones
    (`bundled`), compiled once per glossary and date."""
    if glossary == "fixture":
        files, style = [PAIR_FIXTURES / "glossary.yaml"], str(PAIR_FIXTURES / "style.yaml")
    elif glossary == "bundled":
        files, style = run_glossaries(None, True), "news-agency"
    else:
        raise ValueError(f"unknown pair-case glossary {glossary!r}: fixture or bundled")
    return HeadlineChecker(
        load_glossaries(files), load_style(style), date=dt.date.fromisoformat(date)
    )


def _pair(case: dict[str, Any], pair_id: str = "case") -> HeadlinePair:
    reference = case.get("reference", ())
    terms, problems = parse_terms(case.get("terms"))
    assert not problems, problems
    return new_pair(
        pair_id,
        case["source"],
        case["translation"],
        [reference] if isinstance(reference, str) else reference,
        terms=terms,
    )


def _pair_described(result: PairResult, codes: str | frozenset[str]) -> list[str]:
    """Findings of the code (or codes) as 'field start:end CODE text', and '(source
    start:end text)' where a finding also names a source span."""
    out = []
    for finding in result.findings:
        if finding.code not in ({codes} if isinstance(codes, str) else codes):
            continue
        field = finding.segment or ""
        text = result.pair.source if field == "source" else result.pair.translation
        start, end = finding.span.start, finding.span.end
        line = f"{field} {start}:{end} {finding.code} {text[start:end]}"
        data = finding.data or {}
        if "source_start" in data:
            s, e = int(str(data["source_start"])), int(str(data["source_end"]))
            line += f" (source {s}:{e} {result.pair.source[s:e]})"
        out.append(line)
    return out


def _quoted_headline_result(case: dict[str, Any]) -> Result:
    headline_checker = _pair_checker(
        case.get("glossary", "fixture"), str(case.get("date", PAIR_DATE))
    )
    pairs = [_pair(p, str(i)) for i, p in enumerate(case["pairs"], 1)]
    checker = Checker(
        headline_checker.copy.glossary,
        headline_checker.copy.style,
        date=headline_checker.date,
        index=headline_checker.index,
        document_checks=(QuotedHeadlines(headline_checker, pairs).check,),
    )
    return checker.check_text(case["story"], "story.txt")


def _check_details(case: dict[str, Any], findings: list[Finding]) -> None:
    """The fixes, their safety, the severities and a message, where the case gives them."""
    if "fix" in case:
        assert [f.replacement for f in findings] == case["fix"]
    if "safety" in case:
        fixes = [f.fix for f in findings if f.fix]
        assert [fix.applicability.name.lower() for fix in fixes if fix] == case["safety"]
    if "severity" in case:
        assert [f.severity.label for f in findings] == case["severity"]
    if "message" in case:
        messages = [f.message for f in findings]
        assert any(case["message"] in m for m in messages), messages


def test_every_registered_rule_has_cases() -> None:
    covered = {p.stem for p in CASES.glob("*.yaml")}
    assert sorted(set(REGISTRY) - covered) == []


def test_every_case_file_is_named_for_its_registered_rule() -> None:
    for path in CASES.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["rule"] == path.stem and path.stem in REGISTRY, path.name


def test_every_pair_rule_has_passing_and_failing_cases() -> None:
    for path in sorted(CASES.glob("HL*.yaml")):
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"].values()
        passing = [c for c in cases if not c["findings"]]
        failing = [c for c in cases if c["findings"]]
        assert len(passing) >= 2 and len(failing) >= 2, path.name


def test_applicability_names_are_stable() -> None:
    assert [a.name for a in Applicability] == ["DISPLAY_ONLY", "UNSAFE", "SAFE"]
