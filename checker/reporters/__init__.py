"""Reporters: the only code that writes findings out. One module per format."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from checker.engine import Result
from checker.reporters.json import write_json
from checker.reporters.text import write_text

# A writer consumes results as they come (a batch streams them) and writes its report.
Writer = Callable[[Iterable[Result], TextIO], None]

REPORTERS: dict[str, Writer] = {
    "text": write_text,
    "json": write_json,
}
