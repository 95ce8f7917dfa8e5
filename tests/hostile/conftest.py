"""Hostile inputs, generated on the fly (nothing large is stored), each checked within a
bounded time and memory: a run must report them in one line each and go on."""

from __future__ import annotations

import pytest

from checker.cli import main
from tests.conftest import FIXTURE_ARGS

BASE = [*FIXTURE_ARGS, "-j", "1"]
STORY = "TOKYO, Nov. 19, 2025 – Talks on taiwan ended.\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command line's exit code, standard output and standard error."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 0), out, err
