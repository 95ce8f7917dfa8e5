"""Reporters: the only code that writes findings out. One module per format, imported
only when its format is used (a check that writes text never imports the HTML report)."""

from __future__ import annotations

import importlib
import io
import sys
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
# Formats that are one document: on standard output they are written whole or not at all.
_ONE_DOCUMENT = frozenset({"json", "sarif", "junit", "html"})


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


class _Reporters(Mapping[str, Writer]):
    """Format name → writer, importing the writer's module on first use."""

    def __getitem__(self, name: str) -> Writer:
        module, function = _WRITERS[name]
        writer: Writer = getattr(importlib.import_module(module), function)
        return whole(writer) if name in _ONE_DOCUMENT else writer

    def __iter__(self) -> Iterator[str]:
        return iter(_WRITERS)

    def __len__(self) -> int:
        return len(_WRITERS)


REPORTERS: Mapping[str, Writer] = _Reporters()
