"""Where the tests find real data: small files copied into `tests/data/`, and the larger
public data in a `shared/data/` folder beside the checkout, which a fresh clone lacks.

A test over the larger data never shrinks silently: `shared_file` skips its test with the
reason, and `shared_params` gives one skipped case instead of an empty parameter list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
TEST_DATA = REPO / "tests" / "data"
SHARED_DATA = REPO.parent / "shared" / "data"


def shared_file(*parts: str) -> Path:
    """A file or folder of the shared data; the calling test is skipped where it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found: {path}")
    return path


def params(paths: Iterable[Path], missing: str) -> Sequence[Any]:
    """Parameters for a test over `paths`: each path (with its name as the id), or one
    skipped case saying `missing` when there is none."""
    found = sorted(paths)
    if not found:
        return [pytest.param(None, id="missing", marks=pytest.mark.skip(reason=missing))]
    return [pytest.param(path, id=path.name) for path in found]


def shared_params(pattern: str, *parts: str) -> Sequence[Any]:
    """`params` over the shared-data files matching `pattern` under `parts`."""
    folder = SHARED_DATA.joinpath(*parts)
    return params(folder.glob(pattern), f"shared data not found: {folder / pattern}")
