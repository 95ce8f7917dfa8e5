"""Shared helpers for the headline tests: a checker over the headline fixture glossary,
and findings as (code, field, start, end, text) tuples."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from checker.glossary.loader import load_glossaries
from checker.headline.check import DEFAULT_CHRF_THRESHOLD, HeadlineChecker, PairResult
from checker.headline.pairs import HeadlinePair, PairTerm, new_pair
from checker.headline.subword import SubwordModel
from checker.style import load_style

FIXTURES = Path(__file__).parent / "fixtures"
GLOSSARY = FIXTURES / "glossary.yaml"
STYLE = FIXTURES / "style.yaml"
REPO = Path(__file__).parent.parent.parent
SAMPLES = REPO / "samples" / "headlines"
# `termcheck headlines` against the fixture glossary alone, on the day of the talks.
HEADLINES_ARGS = [
    *("headlines", "--no-bundled", "-g", str(GLOSSARY)),
    *("--style", str(STYLE), "--date", "2025-11-18"),
]
DATE = dt.date(2025, 11, 18)

Described = tuple[str, str, int, int, str]


def make_checker(
    subword: SubwordModel | None = None, chrf_threshold: float = DEFAULT_CHRF_THRESHOLD
) -> HeadlineChecker:
    return HeadlineChecker(
        load_glossaries([GLOSSARY]),
        load_style(str(STYLE)),
        date=DATE,
        subword=subword,
        chrf_threshold=chrf_threshold,
    )


@pytest.fixture(scope="session")
def checker() -> HeadlineChecker:
    return make_checker()


def pair(
    source: str,
    translation: str,
    references: Sequence[str] = (),
    terms: Sequence[PairTerm] = (),
    pair_id: str = "1",
) -> HeadlinePair:
    return new_pair(pair_id, source, translation, references, terms=terms)


def described(result: PairResult, code: str | None = None) -> list[Described]:
    """Findings as (code, field, start, end, text in that field)."""
    out = []
    for finding in result.findings:
        if code and finding.code != code:
            continue
        field = finding.segment or ""
        text = result.pair.source if field == "source" else result.pair.translation
        out.append(
            (
                finding.code,
                field,
                finding.span.start,
                finding.span.end,
                text[finding.span.start : finding.span.end],
            )
        )
    return out
