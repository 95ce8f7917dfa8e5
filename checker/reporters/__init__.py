"""Reporters: the only code that writes findings out. One module per format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TextIO

from checker.engine import Result
from checker.reporters.json import write_json
from checker.reporters.text import write_text

Writer = Callable[[Sequence[Result], TextIO], None]

REPORTERS: dict[str, Writer] = {
    "text": write_text,
    "json": write_json,
}
