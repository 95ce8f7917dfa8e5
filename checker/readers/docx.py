"""DOCX (WordprocessingML), read from the zip with the hardened XML parser.

The text of a DOCX document is its paragraphs joined by line feeds: `SourceFile.text`
line N is paragraph N of the body (empty paragraphs and table-cell paragraphs count), so
a finding's line is the paragraph number and its column the character in that
paragraph. A paragraph's text is that of its runs (`w:t`), including runs inside
hyperlinks, smart tags, simple fields and content controls, and tracked insertions
(`w:ins`, `w:moveTo`); tracked deletions (`w:del`, `w:moveFrom`) are ignored, so the
text checked is the text with every change accepted. Paragraphs styled Title or Heading
are headlines. What cannot be read (text boxes, equations, footnotes, embedded objects)
is named in a warning.

Fixes are written by `Document.splice`: each edit lies inside one `w:t`, whose text
alone is changed in `word/document.xml`; every other member of the zip is copied
unchanged. The parsed tree lives only while the document is read: the splicer keeps the
offsets of each run (a few integers, no text and no element) and decodes the main part
again from the zip's bytes when a fix is written, so that checking a large document
holds no second copy of its XML.
"""

from __future__ import annotations

import bisect
import io
import zipfile
import zlib
from array import array
from collections.abc import Iterator, Sequence
from typing import Any

from checker.dates import date_in_dateline
from checker.document import Chunk, Document, Segment, SegmentKind
from checker.errors import InputError
from checker.model import Edit
from checker.readers.segments import Piece, local_name
from checker.readers.xml_map import parse_mapped, parse_source
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


class _EditableRuns:
    """The runs a fix may edit, the literal text of one `w:t` each, in document order:
    where each stands in the document text [start, end), where its first character
    (`xml_start`) and its start tag (`tag_start`) stand in the text of the main part, and
    whether it already preserves spaces. Arrays, not an object per run: they are kept for
    as long as the document is."""

    def __init__(self) -> None:
        self.starts = array("q")
        self.ends = array("q")
        self.xml_starts = array("q")
        self.tag_starts = array("q")
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
    reader = _BodyReader(_MainPart(package))
    paragraphs, segments, runs, warnings = (
        reader.paragraph_texts,
        tuple(reader.segments),
        reader.runs,
        tuple(reader.warnings),
    )
    del reader  # and with it the parsed main part, before the text is joined
    text = "\n".join(paragraphs)
    del paragraphs
    document_source = SourceFile(source.path, text, ARCHIVE, b"", raw)
    date = date_in_dateline(text)
    splicer = _Splicer(package, runs, text)
    return Document(
        document_source,
        segments,
        date,
        "dateline" if date else None,
        warnings,
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

    def main_xml(self) -> SourceFile:
        """The main document part, decoded."""
        return decode(self.member(self.part), f"{self.path}:{self.part}")

    def member(self, name: str) -> bytes:
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            raise InputError(f"not a Word document: no {name} in the zip", self.path) from None
        large = info.file_size > 1024 * 1024
        if info.file_size > MAX_MEMBER_BYTES or (
            large and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise InputError(f"DOCX member {name} is too large; refused (zip bomb?)", self.path)
        if info.flag_bits & 0x1:
            raise InputError(f"DOCX member {name} is encrypted; cannot read it", self.path)
        try:
            with self.zip.open(info) as stream:
                data = stream.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, EOFError) as exc:
            raise InputError(f"cannot read {name} from the DOCX: {exc}", self.path) from None
        if len(data) > MAX_MEMBER_BYTES:
            raise InputError(f"DOCX member {name} is too large; refused (zip bomb?)", self.path)
        return data

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


class _MainPart:
    """The main document part parsed and mapped, and the names of its styles: what
    reading needs, dropped once the body is read."""

    def __init__(self, package: _Package) -> None:
        self.xml = package.main_xml()
        self.tree, self.map = parse_mapped(self.xml)
        self.styles = package.style_names()


def _attribute(element: Any, name: str) -> str | None:
    for key, value in element.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return str(value)
    return None


class _BodyReader:
    """Paragraph texts, segments and the run map of a document body. With
    `keep_elements` (for an annotated copy, which edits the tree) it also lists the
    `w:t` element of each run of text, as (start, end, element)."""

    def __init__(self, part: _MainPart, keep_elements: bool = False) -> None:
        self.part = part
        self.paragraph_texts: list[str] = []
        self.segments: list[Segment] = []
        self.runs = _EditableRuns()
        self.text_elements: list[tuple[int, int, Any]] | None = [] if keep_elements else None
        self.warnings: list[str] = list(part.xml.warnings)
        self._unreadable: set[str] = set()
        self._tracked = False
        self._offset = 0
        root = part.tree.getroot()
        body = next((e for e in root if local_name(e) == "body"), root)
        for paragraph in _paragraphs(body):
            self._paragraph(paragraph)
        if self._tracked:
            self.warnings.append(
                "the document has tracked changes: insertions are read, deletions are ignored"
            )
        if self._unreadable:
            self.warnings.append(
                "not read: " + ", ".join(sorted(self._unreadable)) + " (their text is not checked)"
            )

    def _paragraph(self, paragraph: Any) -> None:
        start = self._offset
        chunks: list[Chunk] = []
        texts: list[str] = []
        position = start
        for piece, element in self._pieces(paragraph):
            end = position + len(piece.text)
            if element is not None and self.text_elements is not None:
                self.text_elements.append((position, end, element))
            editable = element is not None and piece.literal
            if editable:
                tag_start = self.part.map.start_offset(element)
                self.runs.add(position, end, piece.start, tag_start, _preserves_space(element))
            chunks.append(Chunk(position - start, end - start, position, end, editable))
            texts.append(piece.text)
            position = end
        text = "".join(texts)
        self.paragraph_texts.append(text)
        number = len(self.paragraph_texts)
        if text.strip():
            kind = SegmentKind.HEADLINE if self._is_heading(paragraph) else SegmentKind.BODY
            self.segments.append(Segment(kind, text, tuple(chunks), f"p[{number}]"))
        self._offset = position + 1

    def _is_heading(self, paragraph: Any) -> bool:
        for properties in paragraph:
            if local_name(properties) != "ppr":
                continue
            for style in properties:
                if local_name(style) == "pstyle":
                    style_id = _attribute(style, "val") or ""
                    name = self.part.styles.get(style_id, style_id.lower())
                    return name.startswith(_HEADING_STYLES)
        return False

    def _pieces(self, node: Any) -> Iterator[tuple[Piece, Any]]:
        for child in node:
            name = local_name(child)
            if name is None:
                continue
            if name in _DELETED:
                self._tracked = True
            elif name in ("ins", "moveto"):
                self._tracked = True
                yield from self._pieces(child)
            elif name == "r":
                yield from self._run(child)
            elif name == "alternatecontent":
                fallback = [c for c in child if local_name(c) == "fallback"]
                yield from self._pieces(fallback[0]) if fallback else iter(())
            elif name in _TRANSPARENT:
                yield from self._pieces(child)
            else:
                self._note_unreadable(child)

    def _run(self, run: Any) -> Iterator[tuple[Piece, Any]]:
        for child in run:
            name = local_name(child)
            if name == "t":
                for piece in self.part.map.text_pieces(child):
                    yield piece, child
            elif name in _RUN_CHARACTERS:
                at = self.part.map.start_offset(child)
                yield Piece(_RUN_CHARACTERS[name], at, at, literal=False), None
            elif name == "sym":
                code = _attribute(child, "char") or ""
                try:
                    char = chr(int(code, 16))
                except ValueError:
                    continue
                at = self.part.map.start_offset(child)
                yield Piece(char, at, at, literal=False), None
            elif name is not None:
                self._note_unreadable(child)

    def _note_unreadable(self, node: Any) -> None:
        for element in node.iter():
            what = _UNREADABLE.get(local_name(element) or "")
            if what:
                self._unreadable.add(what)


def _paragraphs(body: Any) -> Iterator[Any]:
    """Body paragraphs in document order, table cells included, text boxes excluded."""
    for child in body:
        name = local_name(child)
        if name == "p":
            yield child
        elif name in ("tbl", "tr", "tc", "sdt", "sdtcontent", "customxml") or name in _TRANSPARENT:
            yield from _paragraphs(child)


class _Splicer:
    """Writes edits, given in document-text offsets, into the w:t texts of the zip."""

    def __init__(self, package: _Package, runs: _EditableRuns, text: str) -> None:
        self.package = package
        self.runs = runs
        self.text = text

    def splice(self, edits: Sequence[Edit]) -> bytes:
        source = self.package.main_xml()
        xml_text = source.text
        changes: list[tuple[int, int, str]] = []
        preserve: set[int] = set()
        runs = self.runs
        for edit in edits:
            run = self._run_for(edit)
            run_start, run_end = runs.starts[run], runs.ends[run]
            lo = runs.xml_starts[run] + edit.span.start - run_start
            hi = runs.xml_starts[run] + edit.span.end - run_start
            changes.append((lo, hi, _escape(edit.replacement)))
            new_text = (
                self.text[run_start : edit.span.start]
                + edit.replacement
                + self.text[edit.span.end : run_end]
            )
            if new_text != new_text.strip() and not runs.preserves_space[run]:
                preserve.add(runs.tag_starts[run])
        for at in preserve:
            end_of_name = at + 1
            while xml_text[end_of_name] not in " \t\r\n/>":
                end_of_name += 1
            changes.append((end_of_name, end_of_name, ' xml:space="preserve"'))
        for lo, hi, replacement in sorted(changes, reverse=True):
            xml_text = xml_text[:lo] + replacement + xml_text[hi:]
        data = source.bom + xml_text.encode(source.encoding)
        return _rezip(self.package, data)

    def _run_for(self, edit: Edit) -> int:
        start, end = edit.span.start, edit.span.end
        run = self.runs.holding(start, end)
        if run is not None:
            return run
        raise InputError(
            f"an edit at {start}..{end} crosses runs or markup in the DOCX; not applied",
            self.package.path,
        )


def _preserves_space(element: Any) -> bool:
    return element.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


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
