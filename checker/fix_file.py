"""Fixing a file: check, apply the fixes, read the result again with the same reader and
check it again, until nothing is left to fix (at most ten passes). A result that no
longer reads, or reads as a different document structure, is thrown away whole: the file
stays as it was and the result says why. A fix whose span would split a character as a
reader sees it (a letter and its accents, an emoji sequence) is left to a person.
`diff_text` shows a change without making it.

Writing follows ruff and vim's `backupcopy=yes`: the new bytes are built in memory, then
written through the file's own inode, so its owner, group, mode, hard links, extended
attributes and ACLs stay as they were and no temporary file is ever created. A symlink is
followed: its target is fixed and the link stays a link. A read-only file is refused. A
file that changed since it was read (another program saved it) is left alone, with a
message, rather than lose that edit. Interrupt signals wait while the bytes are written,
so a file is never left half written by Ctrl-C."""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import fcntl
import os
import signal
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.discover import Unreadable
from checker.document import Document
from checker.engine import Checker, Result
from checker.errors import InputError, TermcheckError
from checker.fixes import apply_fixes, is_fixable
from checker.graphemes import keeps_graphemes
from checker.model import Finding
from checker.readers import reader_for
from checker.source import (
    MAX_FILE_BYTES,
    FileState,
    SourceFile,
    decode,
    read_bytes,
    source_bytes,
)

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
        whole = [f for f in result.findings if _keeps_graphemes(document, f)]
        outcome = apply_fixes(document, whole, unsafe=unsafe)
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
    max_bytes: int = MAX_FILE_BYTES,
) -> FixedFile:
    """Fix one file; write it back in place when it changed and `write` is set. Whatever
    is wrong with the file (unreadable, too large, read-only, a damaged archive, changed
    while it was being fixed) is an `InputError` naming it."""
    name = os.fsdecode(path)
    if isinstance(path, Unreadable):
        raise InputError(path.reason, name)
    target = os.path.realpath(path) if write else os.fsdecode(path)
    if write:
        _check_writable(name, target)
    data, state = read_bytes(target, max_bytes)
    try:
        fixed = fix_source(checker, decode(data, name, encoding), unsafe=unsafe)
    except TermcheckError:
        raise
    except RecursionError:
        raise InputError("too deeply nested to fix", name) from None
    except MemoryError:
        raise InputError("not enough memory to fix it", name) from None
    except Exception as exc:  # one bad file never stops the others being fixed
        raise InputError(f"internal error: {type(exc).__name__}: {exc}", name) from None
    if write and fixed.changed:
        write_in_place(target, data, fixed.data, state, name)
    return fixed


def write_in_place(target: str, before: bytes, after: bytes, state: FileState, name: str) -> None:
    """Overwrite the file through its own inode with `after`, unless it is no longer the
    file that was read (`before`, `state`): then it is left as it is."""
    changed = InputError("changed since it was read; not fixed (run again)", name)
    try:
        with open(target, "r+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            if FileState.of(os.fstat(handle.fileno())) != state or handle.read() != before:
                raise changed
            with _signals_deferred():
                handle.seek(0)
                handle.write(after)
                handle.truncate()
                handle.flush()
                os.fsync(handle.fileno())
    except BlockingIOError:
        raise InputError("locked by another program; not fixed", name) from None
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", name) from None


def _check_writable(name: str, target: str) -> None:
    try:
        info = os.stat(target)
    except OSError:
        return  # reading says why
    if stat.S_ISREG(info.st_mode) and (
        not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        or not os.access(target, os.W_OK)
    ):
        raise InputError("read-only file; not fixed", name)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block ends (they are delivered then)."""
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


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


def _keeps_graphemes(document: Document, finding: Finding) -> bool:
    if finding.fix is None:
        return True
    text = document.source.text
    return all(keeps_graphemes(text, e.span.start, e.span.end) for e in finding.fix.edits)


def _structure(document: Document) -> Sequence[tuple[str, str | None]]:
    return [(s.kind.value, s.name) for s in document.segments]


def _reverted(document: Document, source: SourceFile, original: Result, reason: str) -> FixedFile:
    result = _warned(original, f"fixes not applied: {reason}; the file is unchanged")
    return FixedFile(document.source, document.source, source_bytes(source), result, 0)


def _warned(result: Result, warning: str) -> Result:
    return dataclasses.replace(result, warnings=(*result.warnings, warning))
