"""A Word file back to the editor: a copy of the checked `.docx` in which every finding is
a Word comment anchored at its span (the message, the suggestion, the glossary fact and
its source) and every fix is a tracked change authored "termcheck" (the old text deleted,
the new inserted) that the editor accepts or rejects in Word.

The body is read exactly as `checker.readers.docx` reads it (the same paragraph text, the
same offsets), so a finding's span names the `w:t` texts it covers. Runs are split only
where a span begins or ends, each half keeping the run's properties; everything else in
the file (styles, formatting, existing comments and tracked changes, every other part of
the package) is kept. A finding on text inside an existing insertion is anchored inside
it; text inside an existing deletion is never checked, so never annotated.
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import io
import itertools
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from checker.bundled import display_path
from checker.engine import Checker, Result
from checker.errors import InputError, UsageError
from checker.model import Applicability, Edit, Finding
from checker.output import write_atomic
from checker.readers.docx import _BodyReader, _MainPart, _Package
from checker.reporters.common import xml_text
from checker.source import read_source
from checker.xmlsafe import parse_xml

AUTHOR = "termcheck"
INITIALS = "tc"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class _Atom:
    """The text of one `w:t` at [start, end) of the document text."""

    start: int
    end: int
    element: Any


@dataclass
class _Body:
    """The document's `w:t` texts in order, split at the offsets that need a boundary."""

    atoms: list[_Atom]
    # Keyed by the elements themselves, which keeps their lxml proxies (and so their
    # identity) alive: w:r -> the w:del we moved it into, our w:del -> our w:ins after it.
    deletions: dict[Any, Any] = field(default_factory=dict)
    insertions: dict[Any, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, reader: _BodyReader) -> _Body:
        atoms: list[_Atom] = []
        for start, end, element in reader.text_elements or ():
            if atoms and atoms[-1].element is element and atoms[-1].end == start:
                atoms[-1].end = end
            else:
                atoms.append(_Atom(start, end, element))
        return cls([a for a in atoms if (a.element.text or "") and a.end > a.start])

    def cut(self, at: int) -> None:
        """Make `at` a boundary between two runs."""
        starts = [a.start for a in self.atoms]
        i = bisect.bisect_right(starts, at) - 1
        if i < 0:
            return
        atom = self.atoms[i]
        if not atom.start < at < atom.end:
            return
        k = at - atom.start
        right = _split_run(atom.element, k)
        self.atoms[i : i + 1] = [_Atom(atom.start, at, atom.element), _Atom(at, atom.end, right)]

    def within(self, start: int, end: int) -> list[_Atom]:
        return [a for a in self.atoms if start <= a.start and a.end <= end]

    def runs(self, start: int, end: int) -> list[Any]:
        runs: list[Any] = []
        for atom in self.within(start, end):
            run = atom.element.getparent()
            if not runs or runs[-1] is not run:
                runs.append(run)
        return runs

    def near(self, at: int) -> _Atom | None:
        """The atom that ends at or covers `at`, else the first after it."""
        before = [a for a in self.atoms if a.start < at <= a.end]
        if before:
            return before[-1]
        return next((a for a in self.atoms if a.start >= at), None)


def _split_run(text_element: Any, k: int) -> Any:
    """Split the run of `text_element` after its k-th character; the new run (same
    properties) holds the rest of the text and the run's later children. Returns the
    new `w:t`."""
    run = text_element.getparent()
    text = text_element.text or ""
    new_run = etree.Element(run.tag, dict(run.attrib), nsmap=run.nsmap)
    for properties in run:
        if properties.tag == _w("rPr"):
            new_run.append(copy.deepcopy(properties))
    new_text = etree.SubElement(new_run, text_element.tag, dict(text_element.attrib))
    new_text.text = text[k:]
    text_element.text = text[:k]
    for element in (text_element, new_text):
        element.set(_XML_SPACE, "preserve")
    for sibling in list(text_element.itersiblings()):
        new_run.append(sibling)
    run.addnext(new_run)
    return new_text


class _Ids:
    """Fresh ids for comments and revisions, above every id the package already uses."""

    def __init__(self, *roots: Any) -> None:
        used = [
            int(value)
            for root in roots
            for element in root.iter()
            if (value := element.get(_w("id"))) is not None and value.lstrip("-").isdigit()
        ]
        self._next = itertools.count(max(used, default=0) + 1)

    def __next__(self) -> str:
        return str(next(self._next))


@dataclass(frozen=True)
class Annotated:
    """The annotated copy and what went into it."""

    data: bytes
    comments: int
    tracked: int


def annotate_docx(result: Result, when: dt.datetime | None = None) -> bytes:
    return annotate(result, when).data


def annotate(result: Result, when: dt.datetime | None = None) -> Annotated:
    """The checked Word file with its findings as comments and its fixes tracked."""
    source = result.source
    if not source.is_archive or source.raw is None:
        raise InputError("only a Word (.docx) file can be annotated", source.path)
    package = _Package(source.raw, source.path)
    part = _MainPart(package)
    reader = _BodyReader(package, part.tree)
    if reader.text != source.text:
        raise InputError("the Word file changed while it was annotated", source.path)
    stamp = (when or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    comments = _CommentsPart(package)
    ids = _Ids(part.tree.getroot(), comments.root)
    body = _Body.of(reader)
    edits = _tracked_edits(result.findings)
    for at in sorted(
        {b for f in result.findings for b in (f.span.start, f.span.end)}
        | {b for e in edits for b in (e.span.start, e.span.end)}
    ):
        body.cut(at)
    tracked = [edit for edit in edits if _track(body, edit, ids, stamp)]
    for finding in result.findings:
        comment_id = next(ids)
        if _anchor(body, finding, comment_id):
            comments.add(comment_id, _comment_lines(finding, tracked), stamp)
    document_xml = etree.tostring(
        part.tree, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    data = _repack(package, document_xml, comments)
    return Annotated(data, comments.added, len(tracked))


def annotate_file(checker: Checker, path: str, out: str, encoding: str | None = None) -> Result:
    """`check story.docx --annotate OUT.docx`: write the annotated copy, return the check."""
    if not out.lower().endswith(".docx"):
        raise UsageError(f"--annotate {out!r}: the annotated copy is a .docx file")
    if Path(out).resolve() == Path(path).resolve():
        raise UsageError("--annotate writes a copy: give another file than the story")
    result = checker.check_source(read_source(path, encoding))
    if not result.source.is_archive:
        raise UsageError(f"--annotate needs a Word (.docx) story, not {path}")
    write_atomic(out, annotate_docx(result))
    return result


# -- tracked changes ----------------------------------------------------------------------


def _tracked_edits(findings: Sequence[Finding]) -> list[Edit]:
    """The edits of every fix (safe or unsafe; the editor decides in Word), without two
    that overlap or share a position."""
    taken: list[Edit] = []
    for finding in sorted(findings, key=lambda f: (f.span.start, -f.span.end, f.code)):
        fix = finding.fix
        if fix is None or fix.applicability < Applicability.UNSAFE:
            continue
        clash = any(
            e.span.overlaps(t.span) or e.span.start == t.span.start
            for e in fix.edits
            for t in taken
        )
        if not clash:
            taken.extend(fix.edits)
    return sorted(taken, key=lambda e: e.span.start)


def _track(body: _Body, edit: Edit, ids: _Ids, stamp: str) -> bool:
    """The edit as a deletion of the runs it covers followed by an insertion of the new
    text with the first run's properties. False when the span is not a whole sequence of
    sibling text runs (it is then only commented on)."""
    start, end = edit.span.start, edit.span.end
    runs = body.runs(start, end)
    covered = sum(a.end - a.start for a in body.within(start, end))
    if start == end:
        atom = body.near(start)
        if atom is None:
            return False
        anchor = atom.element.getparent()
        inserted = _insertion(edit.replacement, anchor, ids, stamp)
        if atom.end == start:
            anchor.addnext(inserted)
        else:
            anchor.addprevious(inserted)
        return True
    if not runs or covered != end - start or not _siblings(runs):
        return False
    deletion = etree.Element(
        _w("del"), {_w("id"): next(ids), _w("author"): AUTHOR, _w("date"): stamp}
    )
    runs[0].addprevious(deletion)
    for run in runs:
        deletion.append(run)
        for text in run.iter(_w("t")):
            text.tag = _w("delText")
            text.set(_XML_SPACE, "preserve")
        body.deletions[run] = deletion
    if edit.replacement:
        inserted = _insertion(edit.replacement, runs[0], ids, stamp)
        deletion.addnext(inserted)
        body.insertions[deletion] = inserted
    return True


def _siblings(runs: Sequence[Any]) -> bool:
    parent = runs[0].getparent()
    if any(run.tag != _w("r") or run.getparent() is not parent for run in runs):
        return False
    first = parent.index(runs[0])
    return [parent.index(run) for run in runs] == list(range(first, first + len(runs)))


def _insertion(text: str, model_run: Any, ids: _Ids, stamp: str) -> Any:
    inserted = etree.Element(
        _w("ins"), {_w("id"): next(ids), _w("author"): AUTHOR, _w("date"): stamp}
    )
    run = etree.SubElement(inserted, _w("r"))
    for properties in model_run:
        if properties.tag == _w("rPr"):
            run.append(copy.deepcopy(properties))
    text_element = etree.SubElement(run, _w("t"))
    text_element.set(_XML_SPACE, "preserve")
    text_element.text = xml_text(text)
    return inserted


# -- comments -----------------------------------------------------------------------------


def _anchor(body: _Body, finding: Finding, comment_id: str) -> bool:
    """Comment range markers around the finding's runs (around the tracked change when
    its fix is one), and the reference run after the range."""
    start, end = finding.span.start, finding.span.end
    runs = body.runs(start, end)
    if not runs:
        atom = body.near(start)
        if atom is None:
            return False
        runs = [atom.element.getparent()]
    first = body.deletions.get(runs[0], runs[0])
    last = body.deletions.get(runs[-1], runs[-1])
    last = body.insertions.get(last, last)
    first.addprevious(etree.Element(_w("commentRangeStart"), {_w("id"): comment_id}))
    range_end = etree.Element(_w("commentRangeEnd"), {_w("id"): comment_id})
    last.addnext(range_end)
    reference = etree.Element(_w("r"))
    etree.SubElement(reference, _w("commentReference"), {_w("id"): comment_id})
    range_end.addnext(reference)
    return True


def _comment_lines(finding: Finding, edits: Sequence[Edit]) -> list[str]:
    lines = [f"{finding.code} {finding.message}"]
    fix = finding.fix
    if fix is not None and finding.replacement is not None:
        tracked = fix.applicability >= Applicability.UNSAFE and any(e in edits for e in fix.edits)
        safety = fix.applicability.name.lower().replace("_", "-")
        how = "tracked change" if tracked else "not applied, edit by hand"
        lines.append(f"Suggestion: {finding.replacement!r} ({safety} fix; {how})")
    for fact in finding.related:
        where = f"{display_path(fact.glossary)}:{fact.line}" if fact.glossary else fact.entry
        status = "" if fact.status == "confirmed" else f" [{fact.status}]"
        source = f" — source: {fact.source}" if fact.source else ""
        lines.append(f"Glossary: {fact.entry} ({where}){status}{source}")
    return lines


class _CommentsPart:
    """The package's comments part: the existing one with ours appended, or a new one."""

    def __init__(self, package: _Package) -> None:
        self.package = package
        folder = package.part.rsplit("/", 1)[0] + "/" if "/" in package.part else ""
        self.rels_name = f"{folder}_rels/{package.part.rsplit('/', 1)[-1]}.rels"
        names = set(package.zip.namelist())
        self.rels = (
            parse_xml(package.member(self.rels_name), f"{package.path}:{self.rels_name}")
            if self.rels_name in names
            else None
        )
        target = self._existing_target()
        self.name = folder + (target or "comments.xml")
        self.exists = target is not None and self.name in names
        if self.exists:
            self.root = parse_xml(
                package.member(self.name), f"{package.path}:{self.name}"
            ).getroot()
        else:
            self.root = etree.Element(_w("comments"), nsmap={"w": W})
        self.added = 0

    def _existing_target(self) -> str | None:
        if self.rels is None:
            return None
        for relation in self.rels.getroot():
            if relation.get("Type") == _COMMENTS_REL:
                return str(relation.get("Target", "")).lstrip("/").rsplit("/", 1)[-1]
        return None

    def add(self, comment_id: str, lines: Sequence[str], stamp: str) -> None:
        comment = etree.SubElement(
            self.root,
            _w("comment"),
            {
                _w("id"): comment_id,
                _w("author"): AUTHOR,
                _w("date"): stamp,
                _w("initials"): INITIALS,
            },
        )
        for i, line in enumerate(lines):
            paragraph = etree.SubElement(comment, _w("p"))
            if i == 0:
                etree.SubElement(etree.SubElement(paragraph, _w("r")), _w("annotationRef"))
            text = etree.SubElement(etree.SubElement(paragraph, _w("r")), _w("t"))
            text.set(_XML_SPACE, "preserve")
            text.text = xml_text(line)
        self.added += 1

    def members(self) -> Iterator[tuple[str, bytes]]:
        """The parts to write: the comments, and the relationship and content type that
        announce a new comments part."""
        if not self.added:
            return
        yield self.name, _xml(self.root)
        if self.exists:
            return
        rels = (
            self.rels.getroot()
            if self.rels is not None
            else etree.Element(f"{{{_RELS}}}Relationships", nsmap={None: _RELS})  # type: ignore[dict-item]
        )
        taken = {r.get("Id") for r in rels}
        number = next(n for n in itertools.count(1) if f"rIdTc{n}" not in taken)
        etree.SubElement(
            rels,
            f"{{{_RELS}}}Relationship",
            {"Id": f"rIdTc{number}", "Type": _COMMENTS_REL, "Target": self.name.rsplit("/", 1)[-1]},
        )
        yield self.rels_name, _xml(rels)
        types = parse_xml(self.package.member("[Content_Types].xml"), self.package.path).getroot()
        part_name = "/" + self.name
        if not any(o.get("PartName") == part_name for o in types):
            etree.SubElement(
                types,
                f"{{{_CONTENT_TYPES}}}Override",
                {"PartName": part_name, "ContentType": _COMMENTS_TYPE},
            )
        yield "[Content_Types].xml", _xml(types)


def _xml(root: Any) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _repack(package: _Package, document_xml: bytes, comments: _CommentsPart) -> bytes:
    replaced = {package.part: document_xml, **dict(comments.members())}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.comment = package.zip.comment
        for info in package.zip.infolist():
            data = replaced.pop(info.filename, None)
            if data is None:
                data = package.zip.read(info)
            target.writestr(info, data, compress_type=info.compress_type)
        for name, data in replaced.items():
            target.writestr(name, data)
    return out.getvalue()
