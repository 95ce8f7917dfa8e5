"""Applying fixes to one document: edits spliced into the original bytes, never a
re-serialization, so markup, entities, encoding, BOM and line endings survive.

Pure: a document and its findings in, the new bytes and an account of what was applied
out. Reading the result again and looping to a fixpoint is `checker.fix_file`'s work."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checker.document import Document
from checker.model import Applicability, Edit, Finding, Span
from checker.source import source_bytes, splice_bytes

# Markup formats whose text nodes need `&`, `<` and `>` written as references.
_MARKUP_FORMATS = frozenset({"html", "xml"})


@dataclass(frozen=True)
class FixOutcome:
    """The document's bytes with the accepted edits applied. `applied` are the findings
    whose fix went in; `skipped` the fixable ones left for a later pass or for a person
    (an overlap with an edit already taken, a span across markup, a character the file's
    encoding cannot hold)."""

    data: bytes
    applied: tuple[Finding, ...]
    skipped: tuple[Finding, ...]


def is_fixable(finding: Finding, unsafe: bool = False) -> bool:
    """A finding whose fix `--fix` applies (safe), or `--unsafe-fixes` too (unsafe)."""
    required = Applicability.UNSAFE if unsafe else Applicability.SAFE
    return finding.fix is not None and finding.fix.applicability >= required


def apply_fixes(
    document: Document, findings: Iterable[Finding], *, unsafe: bool = False
) -> FixOutcome:
    """Apply the fixes of `findings` that are safe (or unsafe too, when asked): sorted by
    position, the longer edit first at one position; a fix that overlaps one already taken,
    or that touches text which is not a literal run of the source, is skipped whole."""
    candidates = sorted((f for f in findings if is_fixable(f, unsafe)), key=_order)
    literal = _LiteralRuns(document)
    taken: list[Edit] = []
    applied: list[Finding] = []
    skipped: list[Finding] = []
    for finding in candidates:
        assert finding.fix is not None
        edits = [_escaped(document, edit) for edit in finding.fix.edits]
        acceptable = all(
            edit is not None
            and literal.contains(edit.span)
            and not any(_conflict(edit.span, other.span) for other in taken)
            for edit in edits
        )
        if acceptable:
            taken.extend(e for e in edits if e is not None)
            applied.append(finding)
        else:
            skipped.append(finding)
    if not taken:
        return FixOutcome(source_bytes(document.source), (), tuple(skipped))
    taken.sort(key=lambda e: (e.span.start, e.span.end))
    return FixOutcome(_spliced(document, taken), tuple(applied), tuple(skipped))


def _order(finding: Finding) -> tuple[int, int, str]:
    assert finding.fix is not None
    start = min(e.span.start for e in finding.fix.edits)
    end = max(e.span.end for e in finding.fix.edits)
    return (start, start - end, finding.code)


def _conflict(a: Span, b: Span) -> bool:
    """Overlapping edits, or two edits at one position (their order would be a guess)."""
    return a.overlaps(b) or a.start == b.start


def _escaped(document: Document, edit: Edit) -> Edit | None:
    """The edit as it must be written in the file, or None when the file cannot hold it."""
    if document.splice is not None:
        return edit  # the format's splicer writes plain text in its own way
    text = edit.replacement
    encoding = document.source.encoding
    if document.format in _MARKUP_FORMATS:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = text.encode(encoding, "xmlcharrefreplace").decode(encoding)
    else:
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            return None
    return Edit(edit.span, text)


class _LiteralRuns:
    """The source ranges of the document's literal chunks (disjoint): an edit inside one
    of them is a plain splice of one text node."""

    def __init__(self, document: Document) -> None:
        runs = sorted(
            (c.src_start, c.src_end) for s in document.segments for c in s.chunks if c.literal
        )
        self._starts = [start for start, _ in runs]
        self._runs = runs

    def contains(self, span: Span) -> bool:
        i = bisect.bisect_right(self._starts, span.start) - 1
        return i >= 0 and span.end <= self._runs[i][1]


def _spliced(document: Document, edits: Sequence[Edit]) -> bytes:
    if document.splice is not None:
        return document.splice(edits)
    return splice_bytes(document.source, [(e.span.start, e.span.end, e.replacement) for e in edits])
