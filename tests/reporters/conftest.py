"""The seed story checked once, and ruff's reports of the same shapes to compare with."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import pytest

from checker.engine import Result
from checker.reporters import REPORTERS
from tests.conftest import REPO, make_checker
from tests.datasets import TEST_DATA

SEED = REPO / "samples" / "kanai-liu-meeting.txt"
RUFF_SNAPSHOTS = TEST_DATA / "ruff-snapshots"


@pytest.fixture(scope="session")
def seed_result() -> Result:
    return make_checker().check_path(SEED)


def render(name: str, results: Iterable[Result]) -> str:
    out = io.StringIO()
    REPORTERS[name](results, out)
    return out.getvalue()


def ruff_output(fmt: str) -> str:
    path = RUFF_SNAPSHOTS / f"cli__lint__output_format_{fmt}.snap"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    text = path.read_text(encoding="utf-8")
    return text.split("----- stdout -----\n", 1)[1].split("----- stderr -----", 1)[0]


def relative_seed() -> Path:
    return SEED.relative_to(REPO)
