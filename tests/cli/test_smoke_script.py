"""CI's smoke test of the installed tool (`.ci/smoke`) passes against this environment's
`termcheck`, so that the script and the command line stay in step."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

TERMCHECK = Path(sys.executable).with_name("termcheck")


@pytest.mark.skipif(not TERMCHECK.exists(), reason=f"no installed termcheck at {TERMCHECK}")
def test_the_smoke_script_passes() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / ".ci" / "smoke"), str(TERMCHECK)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].endswith(" passed, 0 failed")
