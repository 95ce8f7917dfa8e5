"""One line per finding, for editors, grep and quick reading:
`path:line:col: CODE message [fix: 'replacement']`. A file's warnings come first, each as
`path: warning: text`. Control characters from the file are escaped, never sent to the
terminal as they are."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from checker.engine import Result
from checker.reporters.common import fix_shown, position

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def write_concise(results: Iterable[Result], out: TextIO) -> None:
    for result in results:
        path = visible(result.path)
        for warning in result.warnings:
            out.write(f"{path}: warning: {visible(warning)}\n")
        for finding in result.findings:
            pos = position(result, finding)
            shown = fix_shown(result, finding)
            fix = "" if shown is None else f" [fix: {shown}]"
            out.write(
                f"{path}:{pos.line}:{pos.column}: {finding.code} {visible(finding.message)}"
                f"{visible(fix)}\n"
            )
        out.flush()


def visible(text: str) -> str:
    """Text with control and invisible formatting characters written as escapes."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
