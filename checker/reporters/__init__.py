"""Reporters: the only code that writes findings out. One module per format."""

from __future__ import annotations

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

REPORTERS: dict[str, Writer] = {
    "text": write_text,
    "json": write_json,
    "jsonl": write_jsonl,
    "sarif": write_sarif,
    "junit": write_junit,
    "github": write_github,
    "html": write_html,
}
