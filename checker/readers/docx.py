"""DOCX (WordprocessingML), read from the zip as a stream of XML events.

The text of a DOCX document is its paragraphs joined by line feeds: `SourceFile.text`
line N is paragraph N of the body (empty paragraphs and table-cell paragraphs count), so
a finding's line is the paragraph number and its column the character in that
paragraph. A paragraph's text is that of its runs (`w:t`), including runs inside
hyperlinks, smart tags, simple fields and content controls, and tracked insertions
(`w:ins`, `w:moveTo`); tracked deletions (`w:del`, `w:moveFrom`) are ignored, so the
text checked is the text with every change accepted. Paragraphs styled Title or Heading
are headlines. What cannot be read (text boxes, equations, footnotes, embedded objects)
is named in a warning.

The main part is never held whole, as text or as a tree: it is decompressed a block at a
time into an expat parser (no entity declarations, no external entities, bounded depth
and size), and each paragraph is turned into its segment when it ends. Expat reports
where each run of text stands in the part's bytes, which is all a fix needs: each edit
lies inside one `w:t`, whose text alone is changed in `word/document.xml`, and every
other member of the zip is copied unchanged. The splicer keeps those offsets (a few
integers a run, no text and no element) and reads the part again when it writes a fix.
"""

from __future__ import annotations

import bisect
import io
import re
import xml.parsers.expat
import zipfile
import zlib
from array import array
from collections.abc import Iterator, Sequence
from typing import IO, Any

from lxml import etree

from checker.dates import date_in_dateline
from checker.document import ChunkTable, Document, Segment, SegmentKind
from checker.errors import InputError
from checker.model import Edit
from checker.readers.segments import SegmentList, local_name
from checker.readers.xml_stream import parse_source, xml_bytes
from checker.source import ARCHIVE, SourceFile, decode

MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # uncompressed / compressed size beyond which a large member is a bomb

_OFFICE_DOCUMENT = "/officeDocument"
_HEADING_STYLES = ("title", "subtitle", "heading")
# Containers whose runs are part of the paragraph's text.
_TRANSPARENT = frozenset(
    {"ins", "moveto", "hyperlink", "smarttag", "fldsimple", "customxml", "sdt", "sdtcontent"}
    | {"dir", "bdo", "fallback"}
)
_DELETED = frozenset({"del", "movefrom"})
_UNREADABLE = {
    "txbxcontent": "text boxes",
    "omath": "equations",
    "omathpara": "equations",
    "footnotereference": "footnotes",
    "endnotereference": "endnotes",
    "object": "embedded objects",
}
_RUN_CHARACTERS = {"tab": "\t", "br": " ", "cr": " ", "nobreakhyphen": "\u2011"}


MAX_DEPTH = 256  # libxml2's own limit, which the other XML inputs meet
_BLOCK = 64 * 1024
_XML_SPACE = "http://www.w3.org/XML/1998/namespace space"
_UTF8_DECLARATION = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=\s*["']utf-?8["']""", re.I
)
_ANY_DECLARATION = re.compile(rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=""")


class _EditableRuns:
    """The runs a fix may edit, the literal text of one `w:t` each, in document order:
    where each stands in the document text [start, end), where its first byte
    (`xml_start`) and its start tag (`tag_start`) stand in the main part as UTF-8, and
    whether it already preserves spaces. Arrays, not an object per run: they are kept for
    as long as the document is."""

    def __init__(self) -> None:
        self.starts = array("i")  # 32 bits: a part is at most 64 MB
        self.ends = array("i")
        self.xml_starts = array("i")
        self.tag_starts = array("i")
        self.preserves_space = bytearray()

    def add(self, start: int, end: int, xml_start: int, tag_start: int, preserves: bool) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.xml_starts.append(xml_start)
        self.tag_starts.append(tag_start)
        self.preserves_space.append(preserves)

    def holding(self, start: int, end: int) -> int | None:
        """The index of the run that holds [start, end), if one does."""
        index = bisect.bisect_right(self.starts, start)
        for i in range(max(0, index - 2), min(index + 1, len(self.starts))):
            if self.starts[i] <= start <= end <= self.ends[i]:
                return i
        return None


def read_docx(source: SourceFile) -> Document:
    raw = source.raw if source.raw is not None else b""
    package = _Package(raw, source.path)
    reader = _BodyReader(package)
    text = reader.text
    document_source = SourceFile(source.path, text, ARCHIVE, b"", raw)
    date = date_in_dateline(text)
    splicer = _Splicer(package, reader.runs, text)
    return Document(
        document_source,
        reader.segments.segments(),
        date,
        "dateline" if date else None,
        tuple(reader.warnings),
        format="docx",
        splice=splicer.splice,
    )


class _Package:
    """The zip, checked against bombs, and the name of its main document part."""

    def __init__(self, raw: bytes, path: str) -> None:
        self.raw = raw
        self.path = path
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(raw))
        except (zipfile.BadZipFile, ValueError) as exc:
            raise InputError(f"not a readable DOCX (zip) file: {exc}", path) from None
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"DOCX holds more than {MAX_MEMBERS} members; refused", path)
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
            raise InputError("DOCX expands to more than 512 MiB; refused (zip bomb?)", path)
        self.part = self._main_part()

    @property
    def part_path(self) -> str:
        """How errors in the main part name it: the file, then the member."""
        return f"{self.path}:{self.part}"

    def main_xml(self) -> SourceFile:
        """The main document part, decoded."""
        return decode(self.member(self.part), self.part_path)

    def main_utf8(self) -> bytes:
        """The main part's bytes as UTF-8, as the body reader parsed them."""
        data = self.member(self.part)
        return data if _is_utf8(data) else xml_bytes(decode(data, self.part_path).text)

    def stream_main_utf8(self) -> Iterator[bytes]:
        """`main_utf8` a block at a time (whole only when the part is in another
        encoding, which Word never writes)."""
        with self._open(self.part) as stream:
            first = self._read(stream, self.part)
            if not _is_utf8(first):
                rest = b"".join(iter(lambda: self._read(stream, self.part), b""))
                yield xml_bytes(decode(first + rest, self.part_path).text)
                return
            total = len(first)
            while first:
                yield first
                first = self._read(stream, self.part)
                total += len(first)
                if total > MAX_MEMBER_BYTES:
                    raise self._too_large(self.part)

    def member(self, name: str) -> bytes:
        with self._open(name) as stream:
            data = self._read(stream, name, MAX_MEMBER_BYTES + 1)
        if len(data) > MAX_MEMBER_BYTES:
            raise self._too_large(name)
        return data

    def _open(self, name: str) -> IO[bytes]:
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            raise InputError(f"not a Word document: no {name} in the zip", self.path) from None
        large = info.file_size > 1024 * 1024
        if info.file_size > MAX_MEMBER_BYTES or (
            large and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise self._too_large(name)
        if info.flag_bits & 0x1:
            raise InputError(f"DOCX member {name} is encrypted; cannot read it", self.path)
        try:
            return self.zip.open(info)
        except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, EOFError) as exc:
            raise InputError(f"cannot read {name} from the DOCX: {exc}", self.path) from None

    def _read(self, stream: IO[bytes], name: str, size: int = _BLOCK) -> bytes:
        try:
            return stream.read(size)
        except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, EOFError) as exc:
            raise InputError(f"cannot read {name} from the DOCX: {exc}", self.path) from None

    def _too_large(self, name: str) -> InputError:
        return InputError(f"DOCX member {name} is too large; refused (zip bomb?)", self.path)

    def _main_part(self) -> str:
        names = set(self.zip.namelist())
        if "_rels/.rels" in names:
            rels = parse_source(decode(self.member("_rels/.rels"), self.path)).getroot()
            for relation in rels:
                if str(relation.get("Type", "")).endswith(_OFFICE_DOCUMENT):
                    target = str(relation.get("Target", "")).lstrip("/")
                    if target in names:
                        return target
        if "word/document.xml" in names:
            return "word/document.xml"
        raise InputError("not a Word document: no main document part in the zip", self.path)

    def style_names(self) -> dict[str, str]:
        folder = self.part.rsplit("/", 1)[0] + "/" if "/" in self.part else ""
        name = folder + "styles.xml"
        if name not in self.zip.namelist():
            return {}
        root = parse_source(decode(self.member(name), f"{self.path}:{name}")).getroot()
        names: dict[str, str] = {}
        for style in root.iter():
            if local_name(style) != "style":
                continue
            style_id = _attribute(style, "styleId")
            for child in style:
                if local_name(child) == "name" and style_id:
                    names[style_id] = (_attribute(child, "val") or "").lower()
        return names


def _is_utf8(head: bytes) -> bool:
    """Is a part that starts with these bytes UTF-8 (declared so, or declaring nothing
    and starting with no other byte-order mark)?"""
    if _UTF8_DECLARATION.match(head):
        return True
    wide = head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]
    return not wide and not _ANY_DECLARATION.match(head)


class _MainPart:
    """The main document part parsed into a tree, for an annotated copy (which edits it)."""

    def __init__(self, package: _Package) -> None:
        self.tree = parse_source(package.main_xml())


def _attribute(element: Any, name: str) -> str | None:
    for key, value in element.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return str(value)
    return None


def _event_attribute(attributes: dict[str, str], name: str) -> str | None:
    for key, value in attributes.items():
        if key.rsplit(" ", 1)[-1] == name:
            return value
    return None


# What an element is to the body reader, by what holds it (see `_BodyReader._start`).
_CONTAINER, _PARAGRAPH, _INLINE, _ALTERNATIVES, _ALTERNATIVES_READ = range(5)
_RUN, _TEXT, _TEXT_DONE, _PROPERTIES, _NOTED, _SKIPPED = range(5, 11)
_CONTAINERS = frozenset({"tbl", "tr", "tc", "sdt", "sdtcontent", "customxml"}) | _TRANSPARENT


class _Paragraph:
    """The paragraph being read: its text in pieces, their chunks and its style."""

    def __init__(self, start: int) -> None:
        self.start = start
        self.position = start
        self.texts: list[str] = []
        self.chunks = ChunkTable()
        self.style: str | None = None

    def add(self, text: str, editable: bool) -> tuple[int, int]:
        start, end = self.position, self.position + len(text)
        self.chunks.append(start - self.start, end - self.start, start, end, editable)
        self.texts.append(text)
        self.position = end
        return start, end


class _BodyReader:
    """The document text, its segments and the run map of a document body, from one
    pass of expat over the main part, a paragraph at a time. Given the part's `tree`
    (for an annotated copy) it also lists the `w:t` element of each run of text, as
    (start, end, element)."""

    def __init__(self, package: _Package, tree: etree._ElementTree | None = None) -> None:
        self.package = package
        self.segments = SegmentList()
        self.runs = _EditableRuns()
        self.warnings: list[str] = []
        self._styles = package.style_names()
        self._text = io.StringIO()
        self._length = 0  # of the text so far
        self._paragraphs = 0
        self._unreadable: set[str] = set()
        self._tracked = False
        self._stack: list[int] = []
        self._paragraph: _Paragraph | None = None
        self._t_count = 0  # every element named `t`, in document order
        self._t: tuple[int, int, bool] | None = None  # the open w:t: ordinal, tag, spaces
        self._t_pieces: list[tuple[str, int, int, bool]] = []  # its text: where, literal
        # (start, end, ordinal) of each run of text, kept only to find its w:t in `tree`
        self._t_runs: list[tuple[int, int, int]] | None = [] if tree is not None else None
        self._parse()
        self.text = self._text.getvalue()
        del self._text
        self.text_elements: list[tuple[int, int, Any]] | None = None
        if tree is not None and self._t_runs is not None:
            elements = [e for e in tree.getroot().iter() if local_name(e) == "t"]
            self.text_elements = [(s, e, elements[i]) for s, e, i in self._t_runs]
        if self._tracked:
            self.warnings.append(
                "the document has tracked changes: insertions are read, deletions are ignored"
            )
        if self._unreadable:
            self.warnings.append(
                "not read: " + ", ".join(sorted(self._unreadable)) + " (their text is not checked)"
            )

    # -- the pass ------------------------------------------------------------------------------

    def _parse(self) -> None:
        parser = xml.parsers.expat.ParserCreate("UTF-8", " ")
        parser.buffer_text = False
        parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self._parser = parser
        self._window = bytearray()  # the part's bytes from `_window_at` on
        self._window_at = 0
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        parser.EntityDeclHandler = self._refuse_entities
        parser.SkippedEntityHandler = self._refuse_undeclared
        try:
            for block in self.package.stream_main_utf8():
                self._window += block
                parser.Parse(block, False)
                keep = parser.CurrentByteIndex  # nothing before it is looked at again
                if keep > self._window_at:
                    del self._window[: keep - self._window_at]
                    self._window_at = keep
            parser.Parse(b"", True)
        except xml.parsers.expat.ExpatError as exc:
            message = xml.parsers.expat.ErrorString(exc.code)
            raise InputError(
                f"not well-formed XML: {message}",
                self.package.part_path,
                exc.lineno,
                exc.offset + 1,
            ) from None
        finally:
            for handler in ("StartElementHandler", "EndElementHandler", "CharacterDataHandler"):
                setattr(parser, handler, None)
            parser.EntityDeclHandler = parser.SkippedEntityHandler = None
            del self._parser, self._window

    def _refuse_entities(self, *_args: Any) -> None:
        raise InputError(
            "XML declares entities; refused (entity declarations are not allowed)",
            self.package.part_path,
            self._parser.CurrentLineNumber,
        )

    def _refuse_undeclared(self, name: str, _parameter: bool) -> None:
        raise InputError(
            f"XML uses the undeclared entity &{name}; refused",
            self.package.part_path,
            self._parser.CurrentLineNumber,
        )

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        name = tag.rsplit(" ", 1)[-1].rsplit(":", 1)[-1].lower()
        stack = self._stack
        if len(stack) >= MAX_DEPTH:
            raise InputError(
                f"XML nested more than {MAX_DEPTH} elements deep; refused",
                self.package.part_path,
                self._parser.CurrentLineNumber,
            )
        if name == "t":
            self._t_count += 1
        held_by = stack[-1] if stack else None
        if held_by is None:
            stack.append(_CONTAINER)
        elif held_by == _CONTAINER:
            if name == "p":
                self._paragraph = _Paragraph(self._length + (1 if self._paragraphs else 0))
                stack.append(_PARAGRAPH)
            else:
                stack.append(_CONTAINER if name in _CONTAINERS or name == "body" else _SKIPPED)
        elif held_by in (_PARAGRAPH, _INLINE):
            stack.append(self._inline(name, held_by))
        elif held_by in (_ALTERNATIVES, _ALTERNATIVES_READ):
            if name == "fallback" and held_by == _ALTERNATIVES:
                stack[-1] = _ALTERNATIVES_READ  # the first fallback is read, no other
                stack.append(_INLINE)
            else:
                stack.append(_SKIPPED)
        elif held_by == _RUN:
            stack.append(self._in_run(name, attributes))
        elif held_by in (_TEXT, _TEXT_DONE):
            stack[-1] = _TEXT_DONE  # text after markup inside a w:t is not its text
            stack.append(_SKIPPED)
        elif held_by in (_PROPERTIES, _NOTED):
            paragraph = self._paragraph
            if (
                held_by == _PROPERTIES
                and name == "pstyle"
                and paragraph
                and paragraph.style is None
            ):
                paragraph.style = _event_attribute(attributes, "val") or ""
            self._note(name)
            stack.append(_NOTED)
        else:
            stack.append(_SKIPPED)

    def _inline(self, name: str, held_by: int) -> int:
        """What an element inside a paragraph is."""
        if name in _DELETED:
            self._tracked = True
            return _SKIPPED
        if name in ("ins", "moveto"):
            self._tracked = True
            return _INLINE
        if name == "r":
            return _RUN
        if name == "alternatecontent":
            return _ALTERNATIVES
        if name in _TRANSPARENT:
            return _INLINE
        self._note(name)
        return _PROPERTIES if name == "ppr" and held_by == _PARAGRAPH else _NOTED

    def _in_run(self, name: str, attributes: dict[str, str]) -> int:
        """What an element inside a run is; a run character or symbol is added at once."""
        paragraph = self._paragraph
        if name == "t":
            preserves = attributes.get(_XML_SPACE) == "preserve"
            self._t = (self._t_count - 1, self._parser.CurrentByteIndex, preserves)
            return _TEXT
        if name in _RUN_CHARACTERS or name == "sym":
            char: str | None = _RUN_CHARACTERS.get(name)
            if char is None:
                try:
                    char = chr(int(_event_attribute(attributes, "char") or "", 16))
                except ValueError:
                    char = None
            if char is not None and paragraph is not None:
                paragraph.add(char, editable=False)
            return _SKIPPED
        self._note(name)
        return _NOTED

    def _characters(self, value: str) -> None:
        if not self._stack or self._stack[-1] != _TEXT:
            return
        at = self._parser.CurrentByteIndex
        data = value.encode("utf-8")
        offset = at - self._window_at
        literal = self._window[offset : offset + len(data)] == data
        pieces = self._t_pieces
        if literal and pieces and pieces[-1][3] and pieces[-1][2] == at:
            text, start, _, _ = pieces.pop()  # touches the literal piece before it
            pieces.append((text + value, start, at + len(data), True))
        else:
            pieces.append((value, at, at + len(data), literal))

    def _end(self, _tag: str) -> None:
        ended = self._stack.pop()
        if ended in (_TEXT, _TEXT_DONE):
            self._end_text()
        elif ended == _PARAGRAPH:
            self._end_paragraph()

    def _end_text(self) -> None:
        paragraph, t = self._paragraph, self._t
        if paragraph is not None and t is not None:
            ordinal, tag_start, preserves = t
            for text, xml_start, _, literal in self._t_pieces:
                start, end = paragraph.add(text, editable=literal)
                if literal:
                    self.runs.add(start, end, xml_start, tag_start, preserves)
                if self._t_runs is not None:
                    self._t_runs.append((start, end, ordinal))
        self._t = None
        self._t_pieces = []

    def _end_paragraph(self) -> None:
        paragraph = self._paragraph
        if paragraph is None:
            return
        self._paragraph = None
        text = "".join(paragraph.texts)
        if self._paragraphs:
            self._text.write("\n")
        self._text.write(text)
        self._length = paragraph.start + len(text)
        self._paragraphs += 1
        if text.strip():
            kind = SegmentKind.HEADLINE if self._is_heading(paragraph) else SegmentKind.BODY
            name = f"p[{self._paragraphs}]"
            self.segments.append(Segment(kind, text, paragraph.chunks, name))

    def _is_heading(self, paragraph: _Paragraph) -> bool:
        if paragraph.style is None:
            return False
        name = self._styles.get(paragraph.style, paragraph.style.lower())
        return name.startswith(_HEADING_STYLES)

    def _note(self, name: str) -> None:
        what = _UNREADABLE.get(name)
        if what:
            self._unreadable.add(what)


class _Splicer:
    """Writes edits, given in document-text offsets, into the w:t texts of the zip."""

    def __init__(self, package: _Package, runs: _EditableRuns, text: str) -> None:
        self.package = package
        self.runs = runs
        self.text = text

    def splice(self, edits: Sequence[Edit]) -> bytes:
        data = bytearray(self.package.main_utf8())
        text = self.text
        changes: list[tuple[int, int, bytes]] = []
        preserve: set[int] = set()
        runs = self.runs
        for edit in edits:
            run = self._run_for(edit)
            run_start, run_end = runs.starts[run], runs.ends[run]
            lo = runs.xml_starts[run] + len(text[run_start : edit.span.start].encode("utf-8"))
            hi = lo + len(text[edit.span.start : edit.span.end].encode("utf-8"))
            changes.append((lo, hi, _escape(edit.replacement).encode("utf-8")))
            new_text = (
                text[run_start : edit.span.start] + edit.replacement + text[edit.span.end : run_end]
            )
            if new_text != new_text.strip() and not runs.preserves_space[run]:
                preserve.add(runs.tag_starts[run])
        for at in preserve:
            end_of_name = at + 1
            while data[end_of_name] not in b" \t\r\n/>":
                end_of_name += 1
            changes.append((end_of_name, end_of_name, b' xml:space="preserve"'))
        for lo, hi, replacement in sorted(changes, reverse=True):
            data[lo:hi] = replacement
        return _rezip(self.package, self._as_stored(bytes(data)))

    def _as_stored(self, data: bytes) -> bytes:
        """The spliced part in the encoding the file stored it in."""
        original = self.package.main_xml()
        if original.encoding == "utf-8" and _is_utf8(self.package.member(self.package.part)):
            return data
        text = data.decode("utf-8")
        declared = re.match(r"""\A(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])UTF-8\2""", text)
        if declared is not None:
            label = re.search(
                r"""\bencoding\s*=\s*(["'])([A-Za-z0-9._:-]+)\1""", original.text[:1024]
            )
            if label is not None:
                quote = declared.group(2)
                text = declared.group(1) + quote + label.group(2) + quote + text[declared.end() :]
        return original.bom + text.encode(original.encoding)

    def _run_for(self, edit: Edit) -> int:
        start, end = edit.span.start, edit.span.end
        run = self.runs.holding(start, end)
        if run is not None:
            return run
        raise InputError(
            f"an edit at {start}..{end} crosses runs or markup in the DOCX; not applied",
            self.package.path,
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _rezip(package: _Package, document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.comment = package.zip.comment
        for info in package.zip.infolist():
            data = document_xml if info.filename == package.part else package.zip.read(info)
            target.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()
