"""Reporters: the only code that writes findings out. One module per format."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable
from typing import TextIO

from checker.engine import Result
from checker.reporters.github import write_github
from checker.reporters.html import write_html
from checker.reporters.json import write_json
from checker.reporters.jsonl import write_jsonl
from checker.reporters.junit import write_junit
from checker.reporters.sarif import write_sarif
from checker.reporters.text import write_text

# A writer consumes results as they come (a batch streams them) and writes its report.
Writer = Callable[[Iterable[Result], TextIO], None]


def whole(writer: Writer) -> Writer:
    """A writer of one document (JSON, SARIF, JUnit, HTML) that reaches standard output
    whole or not at all: the report is built in memory and written in one piece. A report
    file needs no buffer: `checker.output.open_output` moves it into place when complete."""

    def write(results: Iterable[Result], out: TextIO) -> None:
        if out is not sys.stdout:
            writer(results, out)
            return
        buffer = io.StringIO()
        writer(results, buffer)
        out.write(buffer.getvalue())
        out.flush()

    return write


REPORTERS: dict[str, Writer] = {
    "text": write_text,
    "json": whole(write_json),
    "jsonl": write_jsonl,
    "sarif": whole(write_sarif),
    "junit": whole(write_junit),
    "github": write_github,
    "html": whole(write_html),
}
