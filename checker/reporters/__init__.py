"""Reporters: the only code that writes findings out. One module per format, imported
only when its format is used (a check that writes text never imports the HTML report)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from checker.engine import Result

# A writer consumes results as they come (a batch streams them) and writes its report.
Writer = Callable[[Iterable["Result"], TextIO], None]

# format → (module, writer function)
_WRITERS = {
    "text": ("checker.reporters.text", "write_text"),
    "concise": ("checker.reporters.concise", "write_concise"),
    "json": ("checker.reporters.json", "write_json"),
    "jsonl": ("checker.reporters.jsonl", "write_jsonl"),
    "sarif": ("checker.reporters.sarif", "write_sarif"),
    "junit": ("checker.reporters.junit", "write_junit"),
    "github": ("checker.reporters.github", "write_github"),
    "html": ("checker.reporters.html", "write_html"),
}


class _Reporters(Mapping[str, Writer]):
    """Format name → writer, importing the writer's module on first use."""

    def __getitem__(self, name: str) -> Writer:
        module, function = _WRITERS[name]
        writer: Writer = getattr(importlib.import_module(module), function)
        return writer

    def __iter__(self) -> Iterator[str]:
        return iter(_WRITERS)

    def __len__(self) -> int:
        return len(_WRITERS)


REPORTERS: Mapping[str, Writer] = _Reporters()
