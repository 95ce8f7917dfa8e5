"""Shared fixtures of the reader tests: a checker built on a small development glossary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.engine import Checker
from checker.glossary.loader import load_glossaries
from checker.style import load_style

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
STORY_DATE = dt.date(2025, 11, 19)


@pytest.fixture(scope="session")
def checker() -> Checker:
    glossary = load_glossaries([FIXTURES / "dev-glossary.yaml"])
    return Checker(glossary, load_style(str(FIXTURES / "style.yaml")), date=STORY_DATE)
