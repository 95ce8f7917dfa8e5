"""Reading documents: bytes in, decoded text out, with the facts needed to write them back."""

from __future__ import annotations

import bisect
import codecs
import os
import re
import stat
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from checker.binary import binary_kind
from checker.errors import InputError

# Legacy encodings a newsroom archive about China and Japan may hold.
LEGACY_CJK_ENCODINGS = ("gb18030", "big5", "shift_jis", "euc_jp")

_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NEWLINE = re.compile(r"\r\n|\r|\n")
ZIP_MAGIC = b"PK\x03\x04"
ARCHIVE = "zip"
# XML without a BOM announces UTF-16 by its first characters (XML 1.0 appendix F).
_UTF16_XML = ((b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be"))
_XML_DECLARATION = re.compile(rb"""\A\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
# Labels that name a smaller encoding than the one their writers really use.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc_jp": "euc_jis_2004",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
}
# Labels web pages use that Python's codec registry does not know.
_LABELS = {"windows-31j": "cp932", "x-sjis": "cp932", "x-gbk": "gbk", "x-euc-jp": "euc_jp"}


@dataclass(frozen=True)
class SourceFile:
    """A document's text and how it was stored (encoding, BOM, dominant newline)."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    raw: bytes | None = None
    detected: bool = False  # the encoding was guessed from the bytes, not declared
    encoding_note: str | None = None  # how a guessed encoding was chosen

    @property
    def is_archive(self) -> bool:
        """The bytes are a zip archive (DOCX), with no text of their own."""
        return self.encoding == ARCHIVE

    @property
    def warnings(self) -> tuple[str, ...]:
        """What a reader must tell the user about how the text was decoded."""
        return (self.encoding_note,) if self.encoding_note else ()

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
        # An array, not a list: 8 bytes a line instead of 36 (a file of short lines).
        self._starts = array("q", [0])
        self._starts.extend(m.end() for m in _NEWLINE.finditer(text))

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_text(self, line: int) -> str:
        start, end = self.bounds(line)
        return self._text[start:end]

    def bounds(self, line: int) -> tuple[int, int]:
        """The offsets where a line starts and ends (before its line break)."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._text)
        while end > start and self._text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1


def decode(data: bytes, path: str, declared: str | None = None) -> SourceFile:
    """Decode bytes strictly. A BOM wins; then the encoding the caller declares; then the
    document's own declaration (XML `encoding=`, HTML `<meta charset>`), unless the bytes
    are valid UTF-8 that the declaration would garble; then UTF-8; then UTF-16 or UTF-32
    when their reading is plausibly text; then a legacy CJK encoding only when the
    detector is confident. A zip archive (DOCX) is kept as bytes
    for its reader. Never decodes silently wrong: a guess is recorded in `detected` and
    explained in `warnings`."""
    if data.startswith(ZIP_MAGIC):
        return SourceFile(path, "", ARCHIVE, b"", data)
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(f"not a text file ({kind})", path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], path, encoding.replace("-sig", ""), bom, data)
    if declared:
        return _strict(data, path, _codec(declared, path), b"", data)
    for prefix, encoding in _UTF16_XML:
        if data.startswith(prefix):
            return _strict(data, path, encoding, b"", data)
    if b"\0" in data[:4096]:
        wide = _detect_wide(data, path)
        if wide is not None:
            return wide
    in_document = _declared_in_document(data)
    if in_document is not None:
        label, in_markup = in_document
        if in_markup and _codec_name(label) is None:
            # A page's <meta charset> that names no encoding is ignored, as browsers do.
            found = _undeclared(data, path)
            note = (
                f"the page declares an unknown encoding {label!r}; read as {found.encoding}"
                " (pass --encoding to override)"
            )
            return replace(found, detected=True, encoding_note=note)
        return _decode_declared(data, path, label)
    return _undeclared(data, path)


def _undeclared(data: bytes, path: str) -> SourceFile:
    """Bytes without a BOM or a declaration: UTF-8, else UTF-16 or UTF-32 when their
    reading is plausibly text, else a legacy CJK encoding the detector is confident of."""
    try:
        return SourceFile(path, data.decode("utf-8"), "utf-8", b"", data)
    except UnicodeDecodeError as exc:
        # Mostly CJK UTF-16 may hold no zero byte, but is almost never valid UTF-8.
        wide = _detect_wide(data, path)
        if wide is not None:
            return wide
        legacy = _detect_legacy(data)
        if legacy is not None:
            note = (
                f"encoding {legacy} was guessed from the bytes (no BOM and no declaration);"
                " pass --encoding if the text looks wrong"
            )
            return SourceFile(path, data.decode(legacy), legacy, b"", data, True, note)
        raise _decode_error(data, path, "utf-8", exc) from None


MAX_FILE_BYTES = 256 * 1024 * 1024  # larger files are reported, not read


@dataclass(frozen=True)
class FileState:
    """What a file looked like when it was read: enough to tell that it changed since."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, info: os.stat_result) -> FileState:
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def read_bytes(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> tuple[bytes, FileState]:
    """A regular file's bytes, refused when larger than `max_bytes`, and its state as it
    was read (from the same open file, so a rename in between cannot mislead)."""
    name = os.fsdecode(path)
    try:
        # Opened without blocking, so that a FIFO is refused rather than waited on.
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC), "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError("is a directory", name)
            if not stat.S_ISREG(info.st_mode):
                raise InputError("not a regular file", name)
            if info.st_size > max_bytes:
                raise InputError(
                    f"file too large to check ({info.st_size / 1e6:.0f} MB; "
                    f"the limit is {max_bytes / 1e6:.0f} MB)",
                    name,
                )
            os.set_blocking(handle.fileno(), True)
            # One byte past the size, to see a file that grew since: never a buffer of
            # `max_bytes` for a small file.
            data = handle.read(min(info.st_size, max_bytes) + 1)
    except IsADirectoryError:
        raise InputError("is a directory", name) from None
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", name) from None
    if len(data) > info.st_size:
        raise InputError("changed while it was being read; not checked (run again)", name)
    return data, FileState.of(info)


def read_source(
    path: str | Path, declared: str | None = None, max_bytes: int = MAX_FILE_BYTES
) -> SourceFile:
    data, _ = read_bytes(path, max_bytes)
    return decode(data, os.fsdecode(path), declared)


def splice_bytes(source: SourceFile, edits: Sequence[tuple[int, int, str]]) -> bytes:
    """The source's bytes with text spans replaced: `edits` are sorted, disjoint
    (start, end, replacement) in code points of `source.text`. Only the replacements are
    encoded; every byte outside the spans is copied from the original, so characters an
    encoding maps two ways (Big5 0xA2CC and 0xA451 both read as 十) keep their bytes."""
    raw = source_bytes(source)
    encoding = source.encoding
    text_at, byte_at = 0, len(source.bom)
    parts = [raw[:byte_at]]
    for start, end, replacement in edits:
        start_byte = _byte_offset(source, text_at, byte_at, start)
        end_byte = _byte_offset(source, start, start_byte, end)
        parts.append(raw[byte_at:start_byte])
        parts.append(replacement.encode(encoding))
        text_at, byte_at = end, end_byte
    parts.append(raw[byte_at:])
    return b"".join(parts)


def source_bytes(source: SourceFile) -> bytes:
    """The bytes a source file was read from (its text encoded as it was, if not kept)."""
    if source.raw is not None:
        return source.raw
    return source.bom + source.text.encode(source.encoding)


def _byte_offset(source: SourceFile, text_at: int, byte_at: int, target: int) -> int:
    """The byte offset of code point `target`, counting on from a known pair of offsets.
    The length of the text re-encoded is right for every stateless encoding whose
    characters keep their byte length; it is checked by decoding, and when it is wrong
    the bytes are decoded one at a time until `target` is reached."""
    raw = source_bytes(source)
    between = source.text[text_at:target]
    try:
        guess = byte_at + len(between.encode(source.encoding))
        if raw[byte_at:guess].decode(source.encoding) == between:
            return guess
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    decoder = codecs.getincrementaldecoder(source.encoding)()
    decoded = 0
    wanted = target - text_at
    for position in range(byte_at, len(raw) + 1):
        if decoded == wanted and decoder.getstate()[0] == b"":
            return position
        if position == len(raw) or decoded > wanted:
            break
        decoded += len(decoder.decode(raw[position : position + 1]))
    line, column = source.lines.line_col(target)
    raise InputError(
        f"a fix starts or ends inside a character that {source.encoding} stores as one unit",
        source.path,
        line,
        column,
    )


def _codec_name(label: str) -> str | None:
    """Python's name of the encoding a label names, or None when it names none."""
    try:
        return str(codecs.lookup(_LABELS.get(label.lower(), label)).name)
    except LookupError:
        return None


def _codec(label: str, path: str) -> str:
    name = _codec_name(label)
    if name is None:
        raise InputError(f"unknown encoding {label!r}", path)
    return name


def _declared_in_document(data: bytes) -> tuple[str, bool] | None:
    """The encoding the document declares, and whether an HTML `<meta>` declares it
    (rather than an XML declaration)."""
    head = data[:4096]
    declaration = _XML_DECLARATION.match(head)
    if declaration:
        return declaration.group(1).decode("ascii"), False
    meta = _META_CHARSET.search(head)
    return (meta.group(1).decode("ascii"), True) if meta else None


def _decode_declared(data: bytes, path: str, label: str) -> SourceFile:
    """Follow the document's declaration, but not into mojibake: valid UTF-8 with
    non-ASCII text under another label is read as UTF-8, and a declared encoding that
    fails is retried with the superset its writers really use (GB2312 → GB18030)."""
    encoding = _codec(label, path)
    if not _ascii_compatible(encoding):
        # The declaration was found as ASCII text, so the bytes are not in this encoding
        # (EBCDIC, UTF-16 or UTF-32 would spell the declaration itself differently).
        if encoding.startswith("utf-16"):
            return _strict(data, path, "utf-8", b"", data)  # the usual mislabel, said often
        note = (
            f"the document declares {label}, which its bytes contradict; read as UTF-8"
            " (pass --encoding to override)"
        )
        return replace(_strict(data, path, "utf-8", b"", data), detected=True, encoding_note=note)
    if encoding == "utf-8" or data.isascii():
        return _strict(data, path, encoding, b"", data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        note = (
            f"the document declares {label} but its bytes are UTF-8; read as UTF-8"
            " (pass --encoding to override)"
        )
        return SourceFile(path, text, "utf-8", b"", data, True, note)
    if _is_single_byte(encoding):
        legacy = _detect_legacy(data) if _high_bytes_in_pairs(data) else None
        if legacy is not None:
            note = (
                f"the document declares {label} but its bytes are {legacy}; read as {legacy}"
                " (pass --encoding to override)"
            )
            return SourceFile(path, data.decode(legacy), legacy, b"", data, True, note)
    try:
        return SourceFile(path, data.decode(encoding), encoding, b"", data)
    except UnicodeDecodeError as exc:
        wider = _SUPERSETS.get(encoding)
        if wider is None:
            raise _decode_error(data, path, encoding, exc) from None
    try:
        return SourceFile(path, data.decode(wider), wider, b"", data)
    except UnicodeDecodeError as exc:
        raise _decode_error(data, path, wider, exc) from None


def _ascii_compatible(encoding: str) -> bool:
    """Does the encoding write ASCII text as ASCII bytes (not EBCDIC, UTF-16, UTF-32)?"""
    probe = '<meta charset="x"> <?xml encoding?>'
    try:
        return probe.encode(encoding) == probe.encode("ascii")
    except (UnicodeEncodeError, LookupError):
        return False


def _is_single_byte(encoding: str) -> bool:
    """Every byte is one character (Latin-1, Windows-1252, KOI8-R...): any bytes decode,
    so decoding cannot tell a wrong declaration."""
    try:
        return len(bytes(range(0x80, 0x100)).decode(encoding, "replace")) == 0x80
    except LookupError:
        return False


def _high_bytes_in_pairs(data: bytes) -> bool:
    """Non-ASCII bytes come in runs of two or more, as in CJK text, not alone between
    ASCII letters as accented letters do ("café", "Zürich")."""
    runs = re.findall(rb"[\x80-\xff]+", data[:65536])
    high = sum(len(run) for run in runs)
    alone = sum(1 for run in runs if len(run) == 1)
    return high >= 4 and alone <= high // 10


def _detect_wide(data: bytes, path: str) -> SourceFile | None:
    """UTF-32 or UTF-16 without a BOM, when its reading is plausibly text
    (`checker.wide_text`)."""
    from checker.wide_text import read_wide

    found = read_wide(data)
    if found is None:
        return None
    encoding, text = found
    note = (
        f"encoding {encoding} was guessed from the bytes (no BOM and no declaration);"
        " pass --encoding if the text looks wrong"
    )
    return SourceFile(path, text, encoding, b"", data, True, note)


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
