"""Shared helpers: a checker over the small fixture glossary, findings as 'line:col CODE'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.engine import Checker, Result, Selection
from checker.glossary.loader import load_glossaries
from checker.style import load_style

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
MINI_GLOSSARY = FIXTURES / "mini-glossary.yaml"
NEWS_STYLE = FIXTURES / "style-news-agency.yaml"
# The command-line options that check against the fixture glossary alone, on the seed's date.
FIXTURE_ARGS = [
    *("--no-bundled", "-g", str(MINI_GLOSSARY)),
    *("--style", str(NEWS_STYLE), "--date", "2025-11-19"),
]
FAMILY_FIRST_STYLE = FIXTURES / "style-family-first.yaml"


def make_checker(
    date: str = "2025-11-19",
    style: Path = NEWS_STYLE,
    select: tuple[str, ...] = (),
    glossary: Path | None = MINI_GLOSSARY,
) -> Checker:
    return Checker(
        load_glossaries([glossary] if glossary else None),
        load_style(str(style)),
        Selection(select=select),
        dt.date.fromisoformat(date),
    )


def described(result: Result, code: str | None = None) -> list[str]:
    """Findings as 'line:col CODE text', optionally of one code."""
    out = []
    for finding in result.findings:
        if code and finding.code != code:
            continue
        line, col = result.source.lines.line_col(finding.span.start)
        text = result.source.text[finding.span.start : finding.span.end]
        out.append(f"{line}:{col} {finding.code} {text}")
    return out


@pytest.fixture(scope="session")
def mini_checker() -> Checker:
    return make_checker()
