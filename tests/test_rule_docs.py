"""Every rule is documented, and its documented Bad example triggers it while its Good
example does not (checked with the bundled glossary and the default style)."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from checker.engine import Checker
from checker.glossary.loader import load_glossaries
from checker.rules import REGISTRY, DocumentRule, doc_sections, examples
from checker.rules.base import CODE_PATTERN
from checker.style import load_style

DOCUMENT_RULES = sorted(c for c, r in REGISTRY.items() if issubclass(r, DocumentRule))


@cache
def bundled_checker(date: str) -> Checker:
    return Checker(load_glossaries(), load_style(None), date=dt.date.fromisoformat(date))


def codes_in(code: str, text: str) -> list[str]:
    rule = REGISTRY[code]
    result = bundled_checker(rule.example_date).check_text(text)
    return [f.code for f in result.findings]


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_rule_is_documented(code: str) -> None:
    rule = REGISTRY[code]
    assert CODE_PATTERN.match(rule.code)
    assert rule.name == rule.name.lower() and " " not in rule.name
    sections = doc_sections(rule)
    for section in ("summary", "why", "bad", "good", "fix safety"):
        assert sections.get(section), f"{code} lacks '{section}'"


@pytest.mark.parametrize("code", DOCUMENT_RULES)
def test_bad_example_triggers_the_rule(code: str) -> None:
    for text in examples(REGISTRY[code], "bad"):
        assert code in codes_in(code, text), text


@pytest.mark.parametrize("code", DOCUMENT_RULES)
def test_good_example_is_clean(code: str) -> None:
    for text in examples(REGISTRY[code], "good"):
        assert codes_in(code, text) == [], text


def test_names_are_unique() -> None:
    names = [r.name for r in REGISTRY.values()]
    assert len(names) == len(set(names))
