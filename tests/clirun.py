"""Run `termcheck` in this process, as a user would from a shell: arguments, standard
input, and what comes back (exit code, standard output, standard error)."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from checker.cli import main


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def invoke(args: Sequence[str], stdin: bytes = b"") -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main([str(a) for a in args])
            except SystemExit as exit_info:
                code = exit_info.code
            else:
                code = 0
    finally:
        sys.stdin = saved
    return Outcome(code if isinstance(code, int) else 0, out.getvalue(), err.getvalue())
