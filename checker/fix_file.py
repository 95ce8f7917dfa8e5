"""Fixing a file: check, apply the fixes, read the result again with the same reader and
check it again, until nothing is left to fix (at most ten passes). A result that no
longer reads, or reads as a different document structure, is thrown away whole: the file
stays as it was and the result says why. Writes are atomic; `diff_text` shows a change
without making it."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.document import Document
from checker.engine import Checker, Result
from checker.errors import TermcheckError
from checker.fixes import apply_fixes, is_fixable, source_bytes
from checker.output import write_atomic
from checker.readers import reader_for
from checker.source import SourceFile, decode, read_source

MAX_PASSES = 10


@dataclass(frozen=True)
class FixedFile:
    """What fixing one file did. `result` is the check of the final content (the
    findings that remain); `applied` counts the fixes applied over all passes."""

    original: SourceFile
    fixed: SourceFile
    data: bytes
    result: Result
    applied: int

    @property
    def path(self) -> str:
        return self.original.path

    @property
    def changed(self) -> bool:
        return self.applied > 0


def fix_source(checker: Checker, source: SourceFile, *, unsafe: bool = False) -> FixedFile:
    """Fix one source file in memory, to a fixpoint. Nothing is written."""
    reader = reader_for(source.path)
    document = first = reader(source)
    original = result = checker.check_document(document)
    applied = 0
    data = source_bytes(source)
    for _ in range(MAX_PASSES):
        outcome = apply_fixes(document, result.findings, unsafe=unsafe)
        if not outcome.applied:
            break
        try:
            again = reader(reread(document.source, outcome.data))
        except TermcheckError as exc:
            reason = f"the fixed file could not be read again ({exc})"
            return _reverted(first, source, original, reason)
        if _structure(again) != _structure(document):
            return _reverted(first, source, original, "the fixes changed the document's structure")
        applied += len(outcome.applied)
        document, data = again, outcome.data
        result = checker.check_document(document)
    else:
        if any(is_fixable(f, unsafe) for f in result.findings):
            original = _warned(original, f"fixes did not settle after {MAX_PASSES} passes")
    # The warnings are those of the file as it was read (how it was decoded, say).
    result = dataclasses.replace(result, warnings=original.warnings)
    return FixedFile(first.source, document.source, data, result, applied)


def fix_path(
    checker: Checker,
    path: str | Path,
    encoding: str | None = None,
    *,
    unsafe: bool = False,
    write: bool = True,
) -> FixedFile:
    """Fix one file; write it back atomically when it changed and `write` is set."""
    fixed = fix_source(checker, read_source(path, encoding), unsafe=unsafe)
    if write and fixed.changed:
        write_atomic(path, fixed.data)
    return fixed


def reread(previous: SourceFile, data: bytes) -> SourceFile:
    """The fixed bytes as a source file, decoded as the previous version was."""
    return decode(data, previous.path, previous.encoding)


def diff_text(fixed: FixedFile) -> str:
    """A unified diff of the file's text before and after fixing ('' when unchanged)."""
    if not fixed.changed:
        return ""
    lines = difflib.unified_diff(
        fixed.original.text.splitlines(keepends=True),
        fixed.fixed.text.splitlines(keepends=True),
        fromfile=fixed.path,
        tofile=fixed.path,
    )
    return "".join(_terminated(line) for line in lines)


def _terminated(line: str) -> str:
    if line.endswith(("\n", "\r")):
        return line
    return line + "\n\\ No newline at end of file\n"


def _structure(document: Document) -> Sequence[tuple[str, str | None]]:
    return [(s.kind.value, s.name) for s in document.segments]


def _reverted(document: Document, source: SourceFile, original: Result, reason: str) -> FixedFile:
    result = _warned(original, f"fixes not applied: {reason}; the file is unchanged")
    return FixedFile(document.source, document.source, source_bytes(source), result, 0)


def _warned(result: Result, warning: str) -> Result:
    return dataclasses.replace(result, warnings=(*result.warnings, warning))
