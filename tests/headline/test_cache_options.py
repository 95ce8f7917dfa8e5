"""`headlines --cache-dir` and `--no-cache`, as `check` has them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.clirun import invoke
from tests.headline.conftest import HEADLINES_ARGS, SAMPLES

PAIRS = str(SAMPLES / "kanai-liu.tsv")


@pytest.fixture(autouse=True)
def default_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def test_the_cache_goes_where_cache_dir_says(tmp_path: Path, default_cache: Path) -> None:
    chosen = tmp_path / "chosen"
    first = invoke([*HEADLINES_ARGS, PAIRS, "--format", "concise", "--cache-dir", str(chosen)])
    assert first.exit_code == 1, first.stderr
    assert [p.suffix for p in chosen.rglob("*") if p.is_file()] != []
    assert not default_cache.exists()
    again = invoke([*HEADLINES_ARGS, PAIRS, "--format", "concise", "--cache-dir", str(chosen)])
    assert again.stdout == first.stdout


def test_no_cache_writes_none(tmp_path: Path, default_cache: Path) -> None:
    chosen = tmp_path / "chosen"
    args = [*HEADLINES_ARGS, PAIRS, "--format", "concise", "--cache-dir", str(chosen)]
    result = invoke([*args, "--no-cache"])
    assert result.exit_code == 1, result.stderr
    assert not chosen.exists() or not any(p.is_file() for p in chosen.rglob("*"))
    assert not default_cache.exists()
