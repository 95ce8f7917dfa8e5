"""One YAML case file per rule code: text, expected findings at exact positions, fixes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.model import Applicability
from tests.conftest import (
    FAMILY_FIRST_STYLE,
    FIXTURES,
    MINI_GLOSSARY,
    NEWS_STYLE,
    described,
    make_checker,
)

CASES = Path(__file__).parent / "cases"


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in data["cases"].items():
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{name}"))
    return params


@pytest.mark.parametrize(("code", "case"), _load())
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    style = FAMILY_FIRST_STYLE if case.get("style") == "family-first" else NEWS_STYLE
    glossary = FIXTURES / f"{case['glossary']}-glossary.yaml" if "glossary" in case else None
    checker = make_checker(
        date=str(case.get("date", "2025-11-19")), style=style, glossary=glossary or MINI_GLOSSARY
    )
    result = checker.check_text(case["text"], case.get("path", "<text>"))
    found = described(result, code)
    assert found == case["findings"]
    if "fix" in case:
        fixes = [f for f in result.findings if f.code == code]
        assert [f.replacement for f in fixes] == case["fix"]
    if "safety" in case:
        fixes = [f for f in result.findings if f.code == code and f.fix]
        assert [f.fix.applicability.name.lower() for f in fixes if f.fix] == case["safety"]
    if "severity" in case:
        levels = [f.severity.label for f in result.findings if f.code == code]
        assert levels == case["severity"]
    if "message" in case:
        messages = [f.message for f in result.findings if f.code == code]
        assert any(case["message"] in m for m in messages), messages


def test_every_document_rule_has_cases() -> None:
    from checker.rules import REGISTRY, DocumentRule

    covered = {p.stem for p in CASES.glob("*.yaml")}
    missing = [c for c, r in REGISTRY.items() if issubclass(r, DocumentRule) and c not in covered]
    assert not missing


def test_applicability_names_are_stable() -> None:
    assert [a.name for a in Applicability] == ["DISPLAY_ONLY", "UNSAFE", "SAFE"]
