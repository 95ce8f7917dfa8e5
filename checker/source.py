"""Reading documents: bytes in, decoded text out, with the facts needed to write them back."""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from checker.errors import InputError

# Legacy encodings a newsroom archive about China and Japan may hold.
LEGACY_CJK_ENCODINGS = ("gb18030", "big5", "shift_jis", "euc_jp")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class SourceFile:
    """A document's text and how it was stored (encoding, BOM, dominant newline)."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    raw: bytes | None = None
    detected: bool = False  # the encoding was guessed from the bytes, not declared

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @property
    def newline(self) -> str:
        match = _NEWLINE.search(self.text)
        return match.group(0) if match else "\n"


class LineIndex:
    """Maps code-point offsets to 1-based line and column (columns in code points)."""

    def __init__(self, text: str) -> None:
        self._text = text
        starts = [0]
        starts.extend(m.end() for m in _NEWLINE.finditer(text))
        self._starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._text)
        return self._text[start:end].rstrip("\r\n")

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1


def decode(data: bytes, path: str, declared: str | None = None) -> SourceFile:
    """Decode bytes strictly. A BOM wins; then a declared encoding; then UTF-8; then a
    legacy CJK encoding only when the detector is confident. Never decodes silently wrong."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], path, encoding.replace("-sig", ""), bom, data)
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            raise InputError(f"unknown encoding {declared!r}", path) from None
        return _strict(data, path, declared, b"", data)
    try:
        return SourceFile(path, data.decode("utf-8"), "utf-8", b"", data)
    except UnicodeDecodeError as exc:
        legacy = _detect_legacy(data)
        if legacy is not None:
            return SourceFile(path, data.decode(legacy), legacy, b"", data, detected=True)
        raise _decode_error(data, path, "utf-8", exc) from None


def read_source(path: str | Path, declared: str | None = None) -> SourceFile:
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory", name) from None
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", name) from None
    return decode(data, name, declared)


def _strict(body: bytes, path: str, encoding: str, bom: bytes, raw: bytes) -> SourceFile:
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _decode_error(body, path, encoding, exc) from None
    return SourceFile(path, text, encoding, bom, raw)


def _decode_error(data: bytes, path: str, encoding: str, exc: UnicodeDecodeError) -> InputError:
    before = data[: exc.start]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(data[line_start : exc.start].decode(encoding, errors="replace")) + 1
    bad = data[exc.start : exc.start + 1].hex()
    return InputError(
        f"not valid {encoding.upper()}: byte 0x{bad} cannot be decoded"
        " (declare the encoding with --encoding)",
        path,
        line,
        column,
    )


def _detect_legacy(data: bytes) -> str | None:
    """Name a legacy CJK encoding only when the detector is sure and the text is CJK."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_CJK_ENCODINGS)).best()
    if best is None or best.chaos > 0.1:
        return None
    text = str(best)
    cjk = sum(1 for ch in text if "\u3040" <= ch <= "\u9fff")
    if cjk < 2:
        return None
    return str(codecs.lookup(best.encoding).name)
