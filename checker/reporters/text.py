"""Text for a person at a terminal: where, what, the line with the span underlined,
what to write instead, and the glossary fact behind it.

rich colours the report on a terminal; written elsewhere, a line is the same text without
the colours, so rich is imported only when there is something for it to do (`Lines`)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from checker.bundled import display_path
from checker.engine import Result
from checker.printable import printable
from checker.reporters.common import Position, fix_shown, position, summary

if TYPE_CHECKING:
    from rich.console import Console

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}

# A line of the report: its pieces of text, each with its style ("": plain). Pieces, not
# markup: text from a file or a file name is shown as it is (made printable), never read
# for emoji codes or escapes.
Piece = tuple[str, str]


class Lines:
    """Writes the report's lines to `out`: through rich where it may colour them (a
    terminal, or FORCE_COLOR or TTY_COMPATIBLE set), and where a line holds a tab (rich
    expands it to the next column of eight); any other line as its text, which is what
    rich would write."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.coloured = _may_colour(out)
        self._console: Console | None = None

    def __call__(self, *pieces: Piece) -> None:
        if self.coloured or any("\t" in text for text, _ in pieces):
            from rich.text import Text

            self._rich().print(Text.assemble(*pieces))
        else:
            self.out.write("".join(text for text, _ in pieces) + "\n")

    def _rich(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(file=self.out, highlight=False, soft_wrap=True)
        return self._console


def _may_colour(out: TextIO) -> bool:
    if "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ:
        return True
    try:
        return out.isatty()
    except (AttributeError, ValueError):  # no file behind it, or a closed one
        return False


def write_text(results: Iterable[Result], out: TextIO) -> None:
    line = Lines(out)
    seen: list[Result] = []
    for result in results:
        seen.append(result)
        path = printable(result.path)
        if result.findings:
            date = f"{result.date.isoformat()} ({printable(result.date_origin)})"
            line((f"{path}: story date {date}", "dim"))
        for warning in result.warnings:
            line((f"{path}: ", ""), ("warning", "yellow"), (f": {printable(warning)}", ""))
        for finding in result.findings:
            pos = position(result, finding)
            style = STYLE[finding.severity.label]
            line(
                (f"{printable(finding.path)}:{pos.line}:{pos.column}:", "bold"),
                (" ", ""),
                (finding.code, style),
                (f" {printable(finding.message)} ", ""),
                (f"[{finding.rule}]", "dim"),
            )
            excerpt, column, end = _excerpt(result, pos)
            width = max(1, len(printable(excerpt[column : column + end - pos.column])))
            column = len(printable(excerpt[:column]))
            line((f"    {printable(excerpt)}", ""))
            line(("    " + " " * column, ""), ("^" * width, style))
            shown = fix_shown(result, finding)
            if finding.fix is not None and shown is not None:
                safety = finding.fix.applicability.name.lower().replace("_", "-")
                line(("    ", ""), (f"fix ({safety}):", "green"), (f" {printable(shown)}", ""))
            for fact in finding.related[:2]:
                where = display_path(fact.glossary or "")
                if fact.line:
                    where += f":{fact.line}"
                status = "" if fact.status == "confirmed" else f" [{fact.status}]"
                source = f" — {fact.source}" if fact.source else ""
                line(
                    ("    ", ""),
                    (
                        f"glossary: {printable(fact.entry)} ({printable(str(where))})"
                        f"{printable(status)}{printable(source)}",
                        "dim",
                    ),
                )
    totals = summary(seen)
    count = totals["findings"]
    if count:
        severities = totals["by_severity"]
        assert isinstance(severities, dict)
        parts = ", ".join(f"{n} {k}" for k, n in severities.items() if n)
        line(
            (
                f"Found {count} finding{'s' if count != 1 else ''} ({parts}) in "
                f"{totals['files']} file{'s' if totals['files'] != 1 else ''}; "
                f"{totals['fixable']} with a suggested fix.",
                "",
            )
        )
    else:
        line((f"No findings in {totals['files']} file{'s' if totals['files'] != 1 else ''}.", ""))


def _excerpt(result: Result, pos: Position) -> tuple[str, int, int]:
    """The excerpt of the finding's line, the span's column in it and the span's end
    column on that line. Only the span's neighbourhood is read: a line (a file without
    line breaks) may be megabytes long."""
    line_start, line_end = result.source.lines.bounds(pos.line)
    length = line_end - line_start
    end = pos.end_column if pos.end_line == pos.line else length + 1
    low = max(0, pos.column - 1 - 2 * _CONTEXT)
    high = min(length, end - 1 + 2 * _CONTEXT)
    near = result.source.text[line_start + low : line_start + high]
    excerpt, column = excerpt_window(near, pos.column - 1 - low, end - 1 - low)
    if low > 0 and not excerpt.startswith("…"):
        excerpt, column = "…" + excerpt, column + 1
    if high < length and not excerpt.endswith("…"):
        excerpt += "…"
    return excerpt, column, end


_CONTEXT = 40


def excerpt_window(line: str, start: int, end: int, context: int = _CONTEXT) -> tuple[str, int]:
    """The part of a long line around [start, end), and the span's column in it."""
    left = max(0, start - context)
    right = min(len(line), end + context)
    if left > 0:
        cut = line.find(" ", left, start)
        left = cut + 1 if cut != -1 else left
    if right < len(line):
        cut = line.rfind(" ", end, right)
        right = cut if cut != -1 else right
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    return prefix + line[left:right] + suffix, len(prefix) + start - left
